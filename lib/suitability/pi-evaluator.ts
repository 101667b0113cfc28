// Professional-investor evaluation under SFO Sch. 1 Pt 1 s.1 and the PI Rules (Cap. 571D).
// Pure: the assessment ("relevant") date and FX rates are parameters. See README.md for the rules.
import { PI_EVIDENCE, PI_THRESHOLDS } from "./constants";
import { daysBetween, isIsoDate, subtractMonths } from "./dates";
import { applyFraction, HKD_IDENTITY_RATE, isSupportedCurrency, toHkdCents, type Fraction, type FxRate } from "./money";
import { described, msg, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";

export type InvestorCategory = "individual" | "corporation" | "partnership" | "trust_corporation" | "institutional";

export type EligibleAssetClass = (typeof PI_EVIDENCE.ELIGIBLE_ASSET_CLASSES)[number];
export type IneligibleAssetClass = "property" | "insurance" | "mpf_orso" | "private_company_shares" | "futures" | "virtual_asset";
export type AssetClass = EligibleAssetClass | IneligibleAssetClass;

/** Why each ineligible class is left out of the s.2 "portfolio" (PI-4). */
export const INELIGIBLE_ASSET_CLASS_REASONS: Record<IneligibleAssetClass, string> = {
  property: "real estate is not a security, certificate of deposit or money held by a custodian (PI Rules s.2)",
  insurance: "insurance policies are not in the PI Rules s.2 portfolio list",
  mpf_orso: "MPF/ORSO scheme interests are excluded from the portfolio (PI Rules s.2; broker practice S22)",
  private_company_shares: "shares in a private company are excluded from the portfolio (broker practice S22)",
  futures: "futures contracts are not in the PI Rules s.2 portfolio list",
  virtual_asset: "non-security virtual assets (e.g. BTC) are not in the PI Rules s.2 portfolio list [D]",
};

export function isEligibleAssetClass(c: AssetClass): c is EligibleAssetClass {
  return (PI_EVIDENCE.ELIGIBLE_ASSET_CLASSES as readonly string[]).includes(c);
}

export type EvidenceDocumentType = "custodian_statement" | "auditor_or_cpa_certificate" | "public_filing";
export type TotalAssetsDocumentType = EvidenceDocumentType | "audited_financial_statements";

export type Ownership =
  | { kind: "sole" }
  /** PI Rules s.5(ii): joint with an associate (spouse or child) counts in full. Individuals only. */
  | { kind: "joint_with_associate"; associate: "spouse" | "child" }
  /**
   * s.5(iii): joint with one or more non-associates: the share in a written agreement, else an equal
   * share among `holders` (the total number of account holders, the investor included).
   */
  | { kind: "joint_with_non_associates"; holders: number; agreedShare?: Fraction }
  /**
   * s.5(iv): held by a corporation whose principal business is holding investments; counts only when the
   * investor owns all of it.
   */
  | { kind: "investment_holding_company"; companyName: string; ownership: Fraction; principalBusinessIsHoldingInvestments: boolean };

export interface PortfolioLine {
  assetClass: AssetClass;
  /** The custodian holding the asset or the issuer of the certificate. */
  custodianOrIssuer: string;
  documentType: EvidenceDocumentType;
  /** Value in minor units of `currency` (cents for HKD/USD, yen for JPY). */
  valueMinor: bigint;
  currency: string;
  statementDate: string;
  ownership: Ownership;
}

export interface TotalAssetsLine {
  description: string;
  documentType: TotalAssetsDocumentType;
  valueMinor: bigint;
  currency: string;
  statementDate: string;
}

export interface PiInput {
  category: InvestorCategory;
  portfolio: PortfolioLine[];
  /** Corporations, partnerships and trust corporations only. */
  totalAssets?: TotalAssetsLine[];
  /** Institutional only: which paragraph (a)–(i) of the SFO Sch. 1 definition applies and why. */
  institutionalBasis?: string;
}

export interface PiContext {
  /** The "relevant date", ISO YYYY-MM-DD. */
  assessmentDate: string;
  fxRates: FxRate[];
}

/** `message` is a clause in English (lower case, no full stop); `ref` the same in the catalogue, for the client's language. */
export interface PiValidationError extends Described {
  path: string;
  code:
    | "INVALID_DATE"
    | "FUTURE_DATE"
    | "NON_POSITIVE_VALUE"
    | "UNSUPPORTED_CURRENCY"
    | "MISSING_FX_RATE"
    | "DUPLICATE_FX_RATE"
    | "INVALID_FX_RATE"
    | "MISSING_FIELD"
    | "INVALID_SHARE"
    | "NOT_APPLICABLE";
}

function problem(path: string, code: PiValidationError["code"], key: MessageKey, values?: MessageValues): PiValidationError {
  return described({ path, code }, msg(key, values));
}

export interface LineBreakdown {
  index: number;
  description: string;
  currency: string;
  valueMinor: bigint;
  /** The rate applied (HKD uses the identity rate). */
  fxRate: FxRate;
  /** Full value in HKD cents, rounded down. */
  hkdCents: bigint;
  /** Fraction of the line attributed to the investor (1/1 for sole, associate and wholly owned). */
  share: Fraction;
  /** What the line adds to the total; 0n when excluded. */
  countedHkdCents: bigint;
  evidenceAgeDays: number;
  exclusionReasons: string[];
}

export type PiTestName = "portfolio" | "total_assets" | "institutional";

export interface PiTestResult {
  test: PiTestName;
  rule: string;
  thresholdHkdCents: bigint | null;
  amountHkdCents: bigint | null;
  passed: boolean;
}

export interface PiEvaluation {
  category: InvestorCategory;
  assessmentDate: string;
  passed: boolean;
  /** The first test that passed, in the order listed in `tests`. */
  passedTest: PiTestName | null;
  portfolioLines: LineBreakdown[];
  totalAssetsLines: LineBreakdown[];
  portfolioTotalHkdCents: bigint;
  totalAssetsHkdCents: bigint;
  tests: PiTestResult[];
  /** Every FX rate applied, with its date and source, for the assessment record (PI-5). */
  fxRatesUsed: FxRate[];
}

export type PiResult = { ok: true; evaluation: PiEvaluation } | { ok: false; errors: PiValidationError[] };

const ONE: Fraction = { numerator: 1n, denominator: 1n };

function validateFxRates(ctx: PiContext, errors: PiValidationError[]): Map<string, FxRate> {
  const byCurrency = new Map<string, FxRate>();
  ctx.fxRates.forEach((r, i) => {
    const path = `fxRates[${i}]`;
    if (!isSupportedCurrency(r.currency)) {
      errors.push(problem(path, "UNSUPPORTED_CURRENCY", "validation.suitability.pi.fxRateCurrencyUnsupported", { currency: r.currency }));
      return;
    }
    if (byCurrency.has(r.currency)) {
      errors.push(problem(path, "DUPLICATE_FX_RATE", "validation.suitability.pi.fxRateDuplicate", { currency: r.currency }));
      return;
    }
    if (r.hkdPerUnitPpb <= 0n) errors.push(problem(path, "INVALID_FX_RATE", "validation.suitability.pi.fxRateNotPositive", { currency: r.currency }));
    if (!r.source.trim()) errors.push(problem(path, "MISSING_FIELD", "validation.suitability.pi.fxRateSourceMissing", { currency: r.currency }));
    if (!isIsoDate(r.asOf)) errors.push(problem(path, "INVALID_DATE", "validation.suitability.pi.fxRateDateInvalid", { date: r.asOf }));
    else if (isIsoDate(ctx.assessmentDate) && daysBetween(r.asOf, ctx.assessmentDate) < 0)
      errors.push(
        problem(path, "FUTURE_DATE", "validation.suitability.pi.fxRateDateFuture", { currency: r.currency, date: r.asOf, assessmentDate: ctx.assessmentDate }),
      );
    byCurrency.set(r.currency, r);
  });
  return byCurrency;
}

function validateFraction(f: Fraction, path: string, key: MessageKey, errors: PiValidationError[]): void {
  if (f.denominator <= 0n || f.numerator <= 0n || f.numerator > f.denominator)
    errors.push(problem(path, "INVALID_SHARE", key, { numerator: f.numerator.toString(), denominator: f.denominator.toString() }));
}

/** Checks the fields every dated, valued line shares; returns whether the line can be converted. */
function validateValuedLine(
  line: { valueMinor: bigint; currency: string; statementDate: string },
  path: string,
  ctx: PiContext,
  rates: Map<string, FxRate>,
  errors: PiValidationError[],
): void {
  if (line.valueMinor <= 0n)
    errors.push(problem(`${path}.valueMinor`, "NON_POSITIVE_VALUE", "validation.suitability.pi.valueNotPositive", { value: line.valueMinor.toString() }));
  if (!isSupportedCurrency(line.currency))
    errors.push(problem(`${path}.currency`, "UNSUPPORTED_CURRENCY", "validation.suitability.pi.currencyUnsupported", { currency: line.currency }));
  else if (line.currency !== "HKD" && !rates.has(line.currency))
    errors.push(problem(`${path}.currency`, "MISSING_FX_RATE", "validation.suitability.pi.fxRateMissing", { currency: line.currency }));
  if (!isIsoDate(line.statementDate))
    errors.push(problem(`${path}.statementDate`, "INVALID_DATE", "validation.suitability.pi.statementDateInvalid", { date: line.statementDate }));
  else if (isIsoDate(ctx.assessmentDate) && daysBetween(line.statementDate, ctx.assessmentDate) < 0)
    errors.push(
      problem(`${path}.statementDate`, "FUTURE_DATE", "validation.suitability.pi.statementDateFuture", {
        date: line.statementDate,
        assessmentDate: ctx.assessmentDate,
      }),
    );
}

function validate(input: PiInput, ctx: PiContext): { errors: PiValidationError[]; rates: Map<string, FxRate> } {
  const errors: PiValidationError[] = [];
  if (!isIsoDate(ctx.assessmentDate))
    errors.push(problem("assessmentDate", "INVALID_DATE", "validation.suitability.assessmentDateInvalid", { date: ctx.assessmentDate }));
  const rates = validateFxRates(ctx, errors);
  const individual = input.category === "individual";

  input.portfolio.forEach((line, i) => {
    const path = `portfolio[${i}]`;
    validateValuedLine(line, path, ctx, rates, errors);
    if (!line.custodianOrIssuer.trim()) errors.push(problem(`${path}.custodianOrIssuer`, "MISSING_FIELD", "validation.suitability.pi.custodianMissing"));
    const o = line.ownership;
    if (o.kind === "joint_with_associate" && !individual)
      errors.push(problem(`${path}.ownership`, "NOT_APPLICABLE", "validation.suitability.pi.jointWithAssociateIndividualsOnly"));
    if (o.kind === "joint_with_non_associates") {
      if (!Number.isInteger(o.holders) || o.holders < 2)
        errors.push(problem(`${path}.ownership.holders`, "INVALID_SHARE", "validation.suitability.pi.jointHoldersTooFew", { holders: String(o.holders) }));
      if (o.agreedShare) validateFraction(o.agreedShare, `${path}.ownership.agreedShare`, "validation.suitability.pi.agreedShareInvalid", errors);
    }
    if (o.kind === "investment_holding_company") {
      if (!o.companyName.trim()) errors.push(problem(`${path}.ownership.companyName`, "MISSING_FIELD", "validation.suitability.pi.companyNameMissing"));
      validateFraction(o.ownership, `${path}.ownership.ownership`, "validation.suitability.pi.companyOwnershipInvalid", errors);
    }
  });

  const hasTotalAssetsTest = input.category === "corporation" || input.category === "partnership" || input.category === "trust_corporation";
  if (input.totalAssets && input.totalAssets.length > 0 && !hasTotalAssetsTest)
    errors.push(problem("totalAssets", "NOT_APPLICABLE", "validation.suitability.pi.totalAssetsNotApplicable", { category: input.category }));
  (input.totalAssets ?? []).forEach((line, i) => {
    const path = `totalAssets[${i}]`;
    validateValuedLine(line, path, ctx, rates, errors);
    if (!line.description.trim()) errors.push(problem(`${path}.description`, "MISSING_FIELD", "validation.suitability.pi.descriptionMissing"));
  });

  if (input.category === "institutional" && !input.institutionalBasis?.trim())
    errors.push(problem("institutionalBasis", "MISSING_FIELD", "validation.suitability.pi.institutionalBasisMissing"));
  return { errors, rates };
}

/**
 * Evidence currency (PI-5). Custodian statements, auditor/CPA certificates and public filings: age in whole
 * days from the statement date to the assessment date ≤ 365 (366 rejected, also when the span contains
 * 29 February). Audited financial statements: on or after the assessment date minus 16 calendar months.
 */
function staleReason(documentType: TotalAssetsDocumentType, statementDate: string, assessmentDate: string, ageDays: number): string | null {
  if (documentType === "audited_financial_statements") {
    const earliest = subtractMonths(assessmentDate, PI_EVIDENCE.MAX_AGE_MONTHS_AUDITED_FS);
    return daysBetween(earliest, statementDate) < 0
      ? `audited financial statements dated ${statementDate} are older than ${PI_EVIDENCE.MAX_AGE_MONTHS_AUDITED_FS} months (earliest accepted ${earliest})`
      : null;
  }
  const max = PI_EVIDENCE.MAX_AGE_DAYS_CUSTODIAN_AUDITOR_PUBLIC_FILING;
  return ageDays > max ? `evidence is ${ageDays} days old; at most ${max} days before the assessment date is accepted` : null;
}

function shareOf(o: Ownership): { share: Fraction; reason: string | null } {
  switch (o.kind) {
    case "sole":
    case "joint_with_associate":
      return { share: ONE, reason: null };
    case "joint_with_non_associates":
      return { share: o.agreedShare ?? { numerator: 1n, denominator: BigInt(o.holders) }, reason: null };
    case "investment_holding_company": {
      if (!o.principalBusinessIsHoldingInvestments)
        return { share: ONE, reason: `${o.companyName}'s principal business is not holding investments (PI Rules s.5(iv))` };
      if (o.ownership.numerator !== o.ownership.denominator)
        return {
          share: ONE,
          reason: `${o.companyName} is not wholly owned (${o.ownership.numerator}/${o.ownership.denominator}); only a wholly owned company counts (PI Rules s.5(iv))`,
        };
      return { share: ONE, reason: null };
    }
  }
}

function convert(line: { valueMinor: bigint; currency: string }, rates: Map<string, FxRate>): { rate: FxRate; hkdCents: bigint } {
  // Validation has already refused unsupported currencies and missing rates.
  if (line.currency === "HKD") return { rate: HKD_IDENTITY_RATE, hkdCents: line.valueMinor };
  const rate = rates.get(line.currency);
  if (!rate || !isSupportedCurrency(line.currency)) throw new Error(`unreachable after validation: no usable rate for ${line.currency}`);
  return { rate, hkdCents: toHkdCents(line.valueMinor, line.currency, rate) };
}

export function evaluateProfessionalInvestor(input: PiInput, ctx: PiContext): PiResult {
  const { errors, rates } = validate(input, ctx);
  if (errors.length > 0) return { ok: false, errors };
  const used = new Map<string, FxRate>();

  const portfolioLines: LineBreakdown[] = input.portfolio.map((line, index) => {
    const { rate, hkdCents } = convert(line, rates);
    if (line.currency !== "HKD") used.set(line.currency, rate);
    const ageDays = daysBetween(line.statementDate, ctx.assessmentDate);
    const reasons: string[] = [];
    if (!isEligibleAssetClass(line.assetClass)) reasons.push(INELIGIBLE_ASSET_CLASS_REASONS[line.assetClass]);
    const stale = staleReason(line.documentType, line.statementDate, ctx.assessmentDate, ageDays);
    if (stale) reasons.push(stale);
    const { share, reason } = shareOf(line.ownership);
    if (reason) reasons.push(reason);
    return {
      index,
      description: `${line.assetClass} at ${line.custodianOrIssuer}`,
      currency: line.currency,
      valueMinor: line.valueMinor,
      fxRate: rate,
      hkdCents,
      share,
      countedHkdCents: reasons.length > 0 ? 0n : applyFraction(hkdCents, share),
      evidenceAgeDays: ageDays,
      exclusionReasons: reasons,
    };
  });

  const totalAssetsLines: LineBreakdown[] = (input.totalAssets ?? []).map((line, index) => {
    const { rate, hkdCents } = convert(line, rates);
    if (line.currency !== "HKD") used.set(line.currency, rate);
    const ageDays = daysBetween(line.statementDate, ctx.assessmentDate);
    const stale = staleReason(line.documentType, line.statementDate, ctx.assessmentDate, ageDays);
    return {
      index,
      description: line.description,
      currency: line.currency,
      valueMinor: line.valueMinor,
      fxRate: rate,
      hkdCents,
      share: ONE,
      countedHkdCents: stale ? 0n : hkdCents,
      evidenceAgeDays: ageDays,
      exclusionReasons: stale ? [stale] : [],
    };
  });

  const sum = (ls: LineBreakdown[]) => ls.reduce((acc, l) => acc + l.countedHkdCents, 0n);
  const portfolioTotal = sum(portfolioLines);
  const totalAssetsTotal = sum(totalAssetsLines);

  const tests: PiTestResult[] = [];
  const portfolioTest = (threshold: bigint, rule: string) =>
    tests.push({ test: "portfolio", rule, thresholdHkdCents: threshold, amountHkdCents: portfolioTotal, passed: portfolioTotal >= threshold });
  const totalAssetsTest = (threshold: bigint, rule: string) =>
    tests.push({ test: "total_assets", rule, thresholdHkdCents: threshold, amountHkdCents: totalAssetsTotal, passed: totalAssetsTotal >= threshold });

  switch (input.category) {
    case "individual":
      portfolioTest(PI_THRESHOLDS.INDIVIDUAL_PORTFOLIO_MIN, "PI Rules s.5: portfolio ≥ HK$8,000,000");
      break;
    case "corporation":
    case "partnership": {
      const s = input.category === "corporation" ? "s.6" : "s.7";
      portfolioTest(PI_THRESHOLDS.CORPORATE_PORTFOLIO_MIN, `PI Rules ${s}: portfolio ≥ HK$8,000,000`);
      totalAssetsTest(PI_THRESHOLDS.CORPORATE_TOTAL_ASSETS_MIN, `PI Rules ${s}: total assets ≥ HK$40,000,000`);
      break;
    }
    case "trust_corporation":
      totalAssetsTest(PI_THRESHOLDS.TRUST_CORP_TOTAL_ASSETS_MIN, "PI Rules s.4: total assets entrusted ≥ HK$40,000,000");
      break;
    case "institutional":
      tests.push({
        test: "institutional",
        rule: `SFO Sch. 1 Pt 1 s.1 paras (a)–(i), no monetary test: ${input.institutionalBasis}`,
        thresholdHkdCents: null,
        amountHkdCents: null,
        passed: true,
      });
      break;
  }
  const first = tests.find((t) => t.passed) ?? null;
  return {
    ok: true,
    evaluation: {
      category: input.category,
      assessmentDate: ctx.assessmentDate,
      passed: first !== null,
      passedTest: first?.test ?? null,
      portfolioLines,
      totalAssetsLines,
      portfolioTotalHkdCents: portfolioTotal,
      totalAssetsHkdCents: totalAssetsTotal,
      tests,
      fxRatesUsed: [...used.values()],
    },
  };
}

/** A counted evidence line too old on the decision date (PI-5 re-checked at approval). */
export interface StaleEvidence {
  list: "portfolio" | "totalAssets";
  index: number;
  description: string;
  statementDate: string;
  /** Whole days from the statement date to the decision date. */
  ageDays: number;
  reason: string;
}

/**
 * PI-5 at the decision: every line the evaluation counted (counted amount > 0) is checked again with the
 * same window rules against the decision date instead of the assessment date. An empty list means the
 * evidence is still current; otherwise approval must wait for fresh evidence. `evaluation` may be the
 * stored JSON of the record (amounts as decimal strings).
 */
export function staleEvidenceAt(input: PiInput, evaluation: PiEvaluation, decisionDate: string): StaleEvidence[] {
  if (!isIsoDate(decisionDate)) throw new Error(`invalid ISO date: ${decisionDate}`);
  const stale: StaleEvidence[] = [];
  const check = (list: StaleEvidence["list"], lines: LineBreakdown[], source: { documentType: TotalAssetsDocumentType; statementDate: string }[]) => {
    for (const line of lines) {
      const item = source[line.index];
      if (!item || BigInt(String(line.countedHkdCents)) <= 0n) continue;
      const ageDays = daysBetween(item.statementDate, decisionDate);
      const reason = staleReason(item.documentType, item.statementDate, decisionDate, ageDays);
      if (reason) stale.push({ list, index: line.index, description: line.description, statementDate: item.statementDate, ageDays, reason });
    }
  };
  check("portfolio", evaluation.portfolioLines, input.portfolio);
  check("totalAssets", evaluation.totalAssetsLines, input.totalAssets ?? []);
  return stale;
}
