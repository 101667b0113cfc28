// The FX rates an assessment converts foreign-currency evidence with (PI-2, PI-5: "FX rates recorded
// with their date"). This simulated platform has no market-data feed for FX, so the rates are a fixed
// reference table, labelled as such in every record that uses them; a production deployment replaces
// this table with the published rate of the assessment date and the record format does not change.
import { PPB, SUPPORTED_CURRENCIES, type SupportedCurrency } from "./constants";
import type { FxRate } from "./money";

/** HKD per one major unit, ppb. HKD itself needs no rate. */
const HKD_PER_UNIT_PPB: Record<Exclude<SupportedCurrency, "HKD">, bigint> = {
  USD: 7_800_000_000n, // the linked-exchange-rate central parity
  CNY: 1_080_000_000n,
  EUR: 8_400_000_000n,
  GBP: 9_900_000_000n,
  SGD: 6_000_000_000n,
  AUD: 5_100_000_000n,
  CAD: 5_600_000_000n,
  CHF: 8_800_000_000n,
  JPY: 52_000_000n,
};

export const FX_REFERENCE_SOURCE = "Demo reference table (fixed rates, not market data): lib/suitability/fx-reference.ts";

/** Every supported foreign currency's rate, dated the assessment date it is applied on. */
export function referenceFxRates(assessmentDate: string): FxRate[] {
  return (Object.keys(SUPPORTED_CURRENCIES) as SupportedCurrency[])
    .filter((currency): currency is Exclude<SupportedCurrency, "HKD"> => currency !== "HKD")
    .map((currency) => ({ currency, hkdPerUnitPpb: HKD_PER_UNIT_PPB[currency], asOf: assessmentDate, source: FX_REFERENCE_SOURCE }));
}

export function referenceUsdRate(assessmentDate: string): FxRate {
  return { currency: "USD", hkdPerUnitPpb: HKD_PER_UNIT_PPB.USD, asOf: assessmentDate, source: FX_REFERENCE_SOURCE };
}

/** The rate as HKD per unit text ("7.8"), for display next to a converted figure. */
export function rateText(rate: FxRate): string {
  const whole = rate.hkdPerUnitPpb / PPB;
  const frac = (rate.hkdPerUnitPpb % PPB).toString().padStart(9, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole.toString();
}
