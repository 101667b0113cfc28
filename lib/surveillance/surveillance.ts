/**
 * The surveillance rules (AFMM-8, LIQ-4) as a streaming detector over the engine's journal.
 *
 *   const s = createSurveillance({ config, obligations: engineConfig.afmm.quoteObligations, affiliateAccountIds: [1] });
 *   for (const entry of batch) alerts.push(...s.observe(entry));
 *   alerts.push(...s.flush(batchEndMs));
 *
 * Pure: no clock, no I/O, no randomness; the same journal (and seed) gives the same alerts with the
 * same ids. Every rule costs O(1) amortised per event: rolling windows are deques evicted from the
 * front; the book is tracked per order and read (best levels) only when an alert is raised; the
 * AFMM's own best quotes are recomputed at most once per engine timestamp per market, from its own
 * resting orders only.
 *
 * Dedupe: one alert per rule, market and cool-down bucket (engine time ÷ cooldownMs, aligned to the
 * epoch), so an episode raises one alert (two when it straddles a bucket boundary), and the result
 * does not depend on where a replay started (see replayStartMs).
 *
 * Windows that close (quote_obligation periods, volume_share windows) are aligned to multiples of their
 * length in engine time; one is judged only when it was observed from its start, and is raised by the
 * first entry at or after its end, or by flush(nowMs ≥ its end). Its trigger is the last entry
 * observed before the end (triggerAtMs = the end).
 */

import type { EngineEvent } from "../engine/index";
import { DEFAULT_SURVEILLANCE_CONFIG, lotsFor, type AfmmQuoteObligation, type SurveillanceConfig } from "./config";
import { meetsQuoteObligation } from "./obligation-hours";
import type { AlertSeverity, EvidenceBook, EvidenceFill, EvidenceOrder, JournaledEvent, Surveillance, SurveillanceAlert, SurveillanceRule } from "./types";

type Side = "buy" | "sell";

/** A resting order at the start position (from the engine: `restingOrders(engine)`). */
export interface SeedOrder {
  market: string;
  orderId: number;
  accountId: number;
  side: Side;
  price: number;
  remaining: number;
}

/** State at a mid-journal start position, so a replay from there reproduces the alerts of a whole run. */
export interface SurveillanceSeed {
  /** Engine time of the start position (windows beginning at or after it are judged). */
  atMs: number;
  restingOrders: SeedOrder[];
  /** Last mark and index per market, ticks. */
  marks?: Record<string, number>;
  indexes?: Record<string, number>;
  /** Affiliate accounts that existed at the start (added to the options' list). */
  affiliateAccountIds?: number[];
}

export interface SurveillanceOptions {
  config?: SurveillanceConfig;
  /** The AFMM's quoting obligations: pass `engineConfig.afmm.quoteObligations`. */
  obligations: readonly AfmmQuoteObligation[];
  /** Affiliate (AFMM) accounts; accounts created with kind "afmm" and trade sides flagged AFMM are added as seen. */
  affiliateAccountIds: readonly number[];
  seed?: SurveillanceSeed;
}

interface OrderRec {
  orderId: number;
  accountId: number;
  afmm: boolean;
  market: string;
  side: Side;
  price: number;
  size: number;
  /** -1 for an order from the seed (accepted before the start). */
  acceptedSeq: number;
  acceptedAtMs: number;
  filled: number;
  remaining: number;
  rests: boolean;
  closedSeq: number | null;
  closedAtMs: number | null;
  closeReason: string | null;
}

/** Append-only queue of timed items, evicted from the front; O(1) amortised. */
class Deque<T> {
  items: T[] = [];
  times: number[] = [];
  head = 0;
  push(x: T, atMs: number): void {
    this.items.push(x);
    this.times.push(atMs);
  }
  get length(): number {
    return this.items.length - this.head;
  }
  at(i: number): T {
    return this.items[this.head + i];
  }
  /** Drop the items timed before `cutoff`; returns the sum of `weigh` over them (0 without it). */
  evictBefore(cutoff: number, weigh?: (x: T) => number): number {
    const t = this.times;
    let h = this.head;
    let sum = 0;
    while (h < t.length && t[h] < cutoff) {
      if (weigh !== undefined) sum += weigh(this.items[h]);
      h++;
    }
    this.head = h;
    if (h > 1_024 && h * 2 > t.length) {
      this.items = this.items.slice(h);
      this.times = t.slice(h);
      this.head = 0;
    }
    return sum;
  }
}

const lotsOf = (x: TakerFill): number => x.lots;

interface TakerFill {
  atMs: number;
  lots: number;
  fill: EvidenceFill;
}

