/**
 * The seeded market simulator: drives the engine with ordinary commands. This file orchestrates a
 * step (world, scenarios, the index publish, then every participant on the same readings in a
 * seeded random order: README "Fair sequencing") and feeds events back; the
 * participants are in afmm-quoter.ts and agents.ts, scenario start-up in scenario-start.ts, and
 * order placement and tracking in order-desk.ts.
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

import { accountView, marketView, type Command, type EngineEvent, type EngineState, type MarketSpec } from "../../engine/index";
import { createPrng, type Prng } from "../../random/prng";
import { AfmmQuoter } from "./afmm-quoter";
import { BackstopLps, ClientAgents, SqueezeDesk } from "./agents";
import {
  AFMM_ACCOUNT_ID,
  BACKSTOP_ACCOUNT_BASE_ID,
  BLOCK_TRADER_ACCOUNT_ID,
  SQUEEZE_DESK_ACCOUNT_ID,
  resolveSimulationConfig,
  simulatorAccountIds,
  type SimulationConfig,
} from "./config";
import { OrderDesk, USD_CENTS, type Reading } from "./order-desk";
import { Planter } from "./planted";
import { scheduleScenario, startDueScenarios } from "./scenario-start";
import { ScenarioTracker, spreadBps, type ScenarioRun } from "./scenarios";
import { World } from "./world";

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

/** The participants that act in a step; `turnOrder` shuffles them every step. */
const PARTICIPANTS = ["afmm", "backstops", "squeezeDesk", "clients"] as const;
type Participant = (typeof PARTICIPANTS)[number];

export function createMarketSimulation(options: MarketSimulationOptions): MarketSimulation {
  return new Simulation(options);
}

class Simulation implements MarketSimulation {
  readonly config: SimulationConfig;
  private readonly specs: MarketSpec[];
  private readonly prng: Prng;
  private world: World | null = null;
  private readonly desk: OrderDesk;
  private readonly afmm: AfmmQuoter;
  private readonly clients: ClientAgents;
  private readonly backstops: BackstopLps;
  private readonly squeezeDesk: SqueezeDesk;
  private readonly planter: Planter;
  private readonly accountIds: number[];
  private readonly insurance: bigint[];
  private readonly baselineSpread: Array<number | null>;
  private readonly runs: ScenarioTracker[] = [];
  /** Draws each step's order of the participants (fair sequencing); forked at the first step. */
  private sequencing: Prng | null = null;
  private bootstrapped = false;
  private synced = false;
  private lastNow = -Infinity;

