/**
 * Headless accelerated run: its own engine + simulator + in-memory order-id counter,
 * stepping simulated time without a server. Pure (no wall clock: the CLI and the bench time it).
 */

import {
  apply,
  createEngine,
  DEFAULT_ENGINE_CONFIG_INPUT,
  marketView,
  stateHash,
  validateEngineConfig,
  type EngineEvent,
  type EngineState,
} from "../../engine/index";
import type { SimulationConfig } from "./config";
import { Recorder, type RunSummary } from "./recorder";
import { parseScenario, type ScenarioRun } from "./scenarios";
import { createMarketSimulation, type MarketSimulation, type SimulationStats } from "./simulation";

/** 2026-01-01T00:00:00Z: the collateral registry's entries are effective from here. */
export const DEFAULT_START_MS = 1_767_225_600_000;

export interface ScheduledScenario {
  /** Offset from the start of the run, ms. */
  atMs: number;
  input: unknown;
}

export interface HeadlessOptions {
  seed: number;
  durationMs: number;
  /** Simulated time between steps (default 1 s). */
  stepMs?: number;
  startMs?: number;
  scenarios?: ScheduledScenario[];
  /** Engine config INPUT (validated by the engine); defaults to the engine's default markets. */
  engineConfigInput?: unknown;
  config?: Partial<Omit<SimulationConfig, "engineConfig">>;
  /** Called after every simulated hour (e.g. progress output). */
  onHour?: (hour: number, engine: EngineState) => void;
  /**
   * Called after every applied command (bootstrap included) with its events and its journal position
   * (the engine's command count after it), before the next command: e.g. surveillance capturing the
   * journal, or reading the engine at a position. The events array is the engine's, do not keep it mutated.
   */
  onEvents?: (events: readonly EngineEvent[], position: number, engine: EngineState) => void;
}

export interface HeadlessResult {
  summary: RunSummary;
  scenarios: ScenarioRun[];
  simulator: SimulationStats;
  finalStateHash: string;
  steps: number;
  engine: EngineState;
  simulation: MarketSimulation;
}

export function runHeadless(o: HeadlessOptions): HeadlessResult {
  const startMs = o.startMs ?? DEFAULT_START_MS;
  const stepMs = o.stepMs ?? 1_000;
  if (!Number.isSafeInteger(stepMs) || stepMs <= 0) throw new RangeError("stepMs must be a positive integer");
  const input = o.engineConfigInput ?? DEFAULT_ENGINE_CONFIG_INPUT;
  const cfg = validateEngineConfig(input);
  if (!cfg.ok) throw new Error(`invalid engine config: ${cfg.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  const engine = createEngine(input, startMs);
  let nextId = 1;
  const sim = createMarketSimulation({ seed: o.seed, startMs, ids: { nextOrderId: () => nextId++ }, config: { ...o.config, engineConfig: cfg.config } });

  // Validate every scheduled scenario before spending time on the run.
  const venues = new Map(cfg.config.markets.map((m) => [m.symbol, m.index.sources.map((s) => s.id)] as const));
  const pending = [...(o.scenarios ?? [])].sort((a, b) => a.atMs - b.atMs);
  for (const s of pending) {
    const p = parseScenario(s.input, venues);
    if (!p.ok) throw new Error(`invalid scenario ${JSON.stringify(s.input)}: ${p.errors.join("; ")}`);
  }

  // Bootstrap first: the fund balances after seeding are the start of the insurance-fund path.
  const bootEvents = [];
  const boot = sim.bootstrap(startMs);
  for (const c of boot) {
    const r = apply(engine, c);
    if (r.rejection) throw new Error(`bootstrap ${c.type} rejected: ${r.rejection.code} ${r.rejection.message}`);
    bootEvents.push(...r.events);
    o.onEvents?.(r.events, engine.commandCount, engine);
  }
  sim.observe(bootEvents);
  const fundStart = new Map(cfg.config.markets.map((m) => [m.symbol, marketView(engine, m.symbol)!.insuranceFund.balance] as const));
  const recorder = new Recorder(cfg.config.markets, startMs, fundStart);
  for (let i = 0; i < boot.length; i++) recorder.command();

  let steps = 0;
  let hour = 0;
  const endMs = startMs + o.durationMs;
  const events: EngineEvent[] = [];
  for (let now = startMs + stepMs; now <= endMs; now += stepMs) {
    while (pending.length > 0 && now - startMs >= pending[0].atMs) {
      const s = pending.shift()!;
      const r = sim.injectScenario(s.input, now);
      if (!r.ok) throw new Error(`scenario rejected: ${r.errors.join("; ")}`);
    }
    events.length = 0;
    for (const c of sim.step(engine, now)) {
      const r = apply(engine, c);
      recorder.command(r.rejection?.code);
      for (const e of r.events) events.push(e);
      if (r.rejection === undefined && o.onEvents !== undefined) o.onEvents(r.events, engine.commandCount, engine);
    }
    recorder.clock(now);
    recorder.events(events);
    sim.observe(events);
    steps++;
    if (o.onHour !== undefined && now - startMs >= (hour + 1) * 3_600_000) {
      hour++;
      o.onHour(hour, engine);
    }
  }
  return { summary: recorder.result(), scenarios: sim.scenarios(), simulator: sim.stats(), finalStateHash: stateHash(engine), steps, engine, simulation: sim };
}