interface Mkt {
  symbol: string;
  /** Every resting order of the market (book tracked from the journal). */
  resting: Map<number, OrderRec>;
  afmmResting: Map<number, OrderRec>;
  mark: number;
  index: number;
  /** Affiliate orders (by acceptance) and affiliate fills, kept for the evidence retention. */
  afmmOrders: Deque<OrderRec>;
  afmmFills: Deque<EvidenceFill>;
  /** Affiliate taker fills per aggressor side, within the front-running look-back, and their lots. */
  frBuy: Deque<TakerFill>;
  frSell: Deque<TakerFill>;
  frBuyLots: number;
  frSellLots: number;
  lastAfmmTradeMs: number;
  // quote obligation
  obligation: AfmmQuoteObligation | null;
  quoteDirty: boolean;
  quoting: boolean;
  quotingSince: number;
  quotedMs: number;
  // volume share
  volTotal: number;
  volAfmm: number;
}

const EMPTY_BOOK = (atSeq: number): EvidenceBook => ({ atSeq, bestBid: 0, bestAsk: 0, mark: 0, index: 0, bidLots: 0, askLots: 0 });
const round2 = (x: number): number => Math.round(x * 100) / 100;

class Detector implements Surveillance {
  private readonly c: SurveillanceConfig;
  private readonly affiliates: Set<number>;
  private readonly markets = new Map<string, Mkt>();
  private readonly live = new Map<number, OrderRec>();
  private readonly obligations: readonly AfmmQuoteObligation[];
  private readonly raised = new Set<string>();
  private readonly retentionMs: number;
  private out: SurveillanceAlert[] = [];
  private lastMs = Number.NEGATIVE_INFINITY;
  private lastSeq = 0;
  private lastPosition = 0;
  /** Engine time from which the journal was observed (windows starting before it are not judged). */
  private observedFromMs: number | null = null;
  private periodStart = 0;
  private periodFromSeq = -1;
  private volStart = 0;
  private volFromSeq = -1;

  constructor(o: SurveillanceOptions) {
    this.c = o.config ?? DEFAULT_SURVEILLANCE_CONFIG;
    this.affiliates = new Set(o.affiliateAccountIds);
    this.obligations = o.obligations;
    const c = this.c;
    this.retentionMs =
      Math.max(
        c.frontRunning.lookbackMs,
        c.spoofing.maxLifeMs + c.spoofing.oppositeTradeWindowMs,
        c.quoteObligation.periodMs,
        c.volumeShare.windowMs,
        c.priceDivergence.afmmActiveWindowMs,
      ) + 1_000;
    const seed = o.seed;
    if (seed !== undefined) {
      for (const id of seed.affiliateAccountIds ?? []) this.affiliates.add(id);
      this.start(seed.atMs);
      for (const [k, v] of Object.entries(seed.marks ?? {})) this.mkt(k).mark = v;
      for (const [k, v] of Object.entries(seed.indexes ?? {})) this.mkt(k).index = v;
      for (const r of seed.restingOrders) {
        const rec: OrderRec = {
          orderId: r.orderId,
          accountId: r.accountId,
          afmm: this.affiliates.has(r.accountId),
          market: r.market,
          side: r.side,
          price: r.price,
          size: r.remaining,
          acceptedSeq: -1,
          acceptedAtMs: seed.atMs,
          filled: 0,
          remaining: r.remaining,
          rests: true,
          closedSeq: null,
          closedAtMs: null,
          closeReason: null,
        };
        const m = this.mkt(r.market);
        this.live.set(r.orderId, rec);
        m.resting.set(r.orderId, rec);
        if (rec.afmm) {
          m.afmmResting.set(r.orderId, rec);
          m.quoteDirty = true;
        }
      }
    }
  }

  private start(atMs: number): void {
    this.observedFromMs = atMs;
    this.lastMs = atMs;
    const p = this.c.quoteObligation.periodMs;
    const w = this.c.volumeShare.windowMs;
    this.periodStart = Math.floor(atMs / p) * p;
    this.volStart = Math.floor(atMs / w) * w;
    for (const m of this.markets.values()) m.quotingSince = atMs;
  }

  private mkt(symbol: string): Mkt {
    let m = this.markets.get(symbol);
    if (m === undefined) {
      m = {
        symbol,
        resting: new Map(),
        afmmResting: new Map(),
        mark: 0,
        index: 0,
        afmmOrders: new Deque(),
        afmmFills: new Deque(),
        frBuy: new Deque(),
        frSell: new Deque(),
        frBuyLots: 0,
        frSellLots: 0,
        lastAfmmTradeMs: Number.NEGATIVE_INFINITY,
        obligation: this.obligations.find((x) => x.market === symbol) ?? null,
        quoteDirty: true,
        quoting: false,
        quotingSince: Number.isFinite(this.lastMs) ? this.lastMs : 0,
        quotedMs: 0,
        volTotal: 0,
        volAfmm: 0,
      };
      this.markets.set(symbol, m);
    }
    return m;
  }

