import type { PrismaClient } from "../../prisma/generated/client";
import { parseSnapshot, serializeSnapshot, type Command, type EngineEvent, type EngineSnapshot, type EngineSnapshotV2 } from "../engine/index";
import { journalArchiveDir } from "../journal/archive/config";
import { readEventIndex, SegmentStore } from "../journal/archive/store";
import { replaySegment, type SegmentIndexRow } from "../journal/archive/segment";
import type { StoredRollupRow } from "../journal/rollup";
import { COMMAND_COLUMNS, decodeCommand, decodeEvent, encodeCommand, encodeEvent, EVENT_COLUMNS } from "./journal-codec";

/**
 * The engine journal in PostgreSQL. The engine is a deterministic reducer over commands, so the
 * journal of accepted commands is the record of truth; events are stored beside them for streams,
 * resumption and history. A batch is written in one transaction, so the journal never holds a
 * command without its events, and nothing is acknowledged or published before that commit.
 *
 * Older snapshot intervals move out of the tables into archived segment files (lib/journal/archive:
 * REC-1, REC-2); the readers below read both, archived ranges first, so callers see one journal.
 */

export type CommandSource = "simulation" | "client" | "admin" | "bootstrap";

export interface JournalEntry {
  /** The engine's commandCount after applying the command. */
  position: number;
  source: CommandSource;
  command: Command;
  events: EngineEvent[];
}

export interface StoredSnapshot {
  position: number;
  lastEventSeq: number;
  stateHash: string;
  /** As written: a version 2 image when an earlier version of the engine wrote it (restore converts it). */
  snapshot: EngineSnapshot | EngineSnapshotV2;
  host: HostMemo;
}

/** What the host must remember across restarts beyond the engine state itself. */
export interface HostMemo {
  /** Highest order id handed out, so ids are never reused after a restart. */
  maxOrderId: number;
}

export interface JournalHead {
  position: number;
  lastEventSeq: number;
}

export interface JournalOptions {
  /** The archive folder (default: JOURNAL_ARCHIVE_DIR, else DATA_DIR/journal-archive), read only when a range is archived. */
  archiveDir?: string;
}

export type JournalCommand = { position: number; source: CommandSource; command: Command; lastEventSeq: number | null };

/**
 * Rows per INSERT of a journal batch. The rows go in as one array per column (unnest), not as one
 * bind parameter per value: the ORM's createMany spent about 0.2 ms of this process's CPU a row,
 * which bounded how fast a journal could be written or rebuilt (the growth bench); arrays cost a
 * tenth of that. The SQL is fixed text, every value a parameter.
 */
const APPEND_CHUNK = 5_000;

