import { describe, expect, it } from "vitest";
import { hongKongDate, piStatusExpiresAt } from "./dates";
import { evaluateProfessionalInvestor, staleEvidenceAt, type PiInput, type PortfolioLine } from "./pi-evaluator";

const ASSESSED = "2026-11-20";
const line = (statementDate: string, over: Partial<PortfolioLine> = {}): PortfolioLine => ({
  assetClass: "securities",
  custodianOrIssuer: "Harbour Custodian",
  documentType: "custodian_statement",
  valueMinor: 8_000_000_00n,
  currency: "HKD",
  statementDate,
  ownership: { kind: "sole" },
  ...over,
});

function evaluated(input: PiInput) {
  const r = evaluateProfessionalInvestor(input, { assessmentDate: ASSESSED, fxRates: [] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors.map((e) => e.message)));
  return r.evaluation;
}

describe("PI-5 evidence age at the decision date", () => {
  it("PI-5: a counted statement 300 days old at assessment is stale 66 days later (366 days) and named with its date and age; at 365 days it is not", () => {
    const input: PiInput = { category: "individual", portfolio: [line("2026-01-24")] };
    const evaluation = evaluated(input);
    expect(evaluation.passed).toBe(true);
    expect(evaluation.portfolioLines[0]?.evidenceAgeDays).toBe(300);
    expect(staleEvidenceAt(input, evaluation, "2027-01-24")).toEqual([]); // 365 days
    const stale = staleEvidenceAt(input, evaluation, "2027-01-25"); // 366 days
    expect(stale).toEqual([
      expect.objectContaining({ list: "portfolio", index: 0, description: "securities at Harbour Custodian", statementDate: "2026-01-24", ageDays: 366 }),
    ]);
    expect(stale[0]?.reason).toMatch(/366 days old/);
  });

  it("PI-5: only counted lines are re-checked (an excluded property line is not named); audited accounts keep the 16-month window", () => {
    const input: PiInput = {
      category: "corporation",
      portfolio: [line("2026-10-01", { assetClass: "property", valueMinor: 1n }), line("2026-10-01")],
      totalAssets: [
        {
          description: "FY2025 audited accounts",
          documentType: "audited_financial_statements",
          valueMinor: 50_000_000_00n,
          currency: "HKD",
          statementDate: "2025-08-01",
        },
      ],
    };
    const evaluation = evaluated(input);
    // 2025-08-01 is the earliest accepted 16 months before 2026-12-01, and too old by 2026-12-02.
    expect(staleEvidenceAt(input, evaluation, "2026-12-01")).toEqual([]);
    expect(staleEvidenceAt(input, evaluation, "2026-12-02").map((s) => [s.list, s.index])).toEqual([["totalAssets", 0]]);
    expect(staleEvidenceAt(input, evaluation, "2027-10-02").map((s) => [s.list, s.index])).toEqual([
      ["portfolio", 1],
      ["totalAssets", 0],
    ]);
  });

  it("PI-5: the stored record's JSON (amounts as strings) is read the same way", () => {
    const input: PiInput = { category: "individual", portfolio: [line("2026-01-24")] };
    const stored = JSON.parse(JSON.stringify(evaluated(input), (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
    expect(staleEvidenceAt(input, stored, "2027-01-25")).toHaveLength(1);
  });
});

describe("PI-8 status runs 12 months from the assessment date", () => {
  it("PI-8: expiry is 00:00 Hong Kong time on the same date a year after the assessment, whenever the approval", () => {
    expect(piStatusExpiresAt("2026-11-20").toISOString()).toBe("2027-11-19T16:00:00.000Z");
    expect(hongKongDate(piStatusExpiresAt("2026-11-20"))).toBe("2027-11-20");
  });

  it("PI-8: an assessment on 29 February runs to 28 February (never longer than 12 months)", () => {
    expect(hongKongDate(piStatusExpiresAt("2028-02-29"))).toBe("2029-02-28");
    expect(hongKongDate(piStatusExpiresAt("2027-12-31"))).toBe("2028-12-31");
  });
});
