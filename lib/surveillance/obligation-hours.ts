/**
 * AFMM-10, AFMM-8: how the affiliated market maker's quotes measured against its quoting obligations,
 * hour by hour, from the journal. Pure and streaming: feed the journal's events in order (from the
 * start of the journal, so orders resting before the window are known), then `flush` at the end of
 * the window.
 *
 * Per market and hour it measures the time both AFMM best quotes were on the book, the time they were
 * also within the obligation (best bid to best ask ≤ maxSpreadBps of their mid, with at least
 * minSizeLots at each best price, and not crossed or locked), and the time-weighted spread. The AFMM's accounts are the accounts
 * the journal created with kind "afmm" (the same rule that sets a trade's AFMM flag). Time is engine
 * time; events at the same engine time change the state without taking time. Integer arithmetic only:
 * spreads are in hundredths of a basis point.
 */

import type { AfmmQuoteObligation, EngineEvent } from "../engine/index";

export type QuoteObligation = AfmmQuoteObligation;

export interface ObligationHour {
  market: string;
  /** Start of the UTC hour (Hong Kong hours start at the same instants). */
  hourStartMs: number;
  /** Part of the hour inside the measured window, ms. */
  observedMs: number;
  /** Time both an AFMM bid and an AFMM ask were on the book, ms. */
  bothSidesMs: number;
  /** Time both were within the spread and size obligation, ms. */
  compliantMs: number;
  /** Time-weighted spread while both sides were quoted, hundredths of a bp; null when never two-sided. */
  spreadBpsX100: number | null;
  /** compliantMs ≥ minTimeOnBookPct of observedMs. */
  met: boolean;
  /** The whole hour was observed (an hour cut by the window's edge or the engine's start is measured but not judged). */
  complete: boolean;
}

const HOUR_MS = 3_600_000;

interface RestingOrder {
  market: string;
  buy: boolean;
  price: number;
  remaining: number;
}

interface HourAccumulator {
  observedMs: number;
  bothSidesMs: number;
  compliantMs: number;
  spreadTimeX100: number;
}

/**
 * The quoting obligation itself, in one place for the surveillance rule (quote_obligation) and the
 * monthly MI: a two-sided AFMM quote, not crossed or locked, at most maxSpreadBps of its mid wide, with at
 * least minSizeLots at each best price. Prices in ticks; integer arithmetic.
 */
export function meetsQuoteObligation(
  quote: { bid: number; ask: number; bidLots: number; askLots: number },
  obligation: Pick<QuoteObligation, "maxSpreadBps" | "minSizeLots">,
): boolean {
  const { bid, ask, bidLots, askLots } = quote;
  return (
    bid > 0 &&
    ask > bid &&
    bidLots >= obligation.minSizeLots &&
    askLots >= obligation.minSizeLots &&
    20_000 * (ask - bid) <= obligation.maxSpreadBps * (ask + bid)
  );
}

/** Spread of bid and ask in hundredths of a bp of their mid: 2,000,000 × (ask − bid) / (ask + bid), floored. */
export function spreadBpsX100(bid: number, ask: number): number {
  return Math.floor((2_000_000 * (ask - bid)) / (ask + bid));
}

export class ObligationMeter {
  private readonly afmmAccounts = new Set<number>();
  private readonly orders = new Map<number, RestingOrder>();
  private readonly hours = new Map<string, Map<number, HourAccumulator>>();
  private clockMs: number | null = null;
  private readonly obligations: Map<string, QuoteObligation>;

