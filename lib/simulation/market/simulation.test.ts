import { describe, expect, it } from "vitest";
import {
  accountView,
  apply,
  bookDepth,
  checkInvariants,
  createEngine,
  DEFAULT_AFMM_TERMS,
  DEFAULT_ENGINE_CONFIG_INPUT,
  marketView,
  replay,
  stateHash,
  type Command,
  type EngineEvent,
  type EngineState,
  type RejectionCode,
} from "../../engine/index";
import {
  AFMM_ACCOUNT_ID,
  AFMM_AFFILIATE_ACCOUNT_ID,
  BLOCK_TRADER_ACCOUNT_ID,
  SIM_ACCOUNT_ID_MAX,
  simulatorAccountIds,
  resolveSimulationConfig,
} from "./config";
import { DEFAULT_START_MS, runHeadless } from "./headless";
import { createMarketSimulation, type MarketSimulation } from "./simulation";

const T0 = DEFAULT_START_MS;

interface Driven {
  journal: Command[];
  rejections: Partial<Record<RejectionCode, number>>;
  events: number;
  trades: number;
}

/** The host's loop in miniature: step, apply in order, feed the events back. */
function drive(sim: MarketSimulation, engine: EngineState, fromMs: number, toMs: number, stepMs: number, out: Driven): void {
  for (let now = fromMs; now <= toMs; now += stepMs) {
    const events: EngineEvent[] = [];
    for (const c of sim.step(engine, now)) {
      out.journal.push(c);
      const r = apply(engine, c);
      if (r.rejection) out.rejections[r.rejection.code] = (out.rejections[r.rejection.code] ?? 0) + 1;
      events.push(...r.events);
    }
    out.events += events.length;
    out.trades += events.filter((e) => e.type === "Trade").length;
    sim.observe(events);
  }
}

function fresh(seed: number, ids: { nextOrderId(): number }): { engine: EngineState; sim: MarketSimulation; d: Driven } {
  const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
  const sim = createMarketSimulation({ seed, startMs: T0, ids });
  const d: Driven = { journal: [], rejections: {}, events: 0, trades: 0 };
  const boot = sim.bootstrap(T0);
  const events: EngineEvent[] = [];
  for (const c of boot) {
    d.journal.push(c);
    const r = apply(engine, c);
    expect(r.rejection, `${c.type}: ${r.rejection?.message}`).toBeUndefined();
    events.push(...r.events);
  }
  sim.observe(events);
  return { engine, sim, d };
}

const counter = (start = 1) => {
  let n = start;
  return { nextOrderId: () => n++, peek: () => n };
};

