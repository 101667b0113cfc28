/**
 * Injectable stress scenarios: validation (zod, with messages that name the field and
 * the reason) and outcome recording from the engine's events.
 *
 * A scenario only changes the simulator's WORLD (the spot path, a venue's feed, the AFMM's or the
 * squeeze desk's behaviour); what reaches the engine is ordinary commands. So a scenario can never
 * put anything into the journal that a real feed or client could not.
 */

import { z } from "zod";
import type { EngineEvent, LiquidationStage } from "../../engine/index";

export const SCENARIO_TYPES = [
  "flash-crash",
  "venue-depeg",
  "venues-stale",
  "afmm-pull",
  "funding-squeeze",
  "gap-through-backstop",
  "plant-front-run",
  "plant-wash",
  "plant-spoof",
] as const;
/** Planted conduct patterns: the AFMM (and a second affiliate account) trade so that surveillance must raise the matching alert (AFMM-8). */
export const PLANTED_SCENARIO_TYPES = ["plant-front-run", "plant-wash", "plant-spoof"] as const;
export type ScenarioType = (typeof SCENARIO_TYPES)[number];

/** Longest scenario we accept: a day (anything longer is a regime, not a stress test). */
export const MAX_SCENARIO_SEC = 86_400;

const duration = z
  .number({ error: "must be a number of seconds" })
  .int({ error: "must be a whole number of seconds" })
  .positive({ error: "must be > 0 seconds" })
  .max(MAX_SCENARIO_SEC, { error: `must be ≤ ${MAX_SCENARIO_SEC} seconds (24 h)` });
const delay = z
  .number({ error: "must be a number of seconds" })
  .int({ error: "must be a whole number of seconds" })
  .min(0, { error: "must be ≥ 0 seconds" })
  .max(7 * MAX_SCENARIO_SEC, { error: "must be ≤ 7 days" })
  .default(0);
const marketName = z.string({ error: 'must be a market symbol, e.g. "BTC-PERP"' }).max(32, { error: 'must be a market symbol, e.g. "BTC-PERP"' });

