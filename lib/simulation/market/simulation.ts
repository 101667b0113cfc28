/**
 * The seeded market simulator (issue 4 pts 1, 2): drives the engine with ordinary commands.
 *
 *   const sim = createMarketSimulation({ seed, startMs, ids });
 *   for (const c of sim.bootstrap(startMs)) apply(engine, c);                   // fresh engine only
 *   loop: const cmds = sim.step(engine, now); for (c of cmds) events.push(...apply(engine, c).events); sim.observe(events);
 *
 * Pure: no clock, no Math.random, no I/O; time, ids and the seed are inputs, the engine is read
 * through lib/engine/index.ts queries only. Same seed + same call sequence → same commands.
 *
 * Resume: a new simulation (new seed) without bootstrap reads prices and positions from the engine
 * on its first step, cancels the resting orders of its accounts (it no longer knows their ids) and
 * carries on; its accounts are found by the deterministic id layout in config.ts.
 */

import {
  accountView,
  marketView,
  type Command,
  type EngineEvent,
  type EngineState,
  type MarketSpec,
  type PlaceOrder,
  type SideName,
} from "../../engine/index";
import {
  AFMM_ACCOUNT_ID,
  BACKSTOP_ACCOUNT_BASE_ID,
  SQUEEZE_DESK_ACCOUNT_ID,
  agentProfiles,
  resolveSimulationConfig,
  simulatorAccountIds,
  type AgentProfile,
  type SimulationConfig,
} from "./config";
import { createPrng, type Prng } from "../../random/prng";
import {
  ScenarioTracker,
  emptyOutcome,
  parseScenario,
  spreadBps,
  type MarketReading,
  type ScenarioInput,
  type ScenarioRun,
} from "./scenarios";
import { World, type MarketWorld } from "./world";

export interface MarketSimulationOptions {
  seed: number;
  startMs: number;
  ids: { nextOrderId(): number };
  config?: Partial<SimulationConfig>;
}

export interface MarketSimulation {
  /** Commands that set up a FRESH engine: accounts (agents, AFMM, backstops, squeeze desk), settled deposits, insurance-fund seeding. */
  bootstrap(nowMs: number): Command[];
  /** Advance the world to nowMs (≥ previous) and return the commands to apply in order. `engine` is read only. */
  step(engine: EngineState, nowMs: number): Command[];
  /** Feed back every event the step's commands produced (in order). */
  observe(events: readonly EngineEvent[]): void;
  injectScenario(input: unknown, nowMs: number): { ok: true; scenario: ScenarioRun } | { ok: false; errors: string[] };
  scenarios(): ScenarioRun[];
  /** Counters for monitoring (orders sent, inferred rejections, top-ups). */
  stats(): SimulationStats;
  /** Positions (lots per market) of one of the simulator's accounts as it tracks them from events. */
  positionsOf(accountId: number): Record<string, number>;
  readonly config: SimulationConfig;
}

export interface SimulationStats {
  steps: number;
  ordersPlaced: number;
  /** Orders with no OrderAccepted by the next step: the engine rejected them. */
  ordersRejected: number;
  cancels: number;
  topUps: number;
  regime: string;
}

export function createMarketSimulation(options: MarketSimulationOptions): MarketSimulation {
  return new Simulation(options);
}

const PPB = 1_000_000_000n;
const BPS = 100_000; // ppb per bp
const USD_CENTS = 10_000n; // micro-USD per cent (USD has 2 decimals in the collateral registry)
const BUY = 0;
const SELL = 1;

interface TrackedOrder {
  accountId: number;
  mi: number;
  side: number;
  price: number;
  remaining: number;
  /** GTC orders we expect to rest (tracked until filled or closed). */
  rests: boolean;
}

interface AgentState {
  profile: AgentProfile;
  nextActMs: number;
  holdUntilMs: number;
  openedAtMs: number;
  equityAtOpen: bigint;
  lastTopUpMs: number;
  nextTopUpCheckMs: number;
}

interface Squeeze {
  scenarioId: string;
  mi: number;
  side: number;
  notionalPerMin: bigint;
  untilMs: number;
}

interface Reading extends MarketReading {
  mark: number;
  index: number;
}