  // -------------------------------------------------------------------------------------------
  // Streaming
  // -------------------------------------------------------------------------------------------

  observe(entry: JournaledEvent): SurveillanceAlert[] {
    const e = entry.event;
    if (this.observedFromMs === null) this.start(e.nowMs);
    if (e.nowMs > this.lastMs) this.advance(e.nowMs);
    this.lastSeq = e.seq;
    this.lastPosition = entry.position;
    if (this.periodFromSeq < 0) this.periodFromSeq = e.seq;
    if (this.volFromSeq < 0) this.volFromSeq = e.seq;
    this.handle(e, entry.position);
    return this.take();
  }

  flush(nowMs: number): SurveillanceAlert[] {
    if (this.observedFromMs !== null && nowMs > this.lastMs) this.advance(nowMs);
    return this.take();
  }

  private take(): SurveillanceAlert[] {
    if (this.out.length === 0) return [];
    const r = this.out;
    this.out = [];
    return r;
  }

  /** Engine time moves from lastMs to t: settle the AFMM's quoting state, then close the windows that ended. */
  private advance(t: number): void {
    const from = this.lastMs;
    for (const m of this.markets.values()) if (m.quoteDirty && m.obligation !== null) this.requote(m, from);
    const p = this.c.quoteObligation.periodMs;
    const w = this.c.volumeShare.windowMs;
    while (this.periodStart + p <= t || this.volStart + w <= t) {
      const pe = this.periodStart + p;
      const ve = this.volStart + w;
      if (pe <= ve) this.closePeriod(pe);
      else this.closeVolume(ve);
    }
    this.lastMs = t;
  }

  private requote(m: Mkt, atMs: number): void {
    m.quoteDirty = false;
    const ob = m.obligation!;
    let bid = 0;
    let bidLots = 0;
    let ask = 0;
    let askLots = 0;
    for (const o of m.afmmResting.values()) {
      if (o.side === "buy") {
        if (o.price > bid) {
          bid = o.price;
          bidLots = o.remaining;
        } else if (o.price === bid) bidLots += o.remaining;
      } else if (ask === 0 || o.price < ask) {
        ask = o.price;
        askLots = o.remaining;
      } else if (o.price === ask) askLots += o.remaining;
    }
    const q = meetsQuoteObligation({ bid, ask, bidLots, askLots }, ob);
    if (q === m.quoting) return;
    if (m.quoting) m.quotedMs += atMs - m.quotingSince;
    m.quoting = q;
    m.quotingSince = atMs;
  }

  private closePeriod(end: number): void {
    const start = this.periodStart;
    const judged = this.observedFromMs! <= start;
    for (const m of this.markets.values()) {
      if (m.obligation === null) continue;
      if (m.quoting) m.quotedMs += end - Math.max(m.quotingSince, start);
      const ob = m.obligation;
      const pct = (m.quotedMs * 100) / (end - start);
      if (judged && pct < ob.minTimeOnBookPct) {
        const afmm = [...this.affiliates].sort((a, b) => a - b);
        this.raise("quote_obligation", m, pct < ob.minTimeOnBookPct / 2 ? "medium" : "low", {
          triggerSeq: this.lastSeq,
          triggerPosition: this.lastPosition,
          triggerAtMs: end,
          fromSeq: Math.max(0, this.periodFromSeq),
          fromMs: start,
          afmm,
          counterparties: [],
          metrics: {
            quotedPct: round2(pct),
            minTimeOnBookPct: ob.minTimeOnBookPct,
            maxSpreadBps: ob.maxSpreadBps,
            minSizeLots: ob.minSizeLots,
            periodMs: end - start,
          },
          accounts: null,
          dedupe: false,
        });
      }
      m.quotedMs = 0;
      m.quotingSince = end;
    }
    this.periodStart = end;
    this.periodFromSeq = -1;
  }

