import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { queueNotices } from "@/lib/notices/queue";
import { STATUS_FIELDS, statusInForce } from "@/lib/services/suitability/pi-status-internal";
import { RevokePiStatusInput } from "@/lib/services/suitability/pi-status-schemas";
import { reconcileVenueAccess, type VenueAccessOutcome } from "@/lib/services/trading/sync-venue-access";

/**
 * PI-7: a compliance officer revokes a client's professional-investor status, with the reason (the
 * client is told it), after a fresh second factor as for every officer decision. It takes effect at
 * once: the entitlement becomes reduce-only, the engine account is put in reduce-only with its resting
 * opening orders cancelled, the revocation is recorded on the case (when, who, why) and audited, and
 * the client gets a notice. A later approval of a new submission restores access.
 */
export async function revokePiStatus({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RevokePiStatusInput;
}): Promise<{ revokedAt: Date; venue: VenueAccessOutcome }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { userId, reason } = RevokePiStatusInput.parse(input);
  if (userId === actor.userId) throw new Forbidden(msg("errors.review.ownApplication"));
  const now = ctx.now();
  await withTransaction(ctx, async (tx) => {
    const row = await tx.onboardingCase.findUnique({ where: { userId }, select: STATUS_FIELDS });
    if (!row) throw new NotFound(msg("errors.piStatus.noSuchClient"));
    if (!statusInForce(row, now)) throw new Conflict(msg("errors.piStatus.nothingToRevoke"));
    // Conditional on what was read: a concurrent withdrawal, revocation or approval makes this one refused whole.
    const changed = await tx.onboardingCase.updateMany({
      where: { userId, verifiedAt: row.verifiedAt, withdrawnAt: row.withdrawnAt, revokedAt: row.revokedAt },
      data: { revokedAt: now, revokedById: actor.userId, revocationReason: reason },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.piStatus.changed"));
    await recordAudit(tx, ctx, {
      action: "onboarding.pi_revoked",
      entity: "OnboardingCase",
      entityId: userId,
      before: { verifiedAt: row.verifiedAt, expiresAt: row.expiresAt, revokedAt: row.revokedAt },
      after: { revokedAt: now, revokedById: actor.userId, entitlement: "reduce_only", code: "PI_STATUS_REVOKED" },
      reason,
    });
    await queueNotices(
      tx,
      [{ userId, kind: "piRevoked", params: { date: now.toISOString().slice(0, 10), reason }, dedupeKey: `pi-revoked:${userId}:${now.toISOString()}` }],
      now,
    );
  });
  return { revokedAt: now, venue: await reconcileVenueAccess(ctx, userId) };
}
