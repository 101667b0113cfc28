import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { createPrng } from "../../random/prng";
import { resolveSimulationConfig, SUBSTEP_MS } from "./config";
import { DEFAULT_START_MS, runHeadless } from "./headless";
import { sizeBlock } from "./scenario-start";
import { parseScenario, type MarketOutcome, type ScenarioRun } from "./scenarios";
import { World } from "./world";

const VENUES = new Map(DEFAULT_ENGINE_CONFIG.markets.map((m) => [m.symbol, m.index.sources.map((s) => s.id)] as const));
const errorsOf = (input: unknown): string[] => {
  const r = parseScenario(input, VENUES);
  return r.ok ? [] : r.errors;
};

describe("scenario validation", () => {
  it("accepts each scenario type and fills defaults", () => {
    for (const input of [
      { type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: 60 },
      { type: "venue-depeg", market: "ETH-PERP", venueId: "osl", factor: 1.3, durationSec: 120 },
      { type: "venues-stale", market: "BTC-PERP", venueIds: ["kraken", "bitstamp"], durationSec: 300 },
      { type: "afmm-pull", durationSec: 60 },
      { type: "funding-squeeze", market: "BTC-PERP", durationSec: 600 },
      { type: "gap-through-backstop", market: "ETH-PERP" },
    ]) {
      const r = parseScenario(input, VENUES);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(r.value.delaySec).toBe(0);
    }
    const sq = parseScenario({ type: "funding-squeeze", market: "BTC-PERP", durationSec: 600 }, VENUES);
    expect(sq.ok && sq.value.type === "funding-squeeze" && sq.value.side).toBe("buy");
    const gap = parseScenario({ type: "gap-through-backstop", market: "BTC-PERP" }, VENUES);
    expect(gap.ok && gap.value).toEqual({
      type: "gap-through-backstop",
      market: "BTC-PERP",
      gapPct: 60,
      side: "down",
      durationSec: 60,
      recoverSec: 900,
      blockPct: 150,
      delaySec: 0,
    });
  });

  it("rejects a bad gap-through-backstop with the field and the reason", () => {
    const gap = (fields: Record<string, unknown>) => errorsOf({ type: "gap-through-backstop", market: "BTC-PERP", ...fields });
    expect(gap({ gapPct: 0 })).toEqual(["gapPct: must be > 0 %"]);
    expect(gap({ gapPct: 96 })).toEqual(["gapPct: must be ≤ 95 % (a gap to zero is not a price)"]);
    expect(gap({ gapPct: "60" })).toEqual(["gapPct: must be a number (percent)"]);
    expect(gap({ side: "sideways" })).toEqual(['side: must be "down" or "up"']);
    expect(gap({ durationSec: 0 })).toEqual(["durationSec: must be > 0 seconds"]);
    expect(gap({ recoverSec: -1 })).toEqual(["recoverSec: must be ≥ 0 seconds"]);
    expect(gap({ blockPct: -5 })).toEqual(["blockPct: must be ≥ 0 % (0 = no block)"]);
    expect(gap({ delaySec: 0.5 })).toEqual(["delaySec: must be a whole number of seconds"]);
    expect(gap({ market: "DOGE-PERP" })).toEqual(['market: unknown market "DOGE-PERP" (known: BTC-PERP, ETH-PERP)']);
    expect(errorsOf({ type: "gap-through-backstop" })).toEqual(['market: must be a market symbol, e.g. "BTC-PERP"']);
  });

  it("rejects bad input with a field and a reason", () => {
    expect(errorsOf({ type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: -5 })).toEqual(["durationSec: must be > 0 seconds"]);
    expect(errorsOf({ type: "flash-crash", market: "BTC-PERP", dropPct: 96, durationSec: 60 })).toEqual([
      "dropPct: must be ≤ 95 % (a drop to zero is not a price)",
    ]);
    expect(errorsOf({ type: "flash-crash", market: "DOGE-PERP", dropPct: 10, durationSec: 60 })).toEqual([
      'market: unknown market "DOGE-PERP" (known: BTC-PERP, ETH-PERP)',
    ]);
    expect(errorsOf({ type: "venue-depeg", market: "ETH-PERP", venueId: "bybit", factor: 0.5, durationSec: 60 })).toEqual([
      'venueId: unknown venue "bybit" for ETH-PERP (known: hashkey, osl, coinbase, kraken, bitstamp)',
    ]);
    expect(errorsOf({ type: "venue-depeg", market: "BTC-PERP", venueId: "osl", factor: 1, durationSec: 60 })).toEqual([
      "factor: must differ from 1 (1 is no depeg)",
    ]);
    expect(errorsOf({ type: "venues-stale", market: "BTC-PERP", venueIds: ["osl", "osl", "nyse"], durationSec: 60 })).toEqual([
      'venueIds.2: unknown venue "nyse" for BTC-PERP (known: hashkey, osl, coinbase, kraken, bitstamp)',
      "venueIds: must not repeat a venue",
    ]);
    expect(errorsOf({ type: "venues-stale", market: "BTC-PERP", venueIds: [], durationSec: 60 })).toEqual(["venueIds: must name at least one venue"]);
    expect(errorsOf({ type: "meteor", durationSec: 60 })[0]).toMatch(/^type: unknown scenario type "meteor" \(known: flash-crash, /);
    expect(errorsOf({ type: "afmm-pull", durationSec: 1.5 })).toEqual(["durationSec: must be a whole number of seconds"]);
    expect(errorsOf({ type: "afmm-pull", durationSec: 60, extra: 1 })).toEqual(["unknown field(s): extra"]);
    expect(errorsOf({ type: "flash-crash", market: "BTC-PERP", dropPct: "30", durationSec: 60 })).toEqual(["dropPct: must be a number (percent)"]);
    expect(errorsOf({ type: "funding-squeeze", market: "BTC-PERP", side: "up", durationSec: 60 })).toEqual(['side: must be "buy" or "sell"']);
    expect(errorsOf(null)).toEqual(['scenario must be a JSON object with a "type"']);
  });
});

/** 5 min warm-up, the scenario, then its aftermath (seeded: deterministic). */
function runWith(input: unknown, minutes: number, seed = 7): ScenarioRun {
  const r = runHeadless({ seed, durationMs: minutes * 60_000, scenarios: [{ atMs: 5 * 60_000, input }] });
  expect(r.scenarios).toHaveLength(1);
  return r.scenarios[0];
}
const market = (run: ScenarioRun, symbol: string): MarketOutcome => run.outcome.markets.find((m) => m.market === symbol)!;

describe("scenario effects (seeded runs)", () => {
  it("a 30 % flash crash over 60 s liquidates and draws on the insurance fund", () => {
    const run = runWith({ type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: 60 }, 10);
    expect(run.status).toBe("finished");
    expect(run.endMs - run.startMs).toBe(60_000);
    const o = run.outcome;
    expect(o.liquidations.started).toBeGreaterThan(0);
    expect(o.liquidations.byStage.backstop.lotsClosed + o.liquidations.byStage.book.lotsClosed).toBeGreaterThan(0);
    const btc = market(run, "BTC-PERP");
    expect(btc.insuranceFund.maxDrawdown).toBeGreaterThan(0n);
    // Gapped accounts (equity < 0 at detection) go to the backstop at their bankruptcy price and the
    // fund compensates the LP: money out of the fund, not just liquidation fees in.
    expect(o.liquidations.byStage.insurance_fund.amount).toBeGreaterThan(0n);
    // The AFMM widens in the fast market.
    expect(btc.maxSpreadBps!).toBeGreaterThan(btc.baselineSpreadBps! * 3);
  });

  it("a depegged venue is clamped by the index band and mark–index divergence stays within the band", () => {
    const run = runWith({ type: "venue-depeg", market: "BTC-PERP", venueId: "hashkey", factor: 0.5, durationSec: 300 }, 12);
    const btc = market(run, "BTC-PERP");
    expect(btc.indexInputs.hashkey.clamped + btc.indexInputs.hashkey.excluded).toBeGreaterThan(200);
    expect(btc.indexInputs.osl.clamped).toBe(0);
    // Band δ = 1 %: one venue at −50 % moves the index by at most its weight share of 1 %.
    expect(btc.maxMarkIndexDivergencePpb).toBeLessThan(10_000_000);
    expect(btc.indexHeldTicks).toBe(0);
  });

  it("stale venues are excluded as stale (after staleAfterMs) and the index stays valid", () => {
    const run = runWith({ type: "venues-stale", market: "BTC-PERP", venueIds: ["kraken", "bitstamp"], durationSec: 300 }, 12);
    const btc = market(run, "BTC-PERP");
    expect(btc.indexInputs.kraken.stale).toBeGreaterThan(200);
    expect(btc.indexInputs.bitstamp.stale).toBeGreaterThan(200);
    expect(btc.indexInputs.osl.stale).toBe(0);
    expect(btc.indexHeldTicks).toBe(0);
  });

  it("stale venues below minValidSources hold the index (invalid)", () => {
    const run = runWith({ type: "venues-stale", market: "ETH-PERP", venueIds: ["hashkey", "osl", "coinbase"], durationSec: 180 }, 10);
    expect(market(run, "ETH-PERP").indexHeldTicks).toBeGreaterThan(0);
  });

  it("the AFMM pulling its quotes widens the spread", () => {
    const run = runWith({ type: "afmm-pull", market: "ETH-PERP", durationSec: 300 }, 12);
    const eth = market(run, "ETH-PERP");
    expect(eth.baselineSpreadBps).not.toBeNull();
    expect(eth.oneSidedSteps > 0 || eth.meanSpreadBps! > eth.baselineSpreadBps! * 2).toBe(true);
    expect(eth.meanSpreadBps!).toBeGreaterThan(eth.baselineSpreadBps!);
  });

  it("a funding squeeze pushes the perp above the index until funding hits its cap", () => {
    const run = runWith({ type: "funding-squeeze", market: "BTC-PERP", side: "buy", durationSec: 1_200 }, 28);
    const btc = market(run, "BTC-PERP");
    expect(btc.fundingCapHit).toBe(true);
    expect(btc.maxAbsPredictedFundingPpb).toBe(btc.fundingCapPpb);
    expect(btc.maxMarkIndexDivergencePpb).toBeGreaterThan(2_000_000);
  });
});

describe("gap-through-backstop", () => {
  it("the spot path gaps in one sub-step, with no price in between, and holds until the recovery", () => {
    const start = DEFAULT_START_MS;
    const world = new World(resolveSimulationConfig(), createPrng(9), start, {});
    const btc = world.market("BTC-PERP")!;
    const gapAt = start + 10_000;
    btc.crashes.push({ scenarioId: "S1", market: "BTC-PERP", shape: "gap", dropPpb: 600_000_000n, startMs: gapAt, durationMs: 20_000, recoverMs: 20_000 });
    const ticks = (micro: bigint) => Number((micro + 500_000n) / 1_000_000n);
    for (let t = start + SUBSTEP_MS; t < gapAt + 20_000; t += SUBSTEP_MS) {
      world.advance(t);
      // Before the gap the spot is the path; from its first sub-step on, 40 % of it.
      expect(btc.spot).toBe(t < gapAt ? ticks(btc.base) : ticks((btc.base * 400_000_000n) / 1_000_000_000n));
    }
    // Then a linear recovery: halfway through it the fall is half the gap.
    world.advance(gapAt + 30_000);
    expect(btc.spot).toBe(ticks((btc.base * 700_000_000n) / 1_000_000_000n));
    world.advance(gapAt + 40_000);
    expect(btc.spot).toBe(ticks(btc.base));
  });

  it("sizes the block so the gap takes it past its margin by the target, at the leverage the tiers allow", () => {
    const btc = DEFAULT_ENGINE_CONFIG.markets[0];
    const block = sizeBlock(btc, 600_000_000n, 3_000_000_000_000n)!;
    // 3 M USD beyond margin at −60 %: the 5–10 M USD tier (5×), margin 125 % of IM = 25 % of notional,
    // so 3 M / (60 % − 25 %) = 8.57 M USD of notional.
    expect(block.notional).toBe(8_571_428_571_429n);
    expect(block.margin).toBe((block.notional * 125n) / 500n);
    expect((block.notional * 6n) / 10n - block.margin >= 3_000_000_000_000n).toBe(true);
    // A target no tier reaches: the largest loss any tier allows (the top of the 3× tier, 18.3 % of 20 M USD).
    const capped = sizeBlock(btc, 600_000_000n, 50_000_000_000_000n)!;
    expect(capped.notional).toBe(19_999_999_999_999n);
    // A 2 % gap cannot take any allowed position past 125 % of its margin; nothing to size.
    expect(sizeBlock(btc, 20_000_000n, 1_000_000n)).toBeNull();
    expect(sizeBlock(btc, 600_000_000n, 0n)).toBeNull();
  });

  // LIQ-1: every step of the waterfall happens from the demo state: the gap meets the backstop, the
  // fund reaches its floor and the rest is deleveraged.
  for (const seed of [42, 7]) {
    it(`LIQ-1: with its defaults it reaches ADL in BTC-PERP and ETH-PERP after a 30-minute warm-up (seed ${seed})`, () => {
      for (const symbol of ["BTC-PERP", "ETH-PERP"]) {
        const r = runHeadless({ seed, durationMs: 36 * 60_000, scenarios: [{ atMs: 30 * 60_000, input: { type: "gap-through-backstop", market: symbol } }] });
        const w = r.summary.markets.find((m) => m.market === symbol)!.waterfall;
        expect([symbol, w.stages.adl > 0, w.insuranceFundDepleted > 0]).toEqual([symbol, true, true]);
        expect(w.stages.backstop).toBeGreaterThan(0);
        const o = r.scenarios[0].outcome;
        expect(o.liquidations.byStage.adl.entered).toBeGreaterThan(0);
        expect(o.adlFired).toBe(true);
      }
    });
  }

  it("LIQ-1: a second gap after the first left the fund at its floor still reaches ADL (the block is sized for a shortfall, not for a fund of zero)", () => {
    const gap = { type: "gap-through-backstop", market: "BTC-PERP", durationSec: 30, recoverSec: 60 };
    const r = runHeadless({
      seed: 42,
      durationMs: 12 * 60_000,
      scenarios: [
        { atMs: 3 * 60_000, input: gap },
        { atMs: 9 * 60_000, input: gap },
      ],
    });
    const [first, second] = r.scenarios.map((run) => run.outcome);
    expect(first.liquidations.insuranceFundDepleted).toBe(1);
    expect(second.liquidations.byStage.insurance_fund.amount).toBe(0n);
    expect(second.adlFired).toBe(true);
  });
});