class Simulation implements MarketSimulation {
  readonly config: SimulationConfig;
  private readonly specs: MarketSpec[];
  private readonly prng: Prng;
  private readonly agentPrng: Prng;
  private world: World | null = null;
  private readonly agents: AgentState[];
  private readonly accountIds: number[];
  /** Tracked positions of our accounts: lots per market index. */
  private readonly positions = new Map<number, number[]>();
  private readonly orders = new Map<number, TrackedOrder>();
  private readonly pending = new Map<number, TrackedOrder>();
  /** AFMM ladder per market: order id per level (0 = none). */
  private readonly afmmBids: number[][];
  private readonly afmmAsks: number[][];
  private readonly afmmPulledUntil: number[];
  private readonly backstopNextMs: number[];
  private readonly squeezes: Squeeze[] = [];
  private readonly insurance: bigint[];
  private readonly baselineSpread: Array<number | null>;
  private readonly runs: ScenarioTracker[] = [];
  private bootstrapped = false;
  private synced = false;
  private lastNow = -Infinity;
  private out: Command[] = [];
  private now = 0;
  private readonly counters = { steps: 0, ordersPlaced: 0, ordersRejected: 0, cancels: 0, topUps: 0 };

  constructor(private readonly options: MarketSimulationOptions) {
    this.config = resolveSimulationConfig(options.config);
    this.specs = this.config.engineConfig.markets;
    for (const s of this.specs) {
      if (this.config.markets[s.symbol] === undefined) throw new Error(`simulation config has no market model for ${s.symbol}`);
    }
    this.prng = createPrng(options.seed);
    this.agentPrng = this.prng.fork();
    this.agents = agentProfiles(this.config).map((profile) => ({
      profile,
      // Stagger first decisions so the agents do not all act in the first second.
      nextActMs: options.startMs + this.agentPrng.int(profile.actEveryMs),
      holdUntilMs: 0,
      openedAtMs: 0,
      equityAtOpen: 0n,
      lastTopUpMs: -Infinity,
      nextTopUpCheckMs: options.startMs + 600_000 + this.agentPrng.int(600_000),
    }));
    this.accountIds = simulatorAccountIds(this.config);
    for (const id of this.accountIds) this.positions.set(id, this.specs.map(() => 0));
    this.afmmBids = this.specs.map((s) => new Array<number>(this.config.markets[s.symbol].afmmLevels).fill(0));
    this.afmmAsks = this.specs.map((s) => new Array<number>(this.config.markets[s.symbol].afmmLevels).fill(0));
    this.afmmPulledUntil = this.specs.map(() => 0);
    this.backstopNextMs = this.config.backstops.map(() => 0);
    this.insurance = this.specs.map(() => 0n);
    this.baselineSpread = this.specs.map(() => null);
  }

  // -------------------------------------------------------------------------------------------
  // Bootstrap
  // -------------------------------------------------------------------------------------------

  bootstrap(nowMs: number): Command[] {
    this.bootstrapped = true;
    const cmds: Command[] = [];
    const fund = (accountId: number, amount: bigint) => {
      const depositId = `sim-boot-${accountId}`;
      cmds.push({ type: "Deposit", nowMs, accountId, depositId, assetId: "USD", amountMinor: amount / USD_CENTS });
      cmds.push({ type: "SettleDeposit", nowMs, depositId });
    };
    cmds.push({ type: "CreateAccount", nowMs, accountId: AFMM_ACCOUNT_ID, kind: "afmm" });
    fund(AFMM_ACCOUNT_ID, this.config.afmmDeposit);
    this.config.backstops.forEach((b, i) => {
      const accountId = BACKSTOP_ACCOUNT_BASE_ID + i;
      cmds.push({ type: "CreateAccount", nowMs, accountId, kind: "backstop", backstop: { priority: i + 1, capacity: b.capacity } });
      fund(accountId, b.deposit);
    });
    cmds.push({ type: "CreateAccount", nowMs, accountId: SQUEEZE_DESK_ACCOUNT_ID, kind: "client" });
    fund(SQUEEZE_DESK_ACCOUNT_ID, this.config.squeezeDeskDeposit);
    for (const a of this.agents) {
      cmds.push({ type: "CreateAccount", nowMs, accountId: a.profile.accountId, kind: "client" });
      fund(a.profile.accountId, a.profile.deposit);
    }
    for (const s of this.specs) {
      cmds.push({ type: "FundInsurance", nowMs, fundingId: `sim-if-seed-${s.symbol}`, market: s.symbol, amount: this.config.markets[s.symbol].insuranceFundSeed });
    }
    return cmds;
  }