describe("market simulation", () => {
  it("same seed → identical engine state hash; different seed → different", () => {
    const a = runHeadless({ seed: 42, durationMs: 15 * 60_000 });
    const b = runHeadless({ seed: 42, durationMs: 15 * 60_000 });
    const c = runHeadless({ seed: 43, durationMs: 15 * 60_000 });
    expect(a.finalStateHash).toBe(b.finalStateHash);
    expect(a.summary.trades).toBe(b.summary.trades);
    expect(c.finalStateHash).not.toBe(a.finalStateHash);
  });

  it("the same seed gives the same world at a different host cadence (the path is sub-stepped)", () => {
    // Not the same engine state (agents act per step), but the same spot path: compare the index.
    const a = runHeadless({ seed: 5, durationMs: 5 * 60_000, stepMs: 1_000 });
    const b = runHeadless({ seed: 5, durationMs: 5 * 60_000, stepMs: 500 });
    const ia = marketView(a.engine, "BTC-PERP")!.index;
    const ib = marketView(b.engine, "BTC-PERP")!.index;
    expect(Math.abs(ia - ib) / ia).toBeLessThan(0.002); // only venue noise/cadence differ
  });

  it("bootstraps only reserved account ids, funds them and seeds the insurance funds", () => {
    const { engine } = fresh(1, counter());
    const ids = simulatorAccountIds(resolveSimulationConfig());
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(ids.every((id) => id >= 1 && id <= SIM_ACCOUNT_ID_MAX)).toBe(true);
    expect(accountView(engine, AFMM_ACCOUNT_ID)!.kind).toBe("afmm");
    expect(accountView(engine, 11)!.backstop).toMatchObject({ capacity: 20_000_000_000_000n, replenishPerHour: 20_000_000_000_000n / 12n });
    // The block trader wires its margin when a gap-through-backstop scenario opens its block; the
    // second affiliate account exists only once a plant-wash scenario has started.
    for (const id of ids) if (id !== BLOCK_TRADER_ACCOUNT_ID && id !== AFMM_AFFILIATE_ACCOUNT_ID) expect(accountView(engine, id)!.equity).toBeGreaterThan(0n);
    expect(accountView(engine, AFMM_AFFILIATE_ACCOUNT_ID)).toBeUndefined();
    expect(accountView(engine, BLOCK_TRADER_ACCOUNT_ID)!.equity).toBe(0n);
    expect(marketView(engine, "BTC-PERP")!.insuranceFund.balance).toBeGreaterThan(0n);
  });

  it("makes a living market: both books two-sided, trades every few seconds, few rejections, invariants hold", () => {
    const ids = counter();
    const { engine, sim, d } = fresh(42, ids);
    drive(sim, engine, T0 + 1_000, T0 + 30 * 60_000, 1_000, d);
    expect(checkInvariants(engine)).toEqual([]);
    const perHour = d.trades * 2;
    expect(perHour).toBeGreaterThan(1_200); // ≥ one trade every 3 s
    for (const m of ["BTC-PERP", "ETH-PERP"]) {
      const v = marketView(engine, m)!;
      expect(v.indexValid).toBe(true);
      expect(v.bestBid).toBeGreaterThan(0);
      expect(v.bestAsk).toBeGreaterThan(v.bestBid);
      expect((v.bestAsk - v.bestBid) / v.index).toBeLessThan(0.005);
      const depth = bookDepth(engine, m, 20)!;
      expect(depth.bids.length).toBeGreaterThanOrEqual(5);
    }
    const placed = d.journal.filter((c) => c.type === "PlaceOrder").length;
    const rejected = Object.values(d.rejections).reduce((a, b) => a + (b ?? 0), 0);
    expect(rejected / placed).toBeLessThan(0.05);
    expect(d.rejections.DUPLICATE_ORDER_ID ?? 0).toBe(0);
    // Order-id economy: a few ids per simulated second, not dozens.
    expect(placed / 1_800).toBeLessThan(12);
    // Only ordinary commands reach the engine.
    expect(new Set(d.journal.map((c) => c.type))).toEqual(
      new Set(["CreateAccount", "Deposit", "SettleDeposit", "FundInsurance", "IndexQuotes", "PlaceOrder", "CancelOrder", "Tick"]),
    );
    const s = sim.stats();
    expect(s.ordersPlaced).toBe(placed);
  });

  it("the command journal (with a scenario) replays to the same state hash", () => {
    const { engine, sim, d } = fresh(3, counter());
    expect(sim.injectScenario({ type: "flash-crash", market: "ETH-PERP", dropPct: 20, durationSec: 30, recoverSec: 60, delaySec: 60 }, T0).ok).toBe(true);
    drive(sim, engine, T0 + 1_000, T0 + 5 * 60_000, 1_000, d);
    const again = replay({ config: DEFAULT_ENGINE_CONFIG_INPUT, startMs: T0 }, d.journal);
    expect(stateHash(again)).toBe(stateHash(engine));
  });

  it("a gap-through-backstop run sends only ordinary commands, and its journal replays to the same state hash", () => {
    const { engine, sim, d } = fresh(3, counter());
    drive(sim, engine, T0 + 1_000, T0 + 3 * 60_000, 1_000, d);
    const from = d.journal.length;
    expect(sim.injectScenario({ type: "gap-through-backstop", market: "BTC-PERP", durationSec: 60, recoverSec: 60 }, T0 + 3 * 60_000).ok).toBe(true);
    drive(sim, engine, T0 + 3 * 60_000 + 1_000, T0 + 7 * 60_000, 1_000, d);
    // What a feed and clients send (the block trader's margin is an ordinary deposit).
    expect(new Set(d.journal.slice(from).map((c) => c.type))).toEqual(
      new Set(["IndexQuotes", "PlaceOrder", "CancelOrder", "CancelAll", "Deposit", "SettleDeposit", "Tick"]),
    );
    expect(sim.scenarios()[0].outcome.adlFired).toBe(true);
    expect(checkInvariants(engine)).toEqual([]);
    const again = replay({ config: DEFAULT_ENGINE_CONFIG_INPUT, startMs: T0 }, d.journal);
    expect(stateHash(again)).toBe(stateHash(engine));
  });

  it("resumes on an existing engine with a new seed and no bootstrap, without reusing order ids", () => {
    const ids = counter();
    const { engine, sim, d } = fresh(11, ids);
    drive(sim, engine, T0 + 1_000, T0 + 10 * 60_000, 1_000, d);
    const before = marketView(engine, "BTC-PERP")!;
    // Restart: the host keeps its id counter; the new simulation never sees bootstrap().
    const resumed = createMarketSimulation({ seed: 11 ^ 0x9e3779b9, startMs: T0 + 10 * 60_000, ids });
    const d2: Driven = { journal: [], rejections: {}, events: 0, trades: 0 };
    drive(resumed, engine, T0 + 10 * 60_000 + 1_000, T0 + 20 * 60_000, 1_000, d2);
    expect(d2.rejections.DUPLICATE_ORDER_ID ?? 0).toBe(0);
    expect(d2.rejections.UNKNOWN_ACCOUNT ?? 0).toBe(0);
    expect(d2.trades).toBeGreaterThan(200);
    // It picked the price up from the engine rather than jumping back to its default.
    const first = d2.journal.find((c) => c.type === "IndexQuotes" && c.market === "BTC-PERP");
    expect(first?.type === "IndexQuotes" && Math.abs(first.quotes[0].price - before.index) / before.index).toBeLessThan(0.01);
    // Its first step cancelled the old resting orders it no longer knows.
    expect(d2.journal.some((c) => c.type === "CancelAll" && c.accountId === AFMM_ACCOUNT_ID)).toBe(true);
    expect(checkInvariants(engine)).toEqual([]);
    const v = marketView(engine, "BTC-PERP")!;
    expect(v.bestBid).toBeGreaterThan(0);
    expect(v.bestAsk).toBeGreaterThan(0);
  });

  it("tracks its accounts' positions exactly from the events (AFMM skew depends on it)", () => {
    const { engine, sim, d } = fresh(21, counter());
    expect(sim.injectScenario({ type: "flash-crash", market: "BTC-PERP", dropPct: 25, durationSec: 45 }, T0 + 120_000).ok).toBe(true);
    drive(sim, engine, T0 + 1_000, T0 + 6 * 60_000, 1_000, d);
    const tracked = sim.positionsOf(AFMM_ACCOUNT_ID);
    const view = accountView(engine, AFMM_ACCOUNT_ID)!;
    for (const p of view.positions) expect(tracked[p.market] ?? 0).toBe(p.size);
    for (const id of simulatorAccountIds(sim.config)) {
      const t = sim.positionsOf(id);
      for (const p of accountView(engine, id)?.positions ?? []) expect([id, p.market, t[p.market] ?? 0]).toEqual([id, p.market, p.size]);
    }
  });

  it("refuses to step back in time", () => {
    const { engine, sim } = fresh(1, counter());
    sim.step(engine, T0 + 2_000);
    expect(() => sim.step(engine, T0 + 1_000)).toThrow(RangeError);
  });
});

