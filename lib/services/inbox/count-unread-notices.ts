import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { unreadCount } from "@/lib/services/inbox/internal";

/** How many of the signed-in user's notices are unread: one count on the (userId, readAt) index, for the header on every page. */
export async function countUnreadNotices({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<number> {
  const actor = authorize(ctx, "inbox.use");
  return unreadCount(ctx.db, actor.userId);
}
