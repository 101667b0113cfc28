// Thresholds and windows for PI eligibility, derivative knowledge and the exposure cap.
// Source: /work/shared/REQUIREMENTS.md §1.1, §1.2, §5. Money is bigint HKD minor units (cents).

export const PI_THRESHOLDS = {
  /** PI Rules (Cap. 571D) s.5: individual portfolio ≥ HK$8,000,000 (PI-2). */
  INDIVIDUAL_PORTFOLIO_MIN: 8_000_000_00n,
  /** PI Rules s.6 / s.7: corporation or partnership portfolio ≥ HK$8,000,000, alternative test (PI-3). */
  CORPORATE_PORTFOLIO_MIN: 8_000_000_00n,
  /** PI Rules s.6 / s.7: corporation or partnership total assets ≥ HK$40,000,000, alternative test (PI-3). */
  CORPORATE_TOTAL_ASSETS_MIN: 40_000_000_00n,
  /** PI Rules s.4: trust corporation total assets entrusted ≥ HK$40,000,000 (PI-3). */
  TRUST_CORP_TOTAL_ASSETS_MIN: 40_000_000_00n,
} as const;

export const PI_EVIDENCE = {
  /**
   * "Issued within 12 months before the relevant date" (PI Rules 2011/2018 amendments, S21/S22; PI-5).
   * Fixed day count, not calendar months: age in days ≤ 365 accepted, 366 rejected, also across a leap day.
   */
  MAX_AGE_DAYS_CUSTODIAN_AUDITOR_PUBLIC_FILING: 365,
  /** Audited financial statements "prepared within 16 months before the relevant date" [M] (REQUIREMENTS §1.1; PI-5). */
  MAX_AGE_MONTHS_AUDITED_FS: 16,
  /** PI Rules s.2 "portfolio": (a) securities, (b) certificates of deposit, (c) money held by a custodian (PI-4). */
  ELIGIBLE_ASSET_CLASSES: ["securities", "certificate_of_deposit", "custodian_cash"] as const,
} as const;

/** Code of Conduct 5.1A example criterion (c): five or more transactions within the past three years (SUIT-1). */
export const DERIV_KNOWLEDGE = { MIN_TRADES: 5, LOOKBACK_MONTHS: 36 } as const;

/**
 * The instrument types a client chooses from for a trade record (SUIT-1, SUIT-2). Only the derivative
 * types count towards the Code 5.1A five transactions; the non-derivative ones are accepted as entries
 * (so the client can see why they do not count) and count 0 with the reason.
 */
export const DERIVATIVE_INSTRUMENT_TYPES = ["futures", "options", "perpetual_swaps", "cfds", "warrants", "swaps", "forwards", "structured_notes"] as const;
export const NON_DERIVATIVE_INSTRUMENT_TYPES = ["spot", "cash_equity", "other_non_derivative"] as const;
export const INSTRUMENT_TYPES = [...DERIVATIVE_INSTRUMENT_TYPES, ...NON_DERIVATIVE_INSTRUMENT_TYPES] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
export function isDerivativeInstrumentType(value: string | null | undefined): boolean {
  return (DERIVATIVE_INSTRUMENT_TYPES as readonly string[]).includes(value ?? "");
}

/** Fixed-point scale of FX rates and cap fractions: parts per billion (1e-9), as in lib/engine. */
export const PPB = 1_000_000_000n;

/**
 * Currencies accepted on PI evidence with their minor-unit exponent (ISO 4217). A currency outside this
 * table is refused with a specific error rather than guessed.
 */
export const SUPPORTED_CURRENCIES = {
  HKD: 2,
  USD: 2,
  CNY: 2,
  EUR: 2,
  GBP: 2,
  SGD: 2,
  AUD: 2,
  CAD: 2,
  CHF: 2,
  JPY: 0,
} as const;
export type SupportedCurrency = keyof typeof SUPPORTED_CURRENCIES;

/**
 * Code 5.3 net-worth cap (SUIT-5) [D]: the client's maximum total initial margin is
 * min(netWorth × NET_WORTH_FRACTION, liquidAssets × LIQUID_ASSETS_FRACTION). Set by the CO; these are
 * the defaults. The fractions are ppb so the formula stays integer.
 */
export const EXPOSURE_CAP = {
  NET_WORTH_FRACTION_PPB: 100_000_000n, // 10 % of net worth
  LIQUID_ASSETS_FRACTION_PPB: 500_000_000n, // 50 % of liquid assets
} as const;

/**
 * Perps risk quiz (SUIT-5 mandatory risk acknowledgement, SUIT-9 integrity) [D]:
 * - pass: `correct × 100 ≥ PASS_MARK_PCT × presented` (exact integer comparison, no rounded score),
 *   so with 12 questions 10 correct pass (83 %) and 9 fail (75 %);
 * - retakes: at most MAX_ATTEMPTS attempts whose start lies in the rolling window (now − WINDOW_MS, now];
 *   an attempt started exactly WINDOW_MS ago no longer counts. SUIT-9's industry anchor is
 *   "3 per calendar month" (Ex.io); a rolling 30 × 24 h window is never looser than that and has no
 *   month-end reset that would allow 6 attempts in two days;
 * - draw: QUESTIONS_PER_TOPIC questions from each topic of the bank.
 */
export const QUIZ_POLICY = {
  PASS_MARK_PCT: 80,
  MAX_ATTEMPTS: 3,
  WINDOW_MS: 30 * 86_400_000,
  QUESTIONS_PER_TOPIC: 2,
} as const;
