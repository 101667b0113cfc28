import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { loadReview, reviewState, REVIEWER_ROLES } from "./review-internal";
import { AssignReviewInput } from "./review-schemas";

/**
 * AFMM-8: assigns an item to a compliance officer or Responsible Officer (the actor or another). An
 * open item moves to in_review; an escalated item stays escalated. A closed item cannot be assigned.
 */
export async function assignReview({ ctx, input }: { ctx: ServiceContext; input: AssignReviewInput }): Promise<{ status: string; assigneeId: string }> {
  authorize(ctx, "afmm.reviews.work");
  const { reviewId, assigneeId } = parseInput(AssignReviewInput, input);
  return withTransaction(ctx, async (tx) => {
    const review = await loadReview(tx, reviewId);
    if (review.status === "closed") throw new Conflict(msg("errors.afmmReviews.closed"));
    const officer = await tx.userRole.findFirst({ where: { userId: assigneeId, role: { in: [...REVIEWER_ROLES] } }, select: { userId: true } });
    if (!officer) throw new Invalid(msg("errors.afmmReviews.assigneeNotOfficer"), { assigneeId: [msg("errors.afmmReviews.assigneeNotOfficer")] });
    const now = ctx.now();
    const status = review.status === "open" ? "in_review" : review.status;
    const changed = await tx.afmmReview.updateMany({
      where: { id: reviewId, status: { not: "closed" } },
      data: { assigneeId, assignedAt: now, status },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.afmmReviews.closed"));
    await recordAudit(tx, ctx, {
      action: "afmm.review_assign",
      entity: "AfmmReview",
      entityId: reviewId,
      before: reviewState(review),
      after: { ...reviewState(review), assigneeId, status },
    });
    return { status, assigneeId };
  });
}
