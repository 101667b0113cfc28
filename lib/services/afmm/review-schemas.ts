import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";
import { REVIEW_DECISIONS, REVIEW_STATUSES } from "@/lib/surveillance/review-policy";
import { SURVEILLANCE_RULES } from "@/lib/surveillance/types";

export const REASON_MIN_CHARS = 10;
export const REASON_MAX_CHARS = 2_000;
export const COMMENT_MAX_CHARS = 2_000;
export const REVIEW_LIST_MAX = 200;
/** The longest past window a replay may cover. */
export const REPLAY_MAX_MS = 24 * 3_600_000;

export const ReviewId = z.string({ error: zodMessage("validation.afmmReviews.reviewMissing") }).uuid(zodMessage("validation.afmmReviews.reviewMissing"));

export const ReviewIdInput = z.object({ reviewId: ReviewId });
export type ReviewIdInput = z.input<typeof ReviewIdInput>;

const Market = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/);

export const ListReviewsInput = z
  .object({
    status: z.enum([...REVIEW_STATUSES, "unclosed"]).optional(),
    kind: z.enum(["alert", "sample"]).optional(),
    rule: z.enum(SURVEILLANCE_RULES).optional(),
    market: Market.optional(),
    /** A user id, or "none" for unassigned items. */
    assignee: z.union([z.literal("none"), z.string().uuid()]).optional(),
    overdue: z.boolean().optional(),
    take: z.number().int().min(1).max(REVIEW_LIST_MAX).default(100),
  })
  .default({ take: 100 });
export type ListReviewsInput = z.input<typeof ListReviewsInput>;

export const AssignReviewInput = ReviewIdInput.extend({
  assigneeId: z.string({ error: zodMessage("validation.afmmReviews.assigneeMissing") }).uuid(zodMessage("validation.afmmReviews.assigneeMissing")),
});
export type AssignReviewInput = z.input<typeof AssignReviewInput>;

export const CommentReviewInput = ReviewIdInput.extend({
  body: z
    .string({ error: zodMessage("validation.afmmReviews.commentRequired") })
    .trim()
    .min(1, zodMessage("validation.afmmReviews.commentRequired"))
    .max(COMMENT_MAX_CHARS, zodMessage("validation.afmmReviews.commentTooLong", { max: "2,000" })),
});
export type CommentReviewInput = z.input<typeof CommentReviewInput>;

export const DecideReviewInput = ReviewIdInput.extend({
  decision: z.enum(REVIEW_DECISIONS, { error: zodMessage("validation.afmmReviews.decisionMissing") }),
  reason: z
    .string({ error: zodMessage("validation.afmmReviews.reasonRequired", { min: REASON_MIN_CHARS }) })
    .trim()
    .min(REASON_MIN_CHARS, zodMessage("validation.afmmReviews.reasonRequired", { min: REASON_MIN_CHARS }))
    .max(REASON_MAX_CHARS, zodMessage("validation.afmmReviews.reasonTooLong", { max: "2,000" })),
});
export type DecideReviewInput = z.input<typeof DecideReviewInput>;

/** An instant as ISO 8601 text (UTC); a form's date-time without a zone is read as UTC. */
const Instant = z
  .string({ error: zodMessage("validation.afmmReviews.timeInvalid") })
  .trim()
  .max(40, zodMessage("validation.afmmReviews.timeInvalid"))
  .transform((text, ctx) => {
    const withZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
    const date = new Date(withZone);
    if (!/^\d{4}-\d\d-\d\dT/.test(text) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: zodMessage("validation.afmmReviews.timeInvalid") });
      return z.NEVER;
    }
    return date;
  });

export const ReplaySurveillanceInput = z.object({ from: Instant, to: Instant });
export type ReplaySurveillanceInput = z.input<typeof ReplaySurveillanceInput>;
