import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { env } from "@/lib/env";

/** SEC-1: the signed-in user's e-mail verification state, for the account page. */
export async function getEmailVerification({ ctx }: { ctx: ServiceContext; input?: unknown }): Promise<{
  email: string;
  verifiedAt: Date | null;
  /** When the newest open code expires (null: none open). */
  codeExpiresAt: Date | null;
  /** Demo mode only: the demo mailbox shows the e-mails the outbox would send. */
  demoMailbox: boolean;
}> {
  const actor = authorize(ctx, "account.manage");
  const [user, latest] = await Promise.all([
    ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, emailVerifiedAt: true } }),
    ctx.db.emailVerification.findFirst({
      where: { userId: actor.userId, usedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { expiresAt: true },
    }),
  ]);
  const open = latest && latest.expiresAt.getTime() > ctx.now().getTime() ? latest.expiresAt : null;
  return { email: user.email, verifiedAt: user.emailVerifiedAt, codeExpiresAt: open, demoMailbox: env().PORTAL_MODE === "demo" };
}
