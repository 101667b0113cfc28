import "server-only";
import { randomUUID } from "node:crypto";
import type { ServiceContext, Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { queueNotices } from "@/lib/notices/queue";
import { emailVerificationCode, hashVerificationCode } from "@/lib/notices/verification-code";

/** SEC-1: how long an e-mailed code is good for. */
export const EMAIL_CODE_VALIDITY_MS = 30 * 60_000;
/** Wrong codes accepted against one code before it is spent. */
export const EMAIL_CODE_MAX_TRIES = 5;
/** Resend throttle: one code per minute, at most this many per hour. */
export const EMAIL_RESEND_GAP_MS = 60_000;
export const EMAIL_RESEND_PER_HOUR = 5;

/**
 * Writes a new verification code for the user's current address and queues its e-mail through the
 * notices outbox (inbox: that a code was sent; e-mail: the code). Earlier open codes are revoked, so
 * only the newest works. In the caller's transaction; audited.
 */
export async function issueEmailVerification(tx: Tx, ctx: ServiceContext, user: { id: string; email: string }): Promise<void> {
  const now = ctx.now();
  const id = randomUUID();
  await tx.emailVerification.updateMany({ where: { userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  await tx.emailVerification.create({
    data: {
      id,
      userId: user.id,
      email: user.email,
      codeHash: hashVerificationCode(emailVerificationCode(id)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_CODE_VALIDITY_MS),
    },
  });
  await queueNotices(
    tx,
    [
      {
        userId: user.id,
        kind: "clientSecurity.emailVerification",
        params: { verificationId: id, email: user.email, minutes: EMAIL_CODE_VALIDITY_MS / 60_000 },
        dedupeKey: `email-verification:${id}`,
      },
    ],
    now,
  );
  await recordAudit(tx, ctx, {
    action: "user.email_verification_sent",
    entity: "User",
    entityId: user.id,
    actorEmail: user.email,
    after: { email: user.email, expiresAt: new Date(now.getTime() + EMAIL_CODE_VALIDITY_MS).toISOString() },
  });
}
