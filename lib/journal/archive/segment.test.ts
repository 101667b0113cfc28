import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  apply,
  canonicalJson,
  createEngine,
  serializeSnapshot,
  snapshot,
  stateHash,
  DEFAULT_ENGINE_CONFIG_INPUT,
  type Command,
  type EngineEvent,
} from "../../engine/index";
import {
  chainProblem,
  decodeSegment,
  encodeSegment,
  eventsSha256,
  replaySegment,
  segmentEventIndex,
  SEGMENT_VERSION,
  segmentFileName,
  sha256Hex,
  type SegmentContent,
  type SegmentVersion,
  type SegmentIndexRow,
} from "./segment";

const T0 = 1_767_225_600_000;

/** A small segment built the way the archiver builds one: a start image, commands, their events' hash. */
function buildSegment(prevSha256 = "", version: SegmentVersion = SEGMENT_VERSION): { content: SegmentContent; events: EngineEvent[]; endHash: string } {
  const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
  const startState = JSON.stringify({ engine: serializeSnapshot(snapshot(engine)), host: { maxOrderId: 0 } });
  const startStateHash = stateHash(engine);
  const commands: Command[] = [
    { type: "CreateAccount", nowMs: T0 + 1, accountId: 1, kind: "client" },
    { type: "Deposit", nowMs: T0 + 2, accountId: 1, depositId: "d1", assetId: "USD", amountMinor: 1_000_000n },
    { type: "SettleDeposit", nowMs: T0 + 3, depositId: "d1" },
    { type: "Tick", nowMs: T0 + 4 },
  ];
  const events: EngineEvent[] = [];
  const rows = commands.map((command) => {
    const result = apply(engine, command);
    expect(result.rejection).toBeUndefined();
    events.push(...result.events);
    return { position: engine.commandCount, source: "simulation" as const, lastEventSeq: result.events.length ? engine.seq : null, command };
  });
  const content: SegmentContent = {
    header: {
      version,
      fromPosition: 1,
      toPosition: rows.length,
      fromSeq: 1,
      toSeq: engine.seq,
      fromMs: T0 + 1,
      toMs: T0 + 4,
      commandCount: rows.length,
      eventCount: events.length,
      prevSha256,
      eventsSha256: eventsSha256(events),
      startStateHash,
    },
    startState,
    commands: rows,
  };
  return { content, events, endHash: stateHash(engine) };
}

function indexRowOf(content: SegmentContent, bytes: Uint8Array): SegmentIndexRow {
  return { ...content.header, file: segmentFileName(content.header.fromPosition, content.header.toPosition), bytes: bytes.length, sha256: sha256Hex(bytes) };
}

