/**
 * Liquidation: per-position liquidation and bankruptcy prices, keeping the liquidation index
 * current, detection after mark updates, and the waterfall (LIQ-1, LIQ-2, MRG-4).
 *
 * Prices (cross margin, README "Liquidation and bankruptcy prices"): for a position of `s` lots in
 * market m, holding the account's other markets at their marks, with E = equity at marks,
 * MMo = maintenance of the other positions and T = tickLotValue:
 *   equity(P)  = E + s·(P − mark)·T
 *   g(P)       = equity(P) − MMo − MM_m(|s|·P·T)          (MM from margin.ts, tiered, rounded up)
 *   liquidation price L: long = the highest tick with g(P) < 0 (liquidated when mark ≤ L);
 *                        short = the lowest tick with g(P) < 0 (liquidated when mark ≥ L).
 *     Solved exactly: a linear estimate in the tier at the current notional, then galloping +
 *     bisection on g (g is monotone: each tick moves equity by |s|·T and MM by at most
 *     ⌈|s|·T·MMR⌉ < |s|·T), so the key is exact for single-market accounts.
 *   bankruptcy price B (equity(B) = 0): long B = ⌈mark − E/(s·T)⌉, short B = ⌊mark + E/(|s|·T)⌋,
 *     rounded so that closing the whole position at B never leaves negative equity; clamped to
 *     1 … maxPriceTicks.
 * For multi-market accounts both are conservative snapshots at the other markets' current marks,
 * so such accounts are re-keyed whenever any of their markets' marks move (exchange.refreshMarket
 * marks them dirty) — ENGINE-ANCHORS §3 caveat.
 */

import { type Account, belowMaintenance, equity, unrealizedPnl, maintenanceTotal, notionalAt, positionMaintenance } from "./accounts";
import { adlQueue, type RankedPosition } from "./adl";
import { remainingCapacity, replenishBackstop } from "./backstop";
import { convertForDeficit } from "./collateral-ledger";
import { type EngineState, type MarketState, cancelAllOf, emit, enforceReduceOnly, fundEmitter, settleTrade, submitToBook } from "./exchange";
import { closeOutOf, type MarketSpec } from "./config-types";
import { RATE_ONE, applyRate, divCeil, divFloor } from "./fixed-point";
import { available, credit, debit } from "./insurance-fund";
import { LONG, SHORT } from "./liquidation-index";
import { maintenanceMargin, tierFor, type MarginSpec } from "./margin";
import { BUY, IOC, SELL, type Side } from "./order-book";
import type { LiqStageEntered, LiquidationStage } from "./types";

/** Sentinel: the position cannot be liquidated at any price in the market's range. */
export const NO_PRICE = 0;

/** Bankruptcy price of account a's position in m, ticks (see module doc). 0 for a flat position. */
export function bankruptcyPrice(s: EngineState, a: Account, m: MarketState, eq: bigint = equity(a, s.markets)): number {
  const size = a.positions[m.i].size;
  if (size === 0) return NO_PRICE;
  const max = m.spec.maxPriceTicks;
  const st = BigInt(size) * m.tlv;
  // equity(P) = E + s·(P − mark)·T ≥ 0  ⇔  long: P ≥ mark − E/(sT);  short: P ≤ mark + E/(|s|T)
  const b = size > 0 ? BigInt(m.mark) + divCeil(-eq, st) : BigInt(m.mark) + divFloor(eq, -st);
  return b < 1n ? 1 : b > BigInt(max) ? max : Number(b);
}

/**
 * Liquidation price of account a's position in m, ticks, or NO_PRICE when no price in
 * 1 … maxPriceTicks triggers it (see module doc for the definition and rounding).
 */
export function liquidationPrice(s: EngineState, a: Account, m: MarketState, eq?: bigint, mmTotal?: bigint): number {
  const pos = a.positions[m.i];
  const size = pos.size;
  if (size === 0) return NO_PRICE;
  // base = equity(P) − MMo − s·P·T, independent of P. A single-position account has MMo = 0 and
  // equity(P) − s·P·T = collateral + cash − cost, so it needs neither equity nor Σ MM.
  let base: bigint;
  if (a.openPositions === 1) base = a.cash + a.collateral - pos.cost;
  else {
    const mmOther = (mmTotal ?? maintenanceTotal(a, s.markets)) - positionMaintenance(pos, m);
    base = (eq ?? equity(a, s.markets)) - BigInt(size) * BigInt(m.mark) * m.tlv - mmOther;
  }
  return positionLiquidationPrice(m.spec, m.tlv, size, base, m.mark);
}

