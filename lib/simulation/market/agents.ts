/**
 * The simulated participants besides the AFMM: client agents (leveraged, momentum, mean reversion and
 * basis arbitrage, liquidity takers, with top-ups), the backstop LPs working off the inventory the
 * waterfall hands them, and the squeeze desk a funding-squeeze scenario drives. Each trades through
 * the order desk; agent decisions draw from their own PRNG stream.
 */

import { accountView, type EngineState, type MarketSpec } from "../../engine/index";
import type { Prng } from "../../random/prng";
import { BACKSTOP_ACCOUNT_BASE_ID, SQUEEZE_DESK_ACCOUNT_ID, agentProfiles, type AgentProfile, type SimulationConfig } from "./config";
import { BPS, BUY, PPB, SELL, USD_CENTS, type OrderDesk, type Reading } from "./order-desk";
import type { MarketWorld, World } from "./world";

interface AgentState {
  profile: AgentProfile;
  nextActMs: number;
  holdUntilMs: number;
  openedAtMs: number;
  equityAtOpen: bigint;
  lastTopUpMs: number;
  nextTopUpCheckMs: number;
}

// ---------------------------------------------------------------------------------------------
// Client agents
// ---------------------------------------------------------------------------------------------

export class ClientAgents {
  readonly agents: AgentState[];

  constructor(
    private readonly config: SimulationConfig,
    private readonly specs: MarketSpec[],
    private readonly desk: OrderDesk,
    private readonly agentPrng: Prng,
    startMs: number,
  ) {
    this.agents = agentProfiles(this.config).map((profile) => ({
      profile,
      // Stagger first decisions so the agents do not all act in the first second.
      nextActMs: startMs + this.agentPrng.int(profile.actEveryMs),
      holdUntilMs: 0,
      openedAtMs: 0,
      equityAtOpen: 0n,
      lastTopUpMs: -Infinity,
      nextTopUpCheckMs: startMs + 600_000 + this.agentPrng.int(600_000),
    }));
  }

  /** Every agent whose decision time has come acts, in profile order. */
  act(engine: EngineState, world: World, readings: Reading[], nowMs: number): void {
    for (const a of this.agents) if (nowMs >= a.nextActMs) this.agentAct(engine, world, a, readings);
  }

  private agentAct(engine: EngineState, world: World, a: AgentState, readings: Reading[]): void {
    const p = a.profile;
    const scale = Math.max(1, this.config.activityPct);
    a.nextActMs = this.desk.now + world.jitter((p.actEveryMs * 100) / scale);
    const mi = this.specs.findIndex((s) => s.symbol === p.market);
    if (mi < 0 || readings[mi].mark === 0) return;
    const m = world.markets[mi];
    if (this.desk.now >= a.nextTopUpCheckMs) {
      a.nextTopUpCheckMs = this.desk.now + 600_000;
      if (this.topUp(engine, a)) return;
    }
    switch (p.kind) {
      case "leveraged":
        return this.leveraged(engine, world, a, mi, m);
      case "momentum":
        return this.momentum(engine, world, a, mi, m);
      case "meanReversion":
        return this.meanReversion(engine, world, a, mi, m, readings[mi]);
      case "taker":
        return this.taker(a, mi, m, readings[mi]);
    }
  }

  /** Clients whose equity fell below 30 % of their base deposit wire more in (at most every 2 h). */
  private topUp(engine: EngineState, a: AgentState): boolean {
    const now = this.desk.now;
    if (now - a.lastTopUpMs < 7_200_000) return false;
    const v = accountView(engine, a.profile.accountId);
    if (v === undefined || v.equity * 10n >= a.profile.deposit * 3n) return false;
    a.lastTopUpMs = now;
    const amount = a.profile.deposit - (v.equity > 0n ? v.equity : 0n);
    const depositId = `sim-topup-${a.profile.accountId}-${now}`;
    this.desk.out.push({ type: "Deposit", nowMs: now, accountId: a.profile.accountId, depositId, assetId: "USD", amountMinor: amount / USD_CENTS });
    this.desk.out.push({ type: "SettleDeposit", nowMs: now, depositId });
    this.desk.counters.topUps++;
    return true;
  }

