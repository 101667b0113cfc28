import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  apply,
  canonicalHash,
  canonicalJson,
  parseCanonical,
  parseSnapshot,
  restore,
  stateHash,
  type Command,
  type EngineEvent,
  type EngineState,
} from "../../engine/index";
import type { CommandSource, HostMemo } from "../../simulation/journal";

/**
 * One archived journal segment: the commands between two consecutive stored snapshots,
 * (fromPosition - 1, toPosition], as a gzip (level 9) of NDJSON:
 *   line 1  the header (ranges, counts, the hash chain, the events' hash, the start state's hash);
 *   line 2  the start snapshot exactly as EngineJournal stores it ({engine, host} JSON text);
 *   then    one line per command.
 * Version 1 command lines are the canonical JSON of {command, lastEventSeq, position, source}. Version 2
 * (written since) are `[Δt, Δseq, source, command without nowMs]`: the position is implied by the line
 * (fromPosition + i), the time is the step from the previous command's (the header's fromMs for the
 * first), and the last event seq the step from the previous command's that had events (fromSeq - 1 for
 * the first; null when the command had none). Thirteen-digit times and growing counters are most of what
 * gzip cannot squeeze out of a line: the command lines of 5,000 simulated commands gzip to 38 KB instead
 * of 90 KB (−58 %; the start snapshot, 3–13 KB, is unchanged). Both versions decode to the same SegmentContent.
 * Events are not stored: the engine is a deterministic reducer, so replaying the commands from the
 * start snapshot derives them exactly. The archiver proves that against the hot rows before it deletes
 * anything (eventsSha256), and every read checks the file's SHA-256 and the chain.
 *
 * Pure apart from hashing and compression: the caller reads and writes the bytes.
 */

/** The version the archiver writes; decodeSegment reads 1 and 2. */
export const SEGMENT_VERSION = 2;
export type SegmentVersion = 1 | 2;

export interface SegmentHeader {
  version: SegmentVersion;
  fromPosition: number;
  toPosition: number;
  /** First and last event seq the commands produced; eventCount = toSeq - fromSeq + 1 (0 when toSeq = fromSeq - 1). */
  fromSeq: number;
  toSeq: number;
  /** Engine time of the first and last command. */
  fromMs: number;
  toMs: number;
  commandCount: number;
  eventCount: number;
  /** SHA-256 of the previous segment's file, "" for the first. */
  prevSha256: string;
  /** See {@link eventsHasher}. */
  eventsSha256: string;
  /** State hash of the start snapshot (journal position fromPosition - 1). */
  startStateHash: string;
}

/**
 * One command line. `lastEventSeq` is not in the design's minimal line ({position, source, command}):
 * it is kept because EngineJournal.commandsAfter yields it (the host's restore checks every replayed
 * command against it) and because it locates an archived event's command without a replay.
 */
export interface SegmentCommand {
  position: number;
  source: CommandSource;
  lastEventSeq: number | null;
  command: Command;
}

export interface SegmentContent {
  header: SegmentHeader;
  /** The start snapshot's stored text: JSON of {engine: serializeSnapshot(…), host}. */
  startState: string;
  commands: SegmentCommand[];
}

export function segmentFileName(fromPosition: number, toPosition: number): string {
  return `journal-${pad(fromPosition)}-${pad(toPosition)}.seg.gz`;
}

export function encodeSegment(content: SegmentContent): Buffer {
  const { header } = content;
  const lines = [canonicalJson(header), content.startState];
  if (header.version === 1) {
    for (const row of content.commands) lines.push(canonicalJson(row));
  } else {
    let previousMs = header.fromMs;
    let previousSeq = header.fromSeq - 1;
    content.commands.forEach((row, i) => {
      if (row.position !== header.fromPosition + i)
        throw new Error(`segment command ${i} has position ${row.position} where ${header.fromPosition + i} belongs`);
      const { nowMs, ...rest } = row.command;
      const line: CompactLine = [nowMs - previousMs, row.lastEventSeq === null ? null : row.lastEventSeq - previousSeq, row.source, rest];
      previousMs = nowMs;
      if (row.lastEventSeq !== null) previousSeq = row.lastEventSeq;
      lines.push(canonicalJson(line));
    });
  }
  return gzipSync(Buffer.from(lines.join("\n") + "\n", "utf8"), { level: 9 });
}

/** A version 2 command line: [Δt ms, Δ last event seq or null, source, the command without nowMs]. */
type CompactLine = [number, number | null, CommandSource, Omit<Command, "nowMs">];

