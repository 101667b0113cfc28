import "server-only";
import { recordAudit } from "@/lib/services/audit";
import type { Db, ServiceContext } from "@/lib/services/context";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

const scalarText = (value: unknown): string =>
  typeof value === "string" || typeof value === "number" || typeof value === "bigint" ? String(value) : JSON.stringify(value);

/** The journal cursor of this projection. */
export const RISK_PROPOSALS_CURSOR = "risk-proposals";
const BATCH = 500;

/**
 * Scheduled market parameter changes follow the engine: when the journal shows the engine applied a
 * schedule (`MarketParametersUpdated {scheduleId}`) or could not (`ScheduledParametersFailed`), the
 * proposal holding that schedule becomes APPLIED or FAILED, audited, with the cursor in the same
 * transaction (a repeat writes nothing twice).
 */
export async function runScheduledProposalsProjection(db: Db, now: () => Date = () => new Date()): Promise<{ applied: number; failed: number }> {
  const ctx: ServiceContext = { actor: null, db, now };
  const total = { applied: 0, failed: 0 };
  for (;;) {
    const cursor = await db.journalCursor.upsert({ where: { name: RISK_PROPOSALS_CURSOR }, create: { name: RISK_PROPOSALS_CURSOR, seq: 0n }, update: {} });
    const events = await db.engineEvent.findMany({
      where: { seq: { gt: cursor.seq }, type: { in: ["MarketParametersUpdated", "ScheduledParametersFailed"] } },
      orderBy: { seq: "asc" },
      take: BATCH,
      select: EVENT_COLUMNS,
    });
    if (events.length === 0) return total;
    await db.$transaction(async (tx) => {
      for (const event of events) {
        const payload = decodeEvent(event) as unknown as { scheduleId?: unknown; message?: unknown; reason?: unknown };
        if (payload.scheduleId === undefined || payload.scheduleId === null) continue;
        const proposal = await tx.riskProposal.findFirst({ where: { engineScheduleId: scalarText(payload.scheduleId), status: "SCHEDULED" } });
        if (!proposal) continue;
        const failed = event.type === "ScheduledParametersFailed";
        const failure = failed ? scalarText(payload.message ?? payload.reason ?? "refused by the engine") : null;
        // Guarded by status: a page's catch-up and the job may run at once; one of them moves it.
        const moved = await tx.riskProposal.updateMany({
          where: { id: proposal.id, status: "SCHEDULED" },
          data: failed
            ? { status: "FAILED", failure, version: proposal.version + 1 }
            : { status: "APPLIED", appliedSeq: event.seq, appliedAt: now(), version: proposal.version + 1 },
        });
        if (moved.count === 0) continue;
        await recordAudit(tx, ctx, {
          action: failed ? "risk.apply_failed" : "risk.apply",
          entity: "RiskProposal",
          entityId: proposal.id,
          after: failed ? { failure, seq: Number(event.seq) } : { seq: Number(event.seq), engineTimeMs: Number(event.nowMs) },
        });
        if (failed) total.failed++;
        else total.applied++;
      }
      await tx.journalCursor.update({ where: { name: RISK_PROPOSALS_CURSOR }, data: { seq: events[events.length - 1].seq } });
    });
    if (events.length < BATCH) return total;
  }
}

/**
 * Catch up before a read that shows proposal status: cheap when nothing is scheduled, and the page
 * then never shows "scheduled" for a change the engine has already applied, whatever the job's timing.
 */
export async function catchUpScheduledProposals(db: Db, now: () => Date): Promise<void> {
  if ((await db.riskProposal.count({ where: { status: "SCHEDULED" } })) === 0) return;
  await runScheduledProposalsProjection(db, now);
}
