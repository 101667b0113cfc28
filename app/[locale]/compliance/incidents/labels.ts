import { INCIDENT_STEPS, type IncidentStep } from "@/lib/incidents/policy";

/** An incident's workflow status and its pill; a status the page does not know shows as stored. */
export const STATUS_TONE = {
  open: "pill pill--warn",
  draft: "pill pill--warn",
  submitted: "pill",
  approved: "pill",
  published: "pill pill--ok",
} as const;
export type KnownStatus = keyof typeof STATUS_TONE;

export function isKnownStatus(status: string): status is KnownStatus {
  return status in STATUS_TONE;
}

export function isIncidentStep(step: string): step is IncidentStep {
  return (INCIDENT_STEPS as readonly string[]).includes(step);
}
