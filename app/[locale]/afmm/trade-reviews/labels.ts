import { isReviewDecision, isReviewStatus, type AgeingBand, type SlaStatus } from "@/lib/surveillance/review-policy";
import { SURVEILLANCE_RULES, type AlertSeverity, type SurveillanceRule } from "@/lib/surveillance/types";

/** The pill of each status and SLA standing; a value the page does not know shows as stored. */
export const STATUS_TONE = { open: "pill pill--warn", in_review: "pill", escalated: "pill pill--high", closed: "pill pill--ok" } as const;
export const SLA_TONE: Record<SlaStatus, string> = {
  within: "pill",
  dueSoon: "pill pill--warn",
  overdue: "pill pill--high",
  met: "pill pill--ok",
  missed: "pill pill--warn",
};

export function isRule(value: string | null): value is SurveillanceRule {
  return value !== null && (SURVEILLANCE_RULES as readonly string[]).includes(value);
}

export function isSeverity(value: string | null): value is AlertSeverity {
  return value === "low" || value === "medium" || value === "high";
}

export { isReviewDecision, isReviewStatus };
export type { AgeingBand, SlaStatus };

/** Days and hours of an age, for the catalogue's "age" message. */
export function ageParts(ms: number): { days: number; hours: number } {
  const hours = Math.max(0, Math.floor(ms / 3_600_000));
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}
