import "server-only";
import { newTotpSecret, totpUri } from "@/lib/auth/totp";
import { sealTotpSecret } from "@/lib/auth/totp-secret-box";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";

/**
 * Begin enrolling an authenticator app: a new secret, returned once (the page shows it and the
 * otpauth URI); it only becomes the user's factor when confirmTotpEnrolment sees a code from it.
 */
export async function startTotpEnrolment({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<{ secret: string; uri: string }> {
  const actor = authorize(ctx, "account.manage");
  const secret = newTotpSecret();
  await withTransaction(ctx, async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
    if (user.totpEnabledAt) throw new Conflict(msg("errors.users.totpAlreadyEnrolled"));
    await tx.user.update({ where: { id: actor.userId }, data: { totpPendingSecret: sealTotpSecret(actor.userId, secret) } });
    await recordAudit(tx, ctx, { action: "user.totp_enrolment_started", entity: "User", entityId: actor.userId });
  });
  return { secret, uri: totpUri(actor.email, secret) };
}
