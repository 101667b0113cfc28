import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { messageList, msg } from "@/lib/i18n/message-ref";
import { hongKongDate, piStatusExpiresAt } from "@/lib/suitability/dates";
import { normaliseDraft, piInput } from "@/lib/suitability/draft";
import { staleEvidenceAt } from "@/lib/suitability/pi-evaluator";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import {
  allowedDecisions,
  approvalBarred,
  approvalOverrides,
  ApprovalRefused,
  caseStatus,
  decisionName,
  reviewGate,
  confirmationMaps,
  type ReviewDecisionName,
} from "@/lib/services/suitability/review";
import { DecideInput } from "@/lib/services/suitability/schemas";
import { reconcileVenueAccess } from "@/lib/services/trading/sync-venue-access";
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
 * The PI evidence the submission counted, checked again on the decision date (PI-5): any counted line
 * now too old refuses the approval, naming each (what, its date, its age). Also refused when the
 * assessment itself is 12 months old (its status would end before it began).
 */
function refuseStaleEvidence(record: SubmissionRecord, now: Date): void {
  const decisionDate = hongKongDate(now);
  const draft = normaliseDraft(record.draft);
  if (draft.category) {
    const stale = staleEvidenceAt(piInput({ ...draft, category: draft.category }), record.pi, decisionDate);
    if (stale.length > 0)
      throw new ApprovalRefused(
        msg("errors.review.gate.evidenceStale", {
          decisionDate,
          items: messageList(
            stale.map((item) =>
              msg("errors.review.gate.staleItem", { number: item.index + 1, description: item.description, date: item.statementDate, days: item.ageDays }),
            ),
            "; ",
          ),
        }),
        "EVIDENCE_STALE",
      );
  }
  if (piStatusExpiresAt(record.assessmentDate).getTime() <= now.getTime())
    throw new ApprovalRefused(msg("errors.review.gate.assessmentTooOld", { assessmentDate: record.assessmentDate }), "EVIDENCE_STALE");
}

/**
 * An officer's decision (PI-2 … PI-5, PI-8, SUIT-1). A failed statutory PI test or risk quiz is never
 * approved, by any number of officers (review.ts `allowedDecisions`). Approving against the knowledge
 * criterion alone is an override: it waits for a second, different officer's CONFIRM_OVERRIDE.
 * Rejecting or asking for information never grants anything, so it needs no second officer. An
 * approval re-checks the evidence's age on the decision date and starts perps access until 12 months
 * after the assessment date (PI-8) with the submission's exposure cap (SUIT-5); a rejection ends any
 * access that was running.
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
  const decided = await withTransaction(ctx, async (tx) => {
    const submission = await tx.suitabilitySubmission.findUnique({
      where: { id: submissionId },
      select: { id: true, userId: true, evaluatorPassed: true, record: true },
    });
    if (!submission) throw new NotFound(msg("errors.review.noSuchSubmission"));
    const caseRow = (await tx.onboardingCase.findUnique({ where: { userId: submission.userId } }))!;
    if (submission.userId === actor.userId) throw new Forbidden(msg("errors.review.ownApplication"));
    const reviews = await tx.suitabilityReview.findMany({ where: { submissionId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] });
    const record = submission.record as unknown as SubmissionRecord;
    const confirmations = await tx.knowledgeConfirmation.findMany({ where: { submissionId }, orderBy: [{ kind: "asc" }, { recordIndex: "asc" }] });
    const gate = reviewGate(record, confirmationMaps(confirmations));
    const approving = decision === "APPROVE" || decision === "CONFIRM_OVERRIDE";
    const { allowed, blockedReason } = allowedDecisions(caseRow.status, caseRow.latestSubmissionId === submissionId, reviews, actor.userId, gate);
    if (!allowed.includes(decision)) {
      const barred = approving && caseRow.latestSubmissionId === submissionId ? approvalBarred(gate) : null;
      if (barred) throw new ApprovalRefused(barred.reason, barred.code);
      throw new Conflict(blockedReason ?? msg("errors.review.decisionNotPossible", { decision: decisionName(decision), status: caseStatus(caseRow.status) }));
    }
    if (approving) await requireCorporateApprovable(tx, submission.userId, ctx.now()); // PI-6: Code 15.3A/15.3B
    const now = ctx.now();
    if (approving) refuseStaleEvidence(record, now);

    const overridesEvaluator = approving && approvalOverrides(gate);
    const status: OnboardingStatus = decision === "APPROVE" && overridesEvaluator ? "PENDING_SECOND_APPROVAL" : STATUS_AFTER[decision];
    await tx.suitabilityReview.create({
      data: { submissionId, officerId: actor.userId, officerEmail: actor.email, decision, reason, overridesEvaluator, decidedAt: now },
    });
    const access =
      status === "APPROVED"
        ? {
            verifiedAt: now,
            // From the assessment date, not the approval: see piStatusExpiresAt (PI-8, PI-5).
            expiresAt: piStatusExpiresAt(record.assessmentDate),
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
      after: {
        decision,
        status,
        overridesEvaluator,
        evaluatorPassed: submission.evaluatorPassed,
        gate: {
          piPassed: gate.piPassed,
          quizPassed: gate.quizPassed,
          knowledgePassed: gate.knowledgePassed,
          rolesConfirmed: confirmations.filter((c) => c.kind === "ROLE").map((c) => c.recordIndex),
          coursesConfirmed: confirmations.filter((c) => c.kind === "COURSE").map((c) => c.recordIndex),
        },
        assessmentDate: record.assessmentDate,
        ...access,
      },
      reason,
    });
    await noticeOfDecision(tx, submission.userId, submissionId, status, reason, now, reviews.length);
    return { status, overridesEvaluator };
  });
  // An approval restores venue access and a rejected renewal ends it: the engine account follows at once.
  const decidedFor = await ctx.db.suitabilitySubmission.findUnique({ where: { id: submissionId }, select: { userId: true } });
  if (decidedFor) await reconcileVenueAccess(ctx, decidedFor.userId);
  return decided;
}
