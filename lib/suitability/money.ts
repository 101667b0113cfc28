// Currency conversion for PI evidence: exact integer arithmetic, always rounded down (conservative: a
// client never reaches a threshold through rounding).
import { PPB, SUPPORTED_CURRENCIES, type SupportedCurrency } from "./constants";

export interface FxRate {
  /** The foreign currency this rate converts from. */
  currency: string;
  /** HKD per one major unit of `currency`, in ppb: 7.80 HKD per USD = 7_800_000_000n. */
  hkdPerUnitPpb: bigint;
  /** ISO date the rate was observed (recorded with the assessment). */
  asOf: string;
  /** Where the rate came from, e.g. "HKMA closing rate". */
  source: string;
}

/** A rational fraction numerator/denominator, exact (agreed joint-account share, ownership). */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

export function isSupportedCurrency(c: string): c is SupportedCurrency {
  return Object.prototype.hasOwnProperty.call(SUPPORTED_CURRENCIES, c);
}

export const HKD_IDENTITY_RATE: FxRate = { currency: "HKD", hkdPerUnitPpb: PPB, asOf: "", source: "identity (HKD)" };

/** HKD cents = floor(minor × rate × 100 / (10^exponent × 1e9)): one floor division, so exact then rounded down. */
export function toHkdCents(valueMinor: bigint, currency: SupportedCurrency, rate: FxRate): bigint {
  if (currency === "HKD") return valueMinor;
  const exponent = BigInt(SUPPORTED_CURRENCIES[currency]);
  return (valueMinor * rate.hkdPerUnitPpb * 100n) / (10n ** exponent * PPB);
}

/** floor(amount × fraction). */
export function applyFraction(amount: bigint, f: Fraction): bigint {
  return (amount * f.numerator) / f.denominator;
}
