/**
 * The stress suite's fixed settings and result shapes, with no imports: pages and client components
 * render results with these without pulling in the simulation.
 */

/** Bump when a scenario, the warm-up or a measure changes: results of another version are not comparable. */
export const STRESS_SUITE_VERSION = "stress-suite/1";
/** The seed the published runs use, so anyone can repeat them. */
export const STRESS_SUITE_DEFAULT_SEED = 42;

export const STRESS_SCENARIO_IDS = ["single_source_manipulation", "venue_outage", "stablecoin_depeg", "flash_crash"] as const;
export type StressScenarioId = (typeof STRESS_SCENARIO_IDS)[number];

/**
 * Long enough for the leveraged client agents to have opened their positions (they open within
 * minutes and hold 10–240 min), so the stresses meet a market with leverage in it.
 */
export const STRESS_WARMUP_MS = 30 * 60_000;

/** Scenario magnitudes: fixed by the suite version, never by the proposal under test. */
export const STRESS_SCENARIO_SETTINGS = {
  /** The heaviest index source prints 50 % above spot for 5 minutes. */
  manipulation: { factorPct: 150, durationSec: 300 },
  /** Enough of the heaviest sources stop quoting for 5 minutes that fewer than the minimum stay valid. */
  outage: { durationSec: 300 },
  /** The stablecoin the lightest sources quote in falls to 0.95 USD for 10 minutes (their USD-read prices rise by 1/0.95). */
  depeg: { stablecoinUsdPct: 95, durationSec: 600 },
  /** Spot falls 20 % within a minute and recovers over 10 minutes. */
  flashCrash: { dropPct: 20, durationSec: 60, recoverSec: 600 },
} as const;

export interface StressScenarioResult {
  id: StressScenarioId;
  /** English title and description of what the scenario did (the record; pages render the catalogue's text by id). */
  title: string;
  description: string;
  /** The index sources the scenario acted on (empty for the flash crash, which moves every venue). */
  venues: string[];
  /** Largest |mark − index| / index after the stress began, ppb. */
  maxMarkIndexDivergencePpb: number;
  /** Largest |mark − mark at the start| / mark at the start, ppb. */
  maxMarkMovePpb: number;
  /** Liquidations that closed lots in this market (cross margin: an account's other markets may be closed too). */
  liquidations: number;
  /** Notional of the liquidation fills, backstop transfers and ADL fills in this market, micro-USD. */
  liquidatedNotional: bigint;
  /** What the market's insurance fund paid out (backstop and ADL compensation, negative equity), micro-USD. */
  insuranceFundDraw: bigint;
  /** Notional the backstop liquidity providers took over, micro-USD. */
  backstopUsed: bigint;
  /** ADL stages that closed lots. */
  adlEvents: number;
  /** Index ticks with too few valid sources (the previous index held; mark and liquidations pause). */
  indexHeldTicks: number;
}

export interface StressSuiteResult {
  suiteVersion: string;
  seed: number;
  market: string;
  /** SHA-256 hex of the canonical JSON of the market's MarketSpecInput (as approval records name parameters). */
  parameterHash: string;
  scenarios: StressScenarioResult[];
}

/** What the public answer (GET /api/public/stress, the methodology page) gives per market; money as decimal strings. */
export type PublishedStressStatus = "done" | "running" | "failed" | "not_run";

/** A result as JSON carries it: money (micro-USD) as decimal strings; pages accept either. */
export type StressScenarioResultWire = Omit<StressScenarioResult, "liquidatedNotional" | "insuranceFundDraw" | "backstopUsed"> & {
  liquidatedNotional: string | bigint;
  insuranceFundDraw: string | bigint;
  backstopUsed: string | bigint;
};
export type StressSuiteResultWire = Omit<StressSuiteResult, "scenarios"> & { scenarios: StressScenarioResultWire[] };

export interface PublishedStressMarket {
  market: string;
  /** SHA-256 of the market's parameters in force (what the approval records name). */
  parameterHash: string;
  /** done: `result` is for exactly these parameters; otherwise there is none yet (running, the last try failed, or never run). */
  status: PublishedStressStatus;
  /** ISO time the run finished. */
  ranAt: string | null;
  result: StressSuiteResultWire | null;
}

export interface PublishedStress {
  suiteVersion: string;
  markets: PublishedStressMarket[];
}