/** The AFMM's order commands in a step, without order ids (they come from the shared counter, so they depend on who acted first). */
function afmmCommands(cmds: Command[]): unknown[] {
  return cmds
    .filter((c) => (c.type === "PlaceOrder" || c.type === "CancelOrder" || c.type === "CancelAll") && c.accountId === AFMM_ACCOUNT_ID)
    .map((c) => (c.type === "PlaceOrder" ? { ...c, orderId: 0 } : c));
}

/** Step, apply, observe: one host step, returning the step's commands. */
function stepOnce(sim: MarketSimulation, engine: EngineState, now: number): Command[] {
  const cmds = sim.step(engine, now);
  const events: EngineEvent[] = [];
  for (const c of cmds) events.push(...apply(engine, c).events);
  sim.observe(events);
  return cmds;
}

/** Move the simulated world's true price path (and the clients' sentiment) without touching the engine. */
function perturbWorld(sim: MarketSimulation): void {
  const world = (sim as unknown as { world: { markets: Array<{ base: bigint; sentimentPpb: number }> } }).world;
  for (const m of world.markets) {
    m.base = (m.base * 105n) / 100n;
    m.sentimentPpb += 2_000_000;
  }
}

describe("AFMM-2/fair sequencing", () => {
  it("AFMM-2/fair sequencing: the AFMM's commands depend only on public readings", () => {
    // Two simulations with the same seed on two engines: identical up to the perturbation.
    const a = fresh(11, counter());
    const b = fresh(11, counter());
    stepOnce(a.sim, a.engine, T0);
    stepOnce(b.sim, b.engine, T0);
    expect(stateHash(b.engine)).toBe(stateHash(a.engine));
    // Step 2 is the AFMM's first quote (the first index is published in step 1). The true spot in b
    // is 5 % higher, yet the published readings are the same, so the AFMM quotes the same ladder.
    perturbWorld(b.sim);
    const ca = stepOnce(a.sim, a.engine, T0 + 1_000);
    const cb = stepOnce(b.sim, b.engine, T0 + 1_000);
    expect(afmmCommands(cb)).toEqual(afmmCommands(ca));
    expect(afmmCommands(ca).length).toBeGreaterThanOrEqual(16);
    // The world did differ: the venues' quotes (the index's inputs) are not the same.
    const quotesOf = (cmds: Command[]) => cmds.filter((c) => c.type === "IndexQuotes");
    expect(quotesOf(cb)).not.toEqual(quotesOf(ca));

    // Mid-run, in a live market: same again after 90 identical steps.
    const c = fresh(12, counter());
    const d = fresh(12, counter());
    let now = T0;
    for (let k = 0; k < 90; k++, now += 1_000) {
      stepOnce(c.sim, c.engine, now);
      stepOnce(d.sim, d.engine, now);
    }
    expect(stateHash(d.engine)).toBe(stateHash(c.engine));
    perturbWorld(d.sim);
    for (let k = 0; k < 3; k++, now += 1_000) {
      // Only the step right after the perturbation: later readings legitimately differ (new index).
      const cc = stepOnce(c.sim, c.engine, now);
      const cd = stepOnce(d.sim, d.engine, now);
      if (k === 0) expect(afmmCommands(cd)).toEqual(afmmCommands(cc));
    }
  });

  it("AFMM-2/fair sequencing: the AFMM acts after the index publish and has no fixed place ahead of clients", () => {
    const { engine, sim } = fresh(13, counter());
    let afmmFirst = 0;
    let clientFirst = 0;
    for (let now = T0; now < T0 + 600_000; now += 1_000) {
      const cmds = stepOnce(sim, engine, now);
      const firstAfmm = cmds.findIndex((c) => "accountId" in c && c.accountId === AFMM_ACCOUNT_ID);
      const lastIndex = cmds.findLastIndex((c) => c.type === "IndexQuotes");
      if (firstAfmm >= 0) expect(firstAfmm).toBeGreaterThan(lastIndex);
      const firstClient = cmds.findIndex((c) => c.type === "PlaceOrder" && c.accountId >= 1_001);
      if (firstAfmm < 0 || firstClient < 0) continue;
      if (firstAfmm < firstClient) afmmFirst++;
      else clientFirst++;
    }
    // A seeded shuffle per step: each goes first in a good share of the steps where both act.
    const both = afmmFirst + clientFirst;
    expect(both).toBeGreaterThan(50);
    expect(afmmFirst / both).toBeGreaterThan(0.3);
    expect(clientFirst / both).toBeGreaterThan(0.3);
  });
});

