import { describe, expect, test } from "vitest";
import { evaluateProfessionalInvestor, type InvestorCategory, type PiInput, type PortfolioLine, type TotalAssetsLine } from "./pi-evaluator";
import type { FxRate } from "./money";

const ASSESSMENT = "2026-11-20";
const USD: FxRate = { currency: "USD", hkdPerUnitPpb: 7_800_000_000n, asOf: "2026-11-19", source: "HKMA closing rate" };
const JPY: FxRate = { currency: "JPY", hkdPerUnitPpb: 52_000_000n, asOf: "2026-11-19", source: "HKMA closing rate" };
const ctx = { assessmentDate: ASSESSMENT, fxRates: [USD, JPY] };

const hkd = (dollars: bigint, cents = 0n) => dollars * 100n + cents;

function line(overrides: Partial<PortfolioLine> = {}): PortfolioLine {
  return {
    assetClass: "securities",
    custodianOrIssuer: "HSBC Custody",
    documentType: "custodian_statement",
    valueMinor: hkd(8_000_000n),
    currency: "HKD",
    statementDate: "2026-10-31",
    ownership: { kind: "sole" },
    ...overrides,
  };
}

function evaluate(input: PiInput, c = ctx) {
  const r = evaluateProfessionalInvestor(input, c);
  if (!r.ok) throw new Error(`unexpected validation errors: ${JSON.stringify(r.errors.map((e) => e.message))}`);
  return r.evaluation;
}

const individual = (...portfolio: PortfolioLine[]): PiInput => ({ category: "individual", portfolio });

