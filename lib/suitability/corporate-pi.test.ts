import { describe, expect, it } from "vitest";
import { corporateApprovalBlockersFrom, isCorporateCategory, traderRefusal, type TraderFacts } from "./corporate-pi";

const facts = (over: Partial<Parameters<typeof corporateApprovalBlockersFrom>[0]> = {}) => ({
  category: "corporation",
  assessment: { conclusion: "POSITIVE" as const },
  consentedVersionIds: ["n1"],
  currentNoticeId: "n1",
  ...over,
});

describe("corporate professional investors (Code 15.3A, 15.3B)", () => {
  it("PI-6: corporations, partnerships and trust corporations are corporate; individuals and institutions are not", () => {
    expect(["corporation", "partnership", "trust_corporation"].every(isCorporateCategory)).toBe(true);
    expect(["individual", "institutional", "", null, undefined].some(isCorporateCategory)).toBe(false);
  });

  it("PI-6: a corporate client is approvable only with a positive 15.3A assessment and consent to the notice in effect", () => {
    expect(corporateApprovalBlockersFrom(facts())).toEqual([]);
    expect(corporateApprovalBlockersFrom(facts({ assessment: null, consentedVersionIds: [] }))).toEqual([
      "CPI_ASSESSMENT_MISSING",
      "CPI_NOTICE_CONSENT_MISSING",
    ]);
    expect(corporateApprovalBlockersFrom(facts({ assessment: { conclusion: "NEGATIVE" } }))).toEqual(["CPI_ASSESSMENT_NEGATIVE"]);
    expect(corporateApprovalBlockersFrom(facts({ currentNoticeId: "n2" }))).toEqual(["CPI_NOTICE_CONSENT_OUTDATED"]);
    expect(corporateApprovalBlockersFrom(facts({ category: "trust_corporation", assessment: null }))).toEqual(["CPI_ASSESSMENT_MISSING"]);
  });

  it("PI-6: the 15.3A/15.3B blockers do not apply to individual or institutional clients", () => {
    for (const category of ["individual", "institutional"])
      expect(corporateApprovalBlockersFrom(facts({ category, assessment: null, consentedVersionIds: [] }))).toEqual([]);
  });

  it("SUIT-4: a corporate order names an authorised, positively assessed trader; anything else is refused with its code", () => {
    const traders: TraderFacts[] = [
      { id: "ok", removedAt: null, latestAssessment: { hasKnowledge: true } },
      { id: "unassessed", removedAt: null, latestAssessment: null },
      { id: "negative", removedAt: null, latestAssessment: { hasKnowledge: false } },
      { id: "removed", removedAt: new Date(0), latestAssessment: { hasKnowledge: true } },
    ];
    expect(traderRefusal(true, "ok", traders)).toBeNull();
    expect(traderRefusal(true, null, traders)).toBe("TRADER_REQUIRED");
    expect(traderRefusal(true, "someone-else", traders)).toBe("TRADER_NOT_AUTHORISED");
    expect(traderRefusal(true, "removed", traders)).toBe("TRADER_NOT_AUTHORISED");
    expect(traderRefusal(true, "unassessed", traders)).toBe("TRADER_NOT_ASSESSED");
    expect(traderRefusal(true, "negative", traders)).toBe("TRADER_NOT_ASSESSED");
    expect(traderRefusal(false, null, [])).toBeNull();
  });
});
