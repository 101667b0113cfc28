import "server-only";
import { canonicalJson, type AuditRow } from "@/lib/audit/chain";
import { toCsv } from "@/lib/csv";
import type { AuditLogFilter } from "@/lib/services/audit-log/schemas";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { AUDIT_ROW_SELECT, auditWhere } from "@/lib/services/audit-log/internal";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { filterRef } from "@/lib/services/access-log-ref";

export const EXPORT_LIMIT = 50_000;

/**
 * The filtered log as CSV (oldest first, with the hashes and hash versions, so an export can be
 * re-verified by whoever holds the audit key). The export is itself audited.
 */
export async function exportAuditEntries({ ctx, input }: { ctx: ServiceContext; input: AuditLogFilter }): Promise<{ csv: string; rows: number }> {
  const actor = authorize(ctx, "audit.export");
  const where = auditWhere(input);
  await recordClientDataAccess(ctx.db, actor, { resource: "audit_log_export", subjectRef: filterRef(input), purpose: "audit log export" }, ctx.now());
  const rows = await ctx.db.auditLog.findMany({ where, select: AUDIT_ROW_SELECT, orderBy: { seq: "asc" }, take: EXPORT_LIMIT });
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "report.generate",
      entity: "AuditLog",
      entityId: "csv-export",
      after: { filter: { ...input, before: input.before?.toString() }, rows: rows.length },
    }),
  );
  return { csv: auditCsv(rows), rows: rows.length };
}

const COLUMNS = ["seq", "at", "actorId", "actorEmail", "action", "entity", "entityId", "before", "after", "reason", "prevHash", "hash", "hashVersion"] as const;

/** One row per entry; before and after as canonical JSON, the form their hash covers. */
function auditCsv(rows: AuditRow[]): string {
  return toCsv(
    COLUMNS,
    rows.map((row) =>
      COLUMNS.map((column) => {
        const value = row[column];
        return value !== null && typeof value === "object" && !(value instanceof Date) ? canonicalJson(value) : value;
      }),
    ),
  );
}