  private closeVolume(end: number): void {
    const start = this.volStart;
    const judged = this.observedFromMs! <= start;
    const vs = this.c.volumeShare;
    for (const m of this.markets.values()) {
      if (judged && m.volTotal >= lotsFor(vs.minWindowLots, m.symbol) && m.volAfmm * 100 > vs.limitPct * m.volTotal) {
        const share = (m.volAfmm * 100) / m.volTotal;
        this.raise("volume_share", m, "low", {
          triggerSeq: this.lastSeq,
          triggerPosition: this.lastPosition,
          triggerAtMs: end,
          fromSeq: Math.max(0, this.volFromSeq),
          fromMs: start,
          afmm: [...this.affiliates].sort((a, b) => a - b),
          counterparties: [],
          metrics: { sharePct: round2(share), limitPct: vs.limitPct, afmmLots: m.volAfmm, totalLots: m.volTotal, windowMs: end - start },
          accounts: null,
          dedupe: false,
        });
      }
      m.volTotal = 0;
      m.volAfmm = 0;
    }
    this.volStart = end;
    this.volFromSeq = -1;
  }

  private handle(e: EngineEvent, position: number): void {
    switch (e.type) {
      case "OrderAccepted":
        this.onAccepted(e);
        break;
      case "Trade":
        this.onTrade(e, position);
        break;
      case "OrderClosed":
        this.onClosed(e);
        break;
      case "OrderReduced": {
        const o = this.live.get(e.orderId);
        if (o !== undefined) {
          o.remaining = e.remaining;
          if (o.afmm) this.mkt(o.market).quoteDirty = true;
          if (o.remaining <= 0) this.drop(o);
        }
        break;
      }
      case "MarkTick":
        this.onMark(e);
        break;
      case "IndexTick":
        this.mkt(e.market).index = e.price;
        break;
      case "AccountCreated":
        if (e.kind === "afmm") this.affiliates.add(e.accountId);
        break;
      default:
        break;
    }
  }

  private drop(o: OrderRec): void {
    this.live.delete(o.orderId);
    if (o.rests) {
      const m = this.mkt(o.market);
      m.resting.delete(o.orderId);
      if (o.afmm) {
        m.afmmResting.delete(o.orderId);
        m.quoteDirty = true;
      }
    }
  }

  private onAccepted(e: Extract<EngineEvent, { type: "OrderAccepted" }>): void {
    const afmm = this.affiliates.has(e.accountId);
    const rec: OrderRec = {
      orderId: e.orderId,
      accountId: e.accountId,
      afmm,
      market: e.market,
      side: e.side,
      price: e.price,
      size: e.size,
      acceptedSeq: e.seq,
      acceptedAtMs: e.nowMs,
      filled: 0,
      remaining: e.size,
      rests: e.orderType === "limit" && e.tif === "GTC",
      closedSeq: null,
      closedAtMs: null,
      closeReason: null,
    };
    const m = this.mkt(e.market);
    this.live.set(e.orderId, rec);
    if (rec.rests) m.resting.set(e.orderId, rec);
    if (afmm) {
      if (rec.rests) {
        m.afmmResting.set(e.orderId, rec);
        m.quoteDirty = true;
      }
      const cutoff = e.nowMs - this.retentionMs;
      m.afmmOrders.evictBefore(cutoff);
      m.afmmOrders.push(rec, e.nowMs);
      return;
    }
    // front_running: a large client order after AFMM same-side taker fills.
    const fr = this.c.frontRunning;
    if (e.size >= lotsFor(fr.minClientLots, e.market)) this.checkFrontRun(m, e.side, e.seq, 0, e.nowMs, e.accountId, rec, null, "client_order");
  }

  private onClosed(e: Extract<EngineEvent, { type: "OrderClosed" }>): void {
    const o = this.live.get(e.orderId);
    if (o === undefined) return;
    o.closedSeq = e.seq;
    o.closedAtMs = e.nowMs;
    o.closeReason = e.reason;
    o.remaining = 0;
    this.drop(o);
    if (!o.afmm || o.filled > 0 || o.acceptedSeq < 0 || (e.reason !== "cancelled" && e.reason !== "cancel_all")) return;
    const sp = this.c.spoofing;
    if (o.size < lotsFor(sp.minOrderLots, o.market) || e.nowMs - o.acceptedAtMs > sp.maxLifeMs) return;
    // spoofing: the AFMM traded the other side from shortly before the order until its cancel.
    const m = this.mkt(o.market);
    const since = o.acceptedAtMs - sp.oppositeTradeWindowMs;
    const fills = m.afmmFills;
    const opposite: EvidenceFill[] = [];
    let oppositeLots = 0;
    for (let i = fills.length - 1; i >= 0; i--) {
      const f = fills.at(i);
      if (f.atMs < since) break;
      if (this.afmmSideOf(f) !== o.side && this.afmmSideOf(f) !== null) {
        opposite.push(f);
        oppositeLots += f.size;
      }
    }
    if (opposite.length === 0) return;
    opposite.reverse();
    const counterparties = new Set<number>();
    for (const f of opposite) for (const id of [f.takerAccountId, f.makerAccountId]) if (!this.affiliates.has(id)) counterparties.add(id);
    const minSize = lotsFor(sp.minOrderLots, o.market);
    this.raise("spoofing", m, o.size >= minSize * 4 ? "high" : "medium", {
      triggerSeq: e.seq,
      triggerPosition: this.lastPosition,
      triggerAtMs: e.nowMs,
      fromSeq: Math.min(o.acceptedSeq, opposite[0].seq),
      fromMs: since,
      afmm: [o.accountId],
      counterparties: [...counterparties].sort((a, b) => a - b),
      metrics: {
        orderId: o.orderId,
        orderLots: o.size,
        side: o.side,
        lifeMs: e.nowMs - o.acceptedAtMs,
        oppositeFills: opposite.length,
        oppositeLots,
        minOrderLots: minSize,
        maxLifeMs: sp.maxLifeMs,
      },
      accounts: null,
      dedupe: true,
      extraFills: opposite,
      extraOrders: [o],
    });
  }

