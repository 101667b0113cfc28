import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { queueNotices } from "@/lib/notices/queue";
import { STATUS_FIELDS, statusInForce } from "@/lib/services/suitability/pi-status-internal";
import { WithdrawPiConsentInput } from "@/lib/services/suitability/pi-status-schemas";
import { reconcileVenueAccess, type VenueAccessOutcome } from "@/lib/services/trading/sync-venue-access";

/**
 * PI-7: the signed-in client withdraws consent to being treated as a professional investor, at any
 * time, after confirming they understood the consequences. It takes effect at once: the entitlement
 * becomes reduce-only (entitlement.ts), the engine account is put in reduce-only with its resting
 * opening orders cancelled, the withdrawal is recorded on the case and audited, and the client gets a
 * notice (inbox and e-mail). A later approval restores access.
 */
export async function withdrawPiConsent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: WithdrawPiConsentInput;
}): Promise<{ withdrawnAt: Date; venue: VenueAccessOutcome }> {
  const actor = authorize(ctx, "portal.view");
  WithdrawPiConsentInput.parse(input);
  const now = ctx.now();
  await withTransaction(ctx, async (tx) => {
    const row = await tx.onboardingCase.findUnique({ where: { userId: actor.userId }, select: { ...STATUS_FIELDS, statusChangedAt: true } });
    if (!row || !statusInForce(row, now)) {
      if (row?.withdrawnAt && row.verifiedAt && row.withdrawnAt >= row.verifiedAt)
        throw new Conflict(msg("errors.piStatus.alreadyWithdrawn", { date: row.withdrawnAt.toISOString().slice(0, 10) }));
      throw new Conflict(msg("errors.piStatus.nothingToWithdraw"));
    }
    // Conditional on what was read: a concurrent withdrawal, revocation or approval makes this one refused whole.
    const changed = await tx.onboardingCase.updateMany({
      where: { userId: actor.userId, verifiedAt: row.verifiedAt, withdrawnAt: row.withdrawnAt, revokedAt: row.revokedAt },
      data: { withdrawnAt: now },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.piStatus.changed"));
    await recordAudit(tx, ctx, {
      action: "onboarding.pi_withdrawn",
      entity: "OnboardingCase",
      entityId: actor.userId,
      before: { verifiedAt: row.verifiedAt, expiresAt: row.expiresAt, withdrawnAt: row.withdrawnAt },
      after: { withdrawnAt: now, entitlement: "reduce_only", code: "PI_STATUS_WITHDRAWN" },
      reason: "client withdrew consent to professional-investor treatment",
    });
    await queueNotices(
      tx,
      [
        {
          userId: actor.userId,
          kind: "piWithdrawn",
          params: { date: now.toISOString().slice(0, 10) },
          dedupeKey: `pi-withdrawn:${actor.userId}:${now.toISOString()}`,
        },
      ],
      now,
    );
  });
  return { withdrawnAt: now, venue: await reconcileVenueAccess(ctx, actor.userId) };
}
