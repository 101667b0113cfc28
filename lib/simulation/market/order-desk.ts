/**
 * The order desk every simulated participant (the AFMM, backstop LPs, the squeeze desk, client
 * agents) trades through: it numbers orders from the host's counter, keeps them within the market's
 * bounds, collects the step's commands in the order they must be applied, and holds what the
 * simulator tracks from the events (resting orders, positions of its accounts, counters).
 */

import type { Command, MarketSpec, PlaceOrder, SideName } from "../../engine/index";
import type { MarketReading } from "./scenarios";

export const PPB = 1_000_000_000n;
export const BPS = 100_000; // ppb per bp
export const USD_CENTS = 10_000n; // micro-USD per cent (USD has 2 decimals in the collateral registry)
export const BUY = 0;
export const SELL = 1;

export interface TrackedOrder {
  accountId: number;
  mi: number;
  side: number;
  price: number;
  remaining: number;
  /** GTC orders we expect to rest (tracked until filled or closed). */
  rests: boolean;
}

/** What a step reads of one market from the engine (and the fund balance tracked from events). */
export interface Reading extends MarketReading {
  mark: number;
  index: number;
}

export class OrderDesk {
  /** The current step's commands, in order. */
  out: Command[] = [];
  /** The current step's time. */
  now = 0;
  /** Tracked positions of our accounts: lots per market index. */
  readonly positions = new Map<number, number[]>();
  readonly orders = new Map<number, TrackedOrder>();
  readonly pending = new Map<number, TrackedOrder>();
  readonly counters = { steps: 0, ordersPlaced: 0, ordersRejected: 0, cancels: 0, topUps: 0 };

  constructor(
    private readonly specs: MarketSpec[],
    private readonly ids: { nextOrderId(): number },
  ) {}

  place(
    accountId: number,
    mi: number,
    side: number,
    orderType: "limit" | "market",
    price: number,
    size: number,
    opts: { tif?: PlaceOrder["tif"]; postOnly?: boolean; reduceOnly?: boolean } = {},
  ): number {
    const spec = this.specs[mi];
    if (size < spec.minSizeLots) return 0;
    if (size > spec.maxOrderLots) size = spec.maxOrderLots;
    if (price < 1) price = 1;
    if (price > spec.maxPriceTicks) price = spec.maxPriceTicks;
    const orderId = this.ids.nextOrderId();
    const sideName: SideName = side === BUY ? "buy" : "sell";
    const tif = opts.tif ?? (orderType === "market" ? undefined : "GTC");
    this.out.push({
      type: "PlaceOrder",
      nowMs: this.now,
      accountId,
      orderId,
      market: spec.symbol,
      side: sideName,
      orderType,
      price,
      size,
      ...(tif === undefined ? {} : { tif }),
      postOnly: opts.postOnly ?? false,
      reduceOnly: opts.reduceOnly ?? false,
    });
    this.pending.set(orderId, { accountId, mi, side, price, remaining: size, rests: orderType === "limit" && tif === "GTC" });
    this.counters.ordersPlaced++;
    return orderId;
  }

  cancel(accountId: number, orderId: number): void {
    if (!this.orders.has(orderId)) return;
    this.out.push({ type: "CancelOrder", nowMs: this.now, accountId, orderId });
    this.counters.cancels++;
  }

  /** Protective price for an aggressive order: spot moved `bps` against us. */
  protect(spot: number, side: number, bps: number): number {
    const f = BigInt(side === BUY ? 10_000 + bps : 10_000 - bps);
    return Number((BigInt(spot) * f) / 10_000n);
  }

  lots(mi: number, notional: bigint, price: number): number {
    const spec = this.specs[mi];
    if (notional <= 0n || price <= 0) return 0;
    const n = notional / (BigInt(price) * spec.tickLotValue);
    return n > BigInt(spec.maxOrderLots) ? spec.maxOrderLots : Number(n);
  }

  /** Largest notional an equity supports at `leverage` within the tier table, with a 10 % buffer for fees and slippage. */
  maxNotional(mi: number, equity: bigint, leverage: number): bigint {
    let best = 0n;
    if (equity <= 0n) return 0n;
    for (const t of this.specs[mi].marginTiers) {
      const lev = BigInt(Math.min(leverage, t.maxLeverage));
      let allowed = (equity * lev * 90n) / 100n;
      if (allowed >= t.capNotional) allowed = t.capNotional - 1n;
      if (allowed >= t.floorNotional && allowed > best) best = allowed;
    }
    return best;
  }

  pos(accountId: number, mi: number): number {
    return this.positions.get(accountId)?.[mi] ?? 0;
  }
}
