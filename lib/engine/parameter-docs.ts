/**
 * Display metadata (DISC-1): label, unit, meaning and requirement ids per market parameter path, for
 * the methodology pages. Paths use "[]" for array elements. Kept apart from the values so the
 * configuration stays plain data.
 */

export type ParamUnit =
  | "USD (decimal string)"
  | "base units (decimal string)"
  | "micro-USD"
  | "ppb"
  | "ms"
  | "ticks"
  | "lots"
  | "x (leverage)"
  | "integer weight"
  | "count"
  | "minor units"
  | "fraction"
  | "enum"
  | "text"
  | "bps"
  | "percent"
  /** Whole US dollars (an integer number, not micro-USD). */
  | "whole USD";

export interface ParamDoc {
  label: string;
  unit: ParamUnit;
  description: string;
  requirements: string[];
  /** True when the value is computed from other parameters, never configured directly. */
  derived?: boolean;
}

export const MARKET_PARAMETER_DOCS: Readonly<Record<string, ParamDoc>> = {
  symbol: { label: "Symbol", unit: "text", description: "Market identifier.", requirements: ["DISC-1"] },
  displayName: { label: "Name", unit: "text", description: "Market name as shown to clients.", requirements: ["DISC-1"] },
  description: { label: "Description", unit: "text", description: "Contract summary.", requirements: ["DISC-1"] },
  contractType: { label: "Contract type", unit: "enum", description: "Linear perpetual: PnL in USD = size × price change.", requirements: ["DISC-1"] },
  baseAsset: {
    label: "Reference asset",
    unit: "text",
    description: "Virtual asset the contract references; available for retail spot trading on the platform.",
    requirements: ["MRG-2", "DISC-1"],
  },
  quoteAsset: { label: "Quote currency", unit: "enum", description: "Currency prices are quoted in.", requirements: ["DISC-1"] },
  settleAsset: { label: "Settlement currency", unit: "enum", description: "Currency PnL, fees and funding settle in.", requirements: ["DISC-1"] },
  tickSize: { label: "Tick size", unit: "USD (decimal string)", description: "Smallest price increment.", requirements: ["DISC-1"] },
  lotSize: { label: "Lot size", unit: "base units (decimal string)", description: "Smallest size increment.", requirements: ["DISC-1"] },
  tickLotValue: {
    label: "Tick × lot value",
    unit: "micro-USD",
    description: "Money value of one tick on one lot; notional = price ticks × lots × this.",
    requirements: ["LIQ-3"],
    derived: true,
  },
  minSizeLots: { label: "Minimum order size", unit: "lots", description: "Smallest order accepted.", requirements: ["DISC-1"] },
  maxOrderLots: { label: "Maximum order size", unit: "lots", description: "Largest single order accepted.", requirements: ["DISC-1"] },
  maxPriceTicks: { label: "Maximum price", unit: "ticks", description: "Largest price accepted on the book.", requirements: ["DISC-1"] },
  maxPositionNotional: {
    label: "Position limit",
    unit: "micro-USD",
    description: "Largest position notional; the cap of the last margin tier.",
    requirements: ["MRG-1", "DISC-1"],
  },
  maxLeverage: { label: "Maximum leverage", unit: "x (leverage)", description: "Max leverage of tier 1.", requirements: ["MRG-1", "DISC-1"], derived: true },
  "marginTiers[].tier": { label: "Tier", unit: "count", description: "Tier number, 1 = smallest positions.", requirements: ["MRG-1", "DISC-1"], derived: true },
  "marginTiers[].floorNotional": {
    label: "Tier floor",
    unit: "micro-USD",
    description: "Position notional from which the tier applies (inclusive).",
    requirements: ["MRG-1", "DISC-1"],
  },
  "marginTiers[].capNotional": {
    label: "Tier cap",
    unit: "micro-USD",
    description: "Next tier's floor (exclusive) or the position limit.",
    requirements: ["MRG-1", "DISC-1"],
    derived: true,
  },
  "marginTiers[].maxLeverage": { label: "Max leverage", unit: "x (leverage)", description: "Highest leverage in the tier.", requirements: ["MRG-1", "DISC-1"] },
  "marginTiers[].initialMarginRate": {
    label: "Initial margin rate",
    unit: "ppb",
    description: "1 / max leverage, rounded up. IM = notional × IMR of the tier the whole notional falls in.",
    requirements: ["MRG-1", "DISC-1"],
    derived: true,
  },
  "marginTiers[].maintenanceMarginRate": {
    label: "Maintenance margin rate",
    unit: "ppb",
    description: "MM = notional × MMR − maintenance amount, rounded up.",
    requirements: ["MRG-1", "DISC-1"],
  },
  "marginTiers[].maintenanceAmount": {
    label: "Maintenance amount",
    unit: "micro-USD",
    description: "MA_n = MA_{n−1} + floor_n × (MMR_n − MMR_{n−1}); keeps MM continuous across tiers.",
    requirements: ["MRG-1", "DISC-1", "LIQ-3"],
    derived: true,
  },
  "funding.intervalMs": {
    label: "Funding interval",
    unit: "ms",
    description: "Time between funding payments; at most 24 h.",
    requirements: ["MRG-3", "DISC-1"],
  },
  "funding.sampleEveryMs": { label: "Premium sampling period", unit: "ms", description: "Premium index sampled once per period.", requirements: ["DISC-1"] },
  "funding.sampleWeighting": {
    label: "Sample weighting",
    unit: "enum",
    description: "linear: sample k weighs k (Σk·P_k/Σk); equal: plain average.",
    requirements: ["DISC-1", "LIQ-3"],
  },
  "funding.interestRatePerInterval": { label: "Interest rate", unit: "ppb", description: "Interest component I per interval.", requirements: ["DISC-1"] },
  "funding.premiumClampBand": { label: "Premium clamp", unit: "ppb", description: "F = P̄ + clamp(I − P̄, −band, +band).", requirements: ["DISC-1", "LIQ-3"] },
  "funding.cap": {
    label: "Funding cap rule",
    unit: "enum",
    description: "Either a multiple of the tier-1 maintenance margin rate (± multiple × tier-1 MMR) or a fixed rate (± rate).",
    requirements: ["DISC-1"],
  },
  "funding.capRate": { label: "Funding rate cap", unit: "ppb", description: "|F| ≤ cap per interval.", requirements: ["DISC-1", "LIQ-3"], derived: true },
  "funding.impactMargin": { label: "Impact margin", unit: "micro-USD", description: "Margin sizing the impact notional.", requirements: ["DISC-1"] },
  "funding.impactNotional": {
    label: "Impact notional",
    unit: "micro-USD",
    description: "impact margin / IMR at max leverage; depth walked for impact bid/ask.",
    requirements: ["DISC-1", "LIQ-3"],
    derived: true,
  },
  "index.sources[].id": { label: "Source id", unit: "text", description: "Stable id of an index constituent.", requirements: ["DISC-1"] },
  "index.sources[].name": { label: "Source", unit: "text", description: "Venue and pair of an index constituent.", requirements: ["DISC-1"] },
  "index.sources[].weight": {
    label: "Weight",
    unit: "integer weight",
    description: "Relative weight in the weighted median and mean.",
    requirements: ["DISC-1"],
  },
  "index.sources[].description": { label: "Source note", unit: "text", description: "Status or caveat of the constituent.", requirements: ["DISC-1"] },
  "index.aggregation": {
    label: "Aggregation",
    unit: "enum",
    description: "weighted_median, or banded_weighted_mean: Σ w·clamp(P) / Σ w.",
    requirements: ["DISC-1", "LIQ-3"],
  },
  "index.outlierMode": {
    label: "Outlier handling",
    unit: "enum",
    description: "clamp to the band around the weighted median, or exclude.",
    requirements: ["DISC-1"],
  },
  "index.bandRate": { label: "Band δ", unit: "ppb", description: "Half-width of the band around the weighted median.", requirements: ["DISC-1"] },
  "index.staleAfterMs": { label: "Staleness timeout", unit: "ms", description: "A source not updated for longer is excluded.", requirements: ["DISC-1"] },
  "index.minValidSources": {
    label: "Minimum sources",
    unit: "count",
    description: "Below this the index holds its last value and is flagged. Hard floor: at least 3.",
    requirements: ["DISC-1", "MRG-5"],
  },
  "index.minSourceVolumeUsd": {
    label: "Source volume floor",
    unit: "whole USD",
    description: "A source whose reported trailing volume is below this (or not reported) is excluded as low volume.",
    requirements: ["DISC-1", "MRG-5"],
  },
  "mark.basisWindowMs": { label: "Basis window", unit: "ms", description: "Moving-average window of (mid − index) in P2.", requirements: ["DISC-1", "LIQ-3"] },
  "mark.basisSampleEveryMs": { label: "Basis sampling period", unit: "ms", description: "One basis sample per period.", requirements: ["DISC-1"] },
  "liquidation.liquidationFeeRate": {
    label: "Liquidation fee",
    unit: "ppb",
    description: "Share of liquidated notional paid to the insurance fund.",
    requirements: ["DISC-1"],
  },
  "liquidation.maxBookChunkNotional": {
    label: "Max liquidation chunk",
    unit: "micro-USD",
    description: "Largest notional sent to the book in one liquidation step.",
    requirements: ["DISC-1"],
  },
  "liquidation.backstopEquityBelowMaintenance": {
    label: "Backstop trigger",
    unit: "fraction",
    description: "Backstop when equity < fraction × maintenance margin.",
    requirements: ["DISC-1", "MRG-4"],
  },
  "liquidation.insuranceFundFloor": {
    label: "Insurance fund floor",
    unit: "micro-USD",
    description: "Fund balance below which ADL may engage.",
    requirements: ["DISC-1"],
  },
  "liquidation.closeOut": {
    label: "Liquidation rule",
    unit: "enum",
    description:
      "full: once an account's equity falls below its maintenance margin, every position it holds is closed in full (book, then backstop, insurance fund, ADL) and its resting orders are cancelled; partial: positions are closed only until the account is back above maintenance margin. Not set means partial. Changeable at runtime.",
    requirements: ["LIQ-1", "LIQ-2", "DISC-1"],
  },
  "fees.makerFeeRate": { label: "Maker fee", unit: "ppb", description: "Fee on maker fills; negative is a rebate.", requirements: ["DISC-1"] },
  "fees.takerFeeRate": { label: "Taker fee", unit: "ppb", description: "Fee on taker fills.", requirements: ["DISC-1"] },
  "adlRisk.stressMove": {
    label: "ADL stress move",
    unit: "ppb",
    description: "Price move, each direction, after which the stressed shortfall of accounts past bankruptcy is measured for the stress coverage.",
    requirements: ["DISC-5", "DISC-1"],
  },
  "adlRisk.elevatedBelowCoverage": {
    label: "Elevated below coverage",
    unit: "ppb",
    description: "ADL risk is at least elevated while stress coverage (fund available above floor ÷ stressed shortfall) is below this.",
    requirements: ["DISC-5", "DISC-1"],
  },
  "adlRisk.highBelowCoverage": {
    label: "High below coverage",
    unit: "ppb",
    description: "ADL risk is high while stress coverage is below this.",
    requirements: ["DISC-5", "DISC-1"],
  },
  "adlRisk.elevatedBelowDistance": {
    label: "Elevated below distance",
    unit: "ppb",
    description: "ADL risk is at least elevated while the smaller of the down and up distance to ADL is below this move.",
    requirements: ["DISC-5", "DISC-1"],
  },
  "adlRisk.highBelowDistance": {
    label: "High below distance",
    unit: "ppb",
    description: "ADL risk is high while the distance to ADL is below this move.",
    requirements: ["DISC-5", "DISC-1"],
  },
  "orderProtection.limitPriceBandRate": {
    label: "Limit price band",
    unit: "ppb",
    description:
      "A limit order, or a market order's protective price, is accepted only within this distance of the mark price, each side (edges rounded inward to whole ticks); orders outside are refused. Liquidation, backstop and auto-deleveraging transfers are not subject to it. Not configured: no band.",
    requirements: ["DISC-1"],
  },
  "orderProtection.marketOrderSlippageRate": {
    label: "Market order maximum slippage",
    unit: "ppb",
    description:
      "A market order sent without a protective price fills only up to this distance from the mark price (buy above, sell below, rounded toward the mark); the rest is cancelled. At most the limit price band.",
    requirements: ["DISC-1"],
  },
};

