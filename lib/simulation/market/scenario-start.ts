/**
 * Scenario start-up: an injected scenario is validated and scheduled as a `ScenarioRun`, and when its
 * start time arrives its effect is put into the simulated world (crash overlay, venue depeg or
 * freeze) or handed to the participant that carries it out (the AFMM's pull, the squeeze desk).
 */

import type { MarketSpec } from "../../engine/index";
import type { AfmmQuoter } from "./afmm-quoter";
import type { SqueezeDesk } from "./agents";
import { BUY, SELL } from "./order-desk";
import { ScenarioTracker, emptyOutcome, parseScenario, type ScenarioInput, type ScenarioRun } from "./scenarios";
import type { World } from "./world";

/** Validate a scenario against the markets' index sources and schedule it `delaySec` after `nowMs`. */
export function scheduleScenario(
  input: unknown,
  nowMs: number,
  specs: MarketSpec[],
  runs: ScenarioTracker[],
  scenarioSettleSec: number,
): { ok: true; scenario: ScenarioRun } | { ok: false; errors: string[] } {
  const venues = new Map(specs.map((s) => [s.symbol, s.index.sources.map((x) => x.id)] as const));
  const parsed = parseScenario(input, venues);
  if (!parsed.ok) return parsed;
  const v: ScenarioInput = parsed.value;
  const startMs = nowMs + v.delaySec * 1_000;
  const endMs = startMs + v.durationSec * 1_000;
  const tail = v.type === "flash-crash" ? v.recoverSec * 1_000 : 0;
  const markets = v.market === undefined ? specs.map((s) => s.symbol) : [v.market];
  const run: ScenarioRun = {
    id: `S${runs.length + 1}`,
    type: v.type,
    input: v,
    injectedAtMs: nowMs,
    startMs,
    endMs,
    observeUntilMs: endMs + tail + scenarioSettleSec * 1_000,
    status: "scheduled",
    outcome: emptyOutcome(markets),
  };
  runs.push(new ScenarioTracker(run));
  return { ok: true, scenario: run };
}

/** Put a scenario's effect into the world when its start time arrives (before the path advances past it). */
export function startDueScenarios(
  runs: readonly ScenarioTracker[],
  nowMs: number,
  world: World,
  specs: MarketSpec[],
  afmm: AfmmQuoter,
  squeezeDesk: SqueezeDesk,
): void {
  for (const t of runs) {
    const run = t.run;
    if (run.status !== "scheduled" || nowMs < run.startMs) continue;
    run.status = "active";
    const v = run.input;
    const mi = v.market === undefined ? -1 : specs.findIndex((s) => s.symbol === v.market);
    switch (v.type) {
      case "flash-crash":
        world.markets[mi].crashes.push({
          scenarioId: run.id,
          market: v.market,
          dropPpb: BigInt(Math.round(v.dropPct * 10_000_000)),
          startMs: run.startMs,
          durationMs: run.endMs - run.startMs,
          recoverMs: v.recoverSec * 1_000,
        });
        break;
      case "venue-depeg":
        world.markets[mi].venues
          .find((x) => x.id === v.venueId)!
          .depegs.push({ scenarioId: run.id, factorPpb: BigInt(Math.round(v.factor * 1_000_000_000)), fromMs: run.startMs, untilMs: run.endMs });
        break;
      case "venues-stale":
        for (const ven of world.markets[mi].venues) if (v.venueIds.includes(ven.id)) ven.frozenUntilMs = Math.max(ven.frozenUntilMs, run.endMs);
        break;
      case "afmm-pull":
        specs.forEach((s, i) => {
          if (v.market !== undefined && s.symbol !== v.market) return;
          afmm.pull(i, s.symbol, run.endMs, nowMs);
        });
        break;
      case "funding-squeeze":
        squeezeDesk.start({
          scenarioId: run.id,
          mi,
          side: v.side === "buy" ? BUY : SELL,
          notionalPerMin: BigInt(Math.round(v.notionalPerMinUsd)) * 1_000_000n,
          untilMs: run.endMs,
        });
        break;
    }
  }
}