describe("PI-2 individual portfolio", () => {
  test("PI-2: HK$7,999,999.99 fails and HK$8,000,000.00 passes", () => {
    const below = evaluate(individual(line({ valueMinor: hkd(7_999_999n, 99n) })));
    expect(below.passed).toBe(false);
    expect(below.portfolioTotalHkdCents).toBe(799_999_999n);
    expect(below.tests).toEqual([expect.objectContaining({ test: "portfolio", thresholdHkdCents: 800_000_000n, amountHkdCents: 799_999_999n, passed: false })]);
    const at = evaluate(individual(line({ valueMinor: hkd(8_000_000n) })));
    expect(at.passed).toBe(true);
    expect(at.passedTest).toBe("portfolio");
  });

  test("PI-2: HK$16m joint account with one non-associate and no agreement counts half (HK$8m, pass)", () => {
    const e = evaluate(individual(line({ valueMinor: hkd(16_000_000n), ownership: { kind: "joint_with_non_associates", holders: 2 } })));
    expect(e.portfolioLines[0].share).toEqual({ numerator: 1n, denominator: 2n });
    expect(e.portfolioTotalHkdCents).toBe(hkd(8_000_000n));
    expect(e.passed).toBe(true);
  });

  test("PI-2: the same account with a 40/60 written agreement counts 40% (HK$6.4m, fail)", () => {
    const e = evaluate(
      individual(
        line({
          valueMinor: hkd(16_000_000n),
          ownership: { kind: "joint_with_non_associates", holders: 2, agreedShare: { numerator: 40n, denominator: 100n } },
        }),
      ),
    );
    expect(e.portfolioTotalHkdCents).toBe(hkd(6_400_000n));
    expect(e.passed).toBe(false);
  });

  test("PI-2: three non-associate holders without agreement: equal thirds, rounded down", () => {
    const e = evaluate(individual(line({ valueMinor: hkd(24_000_000n, 1n), ownership: { kind: "joint_with_non_associates", holders: 3 } })));
    expect(e.portfolioTotalHkdCents).toBe(hkd(8_000_000n)); // 2,400,000,001 / 3 = 800,000,000.33 → 800,000,000
    expect(e.passed).toBe(true);
  });

  test("PI-2: a joint account with the spouse counts 100%", () => {
    const e = evaluate(individual(line({ ownership: { kind: "joint_with_associate", associate: "spouse" } })));
    expect(e.portfolioTotalHkdCents).toBe(hkd(8_000_000n));
    expect(e.passed).toBe(true);
  });

  test("PI-2: a wholly owned investment-holding company counts, a 99%-owned one does not", () => {
    const company = (numerator: bigint) =>
      line({
        ownership: {
          kind: "investment_holding_company",
          companyName: "Family Holdings Ltd",
          ownership: { numerator, denominator: 100n },
          principalBusinessIsHoldingInvestments: true,
        },
      });
    const whole = evaluate(individual(company(100n)));
    expect(whole.passed).toBe(true);
    const partial = evaluate(individual(company(99n)));
    expect(partial.passed).toBe(false);
    expect(partial.portfolioLines[0].countedHkdCents).toBe(0n);
    expect(partial.portfolioLines[0].exclusionReasons.join()).toMatch(/not wholly owned/);
  });

  test("PI-2: a wholly owned company whose principal business is not holding investments does not count", () => {
    const e = evaluate(
      individual(
        line({
          ownership: {
            kind: "investment_holding_company",
            companyName: "Trading Co",
            ownership: { numerator: 1n, denominator: 1n },
            principalBusinessIsHoldingInvestments: false,
          },
        }),
      ),
    );
    expect(e.passed).toBe(false);
    expect(e.portfolioLines[0].exclusionReasons.join()).toMatch(/principal business/);
  });

  test("PI-2: foreign currency converts at the recorded rate, rounded down, and the rate is recorded with date and source", () => {
    // US$1,025,641.02 × 7.8 = HK$7,999,999.956 → 799,999,995 cents (down), fails
    const below = evaluate(individual(line({ currency: "USD", valueMinor: 102_564_102n })));
    expect(below.portfolioLines[0].hkdCents).toBe(799_999_995n);
    expect(below.passed).toBe(false);
    expect(below.fxRatesUsed).toEqual([USD]);
    // US$1,025,641.03 × 7.8 = HK$8,000,000.034 → 800,000,003 cents, passes
    expect(evaluate(individual(line({ currency: "USD", valueMinor: 102_564_103n }))).passed).toBe(true);
    // JPY has no minor unit: ¥153,846,154 × 0.052 = HK$8,000,000.008 → 800,000,000 cents
    const yen = evaluate(individual(line({ currency: "JPY", valueMinor: 153_846_154n })));
    expect(yen.portfolioLines[0].hkdCents).toBe(800_000_000n);
    expect(yen.passed).toBe(true);
  });

  test("PI-2: lines add up across accounts", () => {
    const e = evaluate(individual(line({ valueMinor: hkd(5_000_000n) }), line({ assetClass: "custodian_cash", valueMinor: hkd(3_000_000n) })));
    expect(e.portfolioTotalHkdCents).toBe(hkd(8_000_000n));
    expect(e.passed).toBe(true);
  });
});

