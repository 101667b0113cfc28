/**
 * Auto-deleveraging: ranking (LIQ-5, ANCHORS §3 BitMEX/Bybit family), per-position likelihood
 * lights, and the per-market distance-to-ADL curve (DISC-5, ANCHORS §8.1).
 *
 * Ranking key (BitMEX): PnL% × EffLev when PnL% > 0, PnL% / EffLev otherwise, with
 *   PnL%   = uPnL / |cost|                    (uPnL = size·mark·T − cost, exact)
 *   EffLev = |MV| / (MV − BV) = |size·mark·T| / E
 * where E is the account's equity. Under cross margin the bankruptcy value BV is defined by
 * equity(BV) = 0 holding other markets at mark, so MV − BV = E exactly; using E avoids the
 * rounding of a tick-rounded bankruptcy price. Keys are ppb, floored; ties broken by account id
 * ascending (deterministic). E ≤ 0 ranks first (infinite leverage) for the lights and is excluded
 * from ADL counterparties (such an account is itself in liquidation).
 */

import { type Account, equity, unrealizedPnl } from "./accounts";
import { ADL_CURVE_STEP_PCT, ADL_MAX_SHOCK_PCT, type AdlRiskParams } from "./config-types";
import { RATE_ONE, abs, divFloor } from "./fixed-point";
import type { EngineState, MarketState } from "./exchange";
import { available } from "./insurance-fund";
import { remainingCapacity } from "./backstop";

/** Rank key in ppb (see module doc); null when equity ≤ 0 (ranks above every finite key). */
export function adlRankPpb(a: Account, m: MarketState, accountEquity: bigint): bigint | null {
  const pos = a.positions[m.i];
  if (pos.size === 0) return 0n;
  return adlRankKey(unrealizedPnl(pos, m.mark, m.tlv), abs(BigInt(pos.size) * BigInt(m.mark) * m.tlv), abs(pos.cost), accountEquity);
}

/**
 * The rank key itself, ppb, from a position's figures (micro-USD): unrealised PnL at mark, market
 * value |size·mark·T| > 0, cost basis |cost| > 0 and the account's equity; null when equity ≤ 0.
 * PnL% × EffLev = (uPnL/cost)·(MV/E) when in profit, PnL% / EffLev = (uPnL/cost)·(E/MV) otherwise,
 * floored. The public ADL calculator ranks example positions with it.
 */
export function adlRankKey(upnl: bigint, marketValue: bigint, cost: bigint, accountEquity: bigint): bigint | null {
  if (accountEquity <= 0n) return null;
  if (upnl > 0n) return divFloor(upnl * marketValue * RATE_ONE, cost * accountEquity);
  return divFloor(upnl * accountEquity * RATE_ONE, cost * marketValue);
}

export interface RankedPosition {
  account: Account;
  lots: number;
  rankPpb: bigint | null;
  upnl: bigint;
  equity: bigint;
}

/** Compare two ranked positions: higher key first, null (equity ≤ 0) above all, then account id. */
export function compareRank(x: RankedPosition, y: RankedPosition): number {
  return compareAdlRank(x.rankPpb, x.account.id, y.rankPpb, y.account.id);
}

/** compareRank on bare keys and ids: higher key first, null above all, then the lower id. */
export function compareAdlRank(xKey: bigint | null, xId: number, yKey: bigint | null, yId: number): number {
  if (xKey === null || yKey === null) {
    if (xKey === yKey) return xId - yId;
    return xKey === null ? -1 : 1;
  }
  if (xKey !== yKey) return xKey > yKey ? -1 : 1;
  return xId - yId;
}

/** Every position of one side (long = true) of market m, ranked (O(n log n)). */
export function rankSide(s: EngineState, m: MarketState, long: boolean, exclude?: Account): RankedPosition[] {
  const out: RankedPosition[] = [];
  for (const a of m.holders) {
    if (a === exclude) continue;
    const size = a.positions[m.i].size;
    if (size === 0 || size > 0 !== long) continue;
    const e = equity(a, s.markets);
    out.push({ account: a, lots: Math.abs(size), rankPpb: adlRankPpb(a, m, e), upnl: unrealizedPnl(a.positions[m.i], m.mark, m.tlv), equity: e });
  }
  return out.sort(compareRank);
}

/**
 * ADL counterparties for a bankrupt position of side `bankruptLong`: the OPPOSITE side's
 * profitable positions (uPnL > 0 at mark) of accounts with equity > 0, in ranking order.
 */
export function adlQueue(s: EngineState, m: MarketState, bankruptLong: boolean, exclude: Account): RankedPosition[] {
  return rankSide(s, m, !bankruptLong, exclude).filter((r) => r.upnl > 0n && r.equity > 0n);
}

