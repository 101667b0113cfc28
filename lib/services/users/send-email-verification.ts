import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Precondition, TooManyAttempts } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { EMAIL_RESEND_GAP_MS, EMAIL_RESEND_PER_HOUR, issueEmailVerification } from "@/lib/services/users/email-verification";

/**
 * SEC-1: e-mail a new verification code to the signed-in user's address (the sign-up sent the first).
 * Throttled: one a minute and EMAIL_RESEND_PER_HOUR an hour per account, counted from the codes
 * recorded, under a row lock on the user so parallel requests cannot both pass the count.
 */
export async function sendEmailVerification({ ctx }: { ctx: ServiceContext; input?: unknown }): Promise<{ sentTo: string }> {
  const actor = authorize(ctx, "account.manage");
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, email: true, emailVerifiedAt: true } });
    if (user.emailVerifiedAt) throw new Precondition(msg("errors.clientSecurity.alreadyVerified"));
    const recent = await tx.emailVerification.findMany({
      where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - 60 * 60_000) } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    });
    const last = recent[0]?.createdAt.getTime();
    if (last !== undefined && now.getTime() - last < EMAIL_RESEND_GAP_MS)
      throw new TooManyAttempts(msg("errors.clientSecurity.resendTooSoon", { seconds: Math.ceil((EMAIL_RESEND_GAP_MS - (now.getTime() - last)) / 1000) }));
    if (recent.length >= EMAIL_RESEND_PER_HOUR) throw new TooManyAttempts(msg("errors.clientSecurity.resendHourly", { count: recent.length }));
    await issueEmailVerification(tx, ctx, user);
    return { sentTo: user.email };
  });
}
