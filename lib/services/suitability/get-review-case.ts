import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import { reconstructSubmission, type ReconstructedSubmission } from "@/lib/services/suitability/reconstruct-submission";
import {
  allowedDecisions,
  reviewGate,
  confirmationMaps,
  type ConfirmableKind,
  type ReviewDecisionName,
  type ReviewEntry,
  type ReviewGate,
} from "@/lib/services/suitability/review";
import type { DerivativeKnowledgeAssessment } from "@/lib/suitability/derivative-knowledge";
import type { GetReviewCaseInput } from "@/lib/services/suitability/schemas";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

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
  blockedReason: MessageRef | null;
  /** The gate the decision rests on now: PI and quiz as recorded, knowledge with the officers' confirmations applied. */
  gate: ReviewGate;
  /** The knowledge assessment with the confirmations applied (null when the record no longer validates). */
  knowledgeNow: DerivativeKnowledgeAssessment | null;
  /** Officers' confirmations of declared roles and external courses (SUIT-2), by kind and the record's index in its list. */
  confirmations: { kind: ConfirmableKind; index: number; officerEmail: string; confirmedAt: Date; documentSha256: string; note: string }[];
}

/** One submission as an officer reviews it: the reconstructed record, the case, its decisions so far and what may be decided now. */
export async function getReviewCase({ ctx, input }: { ctx: ServiceContext; input: GetReviewCaseInput }): Promise<ReviewCase> {
  const actor = authorize(ctx, "clients.read");
  const { submissionId } = input;
  const submission = await reconstructSubmission({ ctx, input });
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "review_case", subjectUserId: submission.userId, subjectRef: submissionId, purpose: "suitability review" },
    ctx.now(),
  );
  const [caseRow, user, reviewRows, history, confirmationRows] = await Promise.all([
    ctx.db.onboardingCase.findUnique({ where: { userId: submission.userId } }),
    ctx.db.user.findUnique({ where: { id: submission.userId }, select: { id: true, name: true, email: true } }),
    ctx.db.suitabilityReview.findMany({ where: { submissionId }, orderBy: [{ decidedAt: "asc" }, { id: "asc" }] }),
    ctx.db.suitabilitySubmission.findMany({
      where: { userId: submission.userId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, submittedAt: true, recordHash: true, evaluatorPassed: true },
    }),
    ctx.db.knowledgeConfirmation.findMany({ where: { submissionId }, orderBy: [{ kind: "asc" }, { recordIndex: "asc" }] }),
  ]);
  if (!caseRow || !user) throw new NotFound(msg("errors.review.noSuchCase"));
  const isLatest = caseRow.latestSubmissionId === submissionId;
  const { knowledge: knowledgeNow, ...gate } = reviewGate(submission.record, confirmationMaps(confirmationRows));
  const { allowed, blockedReason } = allowedDecisions(caseRow.status, isLatest, reviewRows, actor.userId, gate);
  return {
    submission,
    client: { userId: user.id, name: user.name, email: user.email },
    status: caseRow.status,
    statusReason: caseRow.statusReason,
    isLatest,
    reviews: reviewRows,
    history,
    allowed,
    blockedReason,
    gate,
    knowledgeNow,
    confirmations: confirmationRows.map((r) => ({
      kind: r.kind === "COURSE" ? ("course" as const) : ("role" as const),
      index: r.recordIndex,
      officerEmail: r.officerEmail,
      confirmedAt: r.confirmedAt,
      documentSha256: r.documentSha256,
      note: r.note,
    })),
  };
}
