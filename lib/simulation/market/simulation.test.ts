import { describe, expect, it } from "vitest";
import {
  accountView,
  apply,
  bookDepth,
  checkInvariants,
  createEngine,
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
