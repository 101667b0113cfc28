import "server-only";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import { ServiceError } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { assessDerivativeKnowledge, type DerivativeKnowledgeAssessment, type KnowledgeConfirmation } from "@/lib/suitability/derivative-knowledge";
import { knowledgeInput, normaliseDraft, type KnowledgeConfirmations } from "@/lib/suitability/draft";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";

// The compliance review's vocabulary and its one rule about who may take which decision when.

export type ReviewDecisionName = "APPROVE" | "REJECT" | "REQUEST_INFO" | "CONFIRM_OVERRIDE";

export interface ReviewEntry {
  id: string;
  officerId: string;
  officerEmail: string;
  decision: ReviewDecisionName;
  reason: string;
  overridesEvaluator: boolean;
  decidedAt: Date;
}

/**
 * The evaluators' answers a decision rests on. `piPassed` is the statutory PI Rules test (PI-2 … PI-5)
 * and `quizPassed` the Code 5.3 risk quiz: both objective, never overridable. `knowledgePassed` is the
 * Code 5.1A derivative-knowledge criterion with the officers' confirmations (roles, external courses) applied: the one
 * judgement an approval may override, with two different officers.
 */
export interface ReviewGate {
  piPassed: boolean;
  quizPassed: boolean;
  knowledgePassed: boolean;
}

/** The kinds of declared record an officer confirms against its document, as stored and as the forms post them. */
export const CONFIRMABLE_KINDS = { role: "ROLE", course: "COURSE" } as const;
export type ConfirmableKind = keyof typeof CONFIRMABLE_KINDS;

/** Stored confirmations as the knowledge rules take them: per kind, keyed by the record's index in its draft list. */
export function confirmationMaps(
  rows: { kind: "ROLE" | "COURSE"; recordIndex: number; officerId: string; officerEmail: string; confirmedAt: Date; documentSha256: string }[],
): KnowledgeConfirmations {
  const of = (kind: "ROLE" | "COURSE") =>
    new Map<number, KnowledgeConfirmation>(
      rows
        .filter((r) => r.kind === kind)
        .map((r) => [
          r.recordIndex,
          { officerId: r.officerId, officerEmail: r.officerEmail, confirmedAt: r.confirmedAt.toISOString(), documentSha256: r.documentSha256 },
        ]),
    );
  return { role: of("ROLE"), course: of("COURSE") };
}

/**
 * The gate of a submission now: the PI test and the risk quiz as recorded at submission (objective, they
 * do not change), and the knowledge criterion assessed again on the recorded draft as of the recorded
 * assessment date with the officers' confirmations of roles and external courses since (SUIT-1, SUIT-2). A record whose knowledge
 * section no longer passes validation is treated as without knowledge (insufficient information).
 */
export function reviewGate(record: SubmissionRecord, confirmations: KnowledgeConfirmations): ReviewGate & { knowledge: DerivativeKnowledgeAssessment | null } {
  const course = record.platformCourse
    ? {
        kind: "platform_course" as const,
        courseVersion: record.platformCourse.courseVersion,
        quizPassed: true,
        completionDate: record.platformCourse.completionDate,
      }
    : null;
  const result = assessDerivativeKnowledge(knowledgeInput(normaliseDraft(record.draft), course, confirmations), { assessmentDate: record.assessmentDate });
  const knowledge = result.ok ? result.assessment : null;
  return {
    piPassed: record.pi.passed === true && record.evaluator.piPassed === true,
    quizPassed: record.riskQuiz.passed === true && record.evaluator.quizPassed === true,
    knowledgePassed: knowledge?.hasKnowledge === true,
    knowledge,
  };
}

/** Why an approval is refused outright (no number of officers can approve it), or null. */
export function approvalBarred(gate: ReviewGate): { code: "PI_TEST_FAILED" | "RISK_QUIZ_FAILED"; reason: MessageRef } | null {
  if (!gate.piPassed) return { code: "PI_TEST_FAILED", reason: msg("errors.review.gate.piTestFailed") };
  if (!gate.quizPassed) return { code: "RISK_QUIZ_FAILED", reason: msg("errors.review.gate.riskQuizFailed") };
  return null;
}

/** Whether approving now is an override of the evaluator, which waits for a second officer's confirmation. */
export function approvalOverrides(gate: ReviewGate): boolean {
  return !gate.knowledgePassed;
}

/**
 * The decisions an officer may take on a case now, or why none (PI-2 … PI-5, SUIT-1). The service
 * enforces exactly this and the review page offers exactly this:
 * - a failed statutory PI test or a failed risk quiz can never be approved: APPROVE and
 *   CONFIRM_OVERRIDE are withheld whatever was decided before, and the reason says why;
 * - approving against the knowledge criterion alone waits for a second, different officer's
 *   CONFIRM_OVERRIDE.
 */
export function allowedDecisions(
  status: OnboardingStatus,
  isLatest: boolean,
  reviews: ReviewEntry[],
  officerId: string,
  gate: ReviewGate,
): { allowed: ReviewDecisionName[]; blockedReason: MessageRef | null } {
  if (!isLatest) return { allowed: [], blockedReason: msg("errors.review.superseded") };
  const barred = approvalBarred(gate);
  if (status === "SUBMITTED") {
    if (barred) return { allowed: ["REJECT", "REQUEST_INFO"], blockedReason: barred.reason };
    return { allowed: ["APPROVE", "REJECT", "REQUEST_INFO"], blockedReason: null };
  }
  if (status === "PENDING_SECOND_APPROVAL") {
    if (barred) return { allowed: ["REJECT", "REQUEST_INFO"], blockedReason: barred.reason };
    const approver = [...reviews].reverse().find((r) => r.decision === "APPROVE");
    if (approver?.officerId === officerId) return { allowed: ["REJECT", "REQUEST_INFO"], blockedReason: msg("errors.review.secondOfficerMustConfirm") };
    return { allowed: ["CONFIRM_OVERRIDE", "REJECT", "REQUEST_INFO"], blockedReason: null };
  }
  return { allowed: [], blockedReason: msg("errors.review.nothingWaiting", { status: caseStatus(status) }) };
}

/** An approval refused by the gate: a failed objective test, or evidence stale on the decision date. Nothing changes. */
export class ApprovalRefused extends ServiceError {
  constructor(message: MessageRef, code: "PI_TEST_FAILED" | "RISK_QUIZ_FAILED" | "EVIDENCE_STALE") {
    super(message, 409, code);
  }
}

/** A case status as a reviewer reads it in a sentence ("pending second approval"). */
export function caseStatus(status: OnboardingStatus): MessageRef {
  return msg(`errors.review.caseStatus.${status}`);
}

/** A decision as a reviewer reads it in a sentence ("confirm override"). */
export function decisionName(decision: ReviewDecisionName): MessageRef {
  return msg(`errors.review.decision.${decision}`);
}
