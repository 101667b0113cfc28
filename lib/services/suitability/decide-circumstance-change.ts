import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import type { ReReviewOutcome } from "@/lib/suitability/corporate-pi";
import { DecideCircumstanceChangeInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { parseForm } from "@/lib/services/suitability/internal";

const NOTICE: Record<ReReviewOutcome, { title: string; lead: string }> = {
  NO_CHANGE_NEEDED: {
    title: "Change of circumstances reviewed",
    lead: "A compliance officer reviewed the change of circumstances you reported: no change to your professional-investor status or knowledge assessment is needed.",
  },
  INFO_REQUESTED: {
    title: "More information needed about your change of circumstances",
    lead: "A compliance officer reviewed the change of circumstances you reported and needs more information. Update your application with the new details and submit it again.",
  },
};

/**
 * SUIT-8: an officer records the re-review outcome of a reported change (no change needed, or more
 * information requested), once per report, with the reason; the client is told in the inbox.
 */
export async function decideCircumstanceChange({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: DecideCircumstanceChangeInput;
}): Promise<{ id: string; outcome: ReReviewOutcome }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { changeId, outcome, reason } = parseForm(DecideCircumstanceChangeInput, input);
  try {
    return await withTransaction(ctx, async (tx) => {
      const change = await tx.circumstanceChange.findUnique({ where: { id: changeId } });
      if (!change) throw new NotFound(msg("errors.circumstances.noSuchChange"));
      if (change.userId === actor.userId) throw new Forbidden(msg("errors.corporatePi.ownApplication"));
      if (await tx.circumstanceChangeReview.findUnique({ where: { changeId } })) throw new Conflict(msg("errors.circumstances.alreadyDecided"));
      const decidedAt = ctx.now();
      const row = await tx.circumstanceChangeReview.create({
        data: { changeId, outcome, reason, officerId: actor.userId, officerEmail: actor.email, decidedAt },
        select: { id: true },
      });
      const text = NOTICE[outcome];
      await tx.clientNotice.create({
        data: {
          userId: change.userId,
          kind: `circumstances.${outcome.toLowerCase()}`,
          title: text.title,
          body: `${text.lead} Reason: ${reason}`,
          createdAt: decidedAt,
          dedupeKey: `circumstances:${changeId}:decided`,
        },
      });
      await recordAudit(tx, ctx, {
        action: "circumstances.re_review",
        entity: "CircumstanceChange",
        entityId: changeId,
        after: { outcome, userId: change.userId, reviewId: row.id, decidedAt: decidedAt.toISOString() },
        reason,
      });
      return { id: row.id, outcome };
    });
  } catch (error) {
    // Two officers at once: the first outcome is the record, the second is refused.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new Conflict(msg("errors.circumstances.alreadyDecided"));
    throw error;
  }
}
