import fs from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../../prisma/generated/client";
import { chainProblem, decodeSegment, headerMismatch, segmentEventIndex, sha256Hex, type SegmentContent, type SegmentIndexRow } from "./segment";

/**
 * Reading archived journal segments: the JournalSegment index in the database, the files in the
 * archive folder. Every read checks the file against its index row (SHA-256, header) and the index
 * row against its predecessor (the chain), and a failure names the file and what is wrong.
 */

type SegmentRow = {
  fromPosition: bigint;
  toPosition: bigint;
  fromSeq: bigint;
  toSeq: bigint;
  fromMs: bigint;
  toMs: bigint;
  commandCount: number;
  eventCount: number;
  file: string;
  bytes: number;
  sha256: string;
  prevSha256: string;
  eventsSha256: string;
  startStateHash: string;
};

export class JournalSegmentError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "JournalSegmentError";
  }
}

export function indexRow(row: SegmentRow): SegmentIndexRow {
  return {
    fromPosition: Number(row.fromPosition),
    toPosition: Number(row.toPosition),
    fromSeq: Number(row.fromSeq),
    toSeq: Number(row.toSeq),
    fromMs: Number(row.fromMs),
    toMs: Number(row.toMs),
    commandCount: row.commandCount,
    eventCount: row.eventCount,
    file: row.file,
    bytes: row.bytes,
    sha256: row.sha256,
    prevSha256: row.prevSha256,
    eventsSha256: row.eventsSha256,
    startStateHash: row.startStateHash,
  };
}

const SELECT = {
  fromPosition: true,
  toPosition: true,
  fromSeq: true,
  toSeq: true,
  fromMs: true,
  toMs: true,
  commandCount: true,
  eventCount: true,
  file: true,
  bytes: true,
  sha256: true,
  prevSha256: true,
  eventsSha256: true,
  startStateHash: true,
} as const;

export class SegmentStore {
  /** The last few decoded segments: readers walk forward, so the one just read is usually read again. */
  private readonly cache = new Map<string, SegmentContent>();

  private resolvedDir: string | undefined;

