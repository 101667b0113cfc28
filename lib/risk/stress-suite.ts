/**
 * The standard stress suite (MRG-5, LIQ-1, DISC-1): one market's parameters, in force or proposed, run
 * through four mark-price stresses on the headless market simulation — single-source manipulation, a
 * venue outage, a stablecoin depeg and a flash crash — and reported per scenario as mark/index
 * divergence, mark move, liquidations, liquidated notional, insurance-fund draw, backstop use, ADL and
 * held-index ticks.
 *
 * Pure: the seed, the configuration and the market are the only inputs; no clock, no I/O. Each scenario
 * is its own run from the same seeded warm-up, so one scenario's liquidations never change the next
 * one's starting book, and a result can be repeated exactly from (suiteVersion, seed, parameters).
 */

import { validateEngineConfig, type EngineConfigInput, type EngineEvent, type MarketSpec } from "../engine/index";
import { DEFAULT_START_MS, runHeadless } from "../simulation/market/index";
import { marketParameterHash } from "./parameter-hash";
import {
  STRESS_SCENARIO_SETTINGS,
  STRESS_SUITE_VERSION,
  STRESS_WARMUP_MS,
  type StressScenarioId,
  type StressScenarioResult,
  type StressSuiteResult,
} from "./stress-settings";

export {
  STRESS_SCENARIO_IDS,
  STRESS_SCENARIO_SETTINGS,
  STRESS_SUITE_DEFAULT_SEED,
  STRESS_SUITE_VERSION,
  STRESS_WARMUP_MS,
  type StressScenarioId,
  type StressScenarioResult,
  type StressSuiteResult,
} from "./stress-settings";

export class StressSuiteError extends Error {
  override name = "StressSuiteError";
}

/** Every scenario is observed this long after its stress ends, so late liquidations are counted. */
const AFTERMATH_MS = 120_000;

interface Plan {
  id: StressScenarioId;
  title: string;
  description: string;
  venues: string[];
  input: Record<string, unknown> | null;
  /** Stress start to end of observation, ms. */
  windowMs: number;
}

/** Heaviest first; ties keep configuration order (a stable sort), so the choice is deterministic. */
const byWeightDesc = (sources: MarketSpec["index"]["sources"]) => [...sources].sort((a, b) => b.weight - a.weight);

function plans(spec: MarketSpec): Plan[] {
  const { manipulation, outage, depeg, flashCrash } = STRESS_SCENARIO_SETTINGS;
  const sources = spec.index.sources;
  const heavy = byWeightDesc(sources);
  const target = heavy[0];
  const outageCount = Math.min(sources.length, Math.max(1, sources.length - spec.index.minValidSources + 1));
  const down = heavy.slice(0, outageCount).map((s) => s.id);
  // The stablecoin-quoted venues: the lightest sources whose weight together stays under half of the
  // index, at least one — a depeg the median should survive, and the band should contain.
  const total = sources.reduce((n, s) => n + s.weight, 0);
  const light = [...heavy].reverse();
  const depegged: string[] = [];
  let w = 0;
  for (const s of light) {
    if (depegged.length > 0 && (w + s.weight) * 2 >= total) break;
    depegged.push(s.id);
    w += s.weight;
  }
  const sec = (x: number) => x * 1_000;
  return [
    {
      id: "single_source_manipulation",
      title: "Single-source manipulation",
      description: `The heaviest index source (${target.id}) prints ${manipulation.factorPct - 100} % above spot for ${manipulation.durationSec} s; every other venue stays honest.`,
      venues: [target.id],
      input: { type: "venue-depeg", market: spec.symbol, venueId: target.id, factor: manipulation.factorPct / 100, durationSec: manipulation.durationSec },
      windowMs: sec(manipulation.durationSec) + AFTERMATH_MS,
    },
    {
      id: "venue_outage",
      title: "Venue outage",
      description: `The ${down.length} heaviest index sources (${down.join(", ")}) stop quoting for ${outage.durationSec} s, leaving fewer than the ${spec.index.minValidSources} valid sources the index needs.`,
      venues: down,
      input: { type: "venues-stale", market: spec.symbol, venueIds: down, durationSec: outage.durationSec },
      windowMs: sec(outage.durationSec) + AFTERMATH_MS,
    },
    {
      id: "stablecoin_depeg",
      title: "Stablecoin depeg",
      description: `The sources quoting in a stablecoin (${depegged.join(", ")}, under half the index weight) see it fall to ${depeg.stablecoinUsdPct / 100} USD for ${depeg.durationSec} s, so their prices read in USD rise by ${(10_000 / depeg.stablecoinUsdPct - 100).toFixed(2)} %.`,
      venues: depegged,
      input: null,
      windowMs: sec(depeg.durationSec) + AFTERMATH_MS,
    },
    {
      id: "flash_crash",
      title: "Flash crash",
      description: `Spot on every venue falls ${flashCrash.dropPct} % within ${flashCrash.durationSec} s and recovers over ${flashCrash.recoverSec} s.`,
      venues: [],
      input: { type: "flash-crash", market: spec.symbol, dropPct: flashCrash.dropPct, durationSec: flashCrash.durationSec, recoverSec: flashCrash.recoverSec },
      windowMs: sec(flashCrash.durationSec + flashCrash.recoverSec) + AFTERMATH_MS,
    },
  ];
}

/** Measures one market's stress from the engine's events once the stress has begun. */
class Measure {
  private startMark = 0;
  private readonly touched = new Set<number>();
  private live = false;
  readonly r = { maxDiv: 0, maxMove: 0, liquidations: 0, liquidated: 0n, fundDraw: 0n, backstop: 0n, adl: 0, held: 0 };

  constructor(
    private readonly market: string,
    private readonly tickLotValue: bigint,
    private readonly fromMs: number,
  ) {}