  /** The side the affiliate took in a fill (null when neither side is an affiliate, or both are). */
  private afmmSideOf(f: EvidenceFill): Side | null {
    const t = f.takerAfmm || this.affiliates.has(f.takerAccountId);
    const k = f.makerAfmm || this.affiliates.has(f.makerAccountId);
    if (t === k) return null;
    return t ? f.aggressor : f.aggressor === "buy" ? "sell" : "buy";
  }

  private onTrade(e: Extract<EngineEvent, { type: "Trade" }>, position: number): void {
    const m = this.mkt(e.market);
    const maker = this.live.get(e.makerOrderId);
    if (maker !== undefined) {
      maker.filled += e.size;
      maker.remaining = e.makerRemaining;
      if (maker.afmm) m.quoteDirty = true;
      if (maker.remaining <= 0) this.drop(maker);
    }
    const taker = this.live.get(e.takerOrderId);
    if (taker !== undefined) {
      taker.filled += e.size;
      taker.remaining -= e.size;
      if (taker.remaining <= 0) this.drop(taker);
    }
    if (e.takerAfmm) this.affiliates.add(e.takerAccountId);
    if (e.makerAfmm) this.affiliates.add(e.makerAccountId);
    const tA = e.takerAfmm || this.affiliates.has(e.takerAccountId);
    const mA = e.makerAfmm || this.affiliates.has(e.makerAccountId);
    const transfer = e.backstop || e.adl;
    if (!transfer) {
      m.volTotal += e.size;
      if (tA || mA) m.volAfmm += e.size;
    }
    // front_running on liquidation flow: a liquidation order of a client taking liquidity.
    const fill = this.fillOf(e, position);
    if (e.liquidation && !transfer && !tA) this.checkFrontRun(m, e.aggressor, e.seq, position, e.nowMs, e.takerAccountId, null, fill, "liquidation");
    if (!tA && !mA) return;
    const cutoff = e.nowMs - this.retentionMs;
    m.afmmFills.evictBefore(cutoff);
    m.afmmFills.push(fill, e.nowMs);
    m.lastAfmmTradeMs = e.nowMs;
    if (tA && !transfer) {
      const q = e.aggressor === "buy" ? m.frBuy : m.frSell;
      q.push({ atMs: e.nowMs, lots: e.size, fill }, e.nowMs);
      if (e.aggressor === "buy") m.frBuyLots += e.size;
      else m.frSellLots += e.size;
      this.evictFrontRun(m, e.nowMs);
    }
    if (tA && mA) {
      this.raise("wash_trade", m, "high", {
        triggerSeq: e.seq,
        triggerPosition: position,
        triggerAtMs: e.nowMs,
        fromSeq: e.seq,
        fromMs: e.nowMs,
        afmm:
          e.takerAccountId === e.makerAccountId
            ? [e.takerAccountId]
            : [Math.min(e.takerAccountId, e.makerAccountId), Math.max(e.takerAccountId, e.makerAccountId)],
        counterparties: [],
        metrics: {
          lots: e.size,
          price: e.price,
          takerAccountId: e.takerAccountId,
          makerAccountId: e.makerAccountId,
          sameAccount: e.takerAccountId === e.makerAccountId ? 1 : 0,
        },
        accounts: null,
        dedupe: true,
        extraFills: [fill],
        extraOrders: [taker, maker].filter((o): o is OrderRec => o !== undefined),
      });
      return;
    }
    if (!transfer && m.mark > 0) {
      const th = this.c.offMarkFill.thresholdBps;
      // Only a fill on the wrong side of mark for the client is the conduct concern: a client buying above
      // mark or selling below it. A client who picks off a stale quote at a better price than mark was
      // not harmed by the affiliate (that is the market maker's own risk), so it raises nothing.
      const clientBuys = tA ? e.aggressor === "sell" : e.aggressor === "buy";
      const adverse = clientBuys ? e.price - m.mark : m.mark - e.price;
      const dist = adverse * 10_000;
      if (adverse > 0 && dist > th * m.mark) {
        const bps = dist / m.mark;
        const client = tA ? e.makerAccountId : e.takerAccountId;
        const afmm = tA ? e.takerAccountId : e.makerAccountId;
        this.raise("off_mark_fill", m, bps > 2 * th ? "high" : "medium", {
          triggerSeq: e.seq,
          triggerPosition: position,
          triggerAtMs: e.nowMs,
          fromSeq: e.seq,
          fromMs: e.nowMs,
          afmm: [afmm],
          counterparties: [client],
          metrics: {
            distanceBps: round2(bps),
            thresholdBps: th,
            price: e.price,
            mark: m.mark,
            lots: e.size,
            clientSide: clientBuys ? "buy" : "sell",
            liquidation: e.liquidation ? 1 : 0,
          },
          accounts: null,
          dedupe: true,
          extraFills: [fill],
          extraOrders: [taker, maker].filter((o): o is OrderRec => o !== undefined),
        });
      }
    }
  }

