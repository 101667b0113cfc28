import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import { MarkNoticeReadInput } from "@/lib/services/inbox/schemas";

/**
 * Mark one of the signed-in user's notices read: the notice and its inbox delivery record (REC-6)
 * together, with an audit row. Idempotent: a notice already read keeps its first time, and marking it
 * again (or twice at once) records nothing more. Anyone else's notice answers 404 and changes nothing.
 */
export async function markNoticeRead({ ctx, input }: { ctx: ServiceContext; input: MarkNoticeReadInput }): Promise<{ readAt: Date; changed: boolean }> {
  const actor = authorize(ctx, "inbox.use");
  const { noticeId } = parseInput(MarkNoticeReadInput, input);
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    // The condition on readAt makes a concurrent second marking wait for the first and then match nothing.
    const marked = await tx.clientNotice.updateManyAndReturn({
      where: { id: noticeId, userId: actor.userId, readAt: null },
      data: { readAt: now },
      select: { kind: true },
    });
    if (marked.length === 0) {
      const existing = await tx.clientNotice.findFirst({ where: { id: noticeId, userId: actor.userId }, select: { readAt: true } });
      if (!existing?.readAt) throw new NotFound(msg("errors.inbox.noticeNotFound"));
      return { readAt: existing.readAt, changed: false };
    }
    await tx.noticeDelivery.updateMany({ where: { noticeId, channel: "inbox", readAt: null }, data: { readAt: now, status: "read" } });
    await recordAudit(tx, ctx, {
      action: "notice.read",
      entity: "ClientNotice",
      entityId: noticeId,
      after: { kind: marked[0].kind, readAt: now.toISOString() },
    });
    return { readAt: now, changed: true };
  });
}
