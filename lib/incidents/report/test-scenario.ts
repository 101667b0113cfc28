/**
 * The incident the report tests share: one engine run, as journal entries, in which an index gap takes
 * account V1 through book → backstop → insurance fund → ADL and account V2 (already past bankruptcy)
 * through backstop (no capacity left) → insurance fund → ADL, the fund ending at its floor. The figures
 * are worked out by hand in compute.test.ts.
 */
import {
  apply,
  configHash,
  createEngine,
  restore,
  snapshot,
  stateHash,
  type Command,
  type EngineEvent,
  type EngineSnapshot,
  type EngineState,
} from "@/lib/engine/index";
import { quietConfig, SOURCES, T1 } from "@/lib/engine/test-helpers";
import { computeClientStatement, firstAdlStagesBySide, involvementOf, type IncidentReportInput, type RecordedEvent } from "./compute";
import { accountFigures, clientsWithPositions, fundBalance, marketPositions, specInForce } from "./state-figures";
import type { ClientStatement } from "./statement-types";

export const BTC = "BTC-PERP";
export const START_MS = T1 - 1_000;
export const SETUP_MS = T1;
/** The gap: every index source quotes 57,500.0. */
export const GAP_MS = T1 + 30_000;
export const USD = 1_000_000n;
/** Backstop capacity of account 9: exactly 52 lots at the bankruptcy price 57,284.3 (52 × 572,843 × 100 micro-USD). */
export const LP_CAPACITY = 2_978_783_600n;

/** Portal clients (engine ids ≥ 1,000,000), the simulation's own accounts below. */
export const V1 = 1_000_001;
export const V2 = 1_000_002;
export const S3 = 1_000_003;
export const S4 = 1_000_004;
export const S5 = 1_000_005;
export const S6 = 6;
export const L7 = 7;
export const LP = 9;

/** Journal entries as the host writes them: the command, its position (commandCount after it) and its events. */
export interface ScenarioEntry {
  position: number;
  command: Command;
  events: EngineEvent[];
}

function quotes(price: number, nowMs: number): Command {
  return {
    type: "IndexQuotes",
    nowMs,
    market: BTC,
    quotes: SOURCES[BTC].map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
  };
}

function account(accountId: number, usdCents: bigint, nowMs: number): Command[] {
  return [
    { type: "CreateAccount", nowMs, accountId, kind: "client" },
    { type: "Deposit", nowMs, accountId, depositId: `d${accountId}`, assetId: "USD", amountMinor: usdCents },
    { type: "SettleDeposit", nowMs, depositId: `d${accountId}` },
  ];
}

function limit(accountId: number, orderId: number, side: "buy" | "sell", price: number, size: number, nowMs: number): Command {
  return { type: "PlaceOrder", nowMs, accountId, orderId, market: BTC, side, orderType: "limit", price, size };
}

/** Defaults with zero interest, a 100 USD fund floor and no trading fees (the liquidation fee stays). */
export function scenarioConfig() {
  const config = quietConfig();
  for (const market of config.markets) market.fees = { makerFeeRate: 0n, takerFeeRate: 0n };
  return config;
}

/** Commands up to (not including) the gap. Every position below is opened at 60,000.0 unless said. */
export function setupCommands(): Command[] {
  const t = SETUP_MS;
  return [
    quotes(600_000, t - 500),
    quotes(600_000, t),
    ...account(V1, 27_500n, t), // 275.00 USD: long 100
    ...account(V2, 6_101n, t), // 61.01 USD: long 30
    ...account(S3, 1_000_000n, t), // 10,000 USD: short 60, and a bid for 20 at 57,400.0
    ...account(S4, 20_000n, t), // 200 USD: short 50 (the most leveraged short)
    ...account(S5, 1_000_000n, t), // 10,000 USD: short 20
    ...account(S6, 1_000_000n, t), // 10,000 USD: short 10 at 57,000.0 (loses when the price is 57,500.0)
    ...account(L7, 1_000_000n, t), // 10,000 USD: long 10 at 57,000.0
    { type: "CreateAccount", nowMs: t, accountId: LP, kind: "backstop", backstop: { priority: 0, capacity: LP_CAPACITY } },
    { type: "Deposit", nowMs: t, accountId: LP, depositId: "d9", assetId: "USD", amountMinor: 1_000_000n },
    { type: "SettleDeposit", nowMs: t, depositId: "d9" },
    { type: "FundInsurance", nowMs: t, fundingId: "fund-1", market: BTC, amount: 100n * USD },
    limit(S3, 1, "sell", 600_000, 60, t),
    limit(S4, 2, "sell", 600_000, 50, t),
    limit(S5, 3, "sell", 600_000, 20, t),
    limit(V1, 4, "buy", 600_000, 100, t), // fills S3 (60) and S4 (40)
    limit(V2, 5, "buy", 600_000, 30, t), // fills S4 (10) and S5 (20)
    limit(S6, 6, "sell", 570_000, 10, t),
    limit(L7, 7, "buy", 570_000, 10, t),
    limit(S3, 8, "buy", 574_000, 20, t),
    quotes(600_000, t + 10_000),
  ];
}