  private fillOf(e: Extract<EngineEvent, { type: "Trade" }>, position: number): EvidenceFill {
    return {
      seq: e.seq,
      position,
      atMs: e.nowMs,
      market: e.market,
      price: e.price,
      size: e.size,
      aggressor: e.aggressor,
      takerAccountId: e.takerAccountId,
      makerAccountId: e.makerAccountId,
      takerAfmm: e.takerAfmm,
      makerAfmm: e.makerAfmm,
      liquidation: e.liquidation,
    };
  }

  private evictFrontRun(m: Mkt, nowMs: number): void {
    const cutoff = nowMs - this.c.frontRunning.lookbackMs;
    m.frBuyLots -= m.frBuy.evictBefore(cutoff, lotsOf);
    m.frSellLots -= m.frSell.evictBefore(cutoff, lotsOf);
  }

  private checkFrontRun(
    m: Mkt,
    side: Side,
    seq: number,
    position: number,
    nowMs: number,
    clientId: number,
    clientOrder: OrderRec | null,
    clientFill: EvidenceFill | null,
    flow: "client_order" | "liquidation",
  ): void {
    this.evictFrontRun(m, nowMs);
    const lots = side === "buy" ? m.frBuyLots : m.frSellLots;
    const fr = this.c.frontRunning;
    const min = lotsFor(fr.minAfmmLots, m.symbol);
    if (lots < min) return;
    const q = side === "buy" ? m.frBuy : m.frSell;
    const fills: EvidenceFill[] = [];
    const afmm = new Set<number>();
    for (let i = 0; i < q.length; i++) {
      const f = q.at(i).fill;
      fills.push(f);
      afmm.add(f.takerAccountId);
    }
    if (clientFill !== null) fills.push(clientFill);
    const first = fills[0];
    this.raise("front_running", m, flow === "liquidation" || lots >= 4 * min ? "high" : "medium", {
      triggerSeq: seq,
      triggerPosition: clientOrder !== null ? this.lastPosition : position,
      triggerAtMs: nowMs,
      fromSeq: -1,
      fromMs: nowMs - fr.lookbackMs,
      afmm: [...afmm].sort((a, b) => a - b),
      counterparties: [clientId],
      metrics: {
        flow,
        side,
        afmmLots: lots,
        afmmFills: q.length,
        clientLots: clientOrder !== null ? clientOrder.size : clientFill!.size,
        leadMs: nowMs - first.atMs,
        lookbackMs: fr.lookbackMs,
        minAfmmLots: min,
      },
      accounts: null,
      dedupe: true,
      extraFills: fills,
      extraOrders: clientOrder !== null ? [clientOrder] : [],
    });
  }