  events(events: readonly EngineEvent[]): void {
    for (const e of events) {
      if (e.type === "MarkTick" && e.market === this.market && e.nowMs < this.fromMs) this.startMark = e.price;
      if (e.nowMs < this.fromMs) continue;
      this.live = true;
      this.one(e);
    }
  }

  private one(e: EngineEvent): void {
    const r = this.r;
    switch (e.type) {
      case "MarkTick":
        if (e.market !== this.market || e.inputs.index <= 0) break;
        r.maxDiv = Math.max(r.maxDiv, ppbOf(Math.abs(e.price - e.inputs.index), e.inputs.index));
        if (this.startMark > 0) r.maxMove = Math.max(r.maxMove, ppbOf(Math.abs(e.price - this.startMark), this.startMark));
        break;
      case "IndexTick":
        if (e.market === this.market && !e.valid) r.held++;
        break;
      case "Trade":
        if (e.market !== this.market) break;
        if (e.liquidation || e.backstop || e.adl) r.liquidated += BigInt(e.price) * BigInt(e.size) * this.tickLotValue;
        if (e.backstop) r.backstop += BigInt(e.price) * BigInt(e.size) * this.tickLotValue;
        break;
      case "LiqStageEntered":
        if (e.market !== this.market) break;
        if (e.sizeClosed > 0) this.touched.add(e.accountId);
        if (e.stage === "adl" && e.sizeClosed > 0) r.adl++;
        break;
      case "LiquidationCompleted":
        if (this.touched.delete(e.accountId)) r.liquidations++;
        break;
      case "InsuranceFundChanged":
        if (e.market === this.market && e.delta < 0n) r.fundDraw -= e.delta;
        break;
      default:
        break;
    }
  }

  get started(): boolean {
    return this.live;
  }
}

/** |d| / base in ppb, truncated; bigint because d·1e9 can pass 2^53 for prices in ticks. */
function ppbOf(d: number, base: number): number {
  return Number((BigInt(d) * 1_000_000_000n) / BigInt(base));
}

export interface RunStressSuiteInput {
  configInput: EngineConfigInput;
  market: string;
  seed: number;
  /** Called after each scenario with its index (0-based), e.g. so a worker can report progress. */
  onScenario?: (index: number) => void;
}

/**
 * Run the four scenarios for `market` under `configInput` (all markets run, so cross-margined
 * accounts behave as they would). Throws StressSuiteError when the configuration is invalid or the
 * market is not in it; any refusal of the simulation's bootstrap under these parameters throws too.
 */
export function runStressSuite({ configInput, market, seed, onScenario }: RunStressSuiteInput): StressSuiteResult {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0x7fff_ffff) throw new StressSuiteError(`seed must be an integer 0 … 2147483647, got ${seed}`);
  const cfg = validateEngineConfig(configInput);
  if (!cfg.ok) throw new StressSuiteError(`invalid engine configuration: ${cfg.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  const spec = cfg.config.markets.find((m) => m.symbol === market);
  if (spec === undefined)
    throw new StressSuiteError(`market ${market} is not in the configuration (known: ${cfg.config.markets.map((m) => m.symbol).join(", ")})`);

  // The stressed market alone: its own clients, book and fund, at half the cost of running every market.
  const alone = onlyMarket(configInput, market);
  const scenarios = plans(spec).map((plan, i): StressScenarioResult => {
    const measure = new Measure(market, spec.tickLotValue, DEFAULT_START_MS + STRESS_WARMUP_MS);
    // The depeg moves several venues at once: one venue-depeg per stablecoin-quoted source, same start.
    const scheduled =
      plan.input !== null
        ? [{ atMs: STRESS_WARMUP_MS, input: plan.input }]
        : plan.venues.map((venueId) => ({
            atMs: STRESS_WARMUP_MS,
            input: {
              type: "venue-depeg",
              market,
              venueId,
              factor: 100 / STRESS_SCENARIO_SETTINGS.depeg.stablecoinUsdPct,
              durationSec: STRESS_SCENARIO_SETTINGS.depeg.durationSec,
            },
          }));
    runHeadless({
      seed,
      startMs: DEFAULT_START_MS,
      durationMs: STRESS_WARMUP_MS + plan.windowMs,
      engineConfigInput: alone,
      scenarios: scheduled,
      onEvents: (events) => measure.events(events),
    });
    onScenario?.(i);
    if (!measure.started) throw new StressSuiteError(`scenario ${plan.id} produced no events after the warm-up`);
    const r = measure.r;
    return {
      id: plan.id,
      title: plan.title,
      description: plan.description,
      venues: plan.venues,
      maxMarkIndexDivergencePpb: r.maxDiv,
      maxMarkMovePpb: r.maxMove,
      liquidations: r.liquidations,
      liquidatedNotional: r.liquidated,
      insuranceFundDraw: r.fundDraw,
      backstopUsed: r.backstop,
      adlEvents: r.adl,
      indexHeldTicks: r.held,
    };
  });
  return { suiteVersion: STRESS_SUITE_VERSION, seed, market, parameterHash: marketParameterHash(spec), scenarios };
}

/** The configuration with one market (and the AFMM terms that name it); the rest is unchanged. */
function onlyMarket(input: EngineConfigInput, market: string): EngineConfigInput {
  return {
    ...input,
    markets: input.markets.filter((m) => m.symbol === market),
    ...(input.afmm === undefined
      ? {}
      : {
          afmm: {
            feeOverrides: input.afmm.feeOverrides.filter((f) => f.market === market),
            quoteObligations: input.afmm.quoteObligations.filter((q) => q.market === market),
          },
        }),
  };
}
export { marketParameterHash } from "./parameter-hash";