/**
 * The solver behind liquidationPrice, for one position of `size` lots (signed, non-zero) whose
 * account has `base` = equity(P) − MMo − s·P·T (micro-USD, independent of P): ticks, or NO_PRICE.
 * A client holding only this position has base = cash + collateral − cost, so the public calculator
 * calls this with the figures a client types and gets exactly the price the engine keys it at.
 * `mark` (ticks) only seeds the search; the answer does not depend on it.
 */
export function positionLiquidationPrice(spec: MarginSpec & Pick<MarketSpec, "maxPriceTicks">, tlv: bigint, size: number, base: bigint, mark: number): number {
  if (size === 0) return NO_PRICE;
  const max = spec.maxPriceTicks;
  const sBig = BigInt(size);
  const lots = size < 0 ? -size : size;
  gCtx.base = base;
  gCtx.sTlv = sBig * tlv;
  gCtx.lotsTlv = BigInt(lots) * tlv;
  gCtx.spec = spec;
  // Range checks first: most positions cannot be liquidated at any price in range (one g each).
  if (size > 0) {
    if (g(1) >= 0n) return NO_PRICE;
    if (g(max) < 0n) return max;
  } else {
    if (g(max) >= 0n) return NO_PRICE;
    if (g(1) < 0n) return 1;
  }
  // Linear estimate in the current tier: base + s·P·T − (|s|·P·T·MMR/1e9 − MA) = 0.
  const t = tierFor(spec, notionalAt(lots, mark, tlv));
  const num = -(base + t.maintenanceAmount) * RATE_ONE;
  const den = tlv * (sBig * RATE_ONE - BigInt(lots) * t.maintenanceMarginRate);
  let est = den === 0n ? mark : Number(clampBig(divFloor(num, den), 1n, BigInt(max)));
  if (size > 0) {
    // Highest P with g(P) < 0; g increasing.
    let lo: number;
    let hi: number;
    if (g(est) < 0n) {
      lo = est;
      let step = 1;
      hi = Math.min(max, est + step);
      while (g(hi) < 0n) {
        lo = hi;
        step *= 2;
        hi = Math.min(max, hi + step);
      }
    } else {
      hi = est;
      let step = 1;
      lo = Math.max(1, est - step);
      while (g(lo) >= 0n) {
        hi = lo;
        step *= 2;
        lo = Math.max(1, lo - step);
      }
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (g(mid) < 0n) lo = mid;
      else hi = mid;
    }
    return lo;
  }
  // Short: lowest P with g(P) < 0; g decreasing.
  if (est < 1) est = 1;
  let lo: number;
  let hi: number;
  if (g(est) < 0n) {
    hi = est;
    let step = 1;
    lo = Math.max(1, est - step);
    while (g(lo) < 0n) {
      hi = lo;
      step *= 2;
      lo = Math.max(1, lo - step);
    }
  } else {
    lo = est;
    let step = 1;
    hi = Math.min(max, est + step);
    while (g(hi) >= 0n) {
      lo = hi;
      step *= 2;
      hi = Math.min(max, hi + step);
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (g(mid) < 0n) hi = mid;
    else lo = mid;
  }
  return hi;
}

// g(P) of the solver with its parameters in a module-level record (no closure per call).
// sTlv = s·T and lotsTlv = |s|·T are precomputed so each evaluation is two products.
const gCtx = { base: 0n, sTlv: 0n, lotsTlv: 0n, spec: null as unknown as MarginSpec };
function g(p: number): bigint {
  const pb = BigInt(p);
  return gCtx.base + gCtx.sTlv * pb - maintenanceMargin(gCtx.spec, gCtx.lotsTlv * pb);
}

function clampBig(x: bigint, lo: bigint, hi: bigint): bigint {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Equity < maintenance (with positions), or negative equity when flat (accounts.ts belowMaintenance). */
export function needsLiquidation(s: EngineState, a: Account): boolean {
  return belowMaintenance(a, s.markets);
}

/** Test oracle: every account that needs liquidation, by full scan (O(accounts)). Sorted by id. */
export function scanLiquidatable(s: EngineState): number[] {
  const out: number[] = [];
  for (const a of s.bySlot) if (needsLiquidation(s, a)) out.push(a.id);
  return out.sort((x, y) => x - y);
}

/**
 * Re-key one account in every market's liquidation index; queue it when it is already past a key
 * at the current mark (or flat with negative equity).
 */
export function rekey(s: EngineState, a: Account): void {
  let eq: bigint | undefined;
  let mm: bigint | undefined;
  for (const m of s.markets) {
    const size = a.positions[m.i].size;
    if (size === 0) {
      m.liqIndex.delete(a.slot);
      continue;
    }
    if (eq === undefined && a.openPositions > 1) {
      eq = equity(a, s.markets);
      mm = maintenanceTotal(a, s.markets);
    }
    const key = liquidationPrice(s, a, m, eq, mm);
    if (key === NO_PRICE) {
      m.liqIndex.delete(a.slot);
      continue;
    }
    m.liqIndex.set(a.slot, size > 0 ? LONG : SHORT, key);
    if (size > 0 ? m.mark <= key : m.mark >= key) s.pending.add(a);
  }
  if (a.openPositions === 0 && belowMaintenance(a, s.markets)) s.pending.add(a);
}

/** Re-key every dirty account. */
export function flushDirty(s: EngineState): void {
  if (s.dirty.size === 0) return;
  const list = s.dirty.drain();
  for (let i = 0; i < list.length; i++) rekey(s, list[i]);
}

let scratch = new Int32Array(1024);

/**
 * Detection after a mark update of the given markets: re-key dirty accounts, collect the index
 * entries triggered at the new marks (O(buckets crossed + k)), verify each candidate exactly, and
 * run the waterfall on those that need it, in account-id order. Repeats while liquidations make
 * further accounts liquidatable (makers, backstops, ADL counterparties). An account is liquidated
 * at most once per pass; anything still failing stays queued for the next mark update.
 */
export function detectAndLiquidate(s: EngineState, markets: readonly MarketState[]): void {
  flushDirty(s);
  for (const m of markets) {
    if (m.mark === 0 || m.liqIndex.size === 0) continue;
    if (scratch.length < m.liqIndex.size) scratch = new Int32Array(m.liqIndex.size * 2);
    const n = m.liqIndex.collect(m.mark, scratch);
    for (let k = 0; k < n; k++) s.pending.add(s.bySlot[scratch[k]]);
  }
  const done = new Set<Account>();
  adlQueues.clear();
  while (s.pending.size > 0) {
    const batch = [...s.pending].filter((a) => !done.has(a)).sort((x, y) => x.id - y.id);
    s.pending.clear();
    if (batch.length === 0) break;
    for (const a of batch) {
      done.add(a);
      if (needsLiquidation(s, a)) liquidate(s, a);
    }
    // Re-key once per batch: counterparties touched by many liquidations are re-keyed once, and
    // whoever became liquidatable is queued for the next round.
    flushDirty(s);
  }
  // Accounts skipped because they were already handled this pass stay queued.
  for (const a of done) if (needsLiquidation(s, a)) s.pending.add(a);
  adlQueues.clear();
}

/**
 * ADL queues of the current detection pass, per market and side, ranked once when first needed
 * (O(n log n)) and consumed front to back; entries whose position has since shrunk, flipped or
 * closed are re-validated at use. So a cascade of k bankruptcies costs one ranking, not k.
 */
const adlQueues = new Map<number, { queue: RankedPosition[]; cursor: number }>();

function queueFor(s: EngineState, m: MarketState, bankruptLong: boolean, a: Account): { queue: RankedPosition[]; cursor: number } {
  const key = m.i * 2 + (bankruptLong ? 0 : 1);
  let q = adlQueues.get(key);
  if (q === undefined) {
    q = { queue: adlQueue(s, m, bankruptLong, a), cursor: 0 };
    adlQueues.set(key, q);
  }
  return q;
}

const LIQ_FLAGS = { liquidation: true, backstop: false, adl: false };
const BACKSTOP_FLAGS = { liquidation: true, backstop: true, adl: false };
const ADL_FLAGS = { liquidation: true, backstop: false, adl: true };

function stageEvent(
  s: EngineState,
  a: Account,
  m: MarketState | null,
  stage: LiquidationStage,
  reason: string,
  sizeToClose: number,
  bankruptcy: number,
): LiqStageEntered {
  return emit(s, {
    type: "LiqStageEntered",
    accountId: a.id,
    market: m === null ? null : m.symbol,
    stage,
    reason,
    sizeToClose,
    bankruptcyPrice: bankruptcy,
    markPrice: m === null ? 0 : m.mark,
    sizeClosed: 0,
    amount: 0n,
    equityAfter: 0n,
    maintenanceAfter: 0n,
  }) as LiqStageEntered;
}

/** Fill in a stage event's outcome (the object is still owned by this command's output). */
function closeStage(s: EngineState, a: Account, ev: LiqStageEntered, sizeClosed: number, amount: bigint): void {
  ev.sizeClosed = sizeClosed;
  ev.amount = amount;
  ev.equityAfter = equity(a, s.markets);
  ev.maintenanceAfter = maintenanceTotal(a, s.markets);
}

/**
 * The waterfall for one account (README "Liquidation waterfall" and ADR). Each stage emits a
 * LiqStageEntered event before its trades, completed with its outcome:
 *  0. cancel_orders — cancel every resting order; stop if that restored maintenance.
 *  per market (config order), while equity < MM:
 *  a. book — IOC orders with protective price = bankruptcy price, at most maxBookChunkNotional
 *     (at mark) per step, re-checking after each; skipped once equity < backstop fraction × MM.
 *     Liquidation fee min(⌈N·rate⌉, equity⁺) from the account to the market's insurance fund.
 *  b. backstop — LPs in priority order take the rest at the bankruptcy price B, each up to its
 *     remaining capacity (replenished to now, backstop.ts) and only as many lots as the fund can
 *     compensate for (B − mark)⁺ per lot. When capacity, not the fund, leaves lots over:
 *     BackstopCapacityExhausted.
 *  c. insurance_fund — records the fund's compensation and what remains available.
 *  d. adl — whatever remains: opposite-side profitable positions in ranking order close against it
 *     at B; while the fund is above its floor it compensates them to mark too (so no loss is
 *     socialized while the fund can pay); each counterparty is capped so its equity stays ≥ 0.
 *  Finally a flat account with negative USD cash converts its non-USD collateral at haircut value
 *  to cover it (collateral-ledger.ts); what that cannot cover the fund pays (never below zero).
 */
export function liquidate(s: EngineState, a: Account): void {
  const eq0 = equity(a, s.markets);
  const mm0 = maintenanceTotal(a, s.markets);
  const start = emit(s, { type: "LiquidationStarted", accountId: a.id, equity: eq0, maintenanceMargin: mm0, formulaVersion: s.config.platform.formulaVersion });
  const cause = start.seq;
  const stages: LiquidationStage[] = [];
  const cancelEv = stageEvent(s, a, null, "cancel_orders", a.openPositions === 0 ? "negative_balance" : "below_maintenance", 0, 0);
  cancelAllOf(s, a, "liquidation");
  closeStage(s, a, cancelEv, 0, 0n);
  stages.push("cancel_orders");
  let lastMarket: MarketState = s.markets[0];
  for (const m of s.markets) {
    if (a.positions[m.i].size === 0) continue;
    // A market that closes out in full closes the defaulting account's position whatever the
    // earlier markets' closes did to its health; a partial market only while it is still below MM.
    const full = closeOutOf(m.spec.liquidation) === "full";
    if (!full && !needsLiquidation(s, a)) break;
    lastMarket = m;
    liquidateMarket(s, a, m, cause, stages, full);
  }
  // Flat with a USD deficit: the account's collateral covers it first, at its haircut value
  // (collateral-ledger.ts convertForDeficit); only what it cannot cover falls to the fund.
  if (a.openPositions === 0 && a.cash < 0n) convertForDeficit(s, a, cause);
  if (a.openPositions === 0 && a.cash < 0n) {
    const m = lastMarket;
    const ev = stageEvent(s, a, m, "insurance_fund", "negative_balance_after_close", 0, 0);
    const cover = -a.cash < m.insurance.balance ? -a.cash : m.insurance.balance;
    if (cover > 0n) {
      debit(m.insurance, cover, "negative_equity_cover", a.id, cause, fundEmitter(s, m));
      a.cash += cover;
    }
    closeStage(s, a, ev, 0, cover);
    stages.push("insurance_fund");
  }
  emit(s, {
    type: "LiquidationCompleted",
    accountId: a.id,
    equity: equity(a, s.markets),
    maintenanceMargin: maintenanceTotal(a, s.markets),
    stages,
    partial: a.openPositions > 0,
  });
}

function belowBackstopTrigger(s: EngineState, a: Account, m: MarketState): boolean {
  const f = m.spec.liquidation.backstopEquityBelowMaintenance;
  return equity(a, s.markets) * BigInt(f.denominator) < maintenanceTotal(a, s.markets) * BigInt(f.numerator);
}

function liquidateMarket(s: EngineState, a: Account, m: MarketState, cause: number, stages: LiquidationStage[], full: boolean): void {
  const pos = a.positions[m.i];
  const tlv = m.tlv;
  const fe = fundEmitter(s, m);
  const closeSide: Side = pos.size > 0 ? SELL : BUY;
  const long = pos.size > 0;

  // (a) book
  let bookReason = "below_maintenance";
  if (!belowBackstopTrigger(s, a, m)) {
    const ev = stageEvent(s, a, m, "book", "below_maintenance", Math.abs(pos.size), bankruptcyPrice(s, a, m));
    stages.push("book");
    let closed = 0;
    let fees = 0n;
    const chunkLots = Math.max(1, Number(m.spec.liquidation.maxBookChunkNotional / (BigInt(m.mark) * tlv)));
    bookReason = "book_exhausted";
    while (pos.size !== 0) {
      if (!full && !needsLiquidation(s, a)) {
        bookReason = "healthy";
        break;
      }
      if (belowBackstopTrigger(s, a, m)) {
        bookReason = "equity_below_backstop_trigger";
        break;
      }
      const bk = bankruptcyPrice(s, a, m);
      const want = Math.min(Math.abs(pos.size), chunkLots);
      const outStart = s.out.length;
      const res = submitToBook(s, m, a, 0, closeSide, 0, want, IOC, false, false, 0n, LIQ_FLAGS, bk);
      let notional = 0n;
      for (let k = outStart; k < s.out.length; k++) {
        const e = s.out[k];
        if (e.type === "Trade") notional += BigInt(e.price) * BigInt(e.size) * tlv;
      }
      closed += res.filled;
      if (notional > 0n) {
        const eq = equity(a, s.markets);
        let fee = applyRate(notional, m.spec.liquidation.liquidationFeeRate, "ceil");
        if (fee > eq) fee = eq > 0n ? eq : 0n;
        if (fee > 0n) {
          a.cash -= fee;
          credit(m.insurance, fee, "liquidation_fee", a.id, cause, fe);
          fees += fee;
        }
      }
      if (res.filled < want) break;
    }
    closeStage(s, a, ev, closed, fees);
    if (pos.size === 0 || (!full && !needsLiquidation(s, a))) return;
  } else {
    bookReason = "equity_below_backstop_trigger";
  }

  // (b) backstop LPs: inventory at the bankruptcy price, as much as the fund can compensate.
  const bk = bankruptcyPrice(s, a, m);
  // A full close-out can reach this point with the account out of default again (an earlier chunk
  // or market restored it): the rest then moves at mark, so the LP or ADL counterparty takes the
  // inventory without the bankruptcy discount and the client keeps the equity it still has.
  const atMark = full && !needsLiquidation(s, a);
  const px = atMark ? m.mark : bk;
  const lossTicks = long ? px - m.mark : m.mark - px;
  const lossPerLot = lossTicks > 0 ? BigInt(lossTicks) * BigInt(1) * tlv : 0n;
  const bev = stageEvent(s, a, m, "backstop", bookReason, Math.abs(pos.size), bk);
  if (atMark) bev.transferPrice = px;
  stages.push("backstop");
  let bClosed = 0;
  let comp = 0n;
  const perLotCap = BigInt(px) * tlv;
  for (const lp of s.backstops) {
    if (pos.size === 0) break;
    if (lp === a) continue;
    // Capacity restored since the last Tick counts (a pass between Ticks, on an index update).
    replenishBackstop(lp, s.now);
    const capLots = remainingCapacity(lp) / perLotCap;
    if (capLots <= 0n) continue;
    let q = BigInt(Math.abs(pos.size));
    if (capLots < q) q = capLots;
    if (lossPerLot > 0n) {
      const fundLots = available(m.insurance) / lossPerLot;
      if (fundLots < q) q = fundLots;
    }
    if (q <= 0n) break;
    const lots = Number(q);
    settleTrade(s, m, a, lp, closeSide, px, lots, 0, 0, 0n, 0n, BACKSTOP_FLAGS, 0);
    enforceReduceOnly(s, lp, m);
    lp.backstopUsed += q * perLotCap;
    bClosed += lots;
    const c = q * lossPerLot;
    if (c > 0n) {
      debit(m.insurance, c, "backstop_compensation", lp.id, cause, fe);
      lp.cash += c;
      comp += c;
    }
  }
  closeStage(s, a, bev, bClosed, comp);
  // What stopped the LPs: the fund when it cannot compensate one more lot, otherwise their capacity
  // (every LP's remaining capacity is below one lot at B, or there is none).
  const fundBound = lossPerLot > 0n && available(m.insurance) < lossPerLot;
  if (pos.size !== 0 && !fundBound) {
    let remaining = 0n;
    for (const lp of s.backstops) if (lp !== a) remaining += remainingCapacity(lp);
    emit(s, { type: "BackstopCapacityExhausted", market: m.symbol, accountId: a.id, remaining, lotsUnabsorbed: Math.abs(pos.size), causeSeq: cause });
  }

  // (c) insurance fund: its part was the compensation above; record what it paid and has left.
  const fev = stageEvent(s, a, m, "insurance_fund", `available_after=${available(m.insurance)}`, Math.abs(pos.size), bk);
  stages.push("insurance_fund");
  closeStage(s, a, fev, 0, comp);
  if (pos.size === 0) return;

  // (d) ADL: only reachable here, with the reason recorded (the same test as the exhaustion event).
  const aev = stageEvent(s, a, m, "adl", fundBound ? "insurance_fund_exhausted" : "backstop_capacity_exhausted", Math.abs(pos.size), bk);
  if (atMark) aev.transferPrice = px;
  stages.push("adl");
  const aq = queueFor(s, m, long, a);
  const queue = aq.queue;
  let aClosed = 0;
  let aComp = 0n;
  const counterparties: Array<{ accountId: number; lots: number; rankPpb: bigint; upnlBefore: bigint }> = [];
  for (let k = aq.cursor; k < queue.length && pos.size !== 0; k++) {
    const r = queue[k];
    const c = r.account;
    const csize = c.positions[m.i].size;
    // Still on the opposite side and still profitable at mark (the queue was ranked earlier this pass).
    const upnlBefore = csize === 0 ? 0n : unrealizedPnl(c.positions[m.i], m.mark, tlv);
    if (c === a || csize === 0 || csize > 0 === long || upnlBefore <= 0n) {
      if (k === aq.cursor) aq.cursor++;
      continue;
    }
    let q = Math.min(Math.abs(pos.size), Math.abs(csize));
    const fundNow = available(m.insurance);
    if (lossPerLot > 0n) {
      // Equity-safety: E_c − q·loss + compensation ≥ 0 with compensation ≤ fund available.
      const maxQ = (equity(c, s.markets) + fundNow) / lossPerLot;
      if (maxQ < BigInt(q)) q = Number(maxQ);
    }
    if (q <= 0) continue;
    settleTrade(s, m, a, c, closeSide, px, q, 0, 0, 0n, 0n, ADL_FLAGS, 0);
    // Transfers bypass the book, so keep the counterparty's reduce-only orders within its position.
    enforceReduceOnly(s, c, m);
    aClosed += q;
    counterparties.push({ accountId: c.id, lots: q, rankPpb: r.rankPpb ?? -1n, upnlBefore });
    if (lossPerLot > 0n && fundNow > 0n) {
      const owed = BigInt(q) * lossPerLot;
      const pay = owed < fundNow ? owed : fundNow;
      debit(m.insurance, pay, "adl_compensation", c.id, cause, fe);
      c.cash += pay;
      aComp += pay;
    }
  }
  aev.counterparties = counterparties;
  closeStage(s, a, aev, aClosed, aComp);
}

export { RATE_ONE };