  /** `dir` may be given as a function: it is only resolved when a file is read (index lookups need no folder). */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly folder: string | (() => string),
  ) {}

  get dir(): string {
    this.resolvedDir ??= typeof this.folder === "string" ? this.folder : this.folder();
    return this.resolvedDir;
  }

  /** The segment holding a journal position. */
  async containingPosition(position: number): Promise<SegmentIndexRow | null> {
    const row = await this.prisma.journalSegment.findFirst({
      where: { fromPosition: { lte: BigInt(position) }, toPosition: { gte: BigInt(position) } },
      select: SELECT,
    });
    return row ? indexRow(row) : null;
  }

  /** The segment whose commands produced event `seq`. */
  async containingSeq(seq: number): Promise<SegmentIndexRow | null> {
    const row = await this.prisma.journalSegment.findFirst({
      where: { fromSeq: { lte: BigInt(seq) }, toSeq: { gte: BigInt(seq) } },
      orderBy: { fromPosition: "asc" },
      select: SELECT,
    });
    return row ? indexRow(row) : null;
  }

  /** The segment starting from the snapshot at `position`. */
  async startingAfter(position: number): Promise<SegmentIndexRow | null> {
    const row = await this.prisma.journalSegment.findUnique({ where: { fromPosition: BigInt(position + 1) }, select: SELECT });
    return row ? indexRow(row) : null;
  }

  /** Segments overlapping the event range [fromSeq, toSeq], oldest first. */
  async overlappingSeqs(fromSeq: number, toSeq: number): Promise<SegmentIndexRow[]> {
    const rows = await this.prisma.journalSegment.findMany({
      where: { toSeq: { gte: BigInt(fromSeq) }, fromSeq: { lte: BigInt(toSeq) } },
      orderBy: { fromPosition: "asc" },
      select: SELECT,
    });
    return rows.map(indexRow);
  }

  /** Start positions (the start snapshots' positions) of the segments after a position, oldest first. */
  async startSnapshotPositionsAfter(position: number): Promise<number[]> {
    const rows = await this.prisma.journalSegment.findMany({
      where: { fromPosition: { gt: BigInt(position + 1) } },
      orderBy: { fromPosition: "asc" },
      select: { fromPosition: true },
    });
    return rows.map((row) => Number(row.fromPosition) - 1);
  }

  async last(): Promise<SegmentIndexRow | null> {
    const row = await this.prisma.journalSegment.findFirst({ orderBy: { toPosition: "desc" }, select: SELECT });
    return row ? indexRow(row) : null;
  }

  /** Every index row, oldest first (verification). */
  async all(): Promise<SegmentIndexRow[]> {
    const rows = await this.prisma.journalSegment.findMany({ orderBy: { fromPosition: "asc" }, select: SELECT });
    return rows.map(indexRow);
  }

  async previousOf(row: SegmentIndexRow): Promise<SegmentIndexRow | null> {
    if (row.fromPosition <= 1) return null;
    const previous = await this.prisma.journalSegment.findUnique({ where: { toPosition: BigInt(row.fromPosition - 1) }, select: SELECT });
    return previous ? indexRow(previous) : null;
  }

  /** Read, check and decode a segment: its chain link, its file's SHA-256, its header against the index. */
  async read(row: SegmentIndexRow): Promise<SegmentContent> {
    const previous = await this.previousOf(row);
    if (row.fromPosition > 1 && !previous)
      throw new JournalSegmentError(row.file, `journal segment ${row.file} has no predecessor in the index: the chain is broken`);
    const link = chainProblem([row], previous);
    if (link) throw new JournalSegmentError(row.file, `journal segment ${row.file} ${link.problem}`);
    // The file is read and hashed on every read (cheap next to decoding), so a cached decode is only
    // ever reused for bytes that still match the index.
    const bytes = await readVerifiedBytes(this.dir, row);
    const cached = this.cache.get(row.sha256);
    if (cached) return cached;
    const content = decodeChecked(bytes, row);
    this.cache.set(row.sha256, content);
    while (this.cache.size > 4) this.cache.delete(this.cache.keys().next().value!);
    return content;
  }
}

/** Positions and last event seqs of a segment's commands (checked like `read`, without decoding the commands). */
export async function readEventIndex(store: SegmentStore, row: SegmentIndexRow): Promise<{ positions: number[]; lastEventSeqs: Array<number | null> }> {
  const previous = await store.previousOf(row);
  if (row.fromPosition > 1 && !previous)
    throw new JournalSegmentError(row.file, `journal segment ${row.file} has no predecessor in the index: the chain is broken`);
  const link = chainProblem([row], previous);
  if (link) throw new JournalSegmentError(row.file, `journal segment ${row.file} ${link.problem}`);
  const index = segmentEventIndex(await readVerifiedBytes(store.dir, row), `journal segment ${row.file}`);
  if (index.positions.length !== row.commandCount || index.positions[0] !== row.fromPosition)
    throw new JournalSegmentError(row.file, `journal segment ${row.file} does not hold positions ${row.fromPosition}–${row.toPosition}`);
  return index;
}

/** Read one segment file and check it against its index row (no chain check: see SegmentStore.read). */
export async function readSegmentFile(dir: string, row: SegmentIndexRow): Promise<SegmentContent> {
  return decodeChecked(await readVerifiedBytes(dir, row), row);
}

async function readVerifiedBytes(dir: string, row: SegmentIndexRow): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dir, row.file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new JournalSegmentError(row.file, `journal segment ${row.file} is missing from ${dir}`);
    throw error;
  }
  const sha256 = sha256Hex(bytes);
  if (sha256 !== row.sha256)
    throw new JournalSegmentError(row.file, `journal segment ${row.file} does not match its recorded SHA-256 (file ${sha256}, index ${row.sha256})`);
  return bytes;
}

function decodeChecked(bytes: Buffer, row: SegmentIndexRow): SegmentContent {
  const content = decodeSegment(bytes, `journal segment ${row.file}`);
  const mismatch = headerMismatch(content.header, row);
  if (mismatch) throw new JournalSegmentError(row.file, `journal segment ${row.file}: ${mismatch}`);
  return content;
}
