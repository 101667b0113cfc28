import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { runHeadless } from "./headless";
import { parseScenario, type MarketOutcome, type ScenarioRun } from "./scenarios";

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
    ]) {
      const r = parseScenario(input, VENUES);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(r.value.delaySec).toBe(0);
    }
    const sq = parseScenario({ type: "funding-squeeze", market: "BTC-PERP", durationSec: 600 }, VENUES);
    expect(sq.ok && sq.value.type === "funding-squeeze" && sq.value.side).toBe("buy");
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
