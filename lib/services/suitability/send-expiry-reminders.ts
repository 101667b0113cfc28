import "server-only";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { EXPIRY_REMINDER_DAYS } from "@/lib/services/suitability/entitlement";

const DAY_MS = 86_400_000;

/**
 * PI-8 reminders: for every client whose status expires within 60 days, the notice for the nearest
 * threshold passed (60, 30 or 7 days), and one on expiry. Keyed by client, expiry and threshold, so
 * running the sweep again (every few minutes, on several servers) sends nothing twice; a sweep that
 * first runs 10 days before expiry sends the 30-day notice, not a late 60-day one as well.
 */
export async function sendExpiryReminders({ ctx }: { ctx: Pick<ServiceContext, "db" | "now"> }): Promise<{ sent: number }> {
  const now = ctx.now();
  const horizon = new Date(now.getTime() + EXPIRY_REMINDER_DAYS[0] * DAY_MS);
  const due = await ctx.db.onboardingCase.findMany({
    where: { expiresAt: { not: null, lte: horizon, gt: new Date(now.getTime() - DAY_MS) }, verifiedAt: { not: null } },
    select: { userId: true, expiresAt: true, verifiedAt: true, withdrawnAt: true, revokedAt: true },
  });
  let sent = 0;
  for (const { userId, expiresAt, verifiedAt, withdrawnAt, revokedAt } of due) {
    // PI-7: a status withdrawn or revoked since its approval has ended already; it does not expire again.
    if ((withdrawnAt && withdrawnAt >= verifiedAt!) || (revokedAt && revokedAt >= verifiedAt!)) continue;
    const msLeft = expiresAt!.getTime() - now.getTime();
    const threshold = msLeft <= 0 ? 0 : [...EXPIRY_REMINDER_DAYS].reverse().find((d) => msLeft <= d * DAY_MS);
    if (threshold === undefined) continue;
    const dedupeKey = `pi-expiry:${userId}:${expiresAt!.toISOString()}:${threshold}`;
    const date = expiresAt!.toISOString().slice(0, 10);
    const created = await withTransaction({ ...ctx, actor: null }, async (tx) => {
      const result = await tx.clientNotice.createMany({
        data: [
          {
            userId,
            kind: threshold === 0 ? "pi.expired" : `pi.expiry_reminder_${threshold}d`,
            title: threshold === 0 ? "Professional-investor status expired" : `Professional-investor status expires in ${threshold} days or less`,
            body:
              threshold === 0
                ? `Your verified professional-investor status expired on ${date}. Only reduce-only orders are accepted until a compliance officer verifies it again: renew it under Onboarding.`
                : `Your verified professional-investor status expires on ${date}. Submit up-to-date evidence under Onboarding before then; after expiry only reduce-only orders are accepted.`,
            createdAt: now,
            dedupeKey,
          },
        ],
        skipDuplicates: true,
      });
      if (result.count > 0)
        await recordAudit(
          tx,
          { ...ctx, actor: null },
          {
            action: "onboarding.expiry_reminder",
            entity: "ClientNotice",
            entityId: dedupeKey,
            after: { userId, expiresAt: expiresAt!.toISOString(), thresholdDays: threshold },
          },
        );
      return result.count;
    });
    sent += created;
  }
  return { sent };
}
