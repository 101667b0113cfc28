/**
 * Corporate professional investors (PI-6, PI-7, SUIT-4): which categories are corporate, what still
 * stands between a corporate client and approval, and whether an order names a trader who may place it.
 * Pure: the records come in as values (lib/services/suitability/corporate-pi.ts loads them).
 */
import type { InvestorCategory } from "./pi-evaluator";

/** The categories assessed under Code 15.3A (a corporation, a partnership, a trust corporation). */
export const CORPORATE_CATEGORIES: readonly InvestorCategory[] = ["corporation", "partnership", "trust_corporation"];

export function isCorporateCategory(category: string | null | undefined): boolean {
  return category != null && (CORPORATE_CATEGORIES as readonly string[]).includes(category);
}

/** Why a corporate client cannot be approved yet; each has its catalogue sentence (errors.corporatePi.blocker.<code>). */
export type CorporateApprovalBlocker = "CPI_ASSESSMENT_MISSING" | "CPI_ASSESSMENT_NEGATIVE" | "CPI_NOTICE_CONSENT_MISSING" | "CPI_NOTICE_CONSENT_OUTDATED";

export interface CorporateApprovalFacts {
  category: string | null;
  /** The latest 15.3A assessment, if any. */
  assessment: { conclusion: "POSITIVE" | "NEGATIVE" } | null;
  /** The version ids of the 15.3B notice the client consented to. */
  consentedVersionIds: readonly string[];
  /** The notice version in effect now (null: none published, so no consent can be given). */
  currentNoticeId: string | null;
}

/**
 * Code 15.3A/15.3B: a corporate client is approved only after a positive 15.3A assessment and written
 * consent to the notice in effect. Empty for other categories, and when nothing stands in the way.
 */
export function corporateApprovalBlockersFrom(facts: CorporateApprovalFacts): CorporateApprovalBlocker[] {
  if (!isCorporateCategory(facts.category)) return [];
  const blockers: CorporateApprovalBlocker[] = [];
  if (!facts.assessment) blockers.push("CPI_ASSESSMENT_MISSING");
  else if (facts.assessment.conclusion !== "POSITIVE") blockers.push("CPI_ASSESSMENT_NEGATIVE");
  if (facts.consentedVersionIds.length === 0) blockers.push("CPI_NOTICE_CONSENT_MISSING");
  else if (facts.currentNoticeId === null || !facts.consentedVersionIds.includes(facts.currentNoticeId)) blockers.push("CPI_NOTICE_CONSENT_OUTDATED");
  return blockers;
}

export interface TraderFacts {
  id: string;
  removedAt: Date | null;
  /** The trader's latest assessment, if any. */
  latestAssessment: { hasKnowledge: boolean } | null;
}

/** Why an order's trader is refused; each has its catalogue sentence (errors.corporatePi.trader.<code>). */
export type TraderRefusal = "TRADER_REQUIRED" | "TRADER_NOT_AUTHORISED" | "TRADER_NOT_ASSESSED";

/**
 * SUIT-4: for a corporate client, the order must name one of its authorised traders, not removed, whose
 * latest assessment found knowledge of derivatives. Unassessed and negatively assessed traders are both
 * TRADER_NOT_ASSESSED (not assessed as knowing derivatives). Null when the order may proceed.
 */
export function traderRefusal(corporate: boolean, traderId: string | null, traders: readonly TraderFacts[]): TraderRefusal | null {
  if (!corporate) return null;
  if (!traderId) return "TRADER_REQUIRED";
  const trader = traders.find((candidate) => candidate.id === traderId);
  if (!trader || trader.removedAt) return "TRADER_NOT_AUTHORISED";
  if (!trader.latestAssessment?.hasKnowledge) return "TRADER_NOT_ASSESSED";
  return null;
}

/** SUIT-8: what a client may report as changed (labels: onboarding.circumstances.category.<value>). */
export const CIRCUMSTANCE_CATEGORIES = [
  "net_worth",
  "employment",
  "investment_experience",
  "corporate_structure",
  "authorised_traders",
  "contact_details",
  "other",
] as const;
export type CircumstanceCategory = (typeof CIRCUMSTANCE_CATEGORIES)[number];

/** The officer's re-review outcomes built so far. Revocation of PI status is its own verb, not an outcome here. */
export const RE_REVIEW_OUTCOMES = ["NO_CHANGE_NEEDED", "INFO_REQUESTED"] as const;
export type ReReviewOutcome = (typeof RE_REVIEW_OUTCOMES)[number];

/** What the order ticket offers a client as "who places this order" (SUIT-4). */
export interface OrderTraders {
  /** Whether the client's orders must name an authorised trader. */
  corporate: boolean;
  /** The current authorised traders; only those assessed as knowing derivatives can place orders. */
  traders: { id: string; name: string; position: string; assessed: boolean }[];
}