describe("AFMM-6: the default AFMM quote obligations are what the simulated AFMM quotes", () => {
  it("AFMM-6: over 30 minutes (seed 42) the AFMM meets each market's obligation in at least minTimeOnBookPct of the steps", () => {
    const { engine, sim } = fresh(42, counter());
    const obligations = DEFAULT_AFMM_TERMS.quoteObligations;
    const met = obligations.map(() => 0);
    let steps = 0;
    for (let now = T0; now < T0 + 1_800_000; now += 1_000) {
      stepOnce(sim, engine, now);
      if (now < T0 + 60_000) continue;
      steps++;
      obligations.forEach((o, k) => {
        const m = engine.markets.find((x) => x.symbol === o.market)!;
        let bid = 0;
        let bidSize = 0;
        let ask = Infinity;
        let askSize = 0;
        for (const [, owner, side, price, remaining] of m.book.snapshot()) {
          if (owner !== AFMM_ACCOUNT_ID) continue;
          if (side === 0 && price >= bid) [bid, bidSize] = [price, price === bid ? bidSize + remaining : remaining];
          if (side === 1 && price <= ask) [ask, askSize] = [price, price === ask ? askSize + remaining : remaining];
        }
        if (bid === 0 || ask === Infinity) return;
        const spreadBps = ((ask - bid) * 20_000) / (ask + bid);
        if (spreadBps <= o.maxSpreadBps && bidSize >= o.minSizeLots && askSize >= o.minSizeLots) met[k]++;
      });
    }
    obligations.forEach((o, k) => expect([o.market, (met[k] * 100) / steps >= o.minTimeOnBookPct]).toEqual([o.market, true]));
  });
});
