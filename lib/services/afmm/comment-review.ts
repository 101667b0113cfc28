import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { loadReview } from "./review-internal";
import { CommentReviewInput } from "./review-schemas";

/** AFMM-8: a reviewer's comment on an item that is not closed (a closed item's record is final). Comments are never edited. */
export async function commentReview({ ctx, input }: { ctx: ServiceContext; input: CommentReviewInput }): Promise<{ commentId: string }> {
  const actor = authorize(ctx, "afmm.reviews.work");
  const { reviewId, body } = parseInput(CommentReviewInput, input);
  return withTransaction(ctx, async (tx) => {
    const review = await loadReview(tx, reviewId);
    if (review.status === "closed") throw new Conflict(msg("errors.afmmReviews.closed"));
    const comment = await tx.afmmReviewComment.create({ data: { reviewId, authorId: actor.userId, body, createdAt: ctx.now() } });
    await recordAudit(tx, ctx, {
      action: "afmm.review_comment",
      entity: "AfmmReview",
      entityId: reviewId,
      after: { commentId: comment.id, body },
    });
    return { commentId: comment.id };
  });
}
