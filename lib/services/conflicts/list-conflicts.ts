import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { dateOfDay, dayOf, toRecords, type ConflictRecord } from "@/lib/services/conflicts/internal";
import { ListConflictsInput } from "@/lib/services/conflicts/schemas";

export const CONFLICT_LIST_MAX = 500;

/** AFMM-3: the register, filtered by status and by review overdue, soonest review first. */
export async function listConflicts({ ctx, input }: { ctx: ServiceContext; input: ListConflictsInput }): Promise<ConflictRecord[]> {
  authorize(ctx, "afmm.oversight.view");
  const filter = parseInput(ListConflictsInput, input);
  const now = ctx.now();
  const rows = await ctx.db.conflictEntry.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.overdue
        ? { status: filter.status && filter.status !== "CLOSED" ? filter.status : { not: "CLOSED" }, reviewDate: { lt: dateOfDay(dayOf(now)) } }
        : {}),
    },
    orderBy: [{ reviewDate: "asc" }, { createdAt: "asc" }],
    take: CONFLICT_LIST_MAX,
  });
  return toRecords(ctx.db, rows, now);
}