const flashCrash = z
  .object({
    type: z.literal("flash-crash"),
    market: marketName,
    /** Peak fall of the common spot path, percent. */
    dropPct: z
      .number({ error: "must be a number (percent)" })
      .gt(0, { error: "must be > 0 %" })
      .max(95, { error: "must be ≤ 95 % (a drop to zero is not a price)" }),
    durationSec: duration,
    /** Linear recovery to the pre-crash path afterwards; 0 = the fall is permanent. */
    recoverSec: z
      .number({ error: "must be a number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(0, { error: "must be ≥ 0 seconds" })
      .max(MAX_SCENARIO_SEC, { error: "must be ≤ 86400 seconds" })
      .default(0),
    delaySec: delay,
  })
  .strict();

const venueDepeg = z
  .object({
    type: z.literal("venue-depeg"),
    market: marketName,
    venueId: z.string({ error: "must be a venue (index source) id" }).max(64, { error: "must be a venue (index source) id" }),
    /** The venue prints spot × factor (0.5 = 50 % below, 1.3 = 30 % above). */
    factor: z
      .number({ error: "must be a number" })
      .gt(0, { error: "must be > 0" })
      .max(100, { error: "must be ≤ 100" })
      .refine((f) => f !== 1, { error: "must differ from 1 (1 is no depeg)" }),
    durationSec: duration,
    delaySec: delay,
  })
  .strict();

const venuesStale = z
  .object({
    type: z.literal("venues-stale"),
    market: marketName,
    venueIds: z
      .array(z.string({ error: "must be venue ids" }).max(64, { error: "must be venue ids" }), { error: "must be an array of venue ids" })
      .min(1, { error: "must name at least one venue" })
      .max(32, { error: "must name at most 32 venues" }),
    durationSec: duration,
    delaySec: delay,
  })
  .strict();

const afmmPull = z
  .object({
    type: z.literal("afmm-pull"),
    /** Omitted = every market. */
    market: marketName.optional(),
    durationSec: duration,
    delaySec: delay,
  })
  .strict();

const fundingSqueeze = z
  .object({
    type: z.literal("funding-squeeze"),
    market: marketName,
    /** Side of the aggressive flow: buy pushes the perp above the index (longs pay), sell below. */
    side: z.enum(["buy", "sell"], { error: 'must be "buy" or "sell"' }).default("buy"),
    durationSec: duration,
    /** Aggressive notional per minute, USD. */
    notionalPerMinUsd: z
      .number({ error: "must be a number (USD)" })
      .positive({ error: "must be > 0 USD" })
      .max(100_000_000, { error: "must be ≤ 100,000,000 USD per minute" })
      .default(1_500_000),
    delaySec: delay,
  })
  .strict();

const gapThroughBackstop = z
  .object({
    type: z.literal("gap-through-backstop"),
    market: marketName,
    /** Size of the one-step gap of the spot path, percent. */
    gapPct: z
      .number({ error: "must be a number (percent)" })
      .gt(0, { error: "must be > 0 %" })
      .max(95, { error: "must be ≤ 95 % (a gap to zero is not a price)" })
      .default(60),
    /** down: the price falls (longs gap through bankruptcy); up: it rises (shorts do). */
    side: z.enum(["down", "up"], { error: 'must be "down" or "up"' }).default("down"),
    /**
     * How long the price stays gapped and the AFMM stays out of the market. Short by default: with the
     * book empty the mark's basis term keeps the pre-gap mid, and the mark drifts back toward it
     * (seed 42: 5 % above the index after 60 s, 56 % after 300 s).
     */
    durationSec: duration.default(60),
    /** Linear recovery to the path afterwards; 0 = the gap is permanent. */
    recoverSec: z
      .number({ error: "must be a number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(0, { error: "must be ≥ 0 seconds" })
      .max(MAX_SCENARIO_SEC, { error: "must be ≤ 86400 seconds" })
      .default(900),
    /**
     * A concentrated leveraged position the block trader opens on the side the gap hurts just before
     * it, sized so its loss beyond its own margin is this percent of the market's insurance fund
     * available above the floor (public figures); 0 = none, the gap meets only the positions open.
     */
    blockPct: z
      .number({ error: "must be a number (percent of the fund available above its floor)" })
      .min(0, { error: "must be ≥ 0 % (0 = no block)" })
      .max(1_000, { error: "must be ≤ 1000 % of the fund available" })
      .default(150),
    delaySec: delay,
  })
  .strict();

const usd = (max: number, def: number) =>
  z
    .number({ error: "must be a number (USD)" })
    .positive({ error: "must be > 0 USD" })
    .max(max, { error: `must be ≤ ${max.toLocaleString("en-US")} USD` })
    .default(def);
const seconds = (max: number, def: number) =>
  z
    .number({ error: "must be a number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .positive({ error: "must be > 0 seconds" })
    .max(max, { error: `must be ≤ ${max} seconds` })
    .default(def);
const plantDuration = duration.default(30);

const plantFrontRun = z
  .object({
    type: z.literal("plant-front-run"),
    market: marketName,
    /** Side the AFMM takes first and the client block then takes too. */
    side: z.enum(["buy", "sell"], { error: 'must be "buy" or "sell"' }).default("buy"),
    /** What the AFMM takes aggressively at the start, USD. */
    afmmNotionalUsd: usd(10_000_000, 50_000),
    /** The client block that follows, USD. */
    blockNotionalUsd: usd(100_000_000, 500_000),
    /** Time from the AFMM's trade to the client block, seconds (< durationSec). */
    leadSec: seconds(600, 5),
    durationSec: plantDuration,
    delaySec: delay,
  })
  .strict();

const plantWash = z
  .object({
    type: z.literal("plant-wash"),
    market: marketName,
    /** Size of each trade between the two affiliate accounts, USD. */
    notionalUsd: usd(10_000_000, 20_000),
    /** Number of trades, one per step, alternating sides (≤ durationSec). */
    trades: z
      .number({ error: "must be a whole number of trades" })
      .int({ error: "must be a whole number of trades" })
      .min(1, { error: "must be ≥ 1" })
      .max(100, { error: "must be ≤ 100" })
      .default(3),
    durationSec: plantDuration,
    delaySec: delay,
  })
  .strict();

const plantSpoof = z
  .object({
    type: z.literal("plant-spoof"),
    market: marketName,
    /** Side of the large order the AFMM places and cancels; it trades the other side meanwhile. */
    side: z.enum(["buy", "sell"], { error: 'must be "buy" or "sell"' }).default("buy"),
    /** The large order, USD (rests 30 bps behind spot so that it does not fill). */
    spoofNotionalUsd: usd(100_000_000, 1_000_000),
    /** What the AFMM trades on the other side, USD. */
    tradeNotionalUsd: usd(10_000_000, 50_000),
    /** The large order is cancelled this long after it was placed, seconds (< durationSec). */
    holdSec: seconds(60, 2),
    durationSec: plantDuration,
    delaySec: delay,
  })
  .strict();

export const SCENARIO_SCHEMAS = {
  "flash-crash": flashCrash,
  "venue-depeg": venueDepeg,
  "venues-stale": venuesStale,
  "afmm-pull": afmmPull,
  "funding-squeeze": fundingSqueeze,
  "gap-through-backstop": gapThroughBackstop,
  "plant-front-run": plantFrontRun,
  "plant-wash": plantWash,
  "plant-spoof": plantSpoof,
} as const;

export type FlashCrashInput = z.output<typeof flashCrash>;
export type VenueDepegInput = z.output<typeof venueDepeg>;
export type VenuesStaleInput = z.output<typeof venuesStale>;
export type AfmmPullInput = z.output<typeof afmmPull>;
export type FundingSqueezeInput = z.output<typeof fundingSqueeze>;
export type GapThroughBackstopInput = z.output<typeof gapThroughBackstop>;
export type PlantFrontRunInput = z.output<typeof plantFrontRun>;
export type PlantWashInput = z.output<typeof plantWash>;
export type PlantSpoofInput = z.output<typeof plantSpoof>;
export type ScenarioInput =
  | FlashCrashInput
  | VenueDepegInput
  | VenuesStaleInput
  | AfmmPullInput
  | FundingSqueezeInput
  | GapThroughBackstopInput
  | PlantFrontRunInput
  | PlantWashInput
  | PlantSpoofInput;

/**
 * Validate a scenario against the markets and venues (index source ids) the engine runs.
 * Errors read "field: reason", e.g. `dropPct: must be ≤ 95 %` or `venueId: unknown venue "x" for BTC-PERP (known: …)`.
 */
export function parseScenario(
  input: unknown,
  venuesByMarket: ReadonlyMap<string, readonly string[]>,
): { ok: true; value: ScenarioInput } | { ok: false; errors: string[] } {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return { ok: false, errors: ['scenario must be a JSON object with a "type"'] };
  const type = (input as { type?: unknown }).type;
  if (typeof type !== "string" || !(SCENARIO_TYPES as readonly string[]).includes(type)) {
    return { ok: false, errors: [`type: unknown scenario type ${JSON.stringify(type)} (known: ${SCENARIO_TYPES.join(", ")})`] };
  }
  const res = SCENARIO_SCHEMAS[type as ScenarioType].safeParse(input);
  if (!res.success) {
    return {
      ok: false,
      errors: res.error.issues.map((i) =>
        i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : `${i.path.join(".") || "(root)"}: ${i.message}`,
      ),
    };
  }
  const v = res.data;
  const errors: string[] = [];
  const known = [...venuesByMarket.keys()];
  const venues = v.market === undefined ? undefined : venuesByMarket.get(v.market);
  if (v.market !== undefined && venues === undefined) errors.push(`market: unknown market ${JSON.stringify(v.market)} (known: ${known.join(", ")})`);
  if (venues !== undefined) {
    const checkVenue = (id: string, path: string) => {
      if (!venues.includes(id)) errors.push(`${path}: unknown venue ${JSON.stringify(id)} for ${v.market} (known: ${venues.join(", ")})`);
    };
    if (v.type === "venue-depeg") checkVenue(v.venueId, "venueId");
    if (v.type === "venues-stale") {
      v.venueIds.forEach((id, i) => checkVenue(id, `venueIds.${i}`));
      if (new Set(v.venueIds).size !== v.venueIds.length) errors.push("venueIds: must not repeat a venue");
    }
  }
  if (v.type === "plant-front-run" && v.leadSec >= v.durationSec) errors.push("leadSec: must be less than durationSec");
  if (v.type === "plant-spoof" && v.holdSec >= v.durationSec) errors.push("holdSec: must be less than durationSec");
  if (v.type === "plant-wash" && v.trades > v.durationSec) errors.push("trades: must be ≤ durationSec (one trade per step)");
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: v };
}

// ---------------------------------------------------------------------------------------------
// Runs and outcomes
// ---------------------------------------------------------------------------------------------

export interface StageTally {
  /** LiqStageEntered events of this stage. */
  entered: number;
  /** Lots closed by the stage. */
  lotsClosed: number;
  /** Money the stage moved (insurance_fund: compensation paid), micro-USD. */
  amount: bigint;
}

export interface MarketOutcome {
  market: string;
  insuranceFund: {
    start: bigint;
    min: bigint;
    end: bigint;
    /** Largest fall from a running peak inside the window, micro-USD (≥ 0). */
    maxDrawdown: bigint;
    /** start − end: positive = the fund lost money over the window. */
    netDrawdown: bigint;
  };
  /** max |mark − index| / index over MarkTick events in the window, ppb (and bps, display). */
  maxMarkIndexDivergencePpb: number;
  maxMarkIndexDivergenceBps: number;
  /** Book spread read by the simulator each step (bps; null when never two-sided). */
  baselineSpreadBps: number | null;
  meanSpreadBps: number | null;
  maxSpreadBps: number | null;
  /** Steps where one side of the book was empty. */
  oneSidedSteps: number;
  /** Largest |predicted funding| seen (ppb), the cap, and whether the rate hit the cap. */
  maxAbsPredictedFundingPpb: bigint;
  fundingCapPpb: bigint;
  fundingCapHit: boolean;
  fundingSettledRates: bigint[];
  /** Per index source: how often it was included, clamped or excluded (with the stale subset). */
  indexInputs: Record<string, { included: number; clamped: number; excluded: number; stale: number }>;
  /** IndexTick events with an invalid (held) index. */
  indexHeldTicks: number;
}

export interface ScenarioOutcome {
  liquidations: {
    started: number;
    completed: number;
    byStage: Record<LiquidationStage, StageTally>;
    /** InsuranceFundDepleted and BackstopCapacityExhausted events: which limit sent lots on to ADL. */
    insuranceFundDepleted: number;
    backstopCapacityExhausted: number;
  };
  adlFired: boolean;
  adlLots: number;
  trades: number;
  markets: MarketOutcome[];
}

export interface ScenarioRun {
  id: string;
  type: ScenarioType;
  input: ScenarioInput;
  injectedAtMs: number;
  startMs: number;
  endMs: number;
  /** Outcome keeps recording the aftermath until here. */
  observeUntilMs: number;
  status: "scheduled" | "active" | "settling" | "finished";
  outcome: ScenarioOutcome;
}

/** Per-step reading of a market by the simulator (from the engine's queries). */
export interface MarketReading {
  market: string;
  bestBid: number;
  bestAsk: number;
  predictedFundingPpb: bigint;
  fundingCapPpb: bigint;
  insuranceBalance: bigint;
}

const STAGES: LiquidationStage[] = ["cancel_orders", "book", "backstop", "insurance_fund", "adl"];

export function emptyOutcome(markets: string[]): ScenarioOutcome {
  const byStage = {} as Record<LiquidationStage, StageTally>;
  for (const s of STAGES) byStage[s] = { entered: 0, lotsClosed: 0, amount: 0n };
  return {
    liquidations: { started: 0, completed: 0, byStage, insuranceFundDepleted: 0, backstopCapacityExhausted: 0 },
    adlFired: false,
    adlLots: 0,
    trades: 0,
    markets: markets.map((market) => ({
      market,
      insuranceFund: { start: 0n, min: 0n, end: 0n, maxDrawdown: 0n, netDrawdown: 0n },
      maxMarkIndexDivergencePpb: 0,
      maxMarkIndexDivergenceBps: 0,
      baselineSpreadBps: null,
      meanSpreadBps: null,
      maxSpreadBps: null,
      oneSidedSteps: 0,
      maxAbsPredictedFundingPpb: 0n,
      fundingCapPpb: 0n,
      fundingCapHit: false,
      fundingSettledRates: [],
      indexInputs: {},
      indexHeldTicks: 0,
    })),
  };
}

/** Spread in bps (two decimals) from integer ticks; null when a side is empty. */
export function spreadBps(bid: number, ask: number): number | null {
  if (bid <= 0 || ask <= 0) return null;
  return Math.round(((ask - bid) * 2_000_000) / (ask + bid)) / 100;
}

/** Records one run's outcome; fed by the simulation's observe() and step(). */
export class ScenarioTracker {
  private readonly peaks = new Map<string, bigint>();
  private readonly spreadSum = new Map<string, { sum: number; n: number }>();
  /** begin() ran (the run became active and took its starting balances). */
  begun = false;

  constructor(readonly run: ScenarioRun) {}

  private m(market: string): MarketOutcome | undefined {
    return this.run.outcome.markets.find((x) => x.market === market);
  }

  /** Called once when the scenario starts, with the state at that moment and a baseline spread. */
  begin(readings: MarketReading[], baselineSpread: ReadonlyMap<string, number | null>): void {
    for (const r of readings) {
      const mo = this.m(r.market);
      if (!mo) continue;
      mo.insuranceFund = { start: r.insuranceBalance, min: r.insuranceBalance, end: r.insuranceBalance, maxDrawdown: 0n, netDrawdown: 0n };
      mo.fundingCapPpb = r.fundingCapPpb;
      mo.baselineSpreadBps = baselineSpread.get(r.market) ?? null;
      this.peaks.set(r.market, r.insuranceBalance);
    }
  }

  step(readings: MarketReading[]): void {
    for (const r of readings) {
      const mo = this.m(r.market);
      if (!mo) continue;
      const s = spreadBps(r.bestBid, r.bestAsk);
      if (s === null) mo.oneSidedSteps++;
      else {
        const acc = this.spreadSum.get(r.market) ?? { sum: 0, n: 0 };
        acc.sum += s;
        acc.n++;
        this.spreadSum.set(r.market, acc);
        mo.meanSpreadBps = Math.round((acc.sum / acc.n) * 100) / 100;
        if (mo.maxSpreadBps === null || s > mo.maxSpreadBps) mo.maxSpreadBps = s;
      }
      const f = r.predictedFundingPpb < 0n ? -r.predictedFundingPpb : r.predictedFundingPpb;
      if (f > mo.maxAbsPredictedFundingPpb) mo.maxAbsPredictedFundingPpb = f;
      if (r.fundingCapPpb > 0n && f >= r.fundingCapPpb) mo.fundingCapHit = true;
    }
  }

  events(events: readonly EngineEvent[]): void {
    const o = this.run.outcome;
    for (const e of events) {
      if (e.nowMs < this.run.startMs || e.nowMs > this.run.observeUntilMs) continue;
      switch (e.type) {
        case "Trade":
          o.trades++;
          break;
        case "LiquidationStarted":
          o.liquidations.started++;
          break;
        case "LiquidationCompleted":
          o.liquidations.completed++;
          break;
        case "InsuranceFundDepleted":
          o.liquidations.insuranceFundDepleted++;
          break;
        case "BackstopCapacityExhausted":
          o.liquidations.backstopCapacityExhausted++;
          break;
        case "LiqStageEntered": {
          const t = o.liquidations.byStage[e.stage];
          t.entered++;
          t.lotsClosed += e.sizeClosed;
          t.amount += e.amount;
          if (e.stage === "adl" && e.sizeClosed > 0) {
            o.adlFired = true;
            o.adlLots += e.sizeClosed;
          }
          break;
        }
        case "InsuranceFundChanged": {
          const mo = this.m(e.market);
          if (!mo) break;
          const f = mo.insuranceFund;
          f.end = e.balance;
          if (e.balance < f.min) f.min = e.balance;
          const peak = this.peaks.get(e.market) ?? f.start;
          if (e.balance > peak) this.peaks.set(e.market, e.balance);
          else if (peak - e.balance > f.maxDrawdown) f.maxDrawdown = peak - e.balance;
          f.netDrawdown = f.start - f.end;
          break;
        }
        case "MarkTick": {
          const mo = this.m(e.market);
          if (!mo || e.inputs.index <= 0) break;
          const d = Math.abs(e.price - e.inputs.index);
          const ppb = Math.trunc((d * 1_000_000) / e.inputs.index) * 1_000;
          if (ppb > mo.maxMarkIndexDivergencePpb) {
            mo.maxMarkIndexDivergencePpb = ppb;
            mo.maxMarkIndexDivergenceBps = ppb / 100_000;
          }
          break;
        }
        case "IndexTick": {
          const mo = this.m(e.market);
          if (!mo) break;
          if (!e.valid) mo.indexHeldTicks++;
          for (const inp of e.inputs) {
            const t = (mo.indexInputs[inp.sourceId] ??= { included: 0, clamped: 0, excluded: 0, stale: 0 });
            if (inp.status === "included") t.included++;
            else if (inp.status === "clamped") t.clamped++;
            else {
              t.excluded++;
              if (inp.reason === "stale") t.stale++;
            }
          }
          break;
        }
        case "FundingSettled": {
          const mo = this.m(e.market);
          if (mo) mo.fundingSettledRates.push(e.rate);
          break;
        }
        default:
          break;
      }
    }
  }
}
