import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";

/** Revoke the current server-side session, so the cookie is worthless even if it was copied. */
export async function signOut({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const actor = authorize(ctx, "account.manage");
  await withTransaction(ctx, async (tx) => {
    await tx.authSession.updateMany({ where: { id: actor.sessionId, revokedAt: null }, data: { revokedAt: ctx.now() } });
    await recordAudit(tx, ctx, { action: "auth.sign_out", entity: "AuthSession", entityId: actor.sessionId.slice(0, 12) });
  });
}
