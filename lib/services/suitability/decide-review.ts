import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { PI_STATUS_VALIDITY_MS } from "@/lib/services/suitability/entitlement";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import { allowedDecisions, caseStatus, decisionName, type ReviewDecisionName } from "@/lib/services/suitability/review";
import { DecideInput } from "@/lib/services/suitability/schemas";
import { requireCorporateApprovable } from "@/lib/services/suitability/corporate-pi";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";

const STATUS_AFTER: Record<ReviewDecisionName, OnboardingStatus> = {
  APPROVE: "APPROVED",
  CONFIRM_OVERRIDE: "APPROVED",
  REJECT: "REJECTED",
  REQUEST_INFO: "INFO_REQUESTED",
};

const NOTICE_TEXT: Partial<Record<OnboardingStatus, { title: string; lead: string }>> = {
  APPROVED: {
    title: "Onboarding approved",
    lead: "A compliance officer approved your professional-investor onboarding. You may now trade perpetual contracts within your exposure cap.",
  },
  REJECTED: { title: "Onboarding not approved", lead: "A compliance officer did not approve your professional-investor onboarding." },
  INFO_REQUESTED: {
    title: "More information needed",
    lead: "A compliance officer needs more information before deciding on your onboarding. Update your application and submit it again.",
  },
};

async function noticeOfDecision(
  tx: Tx,
  userId: string,
  submissionId: string,
  status: OnboardingStatus,
  reason: string,
  now: Date,
  sequence: number,
): Promise<void> {
  const text = NOTICE_TEXT[status];
  if (!text) return; // an override waiting for its second officer is not news to the client yet
  await tx.clientNotice.create({
    data: {
      userId,
      kind: `onboarding.${status.toLowerCase()}`,
      title: text.title,
      body: `${text.lead} Reason: ${reason}`,
      createdAt: now,
      dedupeKey: `decision:${submissionId}:${sequence}`,
    },
  });
}

/**
 * An officer's decision. Approving a submission the evaluator failed is an override: it
 * waits for a second, different officer's CONFIRM_OVERRIDE. Rejecting or asking for information never
 * grants anything, so it needs no second officer. Approval starts a year of perps access (PI-8) with
 * the submission's exposure cap (SUIT-5); a rejection ends any access that was running.
 */
export async function decideReview({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: DecideInput;
}): Promise<{ status: OnboardingStatus; overridesEvaluator: boolean }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { submissionId, decision, reason } = DecideInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const submission = await tx.suitabilitySubmission.findUnique({
      where: { id: submissionId },
      select: { id: true, userId: true, evaluatorPassed: true, record: true },
    });
    if (!submission) throw new NotFound(msg("errors.review.noSuchSubmission"));
    const caseRow = (await tx.onboardingCase.findUnique({ where: { userId: submission.userId } }))!;
    if (submission.userId === actor.userId) throw new Forbidden(msg("errors.review.ownApplication"));
    const reviews = await tx.suitabilityReview.findMany({ where: { submissionId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] });
    const { allowed, blockedReason } = allowedDecisions(caseRow.status, caseRow.latestSubmissionId === submissionId, reviews, actor.userId);
    if (!allowed.includes(decision))
      throw new Conflict(blockedReason ?? msg("errors.review.decisionNotPossible", { decision: decisionName(decision), status: caseStatus(caseRow.status) }));
    if (decision === "APPROVE" || decision === "CONFIRM_OVERRIDE") await requireCorporateApprovable(tx, submission.userId, ctx.now()); // PI-6: Code 15.3A/15.3B

    const overridesEvaluator = (decision === "APPROVE" || decision === "CONFIRM_OVERRIDE") && !submission.evaluatorPassed;
    const status: OnboardingStatus = decision === "APPROVE" && overridesEvaluator ? "PENDING_SECOND_APPROVAL" : STATUS_AFTER[decision];
    const now = ctx.now();
    await tx.suitabilityReview.create({
      data: { submissionId, officerId: actor.userId, officerEmail: actor.email, decision, reason, overridesEvaluator, decidedAt: now },
    });
    const record = submission.record as unknown as SubmissionRecord;
    const access =
      status === "APPROVED"
        ? {
            verifiedAt: now,
            expiresAt: new Date(now.getTime() + PI_STATUS_VALIDITY_MS),
            maxInitialMarginMicroUsd: BigInt(String(record.exposureCap.maxInitialMarginMicroUsd)),
          }
        : status === "REJECTED" && caseRow.expiresAt && caseRow.expiresAt > now
          ? { expiresAt: now } // a rejected renewal ends the access it would have extended: reduce-only from now
          : {};
    // Conditional on the state the decision was taken on: if another officer decided meanwhile, this one is refused whole.
    const changed = await tx.onboardingCase.updateMany({
      where: { userId: submission.userId, status: caseRow.status, latestSubmissionId: submissionId, statusChangedAt: caseRow.statusChangedAt },
      data: { status, statusReason: reason, statusChangedAt: now, ...access },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.review.caseChanged"));
    await recordAudit(tx, ctx, {
      action: "review.decision",
      entity: "SuitabilitySubmission",
      entityId: submissionId,
      before: { status: caseRow.status, verifiedAt: caseRow.verifiedAt, expiresAt: caseRow.expiresAt },
      after: { decision, status, overridesEvaluator, evaluatorPassed: submission.evaluatorPassed, ...access },
      reason,
    });
    await noticeOfDecision(tx, submission.userId, submissionId, status, reason, now, reviews.length);
    return { status, overridesEvaluator };
  });
}
