import { describe, expect, it } from "vitest";
import { apply, createEngine, DEFAULT_ENGINE_CONFIG, DEFAULT_ENGINE_CONFIG_INPUT, explainMark, type EngineEvent, type MarkTickEvent } from "../../engine/index";
import { projectEvent } from "../public-feed";
import { markTickFromWire } from "../../wire/mark-tick";
import { DEFAULT_START_MS } from "./headless";
import { createMarketSimulation } from "./simulation";

/** Every MarkTick of a seeded 40-minute run with a flash crash in the middle (both markets). */
function seededMarkTicks(seed: number): MarkTickEvent[] {
  const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, DEFAULT_START_MS);
  let nextId = 1;
  const sim = createMarketSimulation({ seed, startMs: DEFAULT_START_MS, ids: { nextOrderId: () => nextId++ } });
  const ticks: MarkTickEvent[] = [];
  const run = (commands: ReturnType<typeof sim.bootstrap>) => {
    const events: EngineEvent[] = [];
    for (const c of commands) {
      for (const e of apply(engine, c).events) {
        events.push(e);
        if (e.type === "MarkTick") ticks.push(e);
      }
    }
    sim.observe(events);
  };
  run(sim.bootstrap(DEFAULT_START_MS));
  const end = DEFAULT_START_MS + 40 * 60_000;
  for (let now = DEFAULT_START_MS + 1_000; now <= end; now += 1_000) {
    if (now === DEFAULT_START_MS + 15 * 60_000) {
      const injected = sim.injectScenario({ type: "flash-crash", market: "BTC-PERP", dropPct: 20, durationSec: 60, recoverSec: 300 }, now);
      expect(injected.ok).toBe(true);
    }
    run(sim.step(engine, now));
  }
  return ticks;
}

const specOf = (market: string) => DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === market)!;

describe("LIQ-3: golden test — the public recomputation equals the engine's mark on every tick", () => {
  const ticks = seededMarkTicks(42);

  it("recomputes thousands of engine mark ticks exactly, from the engine record and from the public message", () => {
    expect(ticks.length).toBeGreaterThan(4_000);
    const chosen = { p1: 0, p2: 0, last: 0 };
    let fallbacks = 0;
    for (const tick of ticks) {
      const spec = specOf(tick.market);
      const fromEngine = explainMark(spec, tick);
      expect(fromEngine.mismatches, `seq ${tick.seq}`).toEqual([]);
      // The path a reader takes: the public feed's message (what /mark-trail and the stream carry).
      const message = projectEvent(tick);
      const wire = markTickFromWire(message!.data);
      expect(wire, `seq ${tick.seq}`).not.toBeNull();
      const fromPublic = explainMark(spec, wire!);
      expect(fromPublic.steps.price, `seq ${tick.seq}`).toBe(tick.price);
      expect(fromPublic.steps.chosen).toBe(tick.chosen);
      expect(fromPublic.matches).toBe(true);
      chosen[tick.chosen]++;
      if (tick.fallback) fallbacks++;
    }
    // The run exercises every branch of the median and the fallback (before the first trade and basis sample), so the equality is not vacuous.
    expect(chosen.p1).toBeGreaterThan(0);
    expect(chosen.p2).toBeGreaterThan(0);
    expect(chosen.last).toBeGreaterThan(0);
    expect(fallbacks).toBeGreaterThan(0);
  });

  it("a tampered public record is detected (funding rate, index, basis, mark)", () => {
    const sample = ticks.filter((t) => !t.fallback).slice(0, 200);
    let detected = 0;
    for (const tick of sample) {
      const data = projectEvent(tick)!.data as { price: number; inputs: Record<string, unknown> };
      const spec = specOf(tick.market);
      const tampered = [
        { ...data, price: data.price + 1 },
        { ...data, inputs: { ...data.inputs, index: (data.inputs.index as number) + 1_000 } },
        {
          ...data,
          inputs: { ...data.inputs, fundingRate: String(BigInt(data.inputs.fundingRate as string) + 5_000_000n), msToFunding: tick.inputs.intervalMs },
        },
        {
          ...data,
          inputs: {
            ...data.inputs,
            basisAverage: {
              sumHalfTicks: tick.inputs.basisAverage!.sumHalfTicks + 4_000 * tick.inputs.basisAverage!.count,
              count: tick.inputs.basisAverage!.count,
            },
          },
        },
      ];
      for (const record of tampered) {
        const explained = explainMark(spec, markTickFromWire(record)!);
        expect(explained.matches, `seq ${tick.seq}`).toBe(false);
        detected++;
      }
    }
    expect(detected).toBe(sample.length * 4);
  });

  it("a record without the full inputs (journaled before they were recorded) is refused, not guessed", () => {
    const data = projectEvent(ticks[0])!.data as { inputs: Record<string, unknown> };
    const { fundingRate: _f, ...older } = data.inputs;
    expect(markTickFromWire({ ...data, inputs: older })).toBeNull();
  });
});