/**
 * AFMM terms (AFMM-6), paths into `EngineConfig.afmm` ("[]" for list elements): every term of the
 * affiliated market maker that differs from or adds to what all participants get, for the public
 * AFMM arrangements disclosure and its config-to-disclosure check.
 */
export const AFMM_TERMS_DOCS: Readonly<Record<string, ParamDoc>> = {
  feeOverrides: {
    label: "AFMM fee schedule differences",
    unit: "text",
    description:
      "Markets where the affiliated market maker pays fees other than the published schedule; none means it pays the same fees as every participant.",
    requirements: ["AFMM-6"],
  },
  "feeOverrides[].market": { label: "Market", unit: "text", description: "Market the different fees apply in.", requirements: ["AFMM-6"] },
  "feeOverrides[].makerFeeRate": {
    label: "AFMM maker fee",
    unit: "ppb",
    description: "Fee on the affiliated market maker's maker fills in this market; negative is a rebate.",
    requirements: ["AFMM-6"],
  },
  "feeOverrides[].takerFeeRate": {
    label: "AFMM taker fee",
    unit: "ppb",
    description: "Fee on the affiliated market maker's taker fills in this market.",
    requirements: ["AFMM-6"],
  },
  quoteObligations: {
    label: "AFMM quoting obligations",
    unit: "text",
    description: "What the affiliated market maker commits to quote in each market; monitored by surveillance.",
    requirements: ["AFMM-6", "AFMM-10"],
  },
  "quoteObligations[].market": { label: "Market", unit: "text", description: "Market the obligation applies in.", requirements: ["AFMM-6"] },
  "quoteObligations[].maxSpreadBps": {
    label: "Maximum quoted spread",
    unit: "bps",
    description: "Widest distance between the affiliated market maker's best bid and best ask, in basis points of their mid, that counts as quoting.",
    requirements: ["AFMM-6", "AFMM-10"],
  },
  "quoteObligations[].minSizeLots": {
    label: "Minimum quoted size",
    unit: "lots",
    description: "Smallest size at the affiliated market maker's best bid and at its best ask that counts as quoting.",
    requirements: ["AFMM-6", "AFMM-10"],
  },
  "quoteObligations[].minTimeOnBookPct": {
    label: "Minimum time quoting",
    unit: "percent",
    description: "Share of each hour both sides must be quoted within the maximum spread and at the minimum size.",
    requirements: ["AFMM-6", "AFMM-10"],
  },
};
