import "server-only";
import { TotpCodeInput } from "@/lib/services/users/schemas";
import { checkTotp } from "@/lib/auth/totp";
import { openTotpSecret } from "@/lib/auth/totp-secret-box";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, Precondition } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";

const ALREADY_ENROLLED = msg("errors.users.totpAlreadyEnrolled");

/** Finish enrolment with a code from the new secret; the proof also counts as a step-up for this session. */
export async function confirmTotpEnrolment({ ctx, input }: { ctx: ServiceContext; input: TotpCodeInput }): Promise<void> {
  const actor = authorize(ctx, "account.manage");
  const { code } = TotpCodeInput.parse(input);
  const now = ctx.now();
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpPendingSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new Precondition(ALREADY_ENROLLED);
  const pending = user.totpPendingSecret;
  if (!pending) throw new Precondition(msg("errors.users.totpNoPendingSecret"));
  const step = await checkTotp(openTotpSecret(actor.userId, pending), code, null, now);
  if (step === null) throw new Invalid(msg("errors.users.totpCodeMismatch"), { code: [msg("validation.users.totpCodeMismatch")] });
  const confirmed = await withTransaction(ctx, async (tx) => {
    // Promote only the secret the code was checked against, and only once: of parallel confirmations
    // (or one racing a restarted enrolment) the conditional update lets exactly one through.
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, totpEnabledAt: null, totpPendingSecret: pending },
      data: { totpSecret: pending, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    if (count === 0) return false;
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { stepUpAt: now } });
    await recordAudit(tx, ctx, { action: "user.totp_enrolled", entity: "User", entityId: actor.userId });
    return true;
  });
  if (confirmed) return;
  const after = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
  throw new Precondition(after.totpEnabledAt ? ALREADY_ENROLLED : msg("errors.users.totpEnrolmentRestarted"));
}
