import "server-only";
import { TotpCodeInput } from "@/lib/services/users/schemas";
import { checkTotp } from "@/lib/auth/totp";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, Precondition } from "@/lib/services/errors";

/** Finish enrolment with a code from the new secret; the proof also counts as a step-up for this session. */
export async function confirmTotpEnrolment({ ctx, input }: { ctx: ServiceContext; input: TotpCodeInput }): Promise<void> {
  const actor = authorize(ctx, "account.manage");
  const { code } = TotpCodeInput.parse(input);
  const now = ctx.now();
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpPendingSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new Precondition("Two-factor authentication is already set up on this account.");
  if (!user.totpPendingSecret) throw new Precondition("Start enrolment first: no authenticator secret is waiting to be confirmed.");
  const step = await checkTotp(user.totpPendingSecret, code, null, now);
  if (step === null) throw new Invalid("That code does not match the new secret. Check the app shows this account and try the current code.", { code: ["That code does not match"] });
  await withTransaction(ctx, async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { stepUpAt: now } });
    await recordAudit(tx, ctx, { action: "user.totp_enrolled", entity: "User", entityId: actor.userId });
  });
}