describe("PI-3 entity types", () => {
  const ta = (dollars: bigint): TotalAssetsLine => ({
    description: "audited balance sheet",
    documentType: "audited_financial_statements",
    valueMinor: hkd(dollars),
    currency: "HKD",
    statementDate: "2026-03-31",
  });
  const cases: { category: InvestorCategory; portfolio?: bigint; totalAssets?: bigint; passed: boolean; passedTest: string | null }[] = [
    { category: "individual", portfolio: 7_999_999n, passed: false, passedTest: null },
    { category: "individual", portfolio: 8_000_000n, passed: true, passedTest: "portfolio" },
    { category: "corporation", portfolio: 7_999_999n, totalAssets: 39_999_999n, passed: false, passedTest: null },
    { category: "corporation", portfolio: 8_000_000n, totalAssets: 39_999_999n, passed: true, passedTest: "portfolio" },
    { category: "corporation", portfolio: 7_999_999n, totalAssets: 40_000_000n, passed: true, passedTest: "total_assets" },
    { category: "partnership", portfolio: 7_999_999n, totalAssets: 39_999_999n, passed: false, passedTest: null },
    { category: "partnership", portfolio: 8_000_000n, totalAssets: 39_999_999n, passed: true, passedTest: "portfolio" },
    { category: "partnership", portfolio: 7_999_999n, totalAssets: 40_000_000n, passed: true, passedTest: "total_assets" },
    { category: "trust_corporation", totalAssets: 39_999_999n, passed: false, passedTest: null },
    { category: "trust_corporation", totalAssets: 40_000_000n, passed: true, passedTest: "total_assets" },
    // A trust corporation has no portfolio test: HK$8m of securities alone does not qualify it.
    { category: "trust_corporation", portfolio: 8_000_000n, totalAssets: 39_999_999n, passed: false, passedTest: null },
  ];
  test.each(cases)("PI-3: $category portfolio $portfolio total assets $totalAssets → passed=$passed", (c) => {
    const e = evaluate({
      category: c.category,
      portfolio: c.portfolio === undefined ? [] : [line({ valueMinor: hkd(c.portfolio) })],
      totalAssets: c.totalAssets === undefined ? undefined : [ta(c.totalAssets)],
    });
    expect(e.passed).toBe(c.passed);
    expect(e.passedTest).toBe(c.passedTest);
  });

  test.each(["trust_corporation", "corporation"] as const)("PI-3: %s with total assets HK$39,999,999.99 fails and HK$40,000,000.00 passes", (category) => {
    const withTotalAssets = (cents: bigint) => evaluate({ category, portfolio: [], totalAssets: [{ ...ta(0n), valueMinor: cents }] });
    expect(withTotalAssets(3_999_999_999n).passed).toBe(false);
    expect(withTotalAssets(4_000_000_000n)).toMatchObject({ passed: true, passedTest: "total_assets" });
  });

  test("PI-3: institutional PIs have no monetary test but must state their basis", () => {
    const e = evaluate({ category: "institutional", portfolio: [], institutionalBasis: "(b) licensed corporation" });
    expect(e.passed).toBe(true);
    expect(e.passedTest).toBe("institutional");
    const r = evaluateProfessionalInvestor({ category: "institutional", portfolio: [] }, ctx);
    expect(r.ok).toBe(false);
  });

  test("PI-3 / PI-5: audited financial statements older than 16 months do not count toward total assets", () => {
    const ok = evaluate({ category: "trust_corporation", portfolio: [], totalAssets: [{ ...ta(40_000_000n), statementDate: "2025-07-20" }] });
    expect(ok.passed).toBe(true);
    const stale = evaluate({ category: "trust_corporation", portfolio: [], totalAssets: [{ ...ta(40_000_000n), statementDate: "2025-07-19" }] });
    expect(stale.passed).toBe(false);
    expect(stale.totalAssetsLines[0].exclusionReasons.join()).toMatch(/16 months/);
  });
});

describe("PI-4 eligible asset classes", () => {
  test("PI-4: BTC worth HK$10m plus HK$1m cash fails; the BTC line as listed equity passes", () => {
    const btc = line({ assetClass: "virtual_asset", custodianOrIssuer: "VATP custody (BTC)", valueMinor: hkd(10_000_000n) });
    const cash = line({ assetClass: "custodian_cash", custodianOrIssuer: "HSBC", valueMinor: hkd(1_000_000n) });
    const fails = evaluate(individual(btc, cash));
    expect(fails.passed).toBe(false);
    expect(fails.portfolioTotalHkdCents).toBe(hkd(1_000_000n));
    expect(fails.portfolioLines[0].countedHkdCents).toBe(0n);
    expect(fails.portfolioLines[0].hkdCents).toBe(hkd(10_000_000n)); // shown, but not counted
    expect(fails.portfolioLines[0].exclusionReasons.join()).toMatch(/virtual assets/);
    const passes = evaluate(individual({ ...btc, assetClass: "securities", custodianOrIssuer: "HKEX-listed equity at HSBC" }, cash));
    expect(passes.passed).toBe(true);
    expect(passes.portfolioTotalHkdCents).toBe(hkd(11_000_000n));
  });

  test.each(["property", "insurance", "mpf_orso", "private_company_shares", "futures", "virtual_asset"] as const)(
    "PI-4: %s is listed with a reason and excluded",
    (assetClass) => {
      const e = evaluate(individual(line({ assetClass, valueMinor: hkd(9_000_000n) })));
      expect(e.passed).toBe(false);
      expect(e.portfolioLines[0].exclusionReasons).toHaveLength(1);
    },
  );

  test.each(["securities", "certificate_of_deposit", "custodian_cash"] as const)("PI-4: %s counts", (assetClass) => {
    expect(evaluate(individual(line({ assetClass }))).passed).toBe(true);
  });
});

