import "server-only";
import { LONGEST_RETENTION_YEARS, subtractYears } from "@/lib/retention/policy";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { purgeLocked } from "./internal";

/**
 * The daily purge (REC-7): every client whose retention has ended and who is under no legal hold is
 * erased, one transaction per client, so one failure leaves the others done. A client held records
 * retention.purge_held once per hold situation (not once a day), and is not touched otherwise.
 * Runs on two servers at once are safe: purgeLocked locks the client's row and re-checks.
 */

export const RETENTION_JOB_EVERY_MS = 24 * 3_600_000;
/** Clients looked at per run; the rest wait a day (a backlog this large only follows a long outage). */
const BATCH = 500;

export async function runRetentionPurgeJob({ db, now }: { db: Db; now: () => Date }) {
  const ctx: ServiceContext = { actor: null, db, now };
  // Nobody closed less than the longest period ago can be past retention; purgeLocked applies the rule itself.
  const candidates = await db.user.findMany({
    where: { family: "CLIENT", erasedAt: null, closedAt: { lte: subtractYears(now(), LONGEST_RETENTION_YEARS) } },
    orderBy: [{ closedAt: "asc" }, { id: "asc" }],
    take: BATCH,
    select: { id: true },
  });
  const result = { purged: 0, held: 0, skipped: 0 };
  for (const { id } of candidates) {
    const outcome = await withTransaction(
      ctx,
      async (tx) => {
        const outcome = await purgeLocked(tx, ctx, id);
        if (outcome.status !== "held") return outcome;
        // Once per situation: a refusal already recorded since the newest blocking hold was placed is not repeated.
        const recorded = await tx.auditLog.findFirst({
          where: { action: "retention.purge_held", entity: "User", entityId: id, at: { gte: outcome.latestPlacedAt } },
          select: { seq: true },
        });
        if (!recorded) await recordAudit(tx, ctx, { action: "retention.purge_held", entity: "User", entityId: id, after: { holdIds: outcome.holdIds } });
        return outcome;
      },
      { timeoutMs: 60_000 },
    );
    if (outcome.status === "purged") result.purged += 1;
    else if (outcome.status === "held") result.held += 1;
    else result.skipped += 1;
  }
  return result;
}