  constructor(
    obligations: QuoteObligation[],
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {
    this.obligations = new Map(obligations.map((obligation) => [obligation.market, obligation]));
    for (const obligation of obligations) this.hours.set(obligation.market, new Map());
  }

  /**
   * Start from an engine image instead of the journal's start: the afmm-kind accounts and every order
   * resting at engine time `atMs`; then feed the journal's events after that image.
   */
  seed(
    afmmAccountIds: readonly number[],
    resting: ReadonlyArray<{ market: string; orderId: number; accountId: number; side: "buy" | "sell"; price: number; remaining: number }>,
    atMs: number,
  ): void {
    for (const id of afmmAccountIds) this.afmmAccounts.add(id);
    for (const order of resting)
      if (this.afmmAccounts.has(order.accountId) && order.remaining > 0)
        this.orders.set(order.orderId, { market: order.market, buy: order.side === "buy", price: order.price, remaining: order.remaining });
    this.clockMs = atMs;
  }

  /** Feed one journal event (in journal order). */
  observe(event: EngineEvent): void {
    this.advance(event.nowMs);
    switch (event.type) {
      case "AccountCreated":
        if (event.kind === "afmm") this.afmmAccounts.add(event.accountId);
        return;
      case "OrderAccepted":
        if (this.afmmAccounts.has(event.accountId) && event.orderType === "limit" && event.tif === "GTC" && event.size > 0)
          this.orders.set(event.orderId, { market: event.market, buy: event.side === "buy", price: event.price, remaining: event.size });
        return;
      case "Trade": {
        const taker = this.orders.get(event.takerOrderId);
        if (taker) this.setRemaining(event.takerOrderId, taker.remaining - event.size);
        if (this.orders.has(event.makerOrderId)) this.setRemaining(event.makerOrderId, event.makerRemaining);
        return;
      }
      case "OrderReduced":
        if (this.orders.has(event.orderId)) this.setRemaining(event.orderId, event.remaining);
        return;
      case "OrderClosed":
        this.orders.delete(event.orderId);
        return;
      default:
        return;
    }
  }

  /** Close the window at `endMs` (≤ the window's end) and return every hour measured, by market then hour. */
  flush(endMs: number): ObligationHour[] {
    this.advance(Math.min(endMs, this.toMs));
    const out: ObligationHour[] = [];
    for (const [market, hours] of this.hours) {
      const obligation = this.obligations.get(market)!;
      for (const [hourStartMs, hour] of [...hours].sort((a, b) => a[0] - b[0])) {
        out.push({
          market,
          hourStartMs,
          observedMs: hour.observedMs,
          bothSidesMs: hour.bothSidesMs,
          compliantMs: hour.compliantMs,
          spreadBpsX100: hour.bothSidesMs > 0 ? Math.floor(hour.spreadTimeX100 / hour.bothSidesMs) : null,
          met: hour.observedMs > 0 && hour.compliantMs * 100 >= obligation.minTimeOnBookPct * hour.observedMs,
          complete: hour.observedMs === HOUR_MS,
        });
      }
    }
    return out;
  }

  private setRemaining(orderId: number, remaining: number): void {
    if (remaining <= 0) this.orders.delete(orderId);
    else this.orders.get(orderId)!.remaining = remaining;
  }

  /** Accrue the current quotes over [clock, nowMs) ∩ window, hour by hour. */
  private advance(nowMs: number): void {
    const from = this.clockMs;
    if (from === null || nowMs > from) this.clockMs = nowMs;
    if (from === null || nowMs <= from) return;
    const start = Math.max(from, this.fromMs);
    const end = Math.min(nowMs, this.toMs);
    if (end <= start) return;
    for (const [market, obligation] of this.obligations) {
      const quote = this.bestQuotes(market);
      for (let t = start; t < end; ) {
        const hourStartMs = t - (((t % HOUR_MS) + HOUR_MS) % HOUR_MS);
        const until = Math.min(end, hourStartMs + HOUR_MS);
        const span = until - t;
        const hours = this.hours.get(market)!;
        const hour = hours.get(hourStartMs) ?? { observedMs: 0, bothSidesMs: 0, compliantMs: 0, spreadTimeX100: 0 };
        hours.set(hourStartMs, hour);
        hour.observedMs += span;
        if (quote) {
          hour.bothSidesMs += span;
          hour.spreadTimeX100 += quote.spreadX100 * span;
          if (meetsQuoteObligation(quote, obligation)) hour.compliantMs += span;
        }
        t = until;
      }
    }
  }

  private bestQuotes(market: string): { bid: number; ask: number; bidLots: number; askLots: number; spreadX100: number } | null {
    let bid = 0;
    let ask = 0;
    let bidLots = 0;
    let askLots = 0;
    for (const order of this.orders.values()) {
      if (order.market !== market) continue;
      if (order.buy) {
        if (order.price > bid) [bid, bidLots] = [order.price, order.remaining];
        else if (order.price === bid) bidLots += order.remaining;
      } else if (ask === 0 || order.price < ask) [ask, askLots] = [order.price, order.remaining];
      else if (order.price === ask) askLots += order.remaining;
    }
    if (bid === 0 || ask === 0) return null;
    return { bid, ask, bidLots, askLots, spreadX100: spreadBpsX100(bid, ask) };
  }
}