describe("PI-5 evidence window", () => {
  test("PI-5: evidence 365 days old is accepted, 366 days old is rejected", () => {
    // 2025-11-20 → 2026-11-20 is 365 days (no 29 February in between).
    const accepted = evaluate(individual(line({ statementDate: "2025-11-20" })));
    expect(accepted.portfolioLines[0].evidenceAgeDays).toBe(365);
    expect(accepted.passed).toBe(true);
    const rejected = evaluate(individual(line({ statementDate: "2025-11-19" })));
    expect(rejected.portfolioLines[0].evidenceAgeDays).toBe(366);
    expect(rejected.passed).toBe(false);
    expect(rejected.portfolioLines[0].exclusionReasons.join()).toMatch(/366 days old/);
  });

  test("PI-5: across a leap day the boundary stays 365 days, so the same calendar date a year earlier is rejected", () => {
    const leap = { ...ctx, assessmentDate: "2028-03-01" };
    expect(evaluate(individual(line({ statementDate: "2027-03-01" })), leap).passed).toBe(false); // 366 days
    expect(evaluate(individual(line({ statementDate: "2027-03-02" })), leap).passed).toBe(true); // 365 days
  });

  test("PI-5: evidence dated on the assessment date is accepted (age 0)", () => {
    expect(evaluate(individual(line({ statementDate: ASSESSMENT }))).passed).toBe(true);
  });
});

describe("PI validation: bad input gets specific errors, all listed", () => {
  test("PI-5: future statement date, zero and negative values, unsupported currency, missing FX rate", () => {
    const r = evaluateProfessionalInvestor(
      individual(
        line({ statementDate: "2026-11-21" }),
        line({ valueMinor: 0n }),
        line({ valueMinor: -5n }),
        line({ currency: "XYZ" }),
        line({ currency: "EUR" }),
        line({ custodianOrIssuer: "  " }),
      ),
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ["portfolio[0].statementDate", "FUTURE_DATE"],
      ["portfolio[1].valueMinor", "NON_POSITIVE_VALUE"],
      ["portfolio[2].valueMinor", "NON_POSITIVE_VALUE"],
      ["portfolio[3].currency", "UNSUPPORTED_CURRENCY"],
      ["portfolio[4].currency", "MISSING_FX_RATE"],
      ["portfolio[5].custodianOrIssuer", "MISSING_FIELD"],
    ]);
    expect(r.errors[0].message).toContain("2026-11-21 is after the assessment date 2026-11-20");
  });

  test("PI-2 / PI-5: bad shares, bad dates, bad FX rates and misplaced tests are refused", () => {
    const r = evaluateProfessionalInvestor(
      {
        category: "corporation",
        portfolio: [
          line({ statementDate: "2026-02-30" }),
          line({ ownership: { kind: "joint_with_non_associates", holders: 1 } }),
          line({ ownership: { kind: "joint_with_non_associates", holders: 2, agreedShare: { numerator: 3n, denominator: 2n } } }),
          line({ ownership: { kind: "joint_with_associate", associate: "child" } }),
        ],
      },
      { assessmentDate: ASSESSMENT, fxRates: [USD, { ...USD }, { ...JPY, asOf: "2026-12-01" }, { ...JPY, currency: "EUR", hkdPerUnitPpb: 0n }] },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual([
      "DUPLICATE_FX_RATE",
      "FUTURE_DATE",
      "INVALID_FX_RATE",
      "INVALID_DATE",
      "INVALID_SHARE",
      "INVALID_SHARE",
      "NOT_APPLICABLE",
    ]);
    const ind = evaluateProfessionalInvestor({ category: "individual", portfolio: [], totalAssets: [] }, { assessmentDate: "20-11-2026", fxRates: [] });
    expect(ind.ok).toBe(false);
    if (!ind.ok) expect(ind.errors[0].code).toBe("INVALID_DATE");
  });
});
