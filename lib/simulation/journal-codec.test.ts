import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apply, canonicalJson, createEngine, DEFAULT_ENGINE_CONFIG_INPUT, validateEngineConfig, type Command, type EngineEvent } from "../engine/index";
import { decodeCommand, decodeEvent, encodeCommand, encodeEvent } from "./journal-codec";
import { JOURNAL_DICTIONARY_V1 } from "./journal-dictionary";
import { createMarketSimulation } from "./market/simulation";

const START = 1_767_225_600_000;

/** Twelve simulated minutes at the portal's 250 ms step, with a crash that liquidates and deleverages. */
function sample(): { commands: Command[]; events: EngineEvent[] } {
  const config = validateEngineConfig(DEFAULT_ENGINE_CONFIG_INPUT);
  if (!config.ok) throw new Error("default config invalid");
  const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, START);
  let id = 1;
  const sim = createMarketSimulation({ seed: 11, startMs: START, ids: { nextOrderId: () => id++ }, config: { engineConfig: config.config } });
  const commands: Command[] = [];
  const events: EngineEvent[] = [];
  const run = (list: Command[]) => {
    const emitted: EngineEvent[] = [];
    for (const command of list) {
      const result = apply(engine, command);
      if (result.rejection) continue;
      commands.push(command);
      emitted.push(...result.events);
    }
    events.push(...emitted);
    sim.observe(emitted);
  };
  run(sim.bootstrap(START));
  for (let now = START + 250; now <= START + 12 * 60_000; now += 250) {
    if (now === START + 4 * 60_000) sim.injectScenario({ type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: 60 }, now);
    run(sim.step(engine, now));
  }
  return { commands, events };
}

const asRow = (event: EngineEvent, body: Uint8Array) => ({
  seq: BigInt(event.seq),
  nowMs: BigInt(event.nowMs),
  type: event.type,
  market: typeof (event as { market?: unknown }).market === "string" ? (event as { market: string }).market : null,
  payload: null,
  body,
});

describe("journal codec (REC-1)", () => {
  const { commands, events } = sample();

  it("REC-1: every event and command decodes to exactly what was encoded, for every kind the simulation produces", () => {
    const kinds = new Set(events.map((event) => event.type));
    for (const kind of ["MarkTick", "IndexTick", "Trade", "OrderAccepted", "OrderClosed", "LiqStageEntered", "AccountCreated"]) expect(kinds).toContain(kind);
    for (const event of events) expect(canonicalJson(decodeEvent(asRow(event, encodeEvent(event))))).toBe(canonicalJson(event));
    for (const command of commands) {
      const row = { nowMs: BigInt(command.nowMs), type: command.type, command: null, body: encodeCommand(command) };
      expect(canonicalJson(decodeCommand(row))).toBe(canonicalJson(command));
    }
  });

  it("REC-1: stored bodies are well under half the size of the canonical JSON they replace", () => {
    const json = events.reduce((sum, event) => sum + Buffer.byteLength(canonicalJson(event)), 0);
    const stored = events.reduce((sum, event) => sum + encodeEvent(event).length, 0);
    expect(stored / json).toBeLessThan(0.35);
    const commandJson = commands.reduce((sum, command) => sum + Buffer.byteLength(canonicalJson(command)), 0);
    const commandStored = commands.reduce((sum, command) => sum + encodeCommand(command).length, 0);
    expect(commandStored / commandJson).toBeLessThan(0.35);
  });

  it("REC-1: rows written before the codec (whole JSON text) still decode", () => {
    const event = events[events.length - 1];
    const legacy = { ...asRow(event, new Uint8Array()), body: null, payload: canonicalJson(event) };
    expect(canonicalJson(decodeEvent(legacy))).toBe(canonicalJson(event));
    const command = commands[commands.length - 1];
    expect(canonicalJson(decodeCommand({ nowMs: BigInt(command.nowMs), type: command.type, command: canonicalJson(command), body: null }))).toBe(
      canonicalJson(command),
    );
  });

  it("REC-1: a body from an unknown codec version, or a row with no content, is refused rather than misread", () => {
    const event = events[0];
    const body = encodeEvent(event);
    body[0] = 9;
    expect(() => decodeEvent(asRow(event, body))).toThrow(/unknown codec 9/);
    expect(() => decodeEvent({ ...asRow(event, body), body: null })).toThrow(/neither body nor payload/);
  });

  it("REC-1: the version 1 dictionary never changes (stored rows can only be read with these exact bytes)", () => {
    expect(createHash("sha256").update(JOURNAL_DICTIONARY_V1, "utf8").digest("hex")).toBe("d7c26b269cd13946bf3ed93be0cd95dbe7383ec8f5dd6cf73cec369df519673e");
  });
});
