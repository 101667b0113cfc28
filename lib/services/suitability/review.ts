import "server-only";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";

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
 * The decisions an officer may take on a case now, or why none. Approving against the evaluator
 * waits for a second, different officer's CONFIRM_OVERRIDE.
 */
export function allowedDecisions(
  status: OnboardingStatus,
  isLatest: boolean,
  reviews: ReviewEntry[],
  officerId: string,
): { allowed: ReviewDecisionName[]; blockedReason: MessageRef | null } {
  if (!isLatest) return { allowed: [], blockedReason: msg("errors.review.superseded") };
  if (status === "SUBMITTED") return { allowed: ["APPROVE", "REJECT", "REQUEST_INFO"], blockedReason: null };
  if (status === "PENDING_SECOND_APPROVAL") {
    const approver = [...reviews].reverse().find((r) => r.decision === "APPROVE");
    if (approver?.officerId === officerId) return { allowed: ["REJECT", "REQUEST_INFO"], blockedReason: msg("errors.review.secondOfficerMustConfirm") };
    return { allowed: ["CONFIRM_OVERRIDE", "REJECT", "REQUEST_INFO"], blockedReason: null };
  }
  return { allowed: [], blockedReason: msg("errors.review.nothingWaiting", { status: caseStatus(status) }) };
}

/** A case status as a reviewer reads it in a sentence ("pending second approval"). */
export function caseStatus(status: OnboardingStatus): MessageRef {
  return msg(`errors.review.caseStatus.${status}`);
}

/** A decision as a reviewer reads it in a sentence ("confirm override"). */
export function decisionName(decision: ReviewDecisionName): MessageRef {
  return msg(`errors.review.decision.${decision}`);
}