export function gapCommand(): Command {
  return quotes(575_000, GAP_MS);
}

/** Quotes after the gap (the report's price tail); nobody is liquidated by them. */
export function tailCommands(): Command[] {
  return [quotes(575_000, GAP_MS + 20_000), quotes(576_000, GAP_MS + 50_000), quotes(577_000, GAP_MS + 90_000)];
}

export interface ScenarioRun {
  genesis: { snapshot: EngineSnapshot; stateHash: string };
  entries: ScenarioEntry[];
  engine: EngineState;
  /** The engine right before the gap (its copy: the run goes on). */
  beforeGap: EngineSnapshot;
  /** Right after the gap, before the tail's quotes move the mark. */
  afterGap: EngineSnapshot;
  gapPosition: number;
}

/** Run the whole scenario, as a host would journal it. */
export function runScenario(): ScenarioRun {
  const engine = createEngine(scenarioConfig(), START_MS);
  const genesis = { snapshot: snapshot(engine), stateHash: stateHash(engine) };
  const entries: ScenarioEntry[] = [];
  const run = (command: Command) => {
    const result = apply(engine, command);
    if (result.rejection) throw new Error(`${command.type} rejected: ${result.rejection.code} ${result.rejection.message}`);
    entries.push({ position: engine.commandCount, command, events: result.events });
  };
  for (const command of setupCommands()) run(command);
  const beforeGap = snapshot(engine);
  run(gapCommand());
  const gapPosition = engine.commandCount;
  const afterGap = snapshot(engine);
  for (const command of tailCommands()) run(command);
  return { genesis, entries, engine, beforeGap, afterGap, gapPosition };
}

/** The scenario's report as the loader would assemble its input (the gap is one command, so "before" is the state before it). */
export function scenarioReportInput(scenario: ScenarioRun, key: Buffer): IncidentReportInput {
  const events = recordedEvents(scenario);
  const before = restore(scenario.beforeGap);
  return {
    incidentId: "inc-1",
    market: BTC,
    range: scenarioRange(scenario),
    events,
    spec: specInForce(before, BTC),
    configHash: configHash(before),
    stateHashBefore: stateHash(before),
    stateHashAfter: stateHash(restore(scenario.afterGap)),
    fundBefore: fundBalance(before, BTC),
    clientsWithPositions: clientsWithPositions(before, BTC),
    adlEligibility: firstAdlStagesBySide(events, BTC).map((side) => ({ adlSeq: side.adlSeq, positions: marketPositions(before, BTC) })),
    pseudonymKey: key,
  };
}

export function recordedEvents(scenario: ScenarioRun): RecordedEvent[] {
  return scenario.entries.flatMap((entry) => entry.events.map((event) => ({ position: entry.position, event })));
}

export function scenarioRange(scenario: ScenarioRun) {
  const gap = scenario.entries.find((entry) => entry.position === scenario.gapPosition)!.events;
  return { fromSeq: gap[0].seq, toSeq: gap.at(-1)!.seq, fromPosition: scenario.gapPosition, toPosition: scenario.gapPosition };
}

/** A personal statement of the scenario, with "before" and "after" the gap command. */
export function scenarioStatement(scenario: ScenarioRun, accountId: number): ClientStatement {
  const events = recordedEvents(scenario);
  const range = scenarioRange(scenario);
  const involvement = involvementOf(events, range, BTC, accountId);
  if (!involvement) throw new Error(`account ${accountId} is not involved`);
  const entryAt = (position: number) => scenario.entries.find((entry) => entry.position === position)!;
  const before = restore(scenario.beforeGap);
  const figuresBefore = accountFigures(before, BTC, accountId);
  return computeClientStatement({
    incidentId: "inc-1",
    market: BTC,
    engineAccountId: accountId,
    range,
    startedAtMs: GAP_MS,
    endedAtMs: GAP_MS,
    events,
    spec: specInForce(before, BTC),
    positionBefore: figuresBefore.position,
    fromSeq: entryAt(involvement.firstPosition).events[0].seq,
    throughSeq: entryAt(involvement.lastPosition).events.at(-1)!.seq,
    equityBefore: figuresBefore.equity,
    equityAfter: accountFigures(restore(scenario.afterGap), BTC, accountId).equity,
  });
}