  constructor(options: MarketSimulationOptions) {
    this.config = resolveSimulationConfig(options.config);
    this.specs = this.config.engineConfig.markets;
    for (const s of this.specs) {
      if (this.config.markets[s.symbol] === undefined) throw new Error(`simulation config has no market model for ${s.symbol}`);
    }
    this.prng = createPrng(options.seed);
    this.desk = new OrderDesk(this.specs, options.ids);
    // The agents' stream is forked here and the world's at the first step: this order fixes both streams.
    this.clients = new ClientAgents(this.config, this.specs, this.desk, this.prng.fork(), options.startMs);
    this.accountIds = simulatorAccountIds(this.config);
    for (const id of this.accountIds)
      this.desk.positions.set(
        id,
        this.specs.map(() => 0),
      );
    this.afmm = new AfmmQuoter(this.config, this.specs, this.desk);
    this.backstops = new BackstopLps(this.config, this.specs, this.desk);
    this.squeezeDesk = new SqueezeDesk(this.config, this.specs, this.desk);
    this.planter = new Planter(this.specs, this.desk);
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
      cmds.push({
        type: "CreateAccount",
        nowMs,
        accountId,
        kind: "backstop",
        backstop: { priority: i + 1, capacity: b.capacity, replenishPerHour: b.replenishPerHour },
      });
      fund(accountId, b.deposit);
    });
    cmds.push({ type: "CreateAccount", nowMs, accountId: SQUEEZE_DESK_ACCOUNT_ID, kind: "client" });
    fund(SQUEEZE_DESK_ACCOUNT_ID, this.config.squeezeDeskDeposit);
    cmds.push({ type: "CreateAccount", nowMs, accountId: BLOCK_TRADER_ACCOUNT_ID, kind: "client" });
    for (const a of this.clients.agents) {
      cmds.push({ type: "CreateAccount", nowMs, accountId: a.profile.accountId, kind: "client" });
      fund(a.profile.accountId, a.profile.deposit);
    }
    for (const s of this.specs) {
      cmds.push({
        type: "FundInsurance",
        nowMs,
        fundingId: `sim-if-seed-${s.symbol}`,
        market: s.symbol,
        amount: this.config.markets[s.symbol].insuranceFundSeed,
      });
    }
    return cmds;
  }

  // -------------------------------------------------------------------------------------------
  // Step
  // -------------------------------------------------------------------------------------------

  step(engine: EngineState, nowMs: number): Command[] {
    if (nowMs < this.lastNow) throw new RangeError(`step(${nowMs}) is before the previous step (${this.lastNow})`);
    this.lastNow = nowMs;
    this.desk.now = nowMs;
    this.desk.counters.steps++;
    const cmds: Command[] = [];
    this.desk.out = cmds;
    if (this.world === null) {
      const start: Record<string, number> = {};
      for (const s of this.specs) {
        const v = marketView(engine, s.symbol);
        const p = v === undefined ? 0 : v.index > 0 ? v.index : v.mark;
        if (p > 0) start[s.symbol] = p;
      }
      this.world = new World(this.config, this.prng.fork(), nowMs, start);
      // Forked after the world's stream, so adding it left the world's path for a seed unchanged.
      this.sequencing = this.prng.fork();
    }
    const world = this.world;
    if (!this.synced) this.sync(engine);
    this.reconcile();

    startDueScenarios(this.runs, nowMs, engine, world, this.specs, this.afmm, this.squeezeDesk, this.desk, this.planter);
    this.planter.act(engine, (mi) => world.markets[mi].spot, nowMs);
    world.advance(nowMs);

    const readings = this.read(engine);
    this.trackScenarios(readings, nowMs);

    // 1. Venue quotes → index → mark → liquidation detection. Liquidations meet the book as every
    //    participant left it at the end of the previous step.
    for (const m of world.markets) cmds.push(world.publish(m, nowMs));
    // 2. Fair sequencing (README "Fair sequencing"): every participant acts on the same readings,
    //    taken at the start of the step (the public index, mark and book), in an order drawn afresh
    //    each step from the sequencing stream, so the AFMM has neither earlier data nor a fixed
    //    place ahead of clients.
    for (const who of this.turnOrder()) {
      switch (who) {
        case "afmm":
          this.specs.forEach((_, mi) => this.afmm.quote(mi, readings[mi]));
          break;
        case "backstops":
          this.backstops.act(world, readings);
          break;
        case "squeezeDesk":
          this.squeezeDesk.act(world, nowMs);
          break;
        case "clients":
          this.clients.act(engine, world, readings, nowMs);
          break;
      }
    }
    // 3. The clock: basis and premium samples, mark, funding, detection.
    cmds.push({ type: "Tick", nowMs });
    return cmds;
  }

  /** This step's order of the participants: a uniformly random permutation (Fisher–Yates) from the sequencing stream. */
  private turnOrder(): Participant[] {
    const order: Participant[] = [...PARTICIPANTS];
    const prng = this.sequencing!;
    for (let i = order.length - 1; i > 0; i--) {
      const j = prng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
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
      const pos = this.desk.positions.get(id)!;
      let hasOrders = false;
      for (const p of v.positions) {
        const mi = this.specs.findIndex((s) => s.symbol === p.market);
        if (mi >= 0) pos[mi] = p.size;
        if (p.openBuy + p.openSell > 0) hasOrders = true;
      }
      if (hasOrders && !this.bootstrapped) this.desk.out.push({ type: "CancelAll", nowMs: this.desk.now, accountId: id });
    }
  }

  /** Orders sent last step with no OrderAccepted were rejected; drop them and stale ladder slots. */
  private reconcile(): void {
    this.desk.counters.ordersRejected += this.desk.pending.size;
    this.desk.pending.clear();
    this.afmm.dropStaleLevels();
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
  // Events
  // -------------------------------------------------------------------------------------------

  observe(events: readonly EngineEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case "OrderAccepted": {
          const p = this.desk.pending.get(e.orderId);
          if (p === undefined) break;
          this.desk.pending.delete(e.orderId);
          if (p.rests) this.desk.orders.set(e.orderId, { ...p, remaining: e.size });
          break;
        }
        case "Trade": {
          const mi = this.specs.findIndex((s) => s.symbol === e.market);
          const tp = this.desk.positions.get(e.takerAccountId);
          const mp = this.desk.positions.get(e.makerAccountId);
          const d = e.aggressor === "buy" ? e.size : -e.size;
          if (tp !== undefined) tp[mi] += d;
          if (mp !== undefined) mp[mi] -= d;
          const mo = this.desk.orders.get(e.makerOrderId);
          if (mo !== undefined) {
            mo.remaining = e.makerRemaining;
            if (mo.remaining <= 0) this.desk.orders.delete(e.makerOrderId);
          }
          const to = this.desk.orders.get(e.takerOrderId);
          if (to !== undefined) {
            to.remaining -= e.size;
            if (to.remaining <= 0) this.desk.orders.delete(e.takerOrderId);
          }
          break;
        }
        case "OrderClosed":
          this.desk.orders.delete(e.orderId);
          break;
        case "OrderReduced": {
          const o = this.desk.orders.get(e.orderId);
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
    return scheduleScenario(input, nowMs, this.specs, this.runs, this.config.scenarioSettleSec);
  }

  scenarios(): ScenarioRun[] {
    return this.runs.map((t) => t.run);
  }

  private trackScenarios(readings: Reading[], nowMs: number): void {
    // Baseline spread (EMA over steps) for markets under no scenario: the "before" of an AFMM pull.
    readings.forEach((r, mi) => {
      const busy = this.runs.some(
        (t) => t.run.status !== "finished" && t.run.status !== "scheduled" && t.run.outcome.markets.some((x) => x.market === r.market),
      );
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
    this.squeezeDesk.expire(nowMs);
  }

  positionsOf(accountId: number): Record<string, number> {
    const out: Record<string, number> = {};
    const p = this.desk.positions.get(accountId);
    if (p !== undefined) this.specs.forEach((s, mi) => (out[s.symbol] = p[mi]));
    return out;
  }

  stats(): SimulationStats {
    return { ...this.desk.counters, regime: this.world?.regime ?? "calm" };
  }
}