  // -------------------------------------------------------------------------------------------
  // Step
  // -------------------------------------------------------------------------------------------

  step(engine: EngineState, nowMs: number): Command[] {
    if (nowMs < this.lastNow) throw new RangeError(`step(${nowMs}) is before the previous step (${this.lastNow})`);
    this.lastNow = nowMs;
    this.now = nowMs;
    this.counters.steps++;
    const cmds: Command[] = [];
    this.out = cmds;
    if (this.world === null) {
      const start: Record<string, number> = {};
      for (const s of this.specs) {
        const v = marketView(engine, s.symbol);
        const p = v === undefined ? 0 : v.index > 0 ? v.index : v.mark;
        if (p > 0) start[s.symbol] = p;
      }
      this.world = new World(this.config, this.prng.fork(), nowMs, start);
    }
    const world = this.world;
    if (!this.synced) this.sync(engine);
    this.reconcile();

    this.activateScenarios(nowMs);
    world.advance(nowMs);

    const readings = this.read(engine);
    this.trackScenarios(readings, nowMs);

    // 1. The AFMM watches the spot venues as fast as the index does, so it re-quotes BEFORE the new
    //    index reaches the engine: liquidations triggered by the index then meet current quotes, not
    //    quotes that are a second stale (which would hand every liquidation a free price).
    const quotedEarly = readings.map((r) => r.mark > 0);
    this.specs.forEach((_, mi) => {
      if (quotedEarly[mi]) this.afmmQuote(mi, world.markets[mi]);
    });
    // 2. Venue quotes → index → mark → liquidation detection.
    for (const m of world.markets) cmds.push(world.publish(m, nowMs));
    // 3. First step of a fresh engine: no mark existed, so the AFMM quotes now.
    this.specs.forEach((_, mi) => {
      if (!quotedEarly[mi]) this.afmmQuote(mi, world.markets[mi]);
    });
    // 4. Backstop LPs unwind inventory, the squeeze desk trades, clients act.
    this.backstopsAct(readings);
    this.squeezeDeskAct(nowMs);
    for (const a of this.agents) if (nowMs >= a.nextActMs) this.agentAct(engine, a, readings);
    // 5. The clock: basis and premium samples, mark, funding, detection.
    cmds.push({ type: "Tick", nowMs });
    return cmds;
  }

  /** First step: positions and fund balances from the engine; on resume also cancel our unknown resting orders. */
  private sync(engine: EngineState): void {
    this.synced = true;
    this.specs.forEach((s, mi) => {
      this.insurance[mi] = marketView(engine, s.symbol)?.insuranceFund.balance ?? 0n;
    });
    for (const id of this.accountIds) {
      const v = accountView(engine, id);
      if (v === undefined) continue;
      const pos = this.positions.get(id)!;
      let hasOrders = false;
      for (const p of v.positions) {
        const mi = this.specs.findIndex((s) => s.symbol === p.market);
        if (mi >= 0) pos[mi] = p.size;
        if (p.openBuy + p.openSell > 0) hasOrders = true;
      }
      if (hasOrders && !this.bootstrapped) this.out.push({ type: "CancelAll", nowMs: this.now, accountId: id });
    }
  }

  /** Orders sent last step with no OrderAccepted were rejected; drop them and stale ladder slots. */
  private reconcile(): void {
    this.counters.ordersRejected += this.pending.size;
    this.pending.clear();
    const live = (id: number) => id !== 0 && this.orders.has(id);
    for (const ladder of [...this.afmmBids, ...this.afmmAsks]) {
      for (let k = 0; k < ladder.length; k++) if (!live(ladder[k])) ladder[k] = 0;
    }
  }

