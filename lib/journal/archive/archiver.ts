import { ARCHIVED_EVENT_TYPES } from "./archived-types";
import { analyzeRecentPartitions, dropArchivedPartitions, ensureJournalPartitions } from "./partitions";
import { proveSegmentInWorker, type SegmentProver } from "./prove";
import fs from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../../prisma/generated/client";
import { COMMAND_COLUMNS, decodeCommand, decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";
import type { EngineJournal } from "../../simulation/journal";
import {
  encodeSegment,
  eventsHasher,
  SEGMENT_VERSION,
  segmentFileName,
  sha256Hex,
  type SegmentCommand,
  type SegmentHeader,
  type SegmentIndexRow,
} from "./segment";

/**
 * REC-1, REC-2: moves old snapshot intervals of the engine journal out of the hot tables into
 * hash-chained segment files, so the tables stay bounded while the journal stays complete.
 *
 * One run archives the oldest eligible interval (A, B] between two consecutive stored snapshots:
 * its last command is older, in engine time, than the newest command minus the hot window, and every
 * journal consumer's cursor (JournalCursor: the projectors read the hot rows directly) is past it.
 * The file is written to a temporary name, fsynced and renamed, then read back from disk and proved:
 * its SHA-256, the start snapshot's state hash, a replay of every command reproducing the events read
 * from the tables (their hash) and ending at snapshot B's state hash. Only then one transaction indexes
 * it and deletes the hot rows (commands, the bulk of the events: ARCHIVED_EVENT_TYPES, and snapshot A
 * unless it is the genesis image; B stays, it starts the next segment). A crash anywhere leaves either the hot rows or a committed, proved
 * segment; a leftover .tmp or an unindexed file is an orphan the next run overwrites.
 */

export { ARCHIVED_EVENT_TYPES } from "./archived-types";

export interface ArchiveOptions {
  /** The archive folder (created when missing). */
  dir: string;
  /** The hot window in engine-time ms (JOURNAL_HOT_HOURS). */
  hotMs: number;
  /** Intervals archived in one call at most (default 1). */
  maxSegments?: number;
  /** Ignore the journal consumers' cursors (tools and tests whose database has no consumer running). */
  ignoreCursors?: boolean;
  /** Reclaim the freed space with VACUUM after each segment (default true). */
  vacuum?: boolean;
  log?: (message: string) => void;
  /** Stop between intervals when aborted (the process is stopping). */
  signal?: AbortSignal;
  /** How a written segment is proved (default: in a worker thread; proveSegmentHere on the calling thread). */
  prove?: SegmentProver;
  /** Test hook: called between the steps, so a crash test can see where it was killed. */
  onStep?: (step: "file-written" | "verified" | "committed") => void;
}

export interface ArchivedSegment {
  file: string;
  fromPosition: number;
  toPosition: number;
  commandCount: number;
  eventCount: number;
  bytes: number;
}

/** Archive up to `maxSegments` eligible intervals, oldest first; returns what was archived. */
export async function archiveOnce(db: PrismaClient, journal: EngineJournal, options: ArchiveOptions): Promise<ArchivedSegment[]> {
  const done: ArchivedSegment[] = [];
  for (let i = 0; i < (options.maxSegments ?? 1) && !options.signal?.aborted; i++) {
    const range = await nextEligibleRange(db, journal, options);
    if (!range) break;
    const segment = await archiveRange(db, range, options);
    done.push(segment);
    options.log?.(
      `archived journal positions ${segment.fromPosition}–${segment.toPosition} (${segment.commandCount} commands, ${segment.eventCount} events) to ${segment.file}, ${segment.bytes} bytes`,
    );
  }
  await maintainPartitions(db, done.length > 0, options.log);
  if (done.length && options.vacuum !== false) await vacuumHotTables(db);
  return done;
}

/** Time partitions of the journal tables (partitions.ts): drop those now wholly archived, create those ahead of the journal. */
async function maintainPartitions(db: PrismaClient, archived: boolean, log?: (message: string) => void): Promise<void> {
  if (archived) {
    const dropped = await dropArchivedPartitions(db, log);
    if (dropped.length) log?.(`dropped the archived journal partitions ${dropped.join(", ")}`);
  }
  const newest = await db.engineCommand.findFirst({ orderBy: { position: "desc" }, select: { nowMs: true } });
  if (newest) {
    const created = await ensureJournalPartitions(db, Number(newest.nowMs), log);
    if (created.length) log?.(`created the journal partitions ${created.join(", ")}`);
    // On the embedded database ANALYZE holds the one session for a second or two, so not every minute.
    if (archived || created.length || Date.now() - lastAnalyzedAt >= ANALYZE_EVERY_MS) {
      lastAnalyzedAt = Date.now();
      await analyzeRecentPartitions(db, Number(newest.nowMs));
    }
  }
}

/** Planner statistics of the changing partitions are refreshed at least this often (wall time), and after every archive. */
const ANALYZE_EVERY_MS = 10 * 60_000;
let lastAnalyzedAt = 0;

interface SnapshotRow {
  position: bigint;
  lastEventSeq: bigint;
  stateHash: string;
  state: string;
}

interface EligibleRange {
  start: SnapshotRow;
  end: SnapshotRow;
  previous: SegmentIndexRow | null;
}

/** The oldest interval that may be archived now, or null. */
export async function nextEligibleRange(
  db: PrismaClient,
  journal: EngineJournal,
  options: Pick<ArchiveOptions, "hotMs" | "ignoreCursors" | "log">,
): Promise<EligibleRange | null> {
  const previous = await journal.archive.last();
  const startPosition = BigInt(previous?.toPosition ?? 0);
  const start = await db.engineSnapshot.findUnique({ where: { position: startPosition } });
  if (!start) {
    if (previous) throw new Error(`the snapshot at position ${startPosition}, where archived segment ${previous.file} ends, is missing from the tables`);
    return null;
  }
  const end = await db.engineSnapshot.findFirst({ where: { position: { gt: startPosition } }, orderBy: { position: "asc" } });
  if (!end) return null;
  const [newest, last] = await Promise.all([
    db.engineCommand.findFirst({ orderBy: { position: "desc" }, select: { nowMs: true } }),
    db.engineCommand.findFirst({ where: { position: end.position }, select: { nowMs: true } }),
  ]);
  if (!newest || !last) return null;
  if (Number(last.nowMs) >= Number(newest.nowMs) - options.hotMs) return null;
  if (!options.ignoreCursors) {
    const behind = await db.journalCursor.findFirst({ where: { seq: { lt: end.lastEventSeq } }, orderBy: { seq: "asc" }, select: { name: true, seq: true } });
    // A consumer still reading this range from the tables: wait for it (the tables grow meanwhile, nothing is lost).
    if (behind) {
      options.log?.(
        `journal positions ${startPosition + 1n}–${end.position} wait for the journal consumer "${behind.name}" (at event ${behind.seq}, the range ends at ${end.lastEventSeq})`,
      );
      return null;
    }
  }
  return { start, end, previous };
}

async function archiveRange(db: PrismaClient, range: EligibleRange, options: ArchiveOptions): Promise<ArchivedSegment> {
  const { start, end, previous } = range;
  const fromPosition = Number(start.position) + 1;
  const toPosition = Number(end.position);
  const fromSeq = Number(start.lastEventSeq) + 1;
  const toSeq = Number(end.lastEventSeq);
  const file = segmentFileName(fromPosition, toPosition);

  const commands = await readHotCommands(db, fromPosition, toPosition);
  const { digest: eventsSha256, count: eventCount } = await hashHotEvents(db, fromSeq, toSeq);
  if (eventCount !== toSeq - fromSeq + 1) throw new Error(`journal events ${fromSeq}–${toSeq}: the tables hold ${eventCount} of them`);

  const header: SegmentHeader = {
    version: SEGMENT_VERSION,
    fromPosition,
    toPosition,
    fromSeq,
    toSeq,
    fromMs: commands[0].command.nowMs,
    toMs: commands[commands.length - 1].command.nowMs,
    commandCount: commands.length,
    eventCount,
    prevSha256: previous?.sha256 ?? "",
    eventsSha256,
    startStateHash: start.stateHash,
  };
  const bytes = encodeSegment({ header, startState: start.state, commands });
  await writeDurably(options.dir, file, bytes);
  options.onStep?.("file-written");

  const row: SegmentIndexRow = { ...header, file, bytes: bytes.length, sha256: sha256Hex(bytes) };
  // Prove the file as it is on disk, not the bytes in memory (prove.ts; off the event loop by default).
  await (options.prove ?? proveSegmentInWorker)({ dir: options.dir, row, endState: end.state, endStateHash: end.stateHash }, options.signal);
  options.onStep?.("verified");

  await db.$transaction([
    db.journalSegment.create({
      data: {
        fromPosition: BigInt(fromPosition),
        toPosition: BigInt(toPosition),
        fromSeq: BigInt(fromSeq),
        toSeq: BigInt(toSeq),
        fromMs: BigInt(header.fromMs),
        toMs: BigInt(header.toMs),
        commandCount: header.commandCount,
        eventCount,
        file,
        bytes: bytes.length,
        sha256: row.sha256,
        prevSha256: header.prevSha256,
        eventsSha256,
        startStateHash: header.startStateHash,
      },
    }),
    db.engineEvent.deleteMany({ where: { seq: { gte: BigInt(fromSeq), lte: BigInt(toSeq) }, type: { in: [...ARCHIVED_EVENT_TYPES] } } }),
    db.engineCommand.deleteMany({ where: { position: { gte: BigInt(fromPosition), lte: BigInt(toPosition) } } }),
    // The genesis image stays: it pins the journal's start time and configuration (genesis()).
    db.engineSnapshot.deleteMany({ where: { position: start.position, NOT: { position: 0n } } }),
  ]);
  options.onStep?.("committed");
  return { file, fromPosition, toPosition, commandCount: commands.length, eventCount, bytes: bytes.length };
}

async function readHotCommands(db: PrismaClient, fromPosition: number, toPosition: number): Promise<SegmentCommand[]> {
  const out: SegmentCommand[] = [];
  for (let next = fromPosition; next <= toPosition; ) {
    const rows = await db.engineCommand.findMany({
      where: { position: { gte: BigInt(next), lte: BigInt(toPosition) } },
      orderBy: { position: "asc" },
      take: 5_000,
      select: { position: true, source: true, lastEventSeq: true, ...COMMAND_COLUMNS },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (Number(row.position) !== next) throw new Error(`journal position ${next} is missing from the tables`);
      out.push({
        position: next,
        source: row.source,
        lastEventSeq: row.lastEventSeq === null ? null : Number(row.lastEventSeq),
        command: decodeCommand(row),
      });
      next++;
    }
  }
  if (out.length !== toPosition - fromPosition + 1) throw new Error(`journal positions ${fromPosition}–${toPosition}: the tables hold ${out.length} of them`);
  return out;
}

async function hashHotEvents(db: PrismaClient, fromSeq: number, toSeq: number): Promise<{ digest: string; count: number }> {
  const hasher = eventsHasher();
  for (let next = fromSeq; next <= toSeq; ) {
    const rows = await db.engineEvent.findMany({
      where: { seq: { gte: BigInt(next), lte: BigInt(toSeq) } },
      orderBy: { seq: "asc" },
      take: 5_000,
      select: EVENT_COLUMNS,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (Number(row.seq) !== next) throw new Error(`journal event ${next} is missing from the tables`);
      hasher.add(decodeEvent(row));
      next++;
    }
  }
  return { digest: hasher.digest(), count: hasher.count };
}

/** Write, fsync, rename over any orphan of a crashed run, fsync the folder: the file survives a power cut once this returns. */
async function writeDurably(dir: string, file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, file);
  const temporary = `${target}.tmp`;
  const handle = await fs.open(temporary, "w");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, target);
  const folder = await fs.open(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Let the space of the deleted rows be reused. Plain VACUUM (not FULL) takes no exclusive lock, so the
 * host keeps appending meanwhile; it cannot run inside a transaction, which $executeRawUnsafe outside
 * $transaction is not.
 */
export async function vacuumHotTables(db: PrismaClient): Promise<void> {
  await db.$executeRawUnsafe(`VACUUM "EngineEvent"`);
  await db.$executeRawUnsafe(`VACUUM "EngineCommand"`);
}