/** Decode a segment's bytes; throws on anything but a well-formed version 1 or 2 segment (`name` labels the messages). */
export function decodeSegment(bytes: Uint8Array, name = "journal segment"): SegmentContent {
  let text: string;
  try {
    text = gunzipSync(bytes).toString("utf8");
  } catch (error) {
    throw new Error(`${name} is not a gzip file (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length < 2) throw new Error(`${name} is truncated: no header or start snapshot`);
  const header = parseCanonical<SegmentHeader>(lines[0]);
  if (header.version !== 1 && header.version !== 2) throw new Error(`${name} has unknown version ${String(header.version)}`);
  const commandLines = lines.slice(2);
  if (commandLines.length !== header.commandCount) throw new Error(`${name} holds ${commandLines.length} commands, its header says ${header.commandCount}`);
  let commands: SegmentCommand[];
  if (header.version === 1) {
    commands = commandLines.map((line) => parseCanonical<SegmentCommand>(line));
    commands.forEach((row, i) => {
      if (row.position !== header.fromPosition + i) throw new Error(`${name} has position ${row.position} where ${header.fromPosition + i} belongs`);
    });
  } else {
    let nowMs = header.fromMs;
    let lastSeq = header.fromSeq - 1;
    commands = commandLines.map((text, i) => {
      const line = parseCanonical<CompactLine>(text);
      if (!Array.isArray(line) || line.length !== 4 || typeof line[0] !== "number" || (line[1] !== null && typeof line[1] !== "number"))
        throw new Error(`${name}: command line ${i + 1} is not a version 2 command line`);
      nowMs += line[0];
      const lastEventSeq = line[1] === null ? null : (lastSeq += line[1]);
      return { position: header.fromPosition + i, source: line[2], lastEventSeq, command: { ...line[3], nowMs } as Command };
    });
  }
  return { header, startState: lines[1], commands };
}

/**
 * Each command's position and last event seq without parsing the commands: what locating an archived
 * event needs, at a fraction of a full decode's cost. Version 1: from the line tails (canonical JSON
 * sorts keys, so every command line ends `,"lastEventSeq":…,"position":…,"source":"…"}`); version 2:
 * from the second number at the start of each line.
 */
export function segmentEventIndex(bytes: Uint8Array, name = "journal segment"): { positions: number[]; lastEventSeqs: Array<number | null> } {
  const lines = gunzipSync(bytes).toString("utf8").split("\n");
  const header = parseCanonical<SegmentHeader>(lines[0]);
  const positions: number[] = [];
  const lastEventSeqs: Array<number | null> = [];
  let lastSeq = header.fromSeq - 1;
  for (let i = 2; i < lines.length; i++) {
    if (lines[i] === "") continue;
    if (header.version === 1) {
      const tail = COMMAND_LINE_TAIL.exec(lines[i].slice(-120));
      if (!tail) throw new Error(`${name}: command line ${i - 1} does not end as a command line does`);
      lastEventSeqs.push(tail[1] === "null" ? null : Number(tail[1]));
      positions.push(Number(tail[2]));
    } else {
      const head = COMPACT_LINE_HEAD.exec(lines[i]);
      if (!head) throw new Error(`${name}: command line ${i - 1} does not start as a version 2 command line does`);
      lastEventSeqs.push(head[1] === "null" ? null : (lastSeq += Number(head[1])));
      positions.push(header.fromPosition + i - 2);
    }
  }
  return { positions, lastEventSeqs };
}

const COMPACT_LINE_HEAD = /^\[-?\d+,(null|-?\d+),/;
const COMMAND_LINE_TAIL = /,"lastEventSeq":(null|\d+),"position":(\d+),"source":"[a-z]+"\}$/;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** eventsSha256: SHA-256 over each event's canonical JSON followed by a newline, in seq order. */
export function eventsHasher(): { add(event: EngineEvent): void; digest(): string; count: number } {
  const hash = createHash("sha256");
  return {
    count: 0,
    add(event) {
      hash.update(canonicalJson(event));
      hash.update("\n");
      this.count++;
    },
    digest: () => hash.digest("hex"),
  };
}

export function eventsSha256(events: Iterable<EngineEvent>): string {
  const hasher = eventsHasher();
  for (const event of events) hasher.add(event);
  return hasher.digest();
}

export interface StartSnapshot {
  engine: EngineState;
  host: HostMemo;
  /** The hash the image restores to, compared the way the host does (a version 2 image by its own canonical hash). */
  hash: string;
}

export function restoreStart(startState: string): StartSnapshot {
  const stored = JSON.parse(startState) as { engine: string; host: HostMemo };
  const image = parseSnapshot(stored.engine);
  const engine = restore(image);
  return { engine, host: stored.host, hash: image.version === 2 ? canonicalHash(image) : stateHash(engine) };
}

/**
 * The state hash a replay must reach to match a stored snapshot: its recorded hash, except for a
 * version 2 image (written by an earlier version, recorded by its own canonical hash), where it is the
 * hash of the image restored into this version's form, which equals this version's engine after the
 * same commands.
 */
export function replayTargetHash(storedState: string, recordedHash: string): string {
  const stored = JSON.parse(storedState) as { engine: string };
  const image = parseSnapshot(stored.engine);
  return image.version === 2 ? stateHash(restore(image)) : recordedHash;
}

export interface SegmentReplay {
  engine: EngineState;
  eventsSha256: string;
  eventCount: number;
}

/**
 * Replay a segment from its start snapshot, checking on the way everything the header and the
 * command lines claim. `onEvent` sees each derived event in order (eventsBetween uses it).
 */
export function replaySegment(content: SegmentContent, name = "journal segment", onEvent?: (event: EngineEvent, position: number) => void): SegmentReplay {
  const { header } = content;
  const start = restoreStart(content.startState);
  if (start.hash !== header.startStateHash)
    throw new Error(`${name}: its start snapshot restores to hash ${start.hash}, its header says ${header.startStateHash}`);
  const engine = start.engine;
  if (engine.commandCount !== header.fromPosition - 1)
    throw new Error(`${name}: its start snapshot is at position ${engine.commandCount}, not ${header.fromPosition - 1}`);
  if (engine.seq !== header.fromSeq - 1) throw new Error(`${name}: its start snapshot ends at event seq ${engine.seq}, not ${header.fromSeq - 1}`);
  const hasher = eventsHasher();
  for (const row of content.commands) {
    const result = apply(engine, row.command);
    if (result.rejection) throw new Error(`${name}: position ${row.position} (${row.command.type}) was rejected on replay: ${result.rejection.code}`);
    if (engine.commandCount !== row.position) throw new Error(`${name}: position ${row.position} replayed as ${engine.commandCount}`);
    if (row.lastEventSeq !== null && engine.seq !== row.lastEventSeq)
      throw new Error(`${name}: position ${row.position} replayed to event seq ${engine.seq}, recorded ${row.lastEventSeq}`);
    for (const event of result.events) {
      hasher.add(event);
      onEvent?.(event, row.position);
    }
  }
  if (engine.seq !== header.toSeq) throw new Error(`${name}: replay ended at event seq ${engine.seq}, its header says ${header.toSeq}`);
  const digest = hasher.digest();
  if (digest !== header.eventsSha256) throw new Error(`${name}: the replayed events hash to ${digest}, its header says ${header.eventsSha256}`);
  return { engine, eventsSha256: digest, eventCount: hasher.count };
}

/** The index fields a segment's header must repeat (JournalSegment's columns, as numbers). */
export interface SegmentIndexRow {
  fromPosition: number;
  toPosition: number;
  fromSeq: number;
  toSeq: number;
  fromMs: number;
  toMs: number;
  commandCount: number;
  eventCount: number;
  file: string;
  bytes: number;
  sha256: string;
  prevSha256: string;
  eventsSha256: string;
  startStateHash: string;
}

/** Why a file's header disagrees with its index row, or null. */
export function headerMismatch(header: SegmentHeader, row: SegmentIndexRow): string | null {
  for (const key of [
    "fromPosition",
    "toPosition",
    "fromSeq",
    "toSeq",
    "fromMs",
    "toMs",
    "commandCount",
    "eventCount",
    "prevSha256",
    "eventsSha256",
    "startStateHash",
  ] as const) {
    if (header[key] !== row[key]) return `its header's ${key} is ${String(header[key])}, the index records ${String(row[key])}`;
  }
  return null;
}

/**
 * Why a run of index rows (oldest first) is not one unbroken chain, or null: each segment starts
 * right after the previous one ends (the first at position 1, after the genesis image) and records the
 * previous file's SHA-256.
 */
export function chainProblem(rows: readonly SegmentIndexRow[], previous: SegmentIndexRow | null = null): { file: string; problem: string } | null {
  let before = previous;
  for (const row of rows) {
    const expectedFrom = before ? before.toPosition + 1 : 1;
    if (row.fromPosition !== expectedFrom) return { file: row.file, problem: `starts at position ${row.fromPosition}, the chain expects ${expectedFrom}` };
    const expectedSeq = before ? before.toSeq + 1 : 1;
    if (row.fromSeq !== expectedSeq) return { file: row.file, problem: `starts at event seq ${row.fromSeq}, the chain expects ${expectedSeq}` };
    const expectedPrev = before ? before.sha256 : "";
    if (row.prevSha256 !== expectedPrev)
      return {
        file: row.file,
        problem: `records previous SHA-256 ${row.prevSha256 || '""'}, but ${before ? before.file : "the first segment"} has ${expectedPrev || '""'}`,
      };
    before = row;
  }
  return null;
}

function pad(position: number): string {
  return String(position).padStart(12, "0");
}