  private onMark(e: Extract<EngineEvent, { type: "MarkTick" }>): void {
    const m = this.mkt(e.market);
    m.mark = e.price;
    const index = e.inputs.index > 0 ? e.inputs.index : m.index;
    if (index <= 0) return;
    const pd = this.c.priceDivergence;
    if (e.nowMs - m.lastAfmmTradeMs > pd.afmmActiveWindowMs) return;
    const dist = Math.abs(e.price - index) * 10_000;
    if (dist <= pd.thresholdBps * index) return;
    const bps = dist / index;
    this.raise("price_divergence", m, bps > 2 * pd.thresholdBps ? "high" : "medium", {
      triggerSeq: e.seq,
      triggerPosition: this.lastPosition,
      triggerAtMs: e.nowMs,
      fromSeq: -1,
      fromMs: e.nowMs - pd.afmmActiveWindowMs,
      afmm: [],
      counterparties: [],
      metrics: { divergenceBps: round2(bps), thresholdBps: pd.thresholdBps, mark: e.price, index, afmmActiveWindowMs: pd.afmmActiveWindowMs },
      accounts: null,
      dedupe: true,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Alerts and evidence
  // -------------------------------------------------------------------------------------------

  private raise(
    rule: SurveillanceRule,
    m: Mkt,
    severity: AlertSeverity,
    a: {
      triggerSeq: number;
      triggerPosition: number;
      triggerAtMs: number;
      /** -1: from the first evidence item in [fromMs, trigger]. */
      fromSeq: number;
      fromMs: number;
      afmm: number[];
      counterparties: number[];
      metrics: Record<string, number | string>;
      accounts: Set<number> | null;
      dedupe: boolean;
      extraFills?: EvidenceFill[];
      extraOrders?: OrderRec[];
    },
  ): void {
    if (a.dedupe) {
      const cd = this.cooldownOf(rule);
      const key = `${rule}:${m.symbol}:${Math.floor(a.triggerAtMs / cd)}`;
      if (this.raised.has(key)) return;
      this.raised.add(key);
    }
    const cap = this.c.evidenceCap;
    // Affiliate orders accepted and affiliate fills inside the window, newest kept when capped.
    const orders: OrderRec[] = [];
    const fills: EvidenceFill[] = [];
    const seen = new Set<number>();
    const seenFill = new Set<number>();
    for (const o of a.extraOrders ?? []) {
      if (seen.has(o.orderId)) continue;
      seen.add(o.orderId);
      orders.push(o);
    }
    for (const f of a.extraFills ?? []) {
      if (seenFill.has(f.seq)) continue;
      seenFill.add(f.seq);
      fills.push(f);
    }
    let fromSeq = a.fromSeq;
    const inWindowMs = (ms: number) => ms >= a.fromMs && ms <= a.triggerAtMs;
    const inWindow = (seq: number, ms: number) => (fromSeq >= 0 ? seq >= fromSeq && seq <= a.triggerSeq : inWindowMs(ms) && seq <= a.triggerSeq);
    const afmmSet = new Set(a.afmm);
    const ours = (id: number) => afmmSet.size === 0 || afmmSet.has(id);
    let totalOrders = orders.length;
    let totalFills = fills.length;
    const extraO = orders.length;
    const extraF = fills.length;
    const ao = m.afmmOrders;
    for (let i = ao.length - 1; i >= 0; i--) {
      const o = ao.at(i);
      if (o.acceptedAtMs < a.fromMs) break;
      if (!inWindow(o.acceptedSeq, o.acceptedAtMs) || seen.has(o.orderId) || !ours(o.accountId)) continue;
      totalOrders++;
      if (orders.length < cap) orders.push(o);
    }
    const af = m.afmmFills;
    for (let i = af.length - 1; i >= 0; i--) {
      const f = af.at(i);
      if (f.atMs < a.fromMs) break;
      if (!inWindow(f.seq, f.atMs) || seenFill.has(f.seq)) continue;
      if (afmmSet.size > 0 && !afmmSet.has(f.takerAccountId) && !afmmSet.has(f.makerAccountId)) continue;
      totalFills++;
      if (fills.length < cap) fills.push(f);
    }
    // Chronological: the explicit items first are part of the window, so sort the whole list.
    const evOrders = orders.slice(0, Math.max(cap, extraO)).map(toEvidenceOrder);
    evOrders.sort((x, y) => x.acceptedSeq - y.acceptedSeq || x.orderId - y.orderId);
    const evFills = fills.slice(0, Math.max(cap, extraF));
    evFills.sort((x, y) => x.seq - y.seq);
    if (fromSeq < 0) {
      fromSeq = a.triggerSeq;
      for (const o of evOrders) if (o.acceptedSeq >= 0 && o.acceptedSeq < fromSeq) fromSeq = o.acceptedSeq;
      for (const f of evFills) if (f.seq < fromSeq) fromSeq = f.seq;
    }
    const afmmIds =
      a.afmm.length > 0
        ? a.afmm
        : [...new Set(evFills.flatMap((f) => [f.takerAfmm ? f.takerAccountId : -1, f.makerAfmm ? f.makerAccountId : -1]))]
            .filter((x) => x >= 0)
            .sort((x, y) => x - y);
    const metrics: Record<string, number | string> = { ...a.metrics };
    if (totalOrders > evOrders.length) metrics.ordersTruncated = totalOrders - evOrders.length;
    if (totalFills > evFills.length) metrics.fillsTruncated = totalFills - evFills.length;
    this.out.push({
      id: `${rule}:${m.symbol}:${a.triggerSeq}`,
      rule,
      market: m.symbol,
      severity,
      triggerSeq: a.triggerSeq,
      triggerPosition: a.triggerPosition,
      triggerAtMs: a.triggerAtMs,
      fromSeq,
      toSeq: a.triggerSeq,
      fromMs: a.fromMs,
      toMs: a.triggerAtMs,
      afmmAccountIds: afmmIds,
      counterpartyAccountIds: a.counterparties,
      metrics,
      evidence: { orders: evOrders, fills: evFills, book: this.book(m, a.triggerSeq) },
    });
  }

  private cooldownOf(rule: SurveillanceRule): number {
    const c = this.c;
    switch (rule) {
      case "front_running":
        return c.frontRunning.cooldownMs;
      case "off_mark_fill":
        return c.offMarkFill.cooldownMs;
      case "wash_trade":
        return c.washTrade.cooldownMs;
      case "spoofing":
        return c.spoofing.cooldownMs;
      case "price_divergence":
        return c.priceDivergence.cooldownMs;
      case "quote_obligation":
        return c.quoteObligation.periodMs;
      case "volume_share":
        return c.volumeShare.windowMs;
    }
  }

  /** Best levels of the tracked book (all participants), computed now. */
  private book(m: Mkt, atSeq: number): EvidenceBook {
    const b = EMPTY_BOOK(atSeq);
    for (const o of m.resting.values()) {
      if (o.remaining <= 0) continue;
      if (o.side === "buy") {
        if (o.price > b.bestBid) {
          b.bestBid = o.price;
          b.bidLots = o.remaining;
        } else if (o.price === b.bestBid) b.bidLots += o.remaining;
      } else if (b.bestAsk === 0 || o.price < b.bestAsk) {
        b.bestAsk = o.price;
        b.askLots = o.remaining;
      } else if (o.price === b.bestAsk) b.askLots += o.remaining;
    }
    b.mark = m.mark;
    b.index = m.index;
    return b;
  }
}

function toEvidenceOrder(o: OrderRec): EvidenceOrder {
  return {
    orderId: o.orderId,
    accountId: o.accountId,
    afmm: o.afmm,
    market: o.market,
    side: o.side,
    price: o.price,
    size: o.size,
    acceptedSeq: o.acceptedSeq,
    acceptedAtMs: o.acceptedAtMs,
    filled: o.filled,
    closedSeq: o.closedSeq,
    closedAtMs: o.closedAtMs,
    closeReason: o.closeReason,
  };
}

/** A streaming detector over journal entries (in journal order). */
export function createSurveillance(options: SurveillanceOptions): Surveillance {
  return new Detector(options);
}

/** Observe every entry, then flush at the last entry's engine time (or `options.endMs`). */
export function runSurveillance(entries: Iterable<JournaledEvent>, options: SurveillanceOptions & { endMs?: number }): SurveillanceAlert[] {
  const s = createSurveillance(options);
  const out: SurveillanceAlert[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    const a = s.observe(e);
    if (a.length > 0) for (const x of a) out.push(x);
    last = e.event.nowMs;
  }
  const end = options.endMs ?? last;
  if (Number.isFinite(end)) for (const x of s.flush(end)) out.push(x);
  return out;
}

/**
 * Earliest engine time a replay (with a seed taken from the engine at that time) may start at and
 * still raise this alert identically: before its cool-down bucket, its closing window and its
 * look-back all began.
 */
export function replayStartMs(alert: SurveillanceAlert, config: SurveillanceConfig = DEFAULT_SURVEILLANCE_CONFIG): number {
  const c = config;
  const bucket = (cd: number) => Math.floor(alert.triggerAtMs / cd) * cd;
  switch (alert.rule) {
    case "quote_obligation":
    case "volume_share":
      return alert.fromMs;
    case "front_running":
      return Math.min(bucket(c.frontRunning.cooldownMs), alert.fromMs) - c.frontRunning.lookbackMs;
    case "off_mark_fill":
      return bucket(c.offMarkFill.cooldownMs);
    case "wash_trade":
      return bucket(c.washTrade.cooldownMs);
    case "spoofing":
      return Math.min(bucket(c.spoofing.cooldownMs), alert.fromMs) - c.spoofing.maxLifeMs - c.spoofing.oppositeTradeWindowMs;
    case "price_divergence":
      return bucket(c.priceDivergence.cooldownMs) - c.priceDivergence.afmmActiveWindowMs;
  }
}
