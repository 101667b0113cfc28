import "server-only";
import { timingSafeEqual } from "node:crypto";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid, Precondition } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { hashVerificationCode } from "@/lib/notices/verification-code";
import { VerifyEmailInput } from "@/lib/services/users/schemas";
import { EMAIL_CODE_MAX_TRIES } from "@/lib/services/users/email-verification";

/**
 * SEC-1: the signed-in user proves they receive mail at their address with the newest code e-mailed to
 * it. The code is single use (of parallel uses, one conditional update lets exactly one through),
 * expires after EMAIL_CODE_VALIDITY_MS, and is spent after EMAIL_CODE_MAX_TRIES wrong tries. A code
 * counts only for the address it was sent to. Success records emailVerifiedAt; every outcome is audited.
 */
export async function verifyEmail({ ctx, input }: { ctx: ServiceContext; input: VerifyEmailInput }): Promise<{ verifiedAt: Date }> {
  const actor = authorize(ctx, "account.manage");
  const { code } = VerifyEmailInput.parse(input);
  const now = ctx.now();
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, emailVerifiedAt: true } });
  if (user.emailVerifiedAt) throw new Precondition(msg("errors.clientSecurity.alreadyVerified"));
  const latest = await ctx.db.emailVerification.findFirst({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!latest || latest.email !== user.email) throw new Precondition(msg("errors.clientSecurity.noCodeSent"));
  if (latest.usedAt) throw new Conflict(msg("errors.clientSecurity.codeUsed"));
  if (now.getTime() >= latest.expiresAt.getTime()) throw new Precondition(msg("errors.clientSecurity.codeExpired"));
  if (latest.attempts >= EMAIL_CODE_MAX_TRIES) throw new Precondition(msg("errors.clientSecurity.tooManyTries"));

  const matches = timingSafeEqual(Buffer.from(hashVerificationCode(code), "hex"), Buffer.from(latest.codeHash, "hex"));
  if (!matches) {
    await withTransaction(ctx, async (tx) => {
      await tx.emailVerification.update({ where: { id: latest.id }, data: { attempts: { increment: 1 } } });
      await recordAudit(tx, ctx, { action: "user.email_verification_failed", entity: "User", entityId: actor.userId, reason: "wrong code" });
    });
    throw new Invalid(msg("errors.clientSecurity.codeWrong"), { code: [msg("validation.clientSecurity.codeWrong")] });
  }
  const verified = await withTransaction(ctx, async (tx) => {
    const { count } = await tx.emailVerification.updateMany({
      where: { id: latest.id, usedAt: null, revokedAt: null, expiresAt: { gt: now }, attempts: { lt: EMAIL_CODE_MAX_TRIES } },
      data: { usedAt: now },
    });
    if (count === 0) return false;
    // Only while the address is still the one the code went to.
    const updated = await tx.user.updateMany({ where: { id: actor.userId, email: latest.email, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    if (updated.count === 0) return false;
    await recordAudit(tx, ctx, {
      action: "user.email_verified",
      entity: "User",
      entityId: actor.userId,
      after: { email: latest.email, emailVerifiedAt: now.toISOString() },
    });
    return true;
  });
  if (!verified) throw new Conflict(msg("errors.clientSecurity.codeUsed"));
  return { verifiedAt: now };
}
