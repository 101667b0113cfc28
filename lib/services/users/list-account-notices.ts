import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";

export interface AccountNotice {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
}

/**
 * Security notices about the signed-in user's own account (for example, someone tried to sign up
 * with its email), newest first. Every role has an account page, so staff see theirs too.
 */
export async function listAccountNotices({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<AccountNotice[]> {
  const actor = authorize(ctx, "account.manage");
  return ctx.db.clientNotice.findMany({
    where: { userId: actor.userId, kind: { startsWith: "account." } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { id: true, title: true, body: true, createdAt: true },
  });
}