describe("journal segment files (REC-1, REC-2)", () => {
  it.each([1, 2] as const)("REC-1: a version %i segment round-trips through gzip NDJSON and replays to the same events and end state", (version) => {
    const { content, events, endHash } = buildSegment("", version);
    const bytes = encodeSegment(content);
    expect(bytes[0]).toBe(0x1f);
    const decoded = decodeSegment(bytes);
    expect(decoded.header).toEqual(content.header);
    expect(decoded.commands).toEqual(content.commands);
    const seen: EngineEvent[] = [];
    const replay = replaySegment(decoded, "test", (event) => seen.push(event));
    expect(stateHash(replay.engine)).toBe(endHash);
    expect(eventsSha256(seen)).toBe(eventsSha256(events));
    expect(replay.eventCount).toBe(events.length);
    // The light index (line tails only) agrees with the full decode.
    expect(segmentEventIndex(bytes)).toEqual({
      positions: content.commands.map((row) => row.position),
      lastEventSeqs: content.commands.map((row) => row.lastEventSeq),
    });
    // Deterministic bytes: the same content always gives the same file (a re-run overwrites an orphan identically).
    expect(sha256Hex(encodeSegment(content))).toBe(sha256Hex(bytes));
  });

  it("REC-1: version 2 lines carry steps, not positions and times: a busy market's segment is under half the size of version 1, and decodes to the same content", () => {
    const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
    const startState = JSON.stringify({ engine: serializeSnapshot(snapshot(engine)), host: { maxOrderId: 0 } });
    const startStateHash = stateHash(engine);
    const symbol = DEFAULT_ENGINE_CONFIG_INPUT.markets[0].symbol;
    const rows: SegmentContent["commands"] = [];
    const events: EngineEvent[] = [];
    // A quarter-second cadence of index quotes and ticks, as the simulation journals them; some commands have no events.
    for (let i = 0; i < 2_000; i++) {
      const nowMs = T0 + 250 * (i + 1);
      const command: Command =
        i % 2 === 0
          ? {
              type: "IndexQuotes",
              nowMs,
              market: symbol,
              quotes: [{ sourceId: "kraken", price: 600_000 + (i % 37), recentVolumeUsd: 1_000_000, timestampMs: nowMs - 40 }],
            }
          : { type: "Tick", nowMs };
      const result = apply(engine, command);
      expect(result.rejection).toBeUndefined();
      events.push(...result.events);
      rows.push({ position: engine.commandCount, source: "simulation", lastEventSeq: result.events.length ? engine.seq : null, command });
    }
    const header = (version: SegmentVersion) => ({
      version,
      fromPosition: 1,
      toPosition: rows.length,
      fromSeq: 1,
      toSeq: engine.seq,
      fromMs: rows[0].command.nowMs,
      toMs: rows[rows.length - 1].command.nowMs,
      commandCount: rows.length,
      eventCount: events.length,
      prevSha256: "",
      eventsSha256: eventsSha256(events),
      startStateHash,
    });
    expect(rows.some((row) => row.lastEventSeq === null) && rows.some((row) => row.lastEventSeq !== null)).toBe(true);
    const v1 = encodeSegment({ header: header(1), startState, commands: rows });
    const v2 = encodeSegment({ header: header(2), startState, commands: rows });
    expect(v2.length).toBeLessThan(v1.length / 2);
    expect(decodeSegment(v2).commands).toEqual(decodeSegment(v1).commands);
    expect(decodeSegment(v2).commands).toEqual(rows);
    expect(segmentEventIndex(v2)).toEqual(segmentEventIndex(v1));
    // A hand-made line that is not [Δt, Δseq, source, command] is refused by name.
    const bogus = gzipSync(Buffer.from([canonicalJson({ ...header(2), commandCount: 1 }), startState, '{"command":{}}'].join("\n") + "\n"));
    expect(() => decodeSegment(bogus, "seg")).toThrow(/seg: command line 1 is not a version 2 command line/);
    expect(() => segmentEventIndex(bogus, "seg")).toThrow(/seg: command line 1 does not start as a version 2 command line does/);
    // A line out of place is refused when written, not discovered when read.
    expect(() => encodeSegment({ header: header(2), startState, commands: [rows[1], rows[0]] })).toThrow(/has position 2 where 1 belongs/);
  });

  it("REC-2: a replay that does not reproduce the recorded events hash or start state is refused", () => {
    const { content } = buildSegment();
    expect(() => replaySegment({ ...content, header: { ...content.header, eventsSha256: "0".repeat(64) } }, "seg")).toThrow(/replayed events hash to/);
    expect(() => replaySegment({ ...content, header: { ...content.header, startStateHash: "nope" } }, "seg")).toThrow(/start snapshot restores to hash/);
    const bytes = encodeSegment(content);
    expect(() => decodeSegment(bytes.subarray(0, bytes.length - 6), "seg")).toThrow(/seg is not a gzip file/);
  });

  it("REC-2: the chain check names the first segment whose predecessor link or range is wrong", () => {
    const first = buildSegment();
    const firstBytes = encodeSegment(first.content);
    const a = indexRowOf(first.content, firstBytes);
    const b: SegmentIndexRow = {
      ...a,
      fromPosition: 5,
      toPosition: 9,
      fromSeq: a.toSeq + 1,
      toSeq: a.toSeq + 10,
      file: segmentFileName(5, 9),
      prevSha256: a.sha256,
    };
    expect(chainProblem([a, b])).toBeNull();
    expect(chainProblem([a, { ...b, prevSha256: "f".repeat(64) }])).toMatchObject({ file: b.file });
    expect(chainProblem([a, { ...b, fromPosition: 6 }])?.problem).toMatch(/starts at position 6, the chain expects 5/);
    expect(chainProblem([{ ...a, prevSha256: "x" }])?.problem).toMatch(/previous SHA-256/);
    expect(segmentFileName(1, 5_000)).toBe("journal-000000000001-000000005000.seg.gz");
  });
});