export class EngineJournal {
  private archiveStore: SegmentStore | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: JournalOptions = {},
  ) {}

  /** The archived segments (index and files). */
  get archive(): SegmentStore {
    // The folder (and with it the environment) is only looked up when a segment file is read.
    this.archiveStore ??= new SegmentStore(this.prisma, () => this.options.archiveDir ?? journalArchiveDir());
    return this.archiveStore;
  }

  /**
   * Write a batch; `rollupRows` (the minute rollups the batch touched, lib/journal/rollup.ts) are
   * upserted in the same transaction, so the rows never run ahead of or behind the journal.
   */
  async append(entries: readonly JournalEntry[], rollupRows: readonly StoredRollupRow[] = []): Promise<void> {
    if (entries.length === 0) return;
    const events = entries.flatMap((entry) => entry.events.map((event) => ({ event, position: entry.position })));
    await this.prisma.$transaction([
      ...chunk(entries, APPEND_CHUNK).map((part) =>
        this.prisma.$executeRawUnsafe(
          `INSERT INTO "EngineCommand" (position, "nowMs", type, source, body, "firstEventSeq", "lastEventSeq")
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::"CommandSource"[], $5::bytea[], $6::bigint[], $7::bigint[])`,
          part.map((entry) => BigInt(entry.position)),
          part.map((entry) => BigInt(entry.command.nowMs)),
          part.map((entry) => entry.command.type),
          part.map((entry) => entry.source),
          part.map((entry) => asBuffer(encodeCommand(entry.command))),
          part.map((entry) => (entry.events.length ? BigInt(entry.events[0].seq) : null)),
          part.map((entry) => (entry.events.length ? BigInt(entry.events[entry.events.length - 1].seq) : null)),
        ),
      ),
      ...chunk(events, APPEND_CHUNK).map((part) =>
        this.prisma.$executeRawUnsafe(
          `INSERT INTO "EngineEvent" (seq, position, "nowMs", type, market, body)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bytea[])`,
          part.map(({ event }) => BigInt(event.seq)),
          part.map(({ position }) => BigInt(position)),
          part.map(({ event }) => BigInt(event.nowMs)),
          part.map(({ event }) => event.type),
          part.map(({ event }) => marketOf(event)),
          part.map(({ event }) => asBuffer(encodeEvent(event))),
        ),
      ),
      ...rollupRows.map((row) => {
        const data = { figures: row.figures, lastSeq: BigInt(row.lastSeq) };
        const key = { market: row.market, minuteMs: BigInt(row.minuteMs) };
        return this.prisma.marketMinute.upsert({ where: { market_minuteMs: key }, create: { ...key, ...data }, update: data });
      }),
    ]);
  }

  /** The latest stored minute rollup of each market: where the host's fold resumes after a restart. */
  async latestRollups(): Promise<StoredRollupRow[]> {
    const heads = await this.prisma.marketMinute.groupBy({ by: ["market"], _max: { minuteMs: true } });
    const rows = await Promise.all(
      heads.map((head) => this.prisma.marketMinute.findUnique({ where: { market_minuteMs: { market: head.market, minuteMs: head._max.minuteMs! } } })),
    );
    return rows.filter((row) => row !== null).map(storedRollup);
  }

  /** Stored minute rollups, by market then minute; optionally one market's, in [fromMs, toMs). */
  async rollups(options: { market?: string; fromMs?: number; toMs?: number; limit?: number } = {}): Promise<StoredRollupRow[]> {
    const rows = await this.prisma.marketMinute.findMany({
      where: {
        ...(options.market ? { market: options.market } : {}),
        minuteMs: { gte: BigInt(options.fromMs ?? 0), ...(options.toMs === undefined ? {} : { lt: BigInt(options.toMs) }) },
      },
      orderBy: [{ market: "asc" }, { minuteMs: "asc" }],
      ...(options.limit === undefined ? {} : { take: options.limit }),
    });
    return rows.map(storedRollup);
  }

  /** Replace every stored minute rollup in one transaction (the rebuild). */
  async replaceRollups(rows: readonly StoredRollupRow[]): Promise<void> {
    const data = rows.map((row) => ({ market: row.market, minuteMs: BigInt(row.minuteMs), figures: row.figures, lastSeq: BigInt(row.lastSeq) }));
    await this.prisma.$transaction([
      this.prisma.marketMinute.deleteMany({}),
      ...chunk(data, 2_000).map((part) => this.prisma.marketMinute.createMany({ data: part })),
    ]);
  }

  async head(): Promise<JournalHead> {
    const [command, event, segment] = await Promise.all([
      this.prisma.engineCommand.findFirst({ orderBy: { position: "desc" }, select: { position: true } }),
      this.prisma.engineEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
      // Everything may be archived (the last snapshot at the head, nothing after it yet).
      this.prisma.journalSegment.findFirst({ orderBy: { toPosition: "desc" }, select: { toPosition: true, toSeq: true } }),
    ]);
    // Rare event types stay in the table after archiving (ARCHIVED_EVENT_TYPES), so the newest row may be older than the archive's end.
    const max = (a: bigint | undefined, b: bigint | undefined) => Number((a ?? 0n) > (b ?? 0n) ? (a ?? 0n) : (b ?? 0n));
    return { position: max(command?.position, segment?.toPosition), lastEventSeq: max(event?.seq, segment?.toSeq) };
  }

  async saveSnapshot(snapshot: EngineSnapshot, stateHash: string, host: HostMemo): Promise<void> {
    const position = BigInt(snapshot.commandCount);
    const state = JSON.stringify({ engine: serializeSnapshot(snapshot), host });
    await this.prisma.engineSnapshot.upsert({
      where: { position },
      create: { position, lastEventSeq: BigInt(snapshot.seq), stateHash, state },
      update: {},
    });
  }

  async latestSnapshot(): Promise<StoredSnapshot | null> {
    return this.readSnapshot(await this.prisma.engineSnapshot.findFirst({ orderBy: { position: "desc" } }));
  }

  /** The genesis image (position 0): the start of an uninterrupted replay of the whole journal. */
  async genesis(): Promise<StoredSnapshot | null> {
    return this.readSnapshot(await this.prisma.engineSnapshot.findUnique({ where: { position: 0n } }));
  }

  /** Positions of the snapshots after a journal position, oldest first, without reading their images (archived ones included). */
  async snapshotPositionsAfter(position: number): Promise<number[]> {
    const [rows, archived] = await Promise.all([
      this.prisma.engineSnapshot.findMany({
        where: { position: { gt: BigInt(position) } },
        orderBy: { position: "asc" },
        select: { position: true },
      }),
      this.archive.startSnapshotPositionsAfter(position),
    ]);
    return [...new Set([...archived, ...rows.map((row) => Number(row.position))])].sort((a, b) => a - b);
  }

  /** The snapshot taken at exactly this journal position (from the segment it starts when archived). */
  async snapshotAt(position: number): Promise<StoredSnapshot | null> {
    const row = await this.prisma.engineSnapshot.findUnique({ where: { position: BigInt(position) } });
    if (row) return this.readSnapshot(row);
    const segment = await this.archive.startingAfter(position);
    if (!segment) return null;
    const content = await this.archive.read(segment);
    return this.readSnapshot({
      position: BigInt(position),
      lastEventSeq: BigInt(segment.fromSeq - 1),
      stateHash: segment.startStateHash,
      state: content.startState,
    });
  }

  /** The journal position of the command that emitted event `seq`, or null when there is no such event. */
  async positionOfEvent(seq: number): Promise<number | null> {
    const row = await this.prisma.engineEvent.findFirst({ where: { seq: BigInt(seq) }, select: { position: true } });
    if (row) return Number(row.position);
    return (await this.archivedPositionsOfEvents([seq])).get(seq) ?? null;
  }

  /** The same for several events in one query; events that do not exist are absent from the map. */
  async positionsOfEvents(seqs: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.prisma.engineEvent.findMany({ where: { seq: { in: seqs.map((seq) => BigInt(seq)) } }, select: { seq: true, position: true } });
    const found = new Map(rows.map((row) => [Number(row.seq), Number(row.position)]));
    const missing = seqs.filter((seq) => !found.has(seq));
    if (missing.length) for (const [seq, position] of await this.archivedPositionsOfEvents(missing)) found.set(seq, position);
    return found;
  }

  /** Archived events' positions from the command lines' lastEventSeq (no replay needed). */
  private async archivedPositionsOfEvents(seqs: readonly number[]): Promise<Map<number, number>> {
    const found = new Map<number, number>();
    for (const seq of [...seqs].sort((a, b) => a - b)) {
      if (found.has(seq)) continue;
      const segment = await this.archive.containingSeq(seq);
      if (!segment) continue;
      // Only the line tails: this runs on the caller's thread (the public historical-state lookups).
      const { positions, lastEventSeqs } = await readEventIndex(this.archive, segment);
      // Event seqs are consecutive in command order: an event belongs to the first command whose last event is at or after it.
      let index = 0;
      for (const wanted of seqs.filter((s) => s >= segment.fromSeq && s <= segment.toSeq).sort((a, b) => a - b)) {
        while (index < positions.length && (lastEventSeqs[index] ?? -1) < wanted) index++;
        if (index < positions.length) found.set(wanted, positions[index]);
      }
    }
    return found;
  }

  private readSnapshot(row: { position: bigint; lastEventSeq: bigint; stateHash: string; state: string } | null): StoredSnapshot | null {
    if (!row) return null;
    const stored = JSON.parse(row.state) as { engine: string; host: HostMemo };
    return {
      position: Number(row.position),
      lastEventSeq: Number(row.lastEventSeq),
      stateHash: row.stateHash,
      snapshot: parseSnapshot(stored.engine),
      host: stored.host,
    };
  }

  /**
   * Commands after a journal position (up to `through`, inclusive, when given), in order: archived
   * ranges from their segment files, then the hot rows, fetched in pages to bound memory.
   */
  async *commandsAfter(position: number, { pageSize = 5_000, through }: { pageSize?: number; through?: number } = {}): AsyncGenerator<JournalCommand> {
    let next = position + 1;
    const end = through ?? Number.MAX_SAFE_INTEGER;
    while (next <= end) {
      const rows = await this.prisma.engineCommand.findMany({
        where: { position: { gte: BigInt(next), lte: BigInt(end) } },
        orderBy: { position: "asc" },
        take: pageSize,
        select: { position: true, source: true, lastEventSeq: true, ...COMMAND_COLUMNS },
      });
      if (rows.length === 0 || Number(rows[0].position) !== next) {
        // Not (or no longer: the archiver may have moved it since the last page) in the tables.
        const segment = await this.archive.containingPosition(next);
        if (!segment) {
          if (rows.length === 0) return;
          throw new Error(`the journal has a gap: position ${next} is neither in the tables nor in an archived segment`);
        }
        const content = await this.archive.read(segment);
        for (const row of content.commands) {
          if (row.position < next) continue;
          if (row.position > end) return;
          yield row;
        }
        next = segment.toPosition + 1;
        continue;
      }
      let expected = next;
      for (const row of rows) {
        // A hole inside a page: archived in between, or a real gap; the top of the loop tells which.
        if (Number(row.position) !== expected) break;
        yield {
          position: expected,
          source: row.source,
          command: decodeCommand(row),
          lastEventSeq: row.lastEventSeq === null ? null : Number(row.lastEventSeq),
        };
        expected++;
      }
      if (expected === next) break;
      next = expected;
      if (rows.length < pageSize && expected > Number(rows[rows.length - 1].position)) return;
    }
  }

  /** Engine time of each deposit's notice (its DepositPending event), for deposits still pending after a restart. */
  async depositNoticeTimes(depositIds: readonly string[]): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    if (depositIds.length === 0) return times;
    // Deposits are few; the bodies are compressed, so the ids are matched after decoding.
    const wanted = new Set(depositIds);
    const rows = await this.prisma.engineEvent.findMany({ where: { type: "DepositPending" }, select: EVENT_COLUMNS });
    for (const row of rows) {
      const event = decodeEvent(row);
      if (event.type === "DepositPending" && wanted.has(event.depositId)) times.set(event.depositId, event.nowMs);
    }
    return times;
  }

  /** The last event seq inside an archived segment (0 when nothing is archived). */
  async archivedThroughSeq(): Promise<number> {
    return (await this.archive.last())?.toSeq ?? 0;
  }

  /**
   * Stored events after a sequence number (optionally one market's), oldest first: archived ranges
   * are derived by replaying their segments, then the hot rows.
   */
  async eventsAfter(seq: number, options: { market?: string; limit?: number } = {}): Promise<EngineEvent[]> {
    const limit = options.limit ?? 10_000;
    const out: EngineEvent[] = [];
    let after = seq;
    const last = await this.archive.last();
    if (last && after < last.toSeq) {
      for (const segment of await this.archive.overlappingSeqs(after + 1, last.toSeq)) {
        await this.replayEvents(segment, after + 1, segment.toSeq, (event) => {
          if (out.length < limit && (!options.market || marketOf(event) === options.market)) out.push(event);
        });
        after = segment.toSeq;
        if (out.length >= limit) return out;
      }
    }
    const rows = await this.prisma.engineEvent.findMany({
      where: { seq: { gt: BigInt(after) }, ...(options.market ? { market: options.market } : {}) },
      orderBy: { seq: "asc" },
      take: limit - out.length,
      select: EVENT_COLUMNS,
    });
    return out.concat(rows.map(decodeEvent));
  }

  /**
   * Every event with fromSeq ≤ seq ≤ toSeq, oldest first, wherever it is: hot rows, or for archived
   * ranges the replay of the overlapping segments (each checked against its recorded events hash).
   */
  async eventsBetween(fromSeq: number, toSeq: number): Promise<EngineEvent[]> {
    return (await this.recordsBetween(fromSeq, toSeq)).map((record) => record.event);
  }

  /** The same with the journal position of the command that emitted each event. */
  async recordsBetween(fromSeq: number, toSeq: number): Promise<Array<{ position: number; event: EngineEvent }>> {
    const out: Array<{ position: number; event: EngineEvent }> = [];
    let next = fromSeq;
    while (next <= toSeq) {
      const rows = await this.prisma.engineEvent.findMany({
        where: { seq: { gte: BigInt(next), lte: BigInt(toSeq) } },
        orderBy: { seq: "asc" },
        take: 10_000,
        select: { position: true, ...EVENT_COLUMNS },
      });
      if (rows.length === 0 || Number(rows[0].seq) !== next) {
        // Not (or no longer: the archiver may have moved it meanwhile) in the table.
        const segment = await this.archive.containingSeq(next);
        if (!segment) {
          if (rows.length === 0) break;
          throw new Error(`the journal has a gap: event ${next} is neither in the tables nor in an archived segment`);
        }
        await this.replayEvents(segment, next, Math.min(toSeq, segment.toSeq), (event, position) => out.push({ position, event }));
        next = segment.toSeq + 1;
        continue;
      }
      for (const row of rows) {
        if (Number(row.seq) !== next) break;
        out.push({ position: Number(row.position), event: decodeEvent(row) });
        next++;
      }
    }
    return out;
  }

  /** Engine time and event range of the commands at these positions (hot or archived); absent positions are left out. */
  async commandsAt(positions: readonly number[]): Promise<Map<number, { nowMs: number; firstEventSeq: number | null; lastEventSeq: number | null }>> {
    const rows = await this.prisma.engineCommand.findMany({
      where: { position: { in: positions.map((position) => BigInt(position)) } },
      select: { position: true, nowMs: true, firstEventSeq: true, lastEventSeq: true },
    });
    const found = new Map(
      rows.map((row) => [
        Number(row.position),
        {
          nowMs: Number(row.nowMs),
          firstEventSeq: row.firstEventSeq === null ? null : Number(row.firstEventSeq),
          lastEventSeq: row.lastEventSeq === null ? null : Number(row.lastEventSeq),
        },
      ]),
    );
    for (const position of positions) {
      if (found.has(position)) continue;
      const segment = await this.archive.containingPosition(position);
      if (!segment) continue;
      const content = await this.archive.read(segment);
      let previous = segment.fromSeq - 1;
      for (const row of content.commands) {
        if (row.position === position)
          found.set(position, { nowMs: row.command.nowMs, firstEventSeq: row.lastEventSeq === null ? null : previous + 1, lastEventSeq: row.lastEventSeq });
        if (row.lastEventSeq !== null) previous = row.lastEventSeq;
      }
    }
    return found;
  }

  /**
   * The position of the last command with engine time before `ms` (commands' times never go back),
   * hot or archived; 0 (the genesis image) when there is none. What "the engine as at `ms`" restores to.
   */
  async lastPositionBefore(ms: number): Promise<number> {
    const hot = await this.prisma.engineCommand.findFirst({
      where: { nowMs: { lt: BigInt(ms) } },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    if (hot) return Number(hot.position);
    // Archived ranges are older than every hot row: the newest segment that starts before `ms`.
    const segment = await this.prisma.journalSegment.findFirst({
      where: { fromMs: { lt: BigInt(ms) } },
      orderBy: { fromPosition: "desc" },
      select: { fromPosition: true, toMs: true, toPosition: true },
    });
    if (!segment) return 0;
    if (segment.toMs < BigInt(ms)) return Number(segment.toPosition);
    const content = await this.archive.read((await this.archive.containingPosition(Number(segment.fromPosition)))!);
    let last = Number(segment.fromPosition) - 1;
    for (const row of content.commands) if (row.command.nowMs < ms) last = row.position;
    return last;
  }

  /**
   * The first event at or after engine time `ms` (events carry their command's time, which never goes
   * back), or null when there is none yet.
   */
  async firstSeqAtOrAfter(ms: number): Promise<number | null> {
    const segment = await this.prisma.journalSegment.findFirst({
      where: { toMs: { gte: BigInt(ms) } },
      orderBy: { fromPosition: "asc" },
      select: { fromPosition: true },
    });
    if (segment) {
      const row = await this.archive.containingPosition(Number(segment.fromPosition));
      const content = await this.archive.read(row!);
      for (const command of content.commands)
        if (command.command.nowMs >= ms && command.lastEventSeq !== null) return this.firstSeqOf(content.commands, command.position, row!.fromSeq);
      // The segment's later commands emitted nothing: the answer is the next event after it.
      return (await this.eventsBetween(row!.toSeq + 1, row!.toSeq + 1))[0]?.seq ?? null;
    }
    const command = await this.prisma.engineCommand.findFirst({
      where: { nowMs: { gte: BigInt(ms) }, firstEventSeq: { not: null } },
      orderBy: { position: "asc" },
      select: { firstEventSeq: true },
    });
    return command?.firstEventSeq === null || command === null ? null : Number(command.firstEventSeq);
  }

  private firstSeqOf(commands: ReadonlyArray<{ position: number; lastEventSeq: number | null }>, position: number, fromSeq: number): number {
    let previous = fromSeq - 1;
    for (const row of commands) {
      if (row.position === position) return previous + 1;
      if (row.lastEventSeq !== null) previous = row.lastEventSeq;
    }
    throw new Error(`journal position ${position} is not in this segment`);
  }

  private async replayEvents(segment: SegmentIndexRow, fromSeq: number, toSeq: number, onEvent: (event: EngineEvent, position: number) => void): Promise<void> {
    const content = await this.archive.read(segment);
    replaySegment(content, `journal segment ${segment.file}`, (event, position) => {
      if (event.seq >= fromSeq && event.seq <= toSeq) onEvent(event, position);
    });
  }
}

/** The market an event belongs to, for per-market streams; null for account-level events. */
export function marketOf(event: EngineEvent): string | null {
  const market = (event as { market?: unknown }).market;
  return typeof market === "string" ? market : null;
}

function storedRollup(row: { market: string; minuteMs: bigint; figures: string; lastSeq: bigint }): StoredRollupRow {
  return { market: row.market, minuteMs: Number(row.minuteMs), figures: row.figures, lastSeq: Number(row.lastSeq) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The database driver sends a Buffer as bytea; a plain Uint8Array it would not. No copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
