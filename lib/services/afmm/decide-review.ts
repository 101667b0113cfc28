import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { CLOSING_DECISIONS, type ReviewDecision } from "@/lib/surveillance/review-policy";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, STEP_UP_WINDOW_MS, withTransaction, type ServiceContext, type Tx } from "@/lib/services/context";
import { Conflict, Forbidden, StepUpRequired } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { designatedOfficerId, loadReview, reviewState, RULE_WORDS, type LoadedReview } from "./review-internal";
import { DecideReviewInput } from "./review-schemas";

/** How long after a breach the register entry it opens is due for review (the day it falls on). */
export const BREACH_CONFLICT_REVIEW_MS = 30 * 24 * 3_600_000;

export interface ReviewDecisionResult {
  status: "escalated" | "closed";
  decision: ReviewDecision;
  /** A breach: the conflicts-register entry and the compliance incident it opened. */
  conflictId: string | null;
  complianceIncidentId: string | null;
}

/**
 * AFMM-8, AFMM-4, SEC-1: a reviewer's decision on an item, with a mandatory reason, after a fresh
 * second factor (the step-up's time is recorded with the decision). ESCALATE may be decided by any
 * compliance officer or Responsible Officer and leaves the item open (status escalated) for the
 * designated oversight officer; NO_ISSUE and BREACH close it, and only the officer named by the current
 * AFMM oversight designation may decide them. A BREACH opens, in the same transaction, a
 * conflicts-register entry (version 1, owned by the designated officer, due for review in 30 days)
 * and a compliance incident, both linked to the item. The update is conditional on the item's status,
 * so the same decision sent many times at once is recorded once.
 */
export async function decideReview({ ctx, input }: { ctx: ServiceContext; input: DecideReviewInput }): Promise<ReviewDecisionResult> {
  const actor = authorize(ctx, "afmm.reviews.decide");
  try {
    requireStepUp(ctx);
  } catch (error) {
    if (error instanceof StepUpRequired) throw new StepUpRequired(msg("errors.afmmReviews.decideNeedsStepUp", { minutes: STEP_UP_WINDOW_MS / 60_000 }));
    throw error;
  }
  const { reviewId, decision, reason } = parseInput(DecideReviewInput, input);
  return withTransaction(
    ctx,
    async (tx) => {
      const review = await loadReview(tx, reviewId);
      if (review.status === "closed") throw new Conflict(msg("errors.afmmReviews.closed"));
      if (decision === "ESCALATE" && review.status === "escalated") throw new Conflict(msg("errors.afmmReviews.alreadyEscalated"));
      const closing = CLOSING_DECISIONS.includes(decision);
      const officerId = await designatedOfficerId(tx);
      if (closing) {
        if (!officerId) throw new Forbidden(msg("errors.afmmReviews.noDesignatedOfficer"));
        if (officerId !== actor.userId) throw new Forbidden(msg("errors.afmmReviews.notDesignatedOfficer"));
      }
      const now = ctx.now();
      const status = closing ? "closed" : "escalated";
      const decided = {
        status,
        decision,
        decisionReason: reason,
        decidedById: actor.userId,
        decidedAt: now,
        stepUpAt: actor.stepUpAt,
        closedAt: closing ? now : null,
      };
      // The row lock of this update serialises concurrent decisions; the status condition makes all but the first change nothing.
      const changed = await tx.afmmReview.updateMany({
        where: { id: reviewId, status: closing ? { not: "closed" } : { in: ["open", "in_review"] } },
        data: decided,
      });
      if (changed.count !== 1) {
        const now = await tx.afmmReview.findUnique({ where: { id: reviewId }, select: { status: true } });
        if (now?.status === "closed") throw new Conflict(msg("errors.afmmReviews.closed"));
        if (now?.status === "escalated" && !closing) throw new Conflict(msg("errors.afmmReviews.alreadyEscalated"));
        throw new Conflict(msg("errors.afmmReviews.changedMeanwhile"));
      }
      await recordAudit(tx, ctx, {
        action: "afmm.review_decide",
        entity: "AfmmReview",
        entityId: reviewId,
        before: reviewState(review),
        after: { ...decided, alertId: review.alertId, tradeSeq: review.tradeSeq === null ? null : String(review.tradeSeq) },
        reason,
      });
      if (decision !== "BREACH") return { status, decision, conflictId: null, complianceIncidentId: null };
      const opened = await openBreach(tx, ctx, review, officerId!, reason, now);
      return { status, decision, ...opened };
    },
    { maxWaitMs: 15_000 },
  );
}

async function openBreach(
  tx: Tx,
  ctx: ServiceContext,
  review: LoadedReview,
  ownerId: string,
  reason: string,
  now: Date,
): Promise<{ conflictId: string; complianceIncidentId: string }> {
  const what = review.alert
    ? `${RULE_WORDS[review.alert.rule] ?? review.alert.rule} (${review.alert.rule}), ${review.market}, alert ${review.alert.id}`
    : `sampled trade ${String(review.tradeSeq)}, ${review.market}`;
  const title = `AFMM trade review breach: ${what}`.slice(0, 200);
  const entry = {
    title,
    description: reason,
    ownerId,
    mitigation: "To be set by the owner.",
    status: "OPEN",
    // The register keeps review dates as days (UTC midnight), as its own verbs write them.
    reviewDate: new Date(`${new Date(now.getTime() + BREACH_CONFLICT_REVIEW_MS).toISOString().slice(0, 10)}T00:00:00.000Z`),
    version: 1,
    sourceReviewId: review.id,
  };
  const conflict = await tx.conflictEntry.create({ data: { ...entry, createdAt: now } });
  await tx.conflictVersion.create({
    data: {
      conflictId: conflict.id,
      version: 1,
      snapshot: {
        title: entry.title,
        description: entry.description,
        ownerId: entry.ownerId,
        mitigation: entry.mitigation,
        status: entry.status,
        reviewDate: entry.reviewDate.toISOString().slice(0, 10),
      },
      changedById: ctx.actor!.userId,
      changedAt: now,
      changeNote: "Opened by a breach decision in an AFMM trade review.",
    },
  });
  await recordAudit(tx, ctx, { action: "conflict.create", entity: "ConflictEntry", entityId: conflict.id, after: { ...entry, id: conflict.id } });
  const incident = await tx.complianceIncident.create({
    data: {
      kind: "afmm_breach",
      title,
      summary: reason,
      status: "open",
      sourceReviewId: review.id,
      conflictId: conflict.id,
      openedById: ctx.actor!.userId,
      openedAt: now,
    },
  });
  await recordAudit(tx, ctx, {
    action: "compliance_incident.open",
    entity: "ComplianceIncident",
    entityId: incident.id,
    after: { kind: "afmm_breach", title, status: "open", sourceReviewId: review.id, conflictId: conflict.id },
    reason,
  });
  return { conflictId: conflict.id, complianceIncidentId: incident.id };
}