/**
 * ADL likelihood lights 1–5 per position (LIQ-5): rank quantile within its side of the market,
 * lights = 5 − ⌊5·i/n⌋ for the i-th (0-based) in ranking order, so the top 20 % show 5 lights.
 * Computed on demand from the current state (O(n log n) per side), so it is always current;
 * the host caches per mark tick if it polls often. Returns account id → lights.
 */
export function adlLights(s: EngineState, m: MarketState): Map<number, number> {
  const res = new Map<number, number>();
  for (const long of [true, false]) {
    const ranked = rankSide(s, m, long);
    const n = ranked.length;
    ranked.forEach((r, i) => res.set(r.account.id, 5 - Math.floor((5 * i) / n)));
  }
  return res;
}

export interface AdlCurvePoint {
  /** Price shock, percent (−50 … +50). */
  shockPct: number;
  /** Mark after the shock, ticks. */
  price: number;
  /** Σ negative equity of accounts past bankruptcy at that price, micro-USD. */
  shortfall: bigint;
  /** Σ notional (at the shocked price) of positions past bankruptcy, micro-USD: inventory backstops must take. */
  inventory: bigint;
  /** Insurance fund available above its floor after paying the shortfall, micro-USD (negative = gap). */
  fundRemaining: bigint;
  /** Backstop capacity left after taking the inventory, micro-USD (negative = gap). */
  backstopRemaining: bigint;
  /** ADL would be needed at this shock. */
  adl: boolean;
}

export type AdlRiskLevel = "low" | "elevated" | "high";

/** Which threshold a figure crossed (the reasons behind a level). */
export type AdlRiskTrigger = "coverage_below_high" | "coverage_below_elevated" | "distance_below_high" | "distance_below_elevated";

/** The market's public ADL risk level (DISC-5) and the figures it was decided on. */
export interface AdlIndicator {
  level: AdlRiskLevel;
  triggers: AdlRiskTrigger[];
  /** The price move (each direction) the stress coverage uses, ppb (spec.adlRisk.stressMove). */
  stressMovePpb: bigint;
  /** Shortfall after that move in the worse direction, micro-USD. */
  stressShortfall: bigint;
  /** fund available above floor ÷ stressShortfall, ppb, floored; null when nothing is short after the move. */
  coveragePpb: bigint | null;
  /** Smaller of the down/up distance to ADL, ppb of mark; null when ADL is not needed within the curve's range. */
  distancePpb: bigint | null;
  /** The thresholds applied (spec.adlRisk), so a reader sees the rule next to the result. */
  thresholds: AdlRiskParams;
}

export interface AdlDistance {
  market: string;
  mark: number;
  fundAvailable: bigint;
  backstopCapacity: bigint;
  /** Smallest downward / upward move (ticks below/above mark, and ppb of mark) at which ADL would be needed; null if not within ±ADL_MAX_SHOCK_PCT. */
  down: { price: number; movePpb: bigint } | null;
  up: { price: number; movePpb: bigint } | null;
  curve: AdlCurvePoint[];
  /** DISC-5 risk level; null while the market has no mark price. */
  indicator: AdlIndicator | null;
}

/**
 * The ADL risk level rule (DISC-5), the one place it is decided: "high" when stress coverage is
 * below `highBelowCoverage` or the distance to ADL below `highBelowDistance`; else "elevated" when
 * either is below its elevated threshold; else "low". A null coverage (no shortfall after the stress
 * move) or distance (ADL not needed within the curve's range) crosses no threshold.
 */
export function adlRiskLevel(
  params: AdlRiskParams,
  coveragePpb: bigint | null,
  distancePpb: bigint | null,
): { level: AdlRiskLevel; triggers: AdlRiskTrigger[] } {
  const triggers: AdlRiskTrigger[] = [];
  if (coveragePpb !== null && coveragePpb < params.highBelowCoverage) triggers.push("coverage_below_high");
  else if (coveragePpb !== null && coveragePpb < params.elevatedBelowCoverage) triggers.push("coverage_below_elevated");
  if (distancePpb !== null && distancePpb < params.highBelowDistance) triggers.push("distance_below_high");
  else if (distancePpb !== null && distancePpb < params.elevatedBelowDistance) triggers.push("distance_below_elevated");
  const level: AdlRiskLevel = triggers.some((t) => t.endsWith("_high")) ? "high" : triggers.length > 0 ? "elevated" : "low";
  return { level, triggers };
}

