/**
 * The affiliated market maker's quoting: a post-only ladder per market around the published index,
 * kept through the order desk, and the pull an `afmm-pull` scenario orders.
 *
 * Fair sequencing (AFMM-2; README "Fair sequencing"): the quoter sees only what every participant
 * sees — the step's `Reading` of the engine's published index, mark and book, taken at the same
 * point of the step as the client agents' — plus its own position. It has no access to the
 * simulated world (the true spot path, the venues, the sentiment): `quote` takes no world.
 */

import type { MarketSpec } from "../../engine/index";
import { AFMM_ACCOUNT_ID, type MarketModel, type SimulationConfig } from "./config";
import { BPS, BUY, PPB, SELL, type OrderDesk, type Reading } from "./order-desk";

/** How far back the quoter measures the index move that widens its spread, ms. */
const MOVE_WINDOW_MS = 10_000;
/** Published index readings kept per market (enough for MOVE_WINDOW_MS at 4 steps a second). */
const HISTORY = 64;
/** Time constant of the lean: how fast persistent inventory pressure moves the quote centre, ms. */
const LEAN_TAU_MS = 900_000;
/** Largest lean of the quote centre away from the index, ppb (25 bps). */
const LEAN_CAP_PPB = 10 * BPS;

export class AfmmQuoter {
  /** AFMM ladder per market: order id per level (0 = none). */
  private readonly bids: number[][];
  private readonly asks: number[][];
  private readonly pulledUntil: number[];
  private readonly models: MarketModel[];
  /** Per market: the published index readings seen, [ms, ticks], oldest first (at most HISTORY). */
  private readonly seen: Array<Array<[number, number]>>;
  /** Per market: the lean of the quote centre from the index, ppb, and when it was last updated. */
  private readonly lean: number[];
  private readonly leanAtMs: number[];

  constructor(
    config: SimulationConfig,
    specs: MarketSpec[],
    private readonly desk: OrderDesk,
  ) {
    this.models = specs.map((s) => config.markets[s.symbol]);
    this.bids = specs.map((s) => new Array<number>(config.markets[s.symbol].afmmLevels).fill(0));
    this.asks = specs.map((s) => new Array<number>(config.markets[s.symbol].afmmLevels).fill(0));
    this.pulledUntil = specs.map(() => 0);
    this.seen = specs.map(() => []);
    this.lean = specs.map(() => 0);
    this.leanAtMs = specs.map(() => -1);
  }

  /**
   * Quote a ladder around index × (1 + lean + inventory skew), from the step's public reading only.
   * The half-spread widens with the index's move over the last 10 s (fast markets) and sizes shrink;
   * the side that would grow inventory past the limit is not quoted. The lean integrates the
   * inventory skew (time constant 5 min, capped at ±25 bps): when one-sided client flow keeps
   * building inventory the AFMM moves its centre, so a persistent premium (and funding) follows
   * the clients' flow. A level is cancelled and replaced only when its target moved beyond a
   * tolerance or it was mostly filled, which keeps order-id use to a few per second. No index yet:
   * no quotes.
   */
  quote(mi: number, r: Reading): void {
    if (r.index <= 0) return;
    const now = this.desk.now;
    const move = this.recordIndex(mi, now, r.index);
    if (this.pulledUntil[mi] > now) {
      this.leanAtMs[mi] = now;
      return;
    }
    const model = this.models[mi];
    const inv = this.desk.pos(AFMM_ACCOUNT_ID, mi);
    const limit = model.afmmInventoryLimitLots;
    const half = Math.min(model.afmmHalfSpreadBps * BPS + Math.trunc(move / 2), 150 * BPS);
    const sizeDiv = move > 200 * BPS ? 4 : move > 50 * BPS ? 2 : 1;
    // Inventory skew, convex in x = inventory / limit: ~1 bp at x = 0.1, 13 bps at 0.5, 80 bps at the
    // limit. Small in normal two-way flow, steep under one-sided flow (what a funding squeeze exploits).
    const x = BigInt(Math.max(-limit, Math.min(limit, inv)));
    const l = BigInt(limit);
    const skew = -Number((x * 8n * BigInt(BPS)) / l + (x * x * x * 72n * BigInt(BPS)) / (l * l * l));
    const lean = this.updateLean(mi, now, skew);
    const center = BigInt(r.index) * (PPB + BigInt(skew + lean));
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

  /** Remember the reading and return the index's move over the last MOVE_WINDOW_MS, ppb. */
  private recordIndex(mi: number, now: number, index: number): number {
    const seen = this.seen[mi];
    const last = seen.at(-1);
    if (last === undefined || last[0] !== now) seen.push([now, index]);
    else last[1] = index;
    if (seen.length > HISTORY) seen.shift();
    // The newest reading at least MOVE_WINDOW_MS old, else the oldest kept.
    let past = seen[0][1];
    for (let k = seen.length - 1; k >= 0; k--) {
      if (now - seen[k][0] >= MOVE_WINDOW_MS) {
        past = seen[k][1];
        break;
      }
    }
    return Math.trunc((Math.abs(index - past) * 1_000_000) / index) * 1_000;
  }

  /** Integrate the inventory skew into the lean over the time since the last update (integer ppb). */
  private updateLean(mi: number, now: number, skew: number): number {
    const dt = this.leanAtMs[mi] < 0 ? 0 : Math.min(now - this.leanAtMs[mi], LEAN_TAU_MS);
    this.leanAtMs[mi] = now;
    const next = this.lean[mi] + Math.trunc((skew * dt) / LEAN_TAU_MS);
    this.lean[mi] = Math.max(-LEAN_CAP_PPB, Math.min(LEAN_CAP_PPB, next));
    return this.lean[mi];
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
