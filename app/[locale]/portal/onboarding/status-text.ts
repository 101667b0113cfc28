import type { OnboardingStatus } from "@/lib/services/suitability/internal";

/** Why the application's forms are disabled: a key of onboarding.locked, shown by LockedNote. */
export type LockedReason = "withOfficer" | "notEditable";

/** Why the application's forms are disabled, or null when the client may change it. */
export function lockedReason(view: { editable: boolean; status: OnboardingStatus }): LockedReason | null {
  if (view.editable) return null;
  if (view.status === "SUBMITTED" || view.status === "PENDING_SECOND_APPROVAL") return "withOfficer";
  return "notEditable";
}