  private closeAll(a: AgentState, mi: number, m: MarketWorld, pos: number): void {
    const side = pos > 0 ? SELL : BUY;
    this.desk.place(a.profile.accountId, mi, side, "market", this.desk.protect(m.spot, side, 100), Math.abs(pos), { reduceOnly: true });
    a.openedAtMs = 0;
  }

  /** Leveraged professional: opens at its target leverage, holds for a while, some with a stop, the rest ride to liquidation. */
  private leveraged(engine: EngineState, world: World, a: AgentState, mi: number, m: MarketWorld): void {
    const p = a.profile;
    const desk = this.desk;
    const pos = desk.pos(p.accountId, mi);
    if (pos !== 0) {
      if (desk.now >= a.holdUntilMs) return this.closeAll(a, mi, m, pos);
      if (p.stopLoss) {
        const v = accountView(engine, p.accountId);
        const upnl = v?.positions.find((x) => x.market === p.market)?.unrealizedPnl ?? 0n;
        if (upnl * 2n < -a.equityAtOpen) this.closeAll(a, mi, m, pos);
      }
      return;
    }
    if (this.agentPrng.int(100) >= 35) return;
    const v = accountView(engine, p.accountId);
    if (v === undefined || v.equity <= 0n) return;
    const sig = world.signals(m).trendPpb;
    const side = this.agentPrng.int(2) === 0 && sig !== 0 ? (sig > 0 ? BUY : SELL) : this.agentPrng.int(2);
    const size = desk.lots(mi, desk.maxNotional(mi, v.equity, p.leverage), m.spot);
    if (size === 0) return;
    desk.place(p.accountId, mi, side, "market", desk.protect(m.spot, side, 100), size);
    a.holdUntilMs = desk.now + world.jitter(p.holdMs);
    a.openedAtMs = desk.now;
    a.equityAtOpen = v.equity;
  }

  /** Momentum: long when the 20 s EMA is above the 5 min EMA by the threshold, short below, flat in between. */
  private momentum(engine: EngineState, world: World, a: AgentState, mi: number, m: MarketWorld): void {
    const p = a.profile;
    const desk = this.desk;
    const pos = desk.pos(p.accountId, mi);
    const sig = world.signals(m).trendPpb;
    const th = p.thresholdBps * BPS;
    const cur = Math.sign(pos);
    let want = cur;
    if (sig > th) want = 1;
    else if (sig < -th) want = -1;
    else if (Math.abs(sig) < th / 3) want = 0;
    if (want === cur) return;
    if (pos !== 0) this.closeAll(a, mi, m, pos);
    if (want === 0) return;
    const v = accountView(engine, p.accountId);
    if (v === undefined || v.equity <= 0n) return;
    const side = want > 0 ? BUY : SELL;
    const size = desk.lots(mi, desk.maxNotional(mi, v.equity, p.leverage), m.spot);
    desk.place(p.accountId, mi, side, "market", desk.protect(m.spot, side, 100), size);
    a.openedAtMs = desk.now;
  }

  /**
   * Mean reversion: fades a deviation from the 5 min EMA beyond its threshold, takes profit at the
   * mean, and otherwise rests post-only orders at mean ± threshold — the depth behind the AFMM's.
   */
  private meanReversion(engine: EngineState, world: World, a: AgentState, mi: number, m: MarketWorld, r: Reading): void {
    const p = a.profile;
    const desk = this.desk;
    if (p.basisTrader) return this.basisTrade(engine, a, mi, m, r);
    for (const [id, o] of desk.orders) if (o.accountId === p.accountId) desk.cancel(p.accountId, id);
    const pos = desk.pos(p.accountId, mi);
    const { deviationPpb, slowTicks } = world.signals(m);
    const th = p.thresholdBps * BPS;
    if (pos !== 0) {
      if (a.openedAtMs === 0) a.openedAtMs = desk.now;
      // Profit: the price crossed back through the mean on our side; or we held too long.
      if (Math.sign(deviationPpb) === Math.sign(pos) || desk.now - a.openedAtMs > p.holdMs) return this.closeAll(a, mi, m, pos);
      const side = pos > 0 ? SELL : BUY;
      desk.place(p.accountId, mi, side, "limit", slowTicks, Math.abs(pos), { reduceOnly: true });
      return;
    }
    a.openedAtMs = 0;
    const v = accountView(engine, p.accountId);
    if (v === undefined || v.equity <= 0n) return;
    const size = desk.lots(mi, desk.maxNotional(mi, v.equity, p.leverage), m.spot);
    if (size === 0) return;
    if (deviationPpb > th) return void desk.place(p.accountId, mi, SELL, "market", desk.protect(m.spot, SELL, 50), size);
    if (deviationPpb < -th) return void desk.place(p.accountId, mi, BUY, "market", desk.protect(m.spot, BUY, 50), size);
    const lo = Number((BigInt(slowTicks) * (PPB - BigInt(th))) / PPB);
    const hi = Number((BigInt(slowTicks) * (PPB + BigInt(th))) / PPB);
    if (lo < m.spot) desk.place(p.accountId, mi, BUY, "limit", lo, size, { postOnly: true });
    if (hi > m.spot) desk.place(p.accountId, mi, SELL, "limit", hi, size, { postOnly: true });
  }

