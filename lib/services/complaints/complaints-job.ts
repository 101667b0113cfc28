import "server-only";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { appendEvent } from "./internal";

/**
 * CMP-1, EDU-2: the complaints job. A complaint not acknowledged by its acknowledgement deadline, and
 * a complaint or an enquiry not answered by its response deadline, is escalated: flagged on the
 * complaint, written to its log and audited, once per deadline. Safe on several servers at once: the
 * flag is set by a conditional update, so a second run finds it set and does nothing.
 */

export const COMPLAINTS_EVERY_MS = 60_000;
const BATCH = 100;

export async function runComplaintsJob({ db, now }: { db: Db; now: () => Date }): Promise<{ escalated: number }> {
  const ctx: ServiceContext = { actor: null, db, now };
  const at = now();
  let escalated = 0;
  const unacknowledged = await db.complaint.findMany({
    where: { kind: "complaint", acknowledgedAt: null, closedAt: null, acknowledgeEscalatedAt: null, acknowledgeDueAt: { lte: at } },
    select: { id: true },
    orderBy: { acknowledgeDueAt: "asc" },
    take: BATCH,
  });
  for (const { id } of unacknowledged) if (await escalate(ctx, id, "acknowledge", at)) escalated += 1;
  const unanswered = await db.complaint.findMany({
    where: { closedAt: null, responseEscalatedAt: null, responseDueAt: { lte: at } },
    select: { id: true },
    orderBy: { responseDueAt: "asc" },
    take: BATCH,
  });
  for (const { id } of unanswered) if (await escalate(ctx, id, "response", at)) escalated += 1;
  return { escalated };
}

async function escalate(ctx: ServiceContext, id: string, deadline: "acknowledge" | "response", at: Date): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    // Under a parallel run the second update waits for the first's row lock, then finds the flag set.
    const { count } =
      deadline === "acknowledge"
        ? await tx.complaint.updateMany({
            where: { id, acknowledgedAt: null, closedAt: null, acknowledgeEscalatedAt: null, acknowledgeDueAt: { lte: at } },
            data: { acknowledgeEscalatedAt: at },
          })
        : await tx.complaint.updateMany({
            where: { id, closedAt: null, responseEscalatedAt: null, responseDueAt: { lte: at } },
            data: { responseEscalatedAt: at },
          });
    if (!count) return false;
    const complaint = await tx.complaint.findUniqueOrThrow({ where: { id }, select: { reference: true, acknowledgeDueAt: true, responseDueAt: true } });
    const dueAt = deadline === "acknowledge" ? complaint.acknowledgeDueAt! : complaint.responseDueAt;
    await appendEvent(tx, { complaintId: id, kind: "escalated", actorId: null, at, data: { deadline, dueAt: dueAt.toISOString() } });
    await recordAudit(tx, ctx, {
      action: "complaint.escalate",
      entity: "Complaint",
      entityId: id,
      after: { reference: complaint.reference, deadline, dueAt: dueAt.toISOString(), overdueMs: at.getTime() - dueAt.getTime() },
    });
    return true;
  });
}
