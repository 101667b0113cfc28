import "server-only";
import { toCsv } from "@/lib/csv";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { listConflicts } from "@/lib/services/conflicts/list-conflicts";
import { ListConflictsInput } from "@/lib/services/conflicts/schemas";

const COLUMNS = [
  "id",
  "title",
  "description",
  "status",
  "ownerName",
  "ownerEmail",
  "mitigation",
  "reviewDate",
  "reviewOverdue",
  "version",
  "sourceReviewId",
  "createdAt",
  "updatedAt",
] as const;

/** AFMM-3: the register (as filtered) as CSV; the export is itself audited. */
export async function exportConflicts({ ctx, input }: { ctx: ServiceContext; input: ListConflictsInput }): Promise<{ csv: string; rows: number }> {
  authorize(ctx, "afmm.oversight.view");
  const filter = parseInput(ListConflictsInput, input);
  const rows = await listConflicts({ ctx, input: filter });
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "report.generate", entity: "ConflictEntry", entityId: "csv-export", after: { filter, rows: rows.length } }),
  );
  return {
    csv: toCsv(
      COLUMNS,
      rows.map((row) => COLUMNS.map((column) => row[column])),
    ),
    rows: rows.length,
  };
}