  /**
   * Basis mean reversion (the arbitrageur who hedges on spot): sells the perp when its mid is above
   * the index by more than the threshold, buys below, and closes once the basis is back near zero.
   * This is what keeps the perp near the index (and funding near its interest rate) in normal flow.
   */
  private basisTrade(engine: EngineState, a: AgentState, mi: number, m: MarketWorld, r: Reading): void {
    const p = a.profile;
    const desk = this.desk;
    const pos = desk.pos(p.accountId, mi);
    if (r.bestBid === 0 || r.bestAsk === 0 || r.index === 0) return;
    const basis = Math.trunc((((r.bestBid + r.bestAsk) / 2 - r.index) * 1_000_000) / r.index) * 1_000;
    const th = p.thresholdBps * BPS;
    if (pos !== 0) {
      if (Math.abs(basis) < th / 4 || Math.sign(basis) === Math.sign(pos)) this.closeAll(a, mi, m, pos);
      return;
    }
    if (Math.abs(basis) < th) return;
    const v = accountView(engine, p.accountId);
    if (v === undefined || v.equity <= 0n) return;
    const side = basis > 0 ? SELL : BUY;
    // A slice, not the whole book: several arbitrageurs share the opportunity.
    const size = Math.trunc(desk.lots(mi, desk.maxNotional(mi, v.equity, p.leverage), m.spot) / 4);
    desk.place(p.accountId, mi, side, "market", desk.protect(m.spot, side, 50), size);
  }

  /**
   * Liquidity taker: small market orders with a side that is a coin flip tilted by the basis beyond
   * the sentiment premium (a perp 20 bps cheaper than that draws 80 % buyers) — the restoring flow that keeps the
   * AFMM's inventory, and so the premium, from drifting. Leans back toward flat once its position
   * exceeds 3× its deposit.
   */
  private taker(a: AgentState, mi: number, m: MarketWorld, r: Reading): void {
    const p = a.profile;
    const desk = this.desk;
    const pos = desk.pos(p.accountId, mi);
    const spec = this.specs[mi];
    const span = Number((p.maxNotional - p.minNotional) / 1_000_000n);
    const notional = p.minNotional + BigInt(this.agentPrng.int(Math.max(1, span))) * 1_000_000n;
    let buyPerMille = 500;
    if (r.bestBid > 0 && r.bestAsk > 0 && r.index > 0) {
      // Relative to the market's sentiment: bullish flow accepts paying a premium, and the AFMM's
      // inventory lean follows that flow, so the basis settles near the sentiment (and funding
      // follows it) instead of near zero.
      const basisBps = Math.trunc((((r.bestBid + r.bestAsk) / 2 - r.index) * 10_000) / r.index) - Math.trunc(m.sentimentPpb / BPS);
      buyPerMille -= Math.max(-300, Math.min(300, basisBps * 15));
    }
    let side = this.agentPrng.int(1_000) < buyPerMille ? BUY : SELL;
    let reduceOnly = false;
    const exposure = BigInt(Math.abs(pos)) * BigInt(m.spot) * spec.tickLotValue;
    if (exposure > p.deposit * 3n) {
      side = pos > 0 ? SELL : BUY;
      reduceOnly = true;
    }
    const size = Math.max(spec.minSizeLots, desk.lots(mi, notional, m.spot));
    desk.place(p.accountId, mi, side, "market", desk.protect(m.spot, side, 100), reduceOnly ? Math.min(size, Math.abs(pos)) : size, { reduceOnly });
  }
}

