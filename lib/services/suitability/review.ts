import "server-only";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";

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
export function allowedDecisions(status: OnboardingStatus, isLatest: boolean, reviews: ReviewEntry[], officerId: string): { allowed: ReviewDecisionName[]; blockedReason: string | null } {
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
