import "server-only";
import { z } from "zod";
import { authorize, requireStepUp, withTransaction, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { PI_STATUS_VALIDITY_MS } from "@/lib/services/suitability/entitlement";
import { reconstructSubmission, type ReconstructedSubmission, type SubmissionRecord } from "@/lib/services/suitability/submission";
import type { OnboardingStatus } from "@/lib/services/suitability/onboarding";

export type ReviewDecisionName = "APPROVE" | "REJECT" | "REQUEST_INFO" | "CONFIRM_OVERRIDE";

export interface QueueItem {
  userId: string;
  clientName: string;
  clientEmail: string;
  status: OnboardingStatus;
  statusChangedAt: Date;
  submissionId: string;
  version: number;
  submittedAt: Date;
  category: string;
  piPassed: boolean;
  knowledgePassed: boolean;
  quizPassed: boolean;
  evaluatorPassed: boolean;
}

const OPEN: OnboardingStatus[] = ["SUBMITTED", "PENDING_SECOND_APPROVAL"];

/** The compliance queue (issue 7 pt 6): cases waiting for a decision first (oldest first), then recent decisions. */
export async function reviewQueue(ctx: ServiceContext): Promise<{ open: QueueItem[]; decided: QueueItem[] }> {
  authorize(ctx, "clients.read");
  const rows = await ctx.db.onboardingCase.findMany({
    where: { latestSubmissionId: { not: null } },
    include: { user: { select: { name: true, email: true } }, latestSubmission: { select: { id: true, version: true, submittedAt: true, piPassed: true, knowledgePassed: true, quizPassed: true, evaluatorPassed: true, record: true } } },
    orderBy: { statusChangedAt: "asc" },
    take: 500,
  });
  const items: QueueItem[] = rows.map((r) => ({
    userId: r.userId,
    clientName: r.user.name,
    clientEmail: r.user.email,
    status: r.status,
    statusChangedAt: r.statusChangedAt,
    submissionId: r.latestSubmission!.id,
    version: r.latestSubmission!.version,
    submittedAt: r.latestSubmission!.submittedAt,
    category: String((r.latestSubmission!.record as unknown as SubmissionRecord).draft.category),
    piPassed: r.latestSubmission!.piPassed,
    knowledgePassed: r.latestSubmission!.knowledgePassed,
    quizPassed: r.latestSubmission!.quizPassed,
    evaluatorPassed: r.latestSubmission!.evaluatorPassed,
  }));
  return { open: items.filter((i) => OPEN.includes(i.status)), decided: items.filter((i) => !OPEN.includes(i.status)).reverse().slice(0, 50) };
}

export interface ReviewEntry {
  id: string;
  officerId: string;
  officerEmail: string;
  decision: ReviewDecisionName;
  reason: string;
  overridesEvaluator: boolean;
  decidedAt: Date;
}

export interface ReviewCase {
  submission: ReconstructedSubmission;
  client: { userId: string; name: string; email: string };
  status: OnboardingStatus;
  statusReason: string | null;
  /** Whether this submission is the one the case is waiting on (older versions are read-only history). */
  isLatest: boolean;
  reviews: ReviewEntry[];
  /** Earlier submissions of the same client, newest first. */
  history: { id: string; version: number; submittedAt: Date; recordHash: string; evaluatorPassed: boolean }[];
  /** The decisions the signed-in officer may take now, with why others are unavailable. */
  allowed: ReviewDecisionName[];
  blockedReason: string | null;
}

function allowedDecisions(status: OnboardingStatus, isLatest: boolean, reviews: ReviewEntry[], officerId: string): { allowed: ReviewDecisionName[]; blockedReason: string | null } {
  if (!isLatest) return { allowed: [], blockedReason: "A later submission replaced this one; decide on the latest." };
  if (status === "SUBMITTED") return { allowed: ["APPROVE", "REJECT", "REQUEST_INFO"], blockedReason: null };
  if (status === "PENDING_SECOND_APPROVAL") {
    const approver = [...reviews].reverse().find((r) => r.decision === "APPROVE");
    if (approver?.officerId === officerId)
      return { allowed: ["REJECT", "REQUEST_INFO"], blockedReason: "You approved this against the evaluator: a second officer must confirm that override." };
    return { allowed: ["CONFIRM_OVERRIDE", "REJECT", "REQUEST_INFO"], blockedReason: null };
  }
  return { allowed: [], blockedReason: `The case is ${status.toLowerCase().replace(/_/g, " ")}; nothing is waiting for a decision.` };
}

export async function reviewCase(ctx: ServiceContext, submissionId: string): Promise<ReviewCase> {
  const actor = authorize(ctx, "clients.read");
  const submission = await reconstructSubmission(ctx, submissionId);
  const [caseRow, user, reviewRows, history] = await Promise.all([
    ctx.db.onboardingCase.findUnique({ where: { userId: submission.userId } }),
    ctx.db.user.findUnique({ where: { id: submission.userId }, select: { id: true, name: true, email: true } }),
    ctx.db.suitabilityReview.findMany({ where: { submissionId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] }),
    ctx.db.suitabilitySubmission.findMany({ where: { userId: submission.userId }, orderBy: { version: "desc" }, select: { id: true, version: true, submittedAt: true, recordHash: true, evaluatorPassed: true } }),
  ]);
  if (!caseRow || !user) throw new NotFound("No such case.");
  const isLatest = caseRow.latestSubmissionId === submissionId;
  const { allowed, blockedReason } = allowedDecisions(caseRow.status, isLatest, reviewRows, actor.userId);
  return { submission, client: { userId: user.id, name: user.name, email: user.email }, status: caseRow.status, statusReason: caseRow.statusReason, isLatest, reviews: reviewRows, history, allowed, blockedReason };
}

export const DecideInput = z.object({
  submissionId: z.string().uuid("The form did not say which submission; reload the page."),
  decision: z.enum(["APPROVE", "REJECT", "REQUEST_INFO", "CONFIRM_OVERRIDE"], { error: "Choose a decision." }),
  reason: z.string().trim().min(10, "Give the reason for the decision (at least 10 characters): the client sees it and it is kept in the record.").max(2000, "The reason is at most 2,000 characters."),
});
export type DecideInput = z.input<typeof DecideInput>;

const STATUS_AFTER: Record<ReviewDecisionName, OnboardingStatus> = {
  APPROVE: "APPROVED",
  CONFIRM_OVERRIDE: "APPROVED",
  REJECT: "REJECTED",
  REQUEST_INFO: "INFO_REQUESTED",
};

/**
 * An officer's decision (issue 7 pt 6). Approving a submission the evaluator failed is an override: it
 * waits for a second, different officer's CONFIRM_OVERRIDE. Rejecting or asking for information never
 * grants anything, so it needs no second officer. Approval starts a year of perps access (PI-8) with
 * the submission's exposure cap (SUIT-5); a rejection ends any access that was running.
 */
export async function decideReview({ ctx, input }: { ctx: ServiceContext; input: DecideInput }): Promise<{ status: OnboardingStatus; overridesEvaluator: boolean }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { submissionId, decision, reason } = DecideInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const submission = await tx.suitabilitySubmission.findUnique({ where: { id: submissionId }, select: { id: true, userId: true, evaluatorPassed: true, record: true } });
    if (!submission) throw new NotFound("No such submission.");
    const caseRow = (await tx.onboardingCase.findUnique({ where: { userId: submission.userId } }))!;
    if (submission.userId === actor.userId) throw new Forbidden("You cannot decide on your own application.");
    const reviews = await tx.suitabilityReview.findMany({ where: { submissionId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] });
    const { allowed, blockedReason } = allowedDecisions(caseRow.status, caseRow.latestSubmissionId === submissionId, reviews, actor.userId);
    if (!allowed.includes(decision)) throw new Conflict(blockedReason ?? `${decision.replace(/_/g, " ").toLowerCase()} is not possible while the case is ${caseRow.status.toLowerCase().replace(/_/g, " ")}.`);

    const overridesEvaluator = (decision === "APPROVE" || decision === "CONFIRM_OVERRIDE") && !submission.evaluatorPassed;
    const status: OnboardingStatus = decision === "APPROVE" && overridesEvaluator ? "PENDING_SECOND_APPROVAL" : STATUS_AFTER[decision];
    const now = ctx.now();
    await tx.suitabilityReview.create({ data: { submissionId, officerId: actor.userId, officerEmail: actor.email, decision, reason, overridesEvaluator, decidedAt: now } });
    const record = submission.record as unknown as SubmissionRecord;
    const access =
      status === "APPROVED"
        ? { verifiedAt: now, expiresAt: new Date(now.getTime() + PI_STATUS_VALIDITY_MS), maxInitialMarginMicroUsd: BigInt(String(record.exposureCap.maxInitialMarginMicroUsd)) }
        : status === "REJECTED" && caseRow.expiresAt && caseRow.expiresAt > now
          ? { expiresAt: now } // a rejected renewal ends the access it would have extended: reduce-only from now
          : {};
    // Conditional on the state the decision was taken on: if another officer decided meanwhile, this one is refused whole.
    const changed = await tx.onboardingCase.updateMany({
      where: { userId: submission.userId, status: caseRow.status, latestSubmissionId: submissionId, statusChangedAt: caseRow.statusChangedAt },
      data: { status, statusReason: reason, statusChangedAt: now, ...access },
    });
    if (changed.count !== 1) throw new Conflict("The case changed while you were deciding (another officer, or the client). Nothing was recorded: reload it and decide again.");
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

const NOTICE_TEXT: Partial<Record<OnboardingStatus, { title: string; lead: string }>> = {
  APPROVED: { title: "Onboarding approved", lead: "A compliance officer approved your professional-investor onboarding. You may now trade perpetual contracts within your exposure cap." },
  REJECTED: { title: "Onboarding not approved", lead: "A compliance officer did not approve your professional-investor onboarding." },
  INFO_REQUESTED: { title: "More information needed", lead: "A compliance officer needs more information before deciding on your onboarding. Update your application and submit it again." },
};

async function noticeOfDecision(tx: Tx, userId: string, submissionId: string, status: OnboardingStatus, reason: string, now: Date, sequence: number): Promise<void> {
  const text = NOTICE_TEXT[status];
  if (!text) return; // an override waiting for its second officer is not news to the client yet
  await tx.clientNotice.create({ data: { userId, kind: `onboarding.${status.toLowerCase()}`, title: text.title, body: `${text.lead} Reason: ${reason}`, createdAt: now, dedupeKey: `decision:${submissionId}:${sequence}` } });
}
