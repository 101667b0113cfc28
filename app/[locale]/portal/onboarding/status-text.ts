import type { OnboardingStatus } from "@/lib/services/suitability/internal";

/** The status as the client reads it; the second officer's confirmation is internal, so it reads as "with an officer". */
export const STATUS_LABEL: Record<OnboardingStatus, string> = {
  DRAFT: "Not submitted",
  SUBMITTED: "With a compliance officer",
  PENDING_SECOND_APPROVAL: "With a compliance officer",
  INFO_REQUESTED: "More information requested",
  REJECTED: "Not approved",
  APPROVED: "Approved",
};

/** Why the application's forms are disabled, or null when the client may change it. */
export function lockedReason(view: { editable: boolean; status: OnboardingStatus }): string | null {
  if (view.editable) return null;
  if (view.status === "SUBMITTED" || view.status === "PENDING_SECOND_APPROVAL")
    return "Your application is with a compliance officer, so it cannot be changed now. If they need more information they will ask, and you can then change it.";
  return "Your application cannot be changed now.";
}
