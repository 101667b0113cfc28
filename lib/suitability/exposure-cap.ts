// Code 5.3 net-worth cap (SUIT-5): the most initial margin a client may hold across perps, from the net
// worth and liquid assets captured at onboarding. Pure integer arithmetic.
//
// The cap feeds the engine's SetAccountLimits.maxInitialMargin (micro-USD), not maxNotional: what a
// client can lose on the way to liquidation is bounded by the margin posted, and SUIT-5's test is phrased
// as "an order raising total IM above the client cap is rejected with ERR_EXPOSURE_CAP". A notional cap
// would also have to change with leverage tiers, which net worth says nothing about.
import { EXPOSURE_CAP, PPB } from "./constants";
import type { FxRate } from "./money";

export interface ExposureCapInput {
  /** Net worth in HKD cents; may be negative (then the cap is zero). */
  netWorthHkdCents: bigint;
  /** Liquid assets in HKD cents, ≥ 0. */
  liquidAssetsHkdCents: bigint;
}

export interface ExposureCapParams {
  /** HKD per USD, ppb, recorded with its date and source. */
  usdRate: FxRate;
  netWorthFractionPpb?: bigint;
  liquidAssetsFractionPpb?: bigint;
}

export interface ExposureCap {
  maxInitialMarginMicroUsd: bigint;
  netWorthMicroUsd: bigint;
  liquidAssetsMicroUsd: bigint;
  /** Which term of the min() set the cap. */
  boundBy: "net_worth" | "liquid_assets";
  netWorthFractionPpb: bigint;
  liquidAssetsFractionPpb: bigint;
  usdRate: FxRate;
}

export type ExposureCapResult = { ok: true; cap: ExposureCap } | { ok: false; errors: { path: string; message: string }[] };

/** micro-USD = floor(cents × 1e13 / hkdPerUsdPpb): cents/100 HKD ÷ (ppb/1e9) HKD per USD × 1e6. */
function hkdCentsToMicroUsd(cents: bigint, hkdPerUsdPpb: bigint): bigint {
  const num = cents * 10_000_000_000_000n;
  // Floor toward −∞ for negative net worth so rounding never raises the cap.
  const q = num / hkdPerUsdPpb;
  return num < 0n && q * hkdPerUsdPpb !== num ? q - 1n : q;
}

/**
 * cap = max(0, min(netWorth × netWorthFraction, liquidAssets × liquidAssetsFraction)), each product
 * rounded down. Monotonic (non-decreasing) in net worth and in liquid assets.
 */
export function exposureCap(input: ExposureCapInput, params: ExposureCapParams): ExposureCapResult {
  const a = params.netWorthFractionPpb ?? EXPOSURE_CAP.NET_WORTH_FRACTION_PPB;
  const b = params.liquidAssetsFractionPpb ?? EXPOSURE_CAP.LIQUID_ASSETS_FRACTION_PPB;
  const errors: { path: string; message: string }[] = [];
  if (input.liquidAssetsHkdCents < 0n) errors.push({ path: "liquidAssetsHkdCents", message: "liquid assets cannot be negative" });
  if (params.usdRate.currency !== "USD") errors.push({ path: "usdRate.currency", message: `the cap needs a USD rate (got ${params.usdRate.currency})` });
  if (params.usdRate.hkdPerUnitPpb <= 0n) errors.push({ path: "usdRate.hkdPerUnitPpb", message: "the USD rate must be positive" });
  if (a < 0n || a > PPB) errors.push({ path: "netWorthFractionPpb", message: "the net-worth fraction must be between 0 and 1" });
  if (b < 0n || b > PPB) errors.push({ path: "liquidAssetsFractionPpb", message: "the liquid-assets fraction must be between 0 and 1" });
  if (errors.length > 0) return { ok: false, errors };

  const nw = hkdCentsToMicroUsd(input.netWorthHkdCents, params.usdRate.hkdPerUnitPpb);
  const la = hkdCentsToMicroUsd(input.liquidAssetsHkdCents, params.usdRate.hkdPerUnitPpb);
  const byNw = nw <= 0n ? 0n : (nw * a) / PPB;
  const byLa = (la * b) / PPB;
  return {
    ok: true,
    cap: {
      maxInitialMarginMicroUsd: byNw <= byLa ? byNw : byLa,
      netWorthMicroUsd: nw,
      liquidAssetsMicroUsd: la,
      boundBy: byNw <= byLa ? "net_worth" : "liquid_assets",
      netWorthFractionPpb: a,
      liquidAssetsFractionPpb: b,
      usdRate: params.usdRate,
    },
  };
}
