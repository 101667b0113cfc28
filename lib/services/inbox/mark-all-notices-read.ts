import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { parseInput } from "@/lib/services/parse-input";
import { MarkAllNoticesReadInput } from "@/lib/services/inbox/schemas";

/**
 * Mark every unread notice of the signed-in user written up to `upToMs` (the time the inbox page was
 * shown) read, with their inbox delivery records and one audit row. A notice that arrived after the
 * page was shown stays unread. Nothing to mark records nothing.
 */
export async function markAllNoticesRead({ ctx, input }: { ctx: ServiceContext; input?: MarkAllNoticesReadInput }): Promise<{ count: number }> {
  const actor = authorize(ctx, "inbox.use");
  const { upToMs } = parseInput(MarkAllNoticesReadInput, input);
  const now = ctx.now();
  const upTo = upToMs === undefined || upToMs > now.getTime() ? now : new Date(upToMs);
  return withTransaction(ctx, async (tx) => {
    const marked = await tx.clientNotice.updateMany({
      where: { userId: actor.userId, readAt: null, createdAt: { lte: upTo } },
      data: { readAt: now },
    });
    if (marked.count === 0) return { count: 0 };
    // By the notices just marked (their readAt is this transaction's `now`), so a notice written meanwhile is not touched.
    await tx.noticeDelivery.updateMany({
      where: { userId: actor.userId, channel: "inbox", readAt: null, notice: { readAt: now } },
      data: { readAt: now, status: "read" },
    });
    await recordAudit(tx, ctx, {
      action: "notice.read_all",
      entity: "User",
      entityId: actor.userId,
      after: { count: marked.count, upTo: upTo.toISOString(), readAt: now.toISOString() },
    });
    return { count: marked.count };
  });
}