// ---------------------------------------------------------------------------------------------
// Backstop LPs
// ---------------------------------------------------------------------------------------------

export class BackstopLps {
  private readonly nextMs: number[];

  constructor(
    private readonly config: SimulationConfig,
    private readonly specs: MarketSpec[],
    private readonly desk: OrderDesk,
  ) {
    this.nextMs = this.config.backstops.map(() => 0);
  }

  /** Backstop LPs take inventory at bankruptcy prices; they work it off through the book, a slice every 15 s. */
  act(world: World, readings: Reading[]): void {
    const desk = this.desk;
    this.config.backstops.forEach((_, i) => {
      if (desk.now < this.nextMs[i]) return;
      this.nextMs[i] = desk.now + 15_000;
      const id = BACKSTOP_ACCOUNT_BASE_ID + i;
      this.specs.forEach((s, mi) => {
        const p = desk.pos(id, mi);
        if (p === 0 || readings[mi].mark === 0) return;
        const side = p > 0 ? SELL : BUY;
        const size = Math.min(Math.abs(p), this.config.markets[s.symbol].afmmLevelLots * 4);
        desk.place(id, mi, side, "limit", desk.protect(world.markets[mi].spot, side, 50), size, { tif: "IOC", reduceOnly: true });
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Squeeze desk
// ---------------------------------------------------------------------------------------------

export interface Squeeze {
  scenarioId: string;
  mi: number;
  side: number;
  notionalPerMin: bigint;
  untilMs: number;
}

export class SqueezeDesk {
  private readonly squeezes: Squeeze[] = [];
  private readonly lastSqueezeMs = new Map<string, number>();
  private readonly unwindNextMs: number[] = [];

  constructor(
    private readonly config: SimulationConfig,
    private readonly specs: MarketSpec[],
    private readonly desk: OrderDesk,
  ) {}

  start(q: Squeeze): void {
    this.squeezes.push(q);
  }

  /** Funding squeeze: aggressive one-sided IOC flow for the duration, then a slow unwind. */
  act(world: World, nowMs: number): void {
    const desk = this.desk;
    const busy = new Set<number>();
    for (const q of this.squeezes) {
      if (nowMs >= q.untilMs) continue;
      busy.add(q.mi);
      const m = world.markets[q.mi];
      const dt = BigInt(Math.min(5_000, Math.max(0, nowMs - (this.lastSqueezeMs.get(q.scenarioId) ?? nowMs - 1_000))));
      this.lastSqueezeMs.set(q.scenarioId, nowMs);
      const size = desk.lots(q.mi, (q.notionalPerMin * dt) / 60_000n, m.spot);
      desk.place(SQUEEZE_DESK_ACCOUNT_ID, q.mi, q.side, "limit", desk.protect(m.spot, q.side, 100), size, { tif: "IOC" });
    }
    this.specs.forEach((s, mi) => {
      const p = desk.pos(SQUEEZE_DESK_ACCOUNT_ID, mi);
      if (p === 0 || busy.has(mi) || nowMs < (this.unwindNextMs[mi] ?? 0)) return;
      this.unwindNextMs[mi] = nowMs + 5_000;
      const side = p > 0 ? SELL : BUY;
      const size = Math.min(Math.abs(p), this.config.markets[s.symbol].afmmLevelLots * 2);
      desk.place(SQUEEZE_DESK_ACCOUNT_ID, mi, side, "limit", desk.protect(world.markets[mi].spot, side, 30), size, { tif: "IOC", reduceOnly: true });
    });
  }

  /** Forget squeezes whose time is over (their unwind carries on from the position). */
  expire(nowMs: number): void {
    for (let i = this.squeezes.length - 1; i >= 0; i--) if (nowMs >= this.squeezes[i].untilMs) this.squeezes.splice(i, 1);
  }
}
