import "server-only";
import { LONGEST_RETENTION_YEARS, RETENTION_POLICY, subtractYears } from "@/lib/retention/policy";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { purgeComplaintLocked, purgeLocked, type ComplaintPurgeOutcome, type PurgeOutcome } from "./internal";

/**
 * The daily purge (REC-7): every client whose retention has ended and who is under no legal hold is
 * erased, with their complaints; then every complaint or enquiry of no living client account (the
 * public's, or one whose client was erased before it closed) whose retention has ended and which no
 * hold covers. One transaction per client or complaint, so one failure leaves the others done. One
 * held records retention.purge_held once per hold situation (not once a day), and is not touched
 * otherwise. Runs on two servers at once are safe: each purge locks its row and re-checks.
 */

export const RETENTION_JOB_EVERY_MS = 24 * 3_600_000;
/** Clients, and complaints, looked at per run; the rest wait a day (a backlog this large only follows a long outage). */
const BATCH = 500;

type Tally = { purged: number; held: number; skipped: number };

export async function runRetentionPurgeJob({ db, now }: { db: Db; now: () => Date }) {
  const ctx: ServiceContext = { actor: null, db, now };
  // Nobody closed less than the longest period ago can be past retention; purgeLocked applies the rule itself.
  const clients = await db.user.findMany({
    where: { family: "CLIENT", erasedAt: null, closedAt: { lte: subtractYears(now(), LONGEST_RETENTION_YEARS) } },
    orderBy: [{ closedAt: "asc" }, { id: "asc" }],
    take: BATCH,
    select: { id: true },
  });
  const result: Tally = { purged: 0, held: 0, skipped: 0 };
  for (const { id } of clients) count(result, await purgeOne(ctx, "User", id, (tx) => purgeLocked(tx, ctx, id)));

  // After the clients, so a client purged above has taken their complaints along. purgeComplaintLocked
  // re-checks everything under the complaint's row lock, including that no living client owns it.
  const complaints = await db.$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Complaint" c
    WHERE c."erasedAt" IS NULL AND c."closedAt" <= ${subtractYears(now(), RETENTION_POLICY.complaints.years)}
      AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = c."userId" AND u."erasedAt" IS NULL)
    ORDER BY c."closedAt", c."id" LIMIT ${BATCH}`;
  const complaintResult: Tally = { purged: 0, held: 0, skipped: 0 };
  for (const { id } of complaints) count(complaintResult, await purgeOne(ctx, "Complaint", id, (tx) => purgeComplaintLocked(tx, ctx, id)));
  return { ...result, complaints: complaintResult };
}

function count(tally: Tally, status: string) {
  if (status === "purged") tally.purged += 1;
  else if (status === "held") tally.held += 1;
  else tally.skipped += 1;
}

async function purgeOne(
  ctx: ServiceContext,
  entity: "User" | "Complaint",
  id: string,
  purge: (tx: Tx) => Promise<PurgeOutcome | ComplaintPurgeOutcome>,
): Promise<string> {
  const outcome = await withTransaction(
    ctx,
    async (tx) => {
      const outcome = await purge(tx);
      if (outcome.status !== "held") return outcome;
      // Once per situation: a refusal already recorded since the newest blocking hold was placed is not repeated.
      const recorded = await tx.auditLog.findFirst({
        where: { action: "retention.purge_held", entity, entityId: id, at: { gte: outcome.latestPlacedAt } },
        select: { seq: true },
      });
      if (!recorded) await recordAudit(tx, ctx, { action: "retention.purge_held", entity, entityId: id, after: { holdIds: outcome.holdIds } });
      return outcome;
    },
    { timeoutMs: 60_000 },
  );
  return outcome.status;
}
