// Shared by the review queue and case pages. The words for statuses and decisions are in the message
// catalogue (compliance.reviews.status.* and compliance.reviews.decision.*), keyed by these names.
import type { OnboardingStatus } from "@/lib/services/suitability/internal";

// A record rather than a list, so a status added to the type without being added here fails to compile.
const STATUSES: Record<OnboardingStatus, true> = {
  DRAFT: true,
  SUBMITTED: true,
  INFO_REQUESTED: true,
  PENDING_SECOND_APPROVAL: true,
  APPROVED: true,
  REJECTED: true,
};

/** Whether a query-string value names a status (the case page's "decision recorded" note takes one). */
export function isOnboardingStatus(value: unknown): value is OnboardingStatus {
  return typeof value === "string" && Object.hasOwn(STATUSES, value);
}

/** The pill class for a status: green for approved, red for rejected, amber while anything is pending. */
export function statusTone(status: OnboardingStatus): string {
  if (status === "APPROVED") return "pill pill--ok";
  if (status === "REJECTED") return "pill pill--high";
  return "pill pill--warn";
}
