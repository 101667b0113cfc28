import "server-only";
import { TotpCodeInput } from "@/lib/services/users/schemas";
import { checkTotp } from "@/lib/auth/totp";
import { openTotpSecret } from "@/lib/auth/totp-secret-box";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, Precondition, type ServiceError } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { claimTotpStep } from "@/lib/services/auth/totp-step";
import { accountLocked, BURST, clearFailures, recordFailure, reserveAttempt, type Reservation } from "@/lib/services/auth/throttle";

/**
 * Prove a fresh second factor for this session (SEC-1 step-up), which requireStepUp then accepts for
 * STEP_UP_WINDOW_MS. Each attempt counts towards the same lock as sign-in attempts before its code is
 * checked, and a code is marked used in the transaction that records the step-up.
 */
export async function stepUp({ ctx, input }: { ctx: ServiceContext; input: TotpCodeInput }): Promise<void> {
  const actor = authorize(ctx, "account.manage");
  const { code } = TotpCodeInput.parse(input);
  const now = ctx.now();
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecret: true, totpLastStep: true } });
  if (!user.totpSecret) throw new Precondition(msg("errors.auth.enrolFirst"));
  const session = actor.sessionId.slice(0, 12);
  const reservation = await reserveAttempt(ctx, actor.email, now, { action: "auth.step_up_failed", entity: "AuthSession", entityId: session });
  if (!reservation.granted) throw accountLocked(reservation.lockedUntil);

  const step = await checkTotp(openTotpSecret(actor.userId, user.totpSecret), code, user.totpLastStep, now);
  const accepted =
    step !== null &&
    (await withTransaction(
      ctx,
      async (tx) => {
        if (!(await claimTotpStep(tx, actor.userId, step))) return false;
        await clearFailures(tx, actor.email);
        await tx.authSession.update({ where: { id: actor.sessionId }, data: { stepUpAt: now } });
        await recordAudit(tx, ctx, { action: "auth.step_up", entity: "AuthSession", entityId: session });
        return true;
      },
      BURST,
    ));
  if (!accepted) throw await fail(ctx, actor.email, session, reservation);
}

async function fail(ctx: ServiceContext, email: string, session: string, reservation: Reservation & { granted: true }): Promise<ServiceError> {
  await withTransaction(
    ctx,
    async (tx) => {
      await recordAudit(tx, ctx, { action: "auth.step_up_failed", entity: "AuthSession", entityId: session, reason: "wrong TOTP code" });
      await recordFailure(tx, ctx, email, reservation);
    },
    BURST,
  );
  if (reservation.lockedUntil) return accountLocked(reservation.lockedUntil);
  return new Invalid(msg("errors.auth.stepUpCodeWrong"), { code: [msg("validation.users.stepUpCodeWrong")] });
}