/**
 * Distance to ADL (DISC-5). Model, stated so the public page can repeat it:
 * - every position of the market moves with the shocked mark P; the account's other markets stay
 *   at their marks; equity(P) = E + size·(P − mark)·T;
 * - accounts with equity(P) < 0 are past bankruptcy. Worst case for the book: it absorbs nothing,
 *   so their whole position is inventory for backstop LPs (consuming capacity at notional |size|·P·T)
 *   and their negative equity is the shortfall the fund must pay (ADR: LPs take inventory, the fund
 *   takes loss);
 * - ADL is needed at P when shortfall > fund available above its floor, or inventory > remaining
 *   backstop capacity (all LPs).
 * The curve is sampled at 1 % steps; the two distances are then refined to the tick by bisection
 * (both conditions are monotone in the size of the move). Cost O(holders × (101 + 2·31 + 2)).
 * The risk level (DISC-5) adds the shortfall after `spec.adlRisk.stressMove` either way
 * (price = ⌊mark·(1 ± move)⌋, at least 1 tick) and applies `adlRiskLevel`.
 */
export function adlDistance(s: EngineState, m: MarketState): AdlDistance {
  const mark = m.mark;
  const tlv = m.tlv;
  const fund = available(m.insurance);
  let cap = 0n;
  for (const b of s.backstops) cap += remainingCapacity(b);
  const rows: Array<{ e: bigint; size: bigint; abs: bigint }> = [];
  for (const a of m.holders) {
    const size = a.positions[m.i].size;
    rows.push({ e: equity(a, s.markets), size: BigInt(size), abs: BigInt(Math.abs(size)) });
  }
  const evalAt = (price: number): { shortfall: bigint; inventory: bigint } => {
    let shortfall = 0n;
    let inventory = 0n;
    const dp = BigInt(price - mark) * tlv;
    const pt = BigInt(price) * tlv;
    for (const r of rows) {
      const e = r.e + r.size * dp;
      if (e < 0n) {
        shortfall -= e;
        inventory += r.abs * pt;
      }
    }
    return { shortfall, inventory };
  };
  const needs = (x: { shortfall: bigint; inventory: bigint }) => x.shortfall > fund || x.inventory > cap;
  const curve: AdlCurvePoint[] = [];
  if (mark === 0) return { market: m.symbol, mark, fundAvailable: fund, backstopCapacity: cap, down: null, up: null, curve, indicator: null };
  const priceAt = (pct: number) => Math.max(1, Number(divFloor(BigInt(mark) * BigInt(100 + pct), 100n)));
  for (let pct = -ADL_MAX_SHOCK_PCT; pct <= ADL_MAX_SHOCK_PCT; pct += ADL_CURVE_STEP_PCT) {
    const price = priceAt(pct);
    const x = evalAt(price);
    curve.push({
      shockPct: pct,
      price,
      shortfall: x.shortfall,
      inventory: x.inventory,
      fundRemaining: fund - x.shortfall,
      backstopRemaining: cap - x.inventory,
      adl: needs(x),
    });
  }
  const refine = (dir: 1 | -1): { price: number; movePpb: bigint } | null => {
    // First curve step with ADL, then bisect in ticks between the previous step and it.
    let prev = mark;
    for (let k = ADL_CURVE_STEP_PCT; k <= ADL_MAX_SHOCK_PCT; k += ADL_CURVE_STEP_PCT) {
      const p = priceAt(dir * k);
      if (needs(evalAt(p))) {
        let lo = prev; // safe
        let hi = p; // needs ADL
        while (Math.abs(hi - lo) > 1) {
          const mid = lo + Math.trunc((hi - lo) / 2);
          if (needs(evalAt(mid))) hi = mid;
          else lo = mid;
        }
        if (needs(evalAt(lo))) hi = lo;
        return { price: hi, movePpb: divFloor(BigInt(Math.abs(hi - mark)) * RATE_ONE, BigInt(mark)) };
      }
      prev = p;
    }
    return null;
  };
  const atMark = needs(evalAt(mark));
  const down = atMark ? { price: mark, movePpb: 0n } : refine(-1);
  const up = atMark ? { price: mark, movePpb: 0n } : refine(1);
  const params = m.spec.adlRisk;
  const stressed = (sign: 1n | -1n) => evalAt(Math.max(1, Number(divFloor(BigInt(mark) * (RATE_ONE + sign * params.stressMove), RATE_ONE)))).shortfall;
  const sDown = stressed(-1n);
  const sUp = stressed(1n);
  const stressShortfall = sDown > sUp ? sDown : sUp;
  const coveragePpb = stressShortfall === 0n ? null : divFloor(fund * RATE_ONE, stressShortfall);
  const moves = [down, up].filter((d): d is { price: number; movePpb: bigint } => d !== null).map((d) => d.movePpb);
  const distancePpb = moves.length === 0 ? null : moves.reduce((x, y) => (x < y ? x : y));
  const { level, triggers } = adlRiskLevel(params, coveragePpb, distancePpb);
  const indicator: AdlIndicator = { level, triggers, stressMovePpb: params.stressMove, stressShortfall, coveragePpb, distancePpb, thresholds: { ...params } };
  return { market: m.symbol, mark, fundAvailable: fund, backstopCapacity: cap, down, up, curve, indicator };
}
