import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { ReportCircumstanceChangeInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { lockClientRecords, recordHash } from "@/lib/services/suitability/corporate-pi";
import { parseForm } from "@/lib/services/suitability/internal";

/**
 * SUIT-8 (Code 5.1): a client reports a change of circumstances. The report is kept as written, with its
 * hash; the client gets an inbox notice that it was received; it waits in the compliance review queue
 * until an officer records the re-review outcome. The same report posted twice while it waits is kept once.
 */
export async function reportCircumstanceChange({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportCircumstanceChangeInput;
}): Promise<{ id: string; contentHash: string; created: boolean }> {
  const actor = authorize(ctx, "portal.view");
  const { category, description } = parseForm(ReportCircumstanceChangeInput, input);
  return withTransaction(ctx, async (tx) => {
    await lockClientRecords(tx, "circumstances", actor.userId);
    const pending = await tx.circumstanceChange.findMany({ where: { userId: actor.userId, category, description }, select: { id: true, contentHash: true } });
    if (pending.length > 0) {
      const reviewed = await tx.circumstanceChangeReview.findMany({ where: { changeId: { in: pending.map((p) => p.id) } }, select: { changeId: true } });
      const waiting = pending.find((p) => !reviewed.some((r) => r.changeId === p.id));
      if (waiting) return { id: waiting.id, contentHash: waiting.contentHash, created: false };
    }
    const reportedAt = ctx.now();
    const record = { format: "circumstance-change-v1", userId: actor.userId, category, description, reportedAt: reportedAt.toISOString() };
    const contentHash = recordHash(record);
    const row = await tx.circumstanceChange.create({ data: { userId: actor.userId, category, description, reportedAt, contentHash }, select: { id: true } });
    await tx.clientNotice.create({
      data: {
        userId: actor.userId,
        kind: "circumstances.received",
        title: "Change of circumstances received",
        body: "We received the change of circumstances you reported. A compliance officer will review your professional-investor status and knowledge assessment in the light of it and tell you the outcome here.",
        createdAt: reportedAt,
        dedupeKey: `circumstances:${row.id}:received`,
      },
    });
    await recordAudit(tx, ctx, { action: "circumstances.report", entity: "CircumstanceChange", entityId: row.id, after: { ...record, contentHash } });
    return { id: row.id, contentHash, created: true };
  });
}
