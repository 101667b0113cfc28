import "server-only";
import { ChangePasswordInput } from "@/lib/services/users/schemas";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";

/** Change one's own password; every other session of the user is signed out. */
export async function changePassword({ ctx, input }: { ctx: ServiceContext; input: ChangePasswordInput }): Promise<void> {
  const actor = authorize(ctx, "account.manage");
  const { currentPassword, newPassword } = ChangePasswordInput.parse(input);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new Invalid(msg("errors.users.currentPasswordWrong"), { currentPassword: [msg("validation.users.currentPasswordWrong")] });
  }
  const passwordHash = await hashPassword(newPassword);
  await withTransaction(ctx, async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    const revoked = await tx.authSession.updateMany({
      where: { userId: actor.userId, id: { not: actor.sessionId }, revokedAt: null },
      data: { revokedAt: ctx.now() },
    });
    await recordAudit(tx, ctx, { action: "user.password_change", entity: "User", entityId: actor.userId, after: { otherSessionsSignedOut: revoked.count } });
  });
}
