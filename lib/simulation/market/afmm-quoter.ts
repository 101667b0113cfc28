/**
 * The affiliated market maker's quoting: a post-only ladder per market around spot, kept through the
 * order desk, and the pull an `afmm-pull` scenario orders.
 */

import type { MarketSpec } from "../../engine/index";
import { AFMM_ACCOUNT_ID, type SimulationConfig } from "./config";
import { BPS, BUY, PPB, SELL, type OrderDesk } from "./order-desk";
import type { MarketWorld, World } from "./world";

export class AfmmQuoter {
  /** AFMM ladder per market: order id per level (0 = none). */
  private readonly bids: number[][];
  private readonly asks: number[][];
  private readonly pulledUntil: number[];

  constructor(
    config: SimulationConfig,
    specs: MarketSpec[],
    private readonly desk: OrderDesk,
  ) {
    this.bids = specs.map((s) => new Array<number>(config.markets[s.symbol].afmmLevels).fill(0));
    this.asks = specs.map((s) => new Array<number>(config.markets[s.symbol].afmmLevels).fill(0));
    this.pulledUntil = specs.map(() => 0);
  }

  /**
   * Quote a ladder around spot × (1 + sentiment + inventory skew). The half-spread widens with the
   * 10-second move (fast markets) and sizes shrink; the side that would grow inventory past the limit
   * is not quoted. A level is cancelled and replaced only when its target moved beyond a tolerance or
   * it was mostly filled, which keeps order-id use to a few per second.
   */
  quote(mi: number, m: MarketWorld, world: World): void {
    if (this.pulledUntil[mi] > this.desk.now) return;
    const model = m.model;
    const inv = this.desk.pos(AFMM_ACCOUNT_ID, mi);
    const limit = model.afmmInventoryLimitLots;
    const move = world.recentMovePpb(m);
    const half = Math.min(model.afmmHalfSpreadBps * BPS + Math.trunc(move / 2), 150 * BPS);
    const sizeDiv = move > 200 * BPS ? 4 : move > 50 * BPS ? 2 : 1;
    // Inventory skew, convex in x = inventory / limit: ~1 bp at x = 0.1, 13 bps at 0.5, 80 bps at the
    // limit. Small in normal two-way flow, steep under one-sided flow (what a funding squeeze exploits).
    const x = BigInt(Math.max(-limit, Math.min(limit, inv)));
    const l = BigInt(limit);
    let skew = -Number((x * 8n * BigInt(BPS)) / l + (x * x * x * 72n * BigInt(BPS)) / (l * l * l));
    skew += Math.max(-25 * BPS, Math.min(25 * BPS, m.sentimentPpb));
    const center = BigInt(m.spot) * (PPB + BigInt(skew));
    const tolBase = Math.max(Math.trunc(1.5 * BPS), Math.trunc(half / 4));
    for (let k = 0; k < model.afmmLevels; k++) {
      const off = BigInt(half + k * model.afmmLevelStepBps * BPS);
      const size = Math.max(1, Math.trunc((model.afmmLevelLots * (k + 1)) / sizeDiv));
      const tol = BigInt(tolBase + k * (BPS / 2));
      const bid = Number((center * (PPB - off)) / (PPB * PPB));
      const ask = Number((center * (PPB + off) + PPB * PPB - 1n) / (PPB * PPB));
      this.level(mi, this.bids[mi], k, BUY, inv < limit ? bid : 0, size, tol);
      this.level(mi, this.asks[mi], k, SELL, inv > -limit ? ask : 0, size, tol);
    }
  }

  private level(mi: number, ladder: number[], k: number, side: number, target: number, size: number, tolPpb: bigint): void {
    const id = ladder[k];
    const o = id === 0 ? undefined : this.desk.orders.get(id);
    if (o !== undefined) {
      const keep = target > 0 && BigInt(Math.abs(o.price - target)) * PPB <= tolPpb * BigInt(target) && o.remaining * 2 >= size;
      if (keep) return;
      this.desk.cancel(AFMM_ACCOUNT_ID, id);
      ladder[k] = 0;
    }
    if (target > 0) ladder[k] = this.desk.place(AFMM_ACCOUNT_ID, mi, side, "limit", target, size, { postOnly: true });
  }

  /** Free the ladder slots whose order no longer rests (filled, closed, or never accepted). */
  dropStaleLevels(): void {
    const live = (id: number) => id !== 0 && this.desk.orders.has(id);
    for (const ladder of [...this.bids, ...this.asks]) {
      for (let k = 0; k < ladder.length; k++) if (!live(ladder[k])) ladder[k] = 0;
    }
  }

  /** Cancel every quote in market `mi` and stay out until `untilMs`. */
  pull(mi: number, symbol: string, untilMs: number, nowMs: number): void {
    this.pulledUntil[mi] = Math.max(this.pulledUntil[mi], untilMs);
    this.desk.out.push({ type: "CancelAll", nowMs, accountId: AFMM_ACCOUNT_ID, market: symbol });
    this.bids[mi].fill(0);
    this.asks[mi].fill(0);
  }
}
