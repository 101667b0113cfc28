import "server-only";
import { TotpCodeInput } from "@/lib/services/users/schemas";
import { checkTotp } from "@/lib/auth/totp";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, Locked, Precondition } from "@/lib/services/errors";
import { lockedUntil, registerFailure } from "@/lib/services/auth/throttle";

/**
 * Prove a fresh second factor for this session (SEC-1 step-up), which requireStepUp then accepts for
 * STEP_UP_WINDOW_MS. Wrong codes count towards the same lock as sign-in failures.
 */
export async function stepUp({ ctx, input }: { ctx: ServiceContext; input: TotpCodeInput }): Promise<void> {
  const actor = authorize(ctx, "account.manage");
  const { code } = TotpCodeInput.parse(input);
  const now = ctx.now();
  const until = await lockedUntil(ctx.db, actor.email, now);
  if (until) throw new Locked(until);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecret: true, totpLastStep: true } });
  if (!user.totpSecret) throw new Precondition("Enrol an authenticator app on your account page first.");
  const step = await checkTotp(user.totpSecret, code, user.totpLastStep, now);
  if (step === null) {
    const outcome = await withTransaction(ctx, async (tx) => {
      await recordAudit(tx, ctx, { action: "auth.step_up_failed", entity: "AuthSession", entityId: actor.sessionId.slice(0, 12), reason: "wrong TOTP code" });
      return registerFailure(tx, ctx, actor.email, now);
    });
    if ("lockedUntil" in outcome) throw new Locked(outcome.lockedUntil);
    throw new Invalid("That code is wrong, expired or already used. Wait for the next code and try again.", { code: ["That code is wrong, expired or already used."] });
  }
  await withTransaction(ctx, async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { totpLastStep: step } });
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { stepUpAt: now } });
    await recordAudit(tx, ctx, { action: "auth.step_up", entity: "AuthSession", entityId: actor.sessionId.slice(0, 12) });
  });
}
