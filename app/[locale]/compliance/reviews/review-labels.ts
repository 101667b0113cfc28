// Words for the review queue and case pages. Client-safe (no service imports beyond types), so the
// decision form can use the same labels the server-rendered pages do.
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import type { ReviewDecisionName } from "@/lib/services/suitability/review";

export const STATUS_LABELS: Record<OnboardingStatus, string> = {
  DRAFT: "Draft (not submitted)",
  SUBMITTED: "Waiting for an officer",
  INFO_REQUESTED: "More information requested",
  PENDING_SECOND_APPROVAL: "Awaiting second officer",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

export const DECISION_LABELS: Record<ReviewDecisionName, string> = {
  APPROVE: "Approve",
  REJECT: "Reject",
  REQUEST_INFO: "Request more information",
  CONFIRM_OVERRIDE: "Confirm the override (second officer)",
};

/** The pill class for a status: green for approved, red for rejected, amber while anything is pending. */
export function statusTone(status: OnboardingStatus): string {
  if (status === "APPROVED") return "pill pill--ok";
  if (status === "REJECTED") return "pill pill--high";
  return "pill pill--warn";
}
