/**
 * Surveillance parameters (AFMM-8, LIQ-4): every rule's thresholds and windows, with their units.
 *
 * Units: windows and cool-downs in engine milliseconds; distances in basis points (bps, 1/100 of a
 * percent); sizes in lots of the market (per-market records, `default` for a market not named);
 * shares in percent. Quote obligations are not set here: they are the AFMM's published terms in the
 * engine configuration (`EngineConfig.afmm.quoteObligations`) and are passed to the detector as they are.
 */

import type { SurveillanceRule } from "./types";

/** Per-market lot thresholds: a market's own entry, else `default`. */
export type LotsByMarket = { default: number } & Record<string, number>;

/** One market's AFMM quoting obligation: the engine configuration's own entry (`afmm.quoteObligations`). */
export type { AfmmQuoteObligation } from "../engine/index";

export interface SurveillanceConfig {
  /** Evidence lists (orders, fills) keep at most this many entries each; the rest are counted in metrics. */
  evidenceCap: number;
  frontRunning: {
    /** How far before a large client order or liquidation fill the AFMM's same-side taker fills are summed, ms. */
    lookbackMs: number;
    /** Client order size that counts as large, lots. */
    minClientLots: LotsByMarket;
    /** Least AFMM same-side taker lots inside the look-back for an alert, lots. */
    minAfmmLots: LotsByMarket;
    /** One alert per market per cool-down bucket, ms. */
    cooldownMs: number;
  };
  offMarkFill: {
    /** Distance from the last mark above which an affiliate–client fill alerts, bps of the mark. */
    thresholdBps: number;
    cooldownMs: number;
  };
  washTrade: {
    cooldownMs: number;
  };
  spoofing: {
    /** An AFMM order at least this large, lots. */
    minOrderLots: LotsByMarket;
    /** Cancelled within this long of its acceptance, with no fill, ms. */
    maxLifeMs: number;
    /** The AFMM traded the opposite side from this long before the order's acceptance until its cancel, ms. */
    oppositeTradeWindowMs: number;
    cooldownMs: number;
  };
  quoteObligation: {
    /** Length of the measured period (aligned to engine-time multiples of it; one hour = the obligation's period), ms. */
    periodMs: number;
  };
  volumeShare: {
    /** Aligned window over which the AFMM's share of traded lots is measured, ms. */
    windowMs: number;
    /** Share of the market's traded lots (AFMM on either side) above which the window alerts, percent. */
    limitPct: number;
    /** Windows with fewer traded lots than this are not judged, lots. */
    minWindowLots: LotsByMarket;
  };
  priceDivergence: {
    /** |mark − index| / index above which a mark tick alerts, bps. */
    thresholdBps: number;
    /** Only while the AFMM traded in the market within this long before the tick, ms. */
    afmmActiveWindowMs: number;
    cooldownMs: number;
  };
}

/**
 * Defaults, chosen against a clean 24 h simulated day (seed 42, default population): the AFMM's ladder
 * levels (≤ 1,200 lots BTC, ≤ 2,000 lots ETH) stay below the spoofing size; it never takes liquidity,
 * so front running is silent; the clean day's largest mark/index distance and AFMM fill distance from
 * mark stay below their thresholds (figures in docs/surveillance.md).
 */
export const DEFAULT_SURVEILLANCE_CONFIG: SurveillanceConfig = {
  evidenceCap: 50,
  frontRunning: {
    lookbackMs: 30_000,
    minClientLots: { default: 4_000, "BTC-PERP": 2_000, "ETH-PERP": 4_000 },
    minAfmmLots: { default: 200, "BTC-PERP": 100, "ETH-PERP": 200 },
    cooldownMs: 300_000,
  },
  offMarkFill: { thresholdBps: 150, cooldownMs: 300_000 },
  washTrade: { cooldownMs: 300_000 },
  spoofing: {
    minOrderLots: { default: 5_000, "BTC-PERP": 2_500, "ETH-PERP": 5_000 },
    maxLifeMs: 10_000,
    oppositeTradeWindowMs: 10_000,
    cooldownMs: 300_000,
  },
  quoteObligation: { periodMs: 3_600_000 },
  volumeShare: { windowMs: 3_600_000, limitPct: 97, minWindowLots: { default: 10_000, "BTC-PERP": 5_000, "ETH-PERP": 10_000 } },
  priceDivergence: { thresholdBps: 100, afmmActiveWindowMs: 60_000, cooldownMs: 300_000 },
};

/** A market's lot threshold. */
export function lotsFor(t: LotsByMarket, market: string): number {
  return t[market] ?? t.default;
}

/** Per rule: what it detects (plain English, for documentation) and the parameters it reads (paths into SurveillanceConfig). */
export const RULE_DOCS: Readonly<Record<SurveillanceRule, { description: string; parameters: readonly string[] }>> = {
  front_running: {
    description:
      "The affiliated market maker took liquidity on the same side shortly before a large client order or a liquidation fill in the same market: its same-side taker fills within the look-back add up to at least the minimum.",
    parameters: ["frontRunning.lookbackMs", "frontRunning.minClientLots", "frontRunning.minAfmmLots", "frontRunning.cooldownMs"],
  },
  off_mark_fill: {
    description:
      "A fill between the affiliated market maker and a client (not a backstop or ADL transfer) at a price worse for the client than the last mark price by more than the threshold: the client bought above mark or sold below it.",
    parameters: ["offMarkFill.thresholdBps", "offMarkFill.cooldownMs"],
  },
  wash_trade: {
    description: "A fill whose buyer and seller are both affiliated accounts, or the same affiliated account.",
    parameters: ["washTrade.cooldownMs"],
  },
  spoofing: {
    description:
      "A large order of the affiliated market maker cancelled soon after it was placed without any fill, while the affiliated market maker traded the opposite side from shortly before the order until its cancel.",
    parameters: ["spoofing.minOrderLots", "spoofing.maxLifeMs", "spoofing.oppositeTradeWindowMs", "spoofing.cooldownMs"],
  },
  quote_obligation: {
    description:
      "Over a clock hour, the share of time the affiliated market maker's own best bid and best ask were both within its maximum spread and at its minimum size fell below its published minimum time on book.",
    parameters: ["quoteObligation.periodMs", "quoteObligations[].maxSpreadBps", "quoteObligations[].minSizeLots", "quoteObligations[].minTimeOnBookPct"],
  },
  volume_share: {
    description: "Over a window, the affiliated market maker was on one side of more than the limit share of the market's traded lots.",
    parameters: ["volumeShare.windowMs", "volumeShare.limitPct", "volumeShare.minWindowLots"],
  },
  price_divergence: {
    description:
      "The mark price moved further from the index price than the threshold while the affiliated market maker had traded in the market shortly before.",
    parameters: ["priceDivergence.thresholdBps", "priceDivergence.afmmActiveWindowMs", "priceDivergence.cooldownMs"],
  },
};