  private read(engine: EngineState): Reading[] {
    return this.specs.map((s, mi) => {
      const v = marketView(engine, s.symbol);
      return {
        market: s.symbol,
        mark: v?.mark ?? 0,
        index: v?.index ?? 0,
        bestBid: v?.bestBid ?? 0,
        bestAsk: v?.bestAsk ?? 0,
        predictedFundingPpb: v?.predictedFunding.rate ?? 0n,
        fundingCapPpb: s.funding.capRate,
        insuranceBalance: this.insurance[mi],
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Orders
  // -------------------------------------------------------------------------------------------

  private place(accountId: number, mi: number, side: number, orderType: "limit" | "market", price: number, size: number, opts: { tif?: PlaceOrder["tif"]; postOnly?: boolean; reduceOnly?: boolean } = {}): number {
    const spec = this.specs[mi];
    if (size < spec.minSizeLots) return 0;
    if (size > spec.maxOrderLots) size = spec.maxOrderLots;
    if (price < 1) price = 1;
    if (price > spec.maxPriceTicks) price = spec.maxPriceTicks;
    const orderId = this.options.ids.nextOrderId();
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

  private cancel(accountId: number, orderId: number): void {
    if (!this.orders.has(orderId)) return;
    this.out.push({ type: "CancelOrder", nowMs: this.now, accountId, orderId });
    this.counters.cancels++;
  }

  /** Protective price for an aggressive order: spot moved `bps` against us. */
  private protect(spot: number, side: number, bps: number): number {
    const f = BigInt(side === BUY ? 10_000 + bps : 10_000 - bps);
    return Number((BigInt(spot) * f) / 10_000n);
  }

  private lots(mi: number, notional: bigint, price: number): number {
    const spec = this.specs[mi];
    if (notional <= 0n || price <= 0) return 0;
    const n = notional / (BigInt(price) * spec.tickLotValue);
    return n > BigInt(spec.maxOrderLots) ? spec.maxOrderLots : Number(n);
  }

  /** Largest notional an equity supports at `leverage` within the tier table, with a 10 % buffer for fees and slippage. */
  private maxNotional(mi: number, equity: bigint, leverage: number): bigint {
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

  private pos(accountId: number, mi: number): number {
    return this.positions.get(accountId)?.[mi] ?? 0;
  }

  // -------------------------------------------------------------------------------------------
  // Affiliated market maker
  // -------------------------------------------------------------------------------------------

  /**
   * Quote a ladder around spot × (1 + sentiment + inventory skew). The half-spread widens with the
   * 10-second move (fast markets) and sizes shrink; the side that would grow inventory past the limit
   * is not quoted. A level is cancelled and replaced only when its target moved beyond a tolerance or
   * it was mostly filled, which keeps order-id use to a few per second.
   */
  private afmmQuote(mi: number, m: MarketWorld): void {
    if (this.afmmPulledUntil[mi] > this.now) return;
    const model = m.model;
    const world = this.world!;
    const inv = this.pos(AFMM_ACCOUNT_ID, mi);
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
      this.afmmLevel(mi, this.afmmBids[mi], k, BUY, inv < limit ? bid : 0, size, tol);
      this.afmmLevel(mi, this.afmmAsks[mi], k, SELL, inv > -limit ? ask : 0, size, tol);
    }
  }

  private afmmLevel(mi: number, ladder: number[], k: number, side: number, target: number, size: number, tolPpb: bigint): void {
    const id = ladder[k];
    const o = id === 0 ? undefined : this.orders.get(id);
    if (o !== undefined) {
      const keep = target > 0 && BigInt(Math.abs(o.price - target)) * PPB <= tolPpb * BigInt(target) && o.remaining * 2 >= size;
      if (keep) return;
      this.cancel(AFMM_ACCOUNT_ID, id);
      ladder[k] = 0;
    }
    if (target > 0) ladder[k] = this.place(AFMM_ACCOUNT_ID, mi, side, "limit", target, size, { postOnly: true });
  }

  // -------------------------------------------------------------------------------------------
  // Backstop LPs and the squeeze desk
  // -------------------------------------------------------------------------------------------

  /** Backstop LPs take inventory at bankruptcy prices; they work it off through the book, a slice every 15 s. */
  private backstopsAct(readings: Reading[]): void {
    const world = this.world!;
    this.config.backstops.forEach((_, i) => {
      if (this.now < this.backstopNextMs[i]) return;
      this.backstopNextMs[i] = this.now + 15_000;
      const id = BACKSTOP_ACCOUNT_BASE_ID + i;
      this.specs.forEach((s, mi) => {
        const p = this.pos(id, mi);
        if (p === 0 || readings[mi].mark === 0) return;
        const side = p > 0 ? SELL : BUY;
        const size = Math.min(Math.abs(p), this.config.markets[s.symbol].afmmLevelLots * 4);
        this.place(id, mi, side, "limit", this.protect(world.markets[mi].spot, side, 50), size, { tif: "IOC", reduceOnly: true });
      });
    });
  }

  /** Funding squeeze: aggressive one-sided IOC flow for the duration, then a slow unwind. */
  private squeezeDeskAct(nowMs: number): void {
    const world = this.world!;
    const busy = new Set<number>();
    for (const q of this.squeezes) {
      if (nowMs >= q.untilMs) continue;
      busy.add(q.mi);
      const m = world.markets[q.mi];
      const dt = BigInt(Math.min(5_000, Math.max(0, nowMs - (this.lastSqueezeMs.get(q.scenarioId) ?? nowMs - 1_000))));
      this.lastSqueezeMs.set(q.scenarioId, nowMs);
      const size = this.lots(q.mi, (q.notionalPerMin * dt) / 60_000n, m.spot);
      this.place(SQUEEZE_DESK_ACCOUNT_ID, q.mi, q.side, "limit", this.protect(m.spot, q.side, 100), size, { tif: "IOC" });
    }
    this.specs.forEach((s, mi) => {
      const p = this.pos(SQUEEZE_DESK_ACCOUNT_ID, mi);
      if (p === 0 || busy.has(mi) || nowMs < (this.squeezeUnwindNextMs[mi] ?? 0)) return;
      this.squeezeUnwindNextMs[mi] = nowMs + 5_000;
      const side = p > 0 ? SELL : BUY;
      const size = Math.min(Math.abs(p), this.config.markets[s.symbol].afmmLevelLots * 2);
      this.place(SQUEEZE_DESK_ACCOUNT_ID, mi, side, "limit", this.protect(world.markets[mi].spot, side, 30), size, { tif: "IOC", reduceOnly: true });
    });
  }
  private readonly lastSqueezeMs = new Map<string, number>();
  private readonly squeezeUnwindNextMs: number[] = [];

  // -------------------------------------------------------------------------------------------
  // Client agents
  // -------------------------------------------------------------------------------------------

  private agentAct(engine: EngineState, a: AgentState, readings: Reading[]): void {
    const p = a.profile;
    const scale = Math.max(1, this.config.activityPct);
    a.nextActMs = this.now + this.world!.jitter((p.actEveryMs * 100) / scale);
    const mi = this.specs.findIndex((s) => s.symbol === p.market);
    if (mi < 0 || readings[mi].mark === 0) return;
    const m = this.world!.markets[mi];
    if (this.now >= a.nextTopUpCheckMs) {
      a.nextTopUpCheckMs = this.now + 600_000;
      if (this.topUp(engine, a)) return;
    }
    switch (p.kind) {
      case "leveraged":
        return this.leveraged(engine, a, mi, m);
      case "momentum":
        return this.momentum(engine, a, mi, m);
      case "meanReversion":
        return this.meanReversion(engine, a, mi, m, readings[mi]);
      case "taker":
        return this.taker(a, mi, m, readings[mi]);
    }
  }

  /** Clients whose equity fell below 30 % of their base deposit wire more in (at most every 2 h). */
  private topUp(engine: EngineState, a: AgentState): boolean {
    if (this.now - a.lastTopUpMs < 7_200_000) return false;
    const v = accountView(engine, a.profile.accountId);
    if (v === undefined || v.equity * 10n >= a.profile.deposit * 3n) return false;
    a.lastTopUpMs = this.now;
    const amount = a.profile.deposit - (v.equity > 0n ? v.equity : 0n);
    const depositId = `sim-topup-${a.profile.accountId}-${this.now}`;
    this.out.push({ type: "Deposit", nowMs: this.now, accountId: a.profile.accountId, depositId, assetId: "USD", amountMinor: amount / USD_CENTS });
    this.out.push({ type: "SettleDeposit", nowMs: this.now, depositId });
    this.counters.topUps++;
    return true;
  }

  private closeAll(a: AgentState, mi: number, m: MarketWorld, pos: number): void {
    const side = pos > 0 ? SELL : BUY;
    this.place(a.profile.accountId, mi, side, "market", this.protect(m.spot, side, 100), Math.abs(pos), { reduceOnly: true });
    a.openedAtMs = 0;
  }

  /** Leveraged professional: opens at its target leverage, holds for a while, some with a stop, the rest ride to liquidation. */
  private leveraged(engine: EngineState, a: AgentState, mi: number, m: MarketWorld): void {
    const p = a.profile;
    const pos = this.pos(p.accountId, mi);
    if (pos !== 0) {
      if (this.now >= a.holdUntilMs) return this.closeAll(a, mi, m, pos);
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
    const sig = this.world!.signals(m).trendPpb;
    const side = this.agentPrng.int(2) === 0 && sig !== 0 ? (sig > 0 ? BUY : SELL) : this.agentPrng.int(2);
    const size = this.lots(mi, this.maxNotional(mi, v.equity, p.leverage), m.spot);
    if (size === 0) return;
    this.place(p.accountId, mi, side, "market", this.protect(m.spot, side, 100), size);
    a.holdUntilMs = this.now + this.world!.jitter(p.holdMs);
    a.openedAtMs = this.now;
    a.equityAtOpen = v.equity;
  }

  /** Momentum: long when the 20 s EMA is above the 5 min EMA by the threshold, short below, flat in between. */
  private momentum(engine: EngineState, a: AgentState, mi: number, m: MarketWorld): void {
    const p = a.profile;
    const pos = this.pos(p.accountId, mi);
    const sig = this.world!.signals(m).trendPpb;
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
    const size = this.lots(mi, this.maxNotional(mi, v.equity, p.leverage), m.spot);
    this.place(p.accountId, mi, side, "market", this.protect(m.spot, side, 100), size);
    a.openedAtMs = this.now;
  }

  /**
   * Mean reversion: fades a deviation from the 5 min EMA beyond its threshold, takes profit at the
   * mean, and otherwise rests post-only orders at mean ± threshold — the depth behind the AFMM's.
   */
  private meanReversion(engine: EngineState, a: AgentState, mi: number, m: MarketWorld, r: Reading): void {
    const p = a.profile;
    if (p.basisTrader) return this.basisTrade(engine, a, mi, m, r);
    for (const [id, o] of this.orders) if (o.accountId === p.accountId) this.cancel(p.accountId, id);
    const pos = this.pos(p.accountId, mi);
    const { deviationPpb, slowTicks } = this.world!.signals(m);
    const th = p.thresholdBps * BPS;
    if (pos !== 0) {
      if (a.openedAtMs === 0) a.openedAtMs = this.now;
      // Profit: the price crossed back through the mean on our side; or we held too long.
      if (Math.sign(deviationPpb) === Math.sign(pos) || this.now - a.openedAtMs > p.holdMs) return this.closeAll(a, mi, m, pos);
      const side = pos > 0 ? SELL : BUY;
      this.place(p.accountId, mi, side, "limit", slowTicks, Math.abs(pos), { reduceOnly: true });
      return;
    }
    a.openedAtMs = 0;
    const v = accountView(engine, p.accountId);
    if (v === undefined || v.equity <= 0n) return;
    const size = this.lots(mi, this.maxNotional(mi, v.equity, p.leverage), m.spot);
    if (size === 0) return;
    if (deviationPpb > th) return void this.place(p.accountId, mi, SELL, "market", this.protect(m.spot, SELL, 50), size);
    if (deviationPpb < -th) return void this.place(p.accountId, mi, BUY, "market", this.protect(m.spot, BUY, 50), size);
    const lo = Number((BigInt(slowTicks) * (PPB - BigInt(th))) / PPB);
    const hi = Number((BigInt(slowTicks) * (PPB + BigInt(th))) / PPB);
    if (lo < m.spot) this.place(p.accountId, mi, BUY, "limit", lo, size, { postOnly: true });
    if (hi > m.spot) this.place(p.accountId, mi, SELL, "limit", hi, size, { postOnly: true });
  }

  /**
   * Basis mean reversion (the arbitrageur who hedges on spot): sells the perp when its mid is above
   * the index by more than the threshold, buys below, and closes once the basis is back near zero.
   * This is what keeps the perp near the index (and funding near its interest rate) in normal flow.
   */
  private basisTrade(engine: EngineState, a: AgentState, mi: number, m: MarketWorld, r: Reading): void {
    const p = a.profile;
    const pos = this.pos(p.accountId, mi);
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
    const size = Math.trunc(this.lots(mi, this.maxNotional(mi, v.equity, p.leverage), m.spot) / 4);
    this.place(p.accountId, mi, side, "market", this.protect(m.spot, side, 50), size);
  }

  /**
   * Liquidity taker: small market orders with a side that is a coin flip tilted by the basis beyond
   * the sentiment premium (a perp 20 bps cheaper than that draws 80 % buyers) — the restoring flow that keeps the
   * AFMM's inventory, and so the premium, from drifting. Leans back toward flat once its position
   * exceeds 3× its deposit.
   */
  private taker(a: AgentState, mi: number, m: MarketWorld, r: Reading): void {
    const p = a.profile;
    const pos = this.pos(p.accountId, mi);
    const spec = this.specs[mi];
    const span = Number((p.maxNotional - p.minNotional) / 1_000_000n);
    const notional = p.minNotional + BigInt(this.agentPrng.int(Math.max(1, span))) * 1_000_000n;
    let buyPerMille = 500;
    if (r.bestBid > 0 && r.bestAsk > 0 && r.index > 0) {
      // Relative to the market's sentiment: bullish flow accepts paying the premium the AFMM leans to,
      // so the basis settles near the sentiment (and funding follows it) instead of near zero.
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
    const size = Math.max(spec.minSizeLots, this.lots(mi, notional, m.spot));
    this.place(p.accountId, mi, side, "market", this.protect(m.spot, side, 100), reduceOnly ? Math.min(size, Math.abs(pos)) : size, { reduceOnly });
  }

  // -------------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------------

  observe(events: readonly EngineEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case "OrderAccepted": {
          const p = this.pending.get(e.orderId);
          if (p === undefined) break;
          this.pending.delete(e.orderId);
          if (p.rests) this.orders.set(e.orderId, { ...p, remaining: e.size });
          break;
        }
        case "Trade": {
          const mi = this.specs.findIndex((s) => s.symbol === e.market);
          const tp = this.positions.get(e.takerAccountId);
          const mp = this.positions.get(e.makerAccountId);
          const d = e.aggressor === "buy" ? e.size : -e.size;
          if (tp !== undefined) tp[mi] += d;
          if (mp !== undefined) mp[mi] -= d;
          const mo = this.orders.get(e.makerOrderId);
          if (mo !== undefined) {
            mo.remaining = e.makerRemaining;
            if (mo.remaining <= 0) this.orders.delete(e.makerOrderId);
          }
          const to = this.orders.get(e.takerOrderId);
          if (to !== undefined) {
            to.remaining -= e.size;
            if (to.remaining <= 0) this.orders.delete(e.takerOrderId);
          }
          break;
        }
        case "OrderClosed":
          this.orders.delete(e.orderId);
          break;
        case "OrderReduced": {
          const o = this.orders.get(e.orderId);
          if (o !== undefined) o.remaining = e.remaining;
          break;
        }
        case "InsuranceFundChanged": {
          const mi = this.specs.findIndex((s) => s.symbol === e.market);
          if (mi >= 0) this.insurance[mi] = e.balance;
          break;
        }
        default:
          break;
      }
    }
    for (const t of this.runs) if (t.run.status === "active" || t.run.status === "settling") t.events(events);
  }

  // -------------------------------------------------------------------------------------------
  // Scenarios
  // -------------------------------------------------------------------------------------------

  injectScenario(input: unknown, nowMs: number): { ok: true; scenario: ScenarioRun } | { ok: false; errors: string[] } {
    const venues = new Map(this.specs.map((s) => [s.symbol, s.index.sources.map((x) => x.id)] as const));
    const parsed = parseScenario(input, venues);
    if (!parsed.ok) return parsed;
    const v: ScenarioInput = parsed.value;
    const startMs = nowMs + v.delaySec * 1_000;
    const endMs = startMs + v.durationSec * 1_000;
    const tail = v.type === "flash-crash" ? v.recoverSec * 1_000 : 0;
    const markets = v.market === undefined ? this.specs.map((s) => s.symbol) : [v.market];
    const run: ScenarioRun = {
      id: `S${this.runs.length + 1}`,
      type: v.type,
      input: v,
      injectedAtMs: nowMs,
      startMs,
      endMs,
      observeUntilMs: endMs + tail + this.config.scenarioSettleSec * 1_000,
      status: "scheduled",
      outcome: emptyOutcome(markets),
    };
    this.runs.push(new ScenarioTracker(run));
    return { ok: true, scenario: run };
  }

  scenarios(): ScenarioRun[] {
    return this.runs.map((t) => t.run);
  }

  /** Put a scenario's effect into the world when its start time arrives (before the path advances past it). */
  private activateScenarios(nowMs: number): void {
    const world = this.world!;
    for (const t of this.runs) {
      const run = t.run;
      if (run.status !== "scheduled" || nowMs < run.startMs) continue;
      run.status = "active";
      const v = run.input;
      const mi = v.market === undefined ? -1 : this.specs.findIndex((s) => s.symbol === v.market);
      switch (v.type) {
        case "flash-crash":
          world.markets[mi].crashes.push({
            scenarioId: run.id,
            market: v.market,
            dropPpb: BigInt(Math.round(v.dropPct * 10_000_000)),
            startMs: run.startMs,
            durationMs: run.endMs - run.startMs,
            recoverMs: v.recoverSec * 1_000,
          });
          break;
        case "venue-depeg":
          world.markets[mi].venues
            .find((x) => x.id === v.venueId)!
            .depegs.push({ scenarioId: run.id, factorPpb: BigInt(Math.round(v.factor * 1_000_000_000)), fromMs: run.startMs, untilMs: run.endMs });
          break;
        case "venues-stale":
          for (const ven of world.markets[mi].venues) if (v.venueIds.includes(ven.id)) ven.frozenUntilMs = Math.max(ven.frozenUntilMs, run.endMs);
          break;
        case "afmm-pull":
          this.specs.forEach((s, i) => {
            if (v.market !== undefined && s.symbol !== v.market) return;
            this.afmmPulledUntil[i] = Math.max(this.afmmPulledUntil[i], run.endMs);
            this.out.push({ type: "CancelAll", nowMs, accountId: AFMM_ACCOUNT_ID, market: s.symbol });
            this.afmmBids[i].fill(0);
            this.afmmAsks[i].fill(0);
          });
          break;
        case "funding-squeeze":
          this.squeezes.push({ scenarioId: run.id, mi, side: v.side === "buy" ? BUY : SELL, notionalPerMin: BigInt(Math.round(v.notionalPerMinUsd)) * 1_000_000n, untilMs: run.endMs });
          break;
      }
    }
  }

  private trackScenarios(readings: Reading[], nowMs: number): void {
    // Baseline spread (EMA over steps) for markets under no scenario: the "before" of an AFMM pull.
    readings.forEach((r, mi) => {
      const busy = this.runs.some((t) => t.run.status !== "finished" && t.run.status !== "scheduled" && t.run.outcome.markets.some((x) => x.market === r.market));
      const s = spreadBps(r.bestBid, r.bestAsk);
      if (busy || s === null) return;
      const b = this.baselineSpread[mi];
      this.baselineSpread[mi] = b === null ? s : Math.round((b + (s - b) / 20) * 100) / 100;
    });
    const baseline = new Map(readings.map((r, mi) => [r.market, this.baselineSpread[mi]] as const));
    for (const t of this.runs) {
      const run = t.run;
      if (run.status === "active" && !t.begun) {
        t.begin(readings, baseline);
        t.begun = true;
      }
      if (run.status === "active" && nowMs >= run.endMs) run.status = "settling";
      if (run.status === "active" || run.status === "settling") t.step(readings);
      if (run.status === "settling" && nowMs > run.observeUntilMs) run.status = "finished";
    }
    for (let i = this.squeezes.length - 1; i >= 0; i--) if (nowMs >= this.squeezes[i].untilMs) this.squeezes.splice(i, 1);
  }

  positionsOf(accountId: number): Record<string, number> {
    const out: Record<string, number> = {};
    const p = this.positions.get(accountId);
    if (p !== undefined) this.specs.forEach((s, mi) => (out[s.symbol] = p[mi]));
    return out;
  }

  stats(): SimulationStats {
    return { ...this.counters, regime: this.world?.regime ?? "calm" };
  }
}
