/**
 * AFMM-8: the review queue's rules, as configuration. Which ordinary AFMM trades are drawn for review
 * (a per-mille rate, decided by a hash of the trade's journal seq, so a replay or a restart draws the
 * same trades), how long each kind of item may stay open (its SLA), and the ageing bands the queue
 * shows. Pure: no clock, no I/O; the caller passes the times (epoch milliseconds).
 */

import { hash32 } from "../random/prng";
import type { AlertSeverity } from "./types";

export type ReviewKind = "alert" | "sample";

/** An item's place in the queue: open → in_review (assigned) → escalated → closed. */
export const REVIEW_STATUSES = ["open", "in_review", "escalated", "closed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * What a reviewer decides. ESCALATE leaves the item open (status escalated) for the designated
 * oversight officer; NO_ISSUE and BREACH close it, and only the designated officer may decide them.
 */
export const REVIEW_DECISIONS = ["NO_ISSUE", "ESCALATE", "BREACH"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Decisions that close an item. */
export const CLOSING_DECISIONS: readonly ReviewDecision[] = ["NO_ISSUE", "BREACH"];

export const AGEING_BANDS = ["under1d", "d1to3", "d3to7", "over7d"] as const;
export type AgeingBand = (typeof AGEING_BANDS)[number];

export type SlaStatus = "within" | "dueSoon" | "overdue" | "met" | "missed";

export interface ReviewPolicy {
  /** Ordinary AFMM trades drawn for review, per thousand trades (0 … 1,000). */
  samplePerMille: number;
  /** Salt of the sampling hash: changing it draws a different (equally deterministic) sample. */
  sampleSalt: number;
  /** Longest an item may stay open, by alert severity, and for a sampled trade. */
  slaMs: Record<AlertSeverity | "sample", number>;
  /** An open item is "due soon" within this much of its due time. */
  dueSoonMs: number;
  /** Upper bounds of the ageing bands (the last band is open-ended): under 1 day, 1–3 days, 3–7 days, over 7 days. */
  ageingBandsMs: readonly [number, number, number];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const REVIEW_POLICY: ReviewPolicy = {
  samplePerMille: 20,
  sampleSalt: 0x5a4d504c,
  slaMs: { high: 24 * HOUR_MS, medium: 72 * HOUR_MS, low: 5 * DAY_MS, sample: 7 * DAY_MS },
  dueSoonMs: 6 * HOUR_MS,
  ageingBandsMs: [DAY_MS, 3 * DAY_MS, 7 * DAY_MS],
};

/** Whether the AFMM trade at journal seq `seq` is drawn for review: the same answer every time for the same seq and policy. */
export function sampledForReview(seq: number, policy: ReviewPolicy = REVIEW_POLICY): boolean {
  if (policy.samplePerMille <= 0) return false;
  if (policy.samplePerMille >= 1000) return true;
  // Two 32-bit halves: journal seqs pass 2^32 eventually, and both halves must move the draw.
  const high = Math.floor(seq / 0x1_0000_0000);
  const low = seq >>> 0;
  return hash32(policy.sampleSalt, high, low) % 1000 < policy.samplePerMille;
}

/** The SLA of an item: an alert's by its severity, a sampled trade's its own. */
export function reviewSlaMs(kind: ReviewKind, severity: AlertSeverity | null, policy: ReviewPolicy = REVIEW_POLICY): number {
  if (kind === "sample" || severity === null) return policy.slaMs.sample;
  return policy.slaMs[severity];
}

export function reviewDueAtMs(openedAtMs: number, kind: ReviewKind, severity: AlertSeverity | null, policy: ReviewPolicy = REVIEW_POLICY): number {
  return openedAtMs + reviewSlaMs(kind, severity, policy);
}

/**
 * Where an item stands against its SLA: open items are within it, due soon or overdue at `now`; closed
 * items met or missed it at their close.
 */
export function slaStatus(dueAtMs: number, nowMs: number, closedAtMs: number | null, policy: ReviewPolicy = REVIEW_POLICY): SlaStatus {
  if (closedAtMs !== null) return closedAtMs <= dueAtMs ? "met" : "missed";
  const left = dueAtMs - nowMs;
  if (left < 0) return "overdue";
  return left <= policy.dueSoonMs ? "dueSoon" : "within";
}

/** How long an item has been (or was) open, as a band: from its opening to its close, or to `now` while open. */
export function ageingBand(openedAtMs: number, nowMs: number, closedAtMs: number | null, policy: ReviewPolicy = REVIEW_POLICY): AgeingBand {
  const age = (closedAtMs ?? nowMs) - openedAtMs;
  const [first, second, third] = policy.ageingBandsMs;
  if (age < first) return "under1d";
  if (age < second) return "d1to3";
  if (age < third) return "d3to7";
  return "over7d";
}

export function isReviewStatus(value: string): value is ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(value);
}

export function isReviewDecision(value: string): value is ReviewDecision {
  return (REVIEW_DECISIONS as readonly string[]).includes(value);
}
