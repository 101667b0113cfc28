import type { PrismaClient } from "../../prisma/generated/client";
import { parseSnapshot, serializeSnapshot, type Command, type EngineEvent, type EngineSnapshot, type EngineSnapshotV2 } from "../engine/index";
import type { StoredRollupRow } from "../journal/rollup";
import { COMMAND_COLUMNS, decodeCommand, decodeEvent, encodeCommand, encodeEvent, EVENT_COLUMNS } from "./journal-codec";

/**
 * The engine journal in PostgreSQL. The engine is a deterministic reducer over commands, so the
 * journal of accepted commands is the record of truth; events are stored beside them for streams,
 * resumption and history. A batch is written in one transaction, so the journal never holds a
 * command without its events, and nothing is acknowledged or published before that commit.
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

export class EngineJournal {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Write a batch; `rollupRows` (the minute rollups the batch touched, lib/journal/rollup.ts) are
   * upserted in the same transaction, so the rows never run ahead of or behind the journal.
   */
  async append(entries: readonly JournalEntry[], rollupRows: readonly StoredRollupRow[] = []): Promise<void> {
    if (entries.length === 0) return;
    const commands = entries.map((entry) => ({
      position: BigInt(entry.position),
      nowMs: BigInt(entry.command.nowMs),
      type: entry.command.type,
      source: entry.source,
      body: encodeCommand(entry.command),
      firstEventSeq: entry.events.length ? BigInt(entry.events[0].seq) : null,
      lastEventSeq: entry.events.length ? BigInt(entry.events[entry.events.length - 1].seq) : null,
    }));
    const events = entries.flatMap((entry) =>
      entry.events.map((event) => ({
        seq: BigInt(event.seq),
        position: BigInt(entry.position),
        nowMs: BigInt(event.nowMs),
        type: event.type,
        market: marketOf(event),
        body: encodeEvent(event),
      })),
    );
    await this.prisma.$transaction([
      this.prisma.engineCommand.createMany({ data: commands }),
      ...chunk(events, 2_000).map((part) => this.prisma.engineEvent.createMany({ data: part })),
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
    const [command, event] = await Promise.all([
      this.prisma.engineCommand.findFirst({ orderBy: { position: "desc" }, select: { position: true } }),
      this.prisma.engineEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
    ]);
    return { position: Number(command?.position ?? 0n), lastEventSeq: Number(event?.seq ?? 0n) };
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

  /** Positions of the snapshots after a journal position, oldest first, without reading their images. */
  async snapshotPositionsAfter(position: number): Promise<number[]> {
    const rows = await this.prisma.engineSnapshot.findMany({
      where: { position: { gt: BigInt(position) } },
      orderBy: { position: "asc" },
      select: { position: true },
    });
    return rows.map((row) => Number(row.position));
  }

  /** The snapshot taken at exactly this journal position. */
  async snapshotAt(position: number): Promise<StoredSnapshot | null> {
    return this.readSnapshot(await this.prisma.engineSnapshot.findUnique({ where: { position: BigInt(position) } }));
  }

  /** The journal position of the command that emitted event `seq`, or null when there is no such event. */
  async positionOfEvent(seq: number): Promise<number | null> {
    const row = await this.prisma.engineEvent.findUnique({ where: { seq: BigInt(seq) }, select: { position: true } });
    return row ? Number(row.position) : null;
  }

  /** The same for several events in one query; events that do not exist are absent from the map. */
  async positionsOfEvents(seqs: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.prisma.engineEvent.findMany({ where: { seq: { in: seqs.map((seq) => BigInt(seq)) } }, select: { seq: true, position: true } });
    return new Map(rows.map((row) => [Number(row.seq), Number(row.position)]));
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
   * Commands after a journal position (up to `through`, inclusive, when given), in order, fetched in
   * pages to bound memory.
   */
  async *commandsAfter(
    position: number,
    { pageSize = 5_000, through }: { pageSize?: number; through?: number } = {},
  ): AsyncGenerator<{ position: number; source: CommandSource; command: Command; lastEventSeq: number | null }> {
    let after = BigInt(position);
    for (;;) {
      const rows = await this.prisma.engineCommand.findMany({
        where: { position: through === undefined ? { gt: after } : { gt: after, lte: BigInt(through) } },
        orderBy: { position: "asc" },
        take: pageSize,
        select: { position: true, source: true, lastEventSeq: true, ...COMMAND_COLUMNS },
      });
      for (const row of rows) {
        yield {
          position: Number(row.position),
          source: row.source as CommandSource,
          command: decodeCommand(row),
          lastEventSeq: row.lastEventSeq === null ? null : Number(row.lastEventSeq),
        };
      }
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].position;
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

  /** Stored events after a sequence number (optionally one market's), oldest first. */
  async eventsAfter(seq: number, options: { market?: string; limit?: number } = {}): Promise<EngineEvent[]> {
    const rows = await this.prisma.engineEvent.findMany({
      where: { seq: { gt: BigInt(seq) }, ...(options.market ? { market: options.market } : {}) },
      orderBy: { seq: "asc" },
      take: options.limit ?? 10_000,
      select: EVENT_COLUMNS,
    });
    return rows.map(decodeEvent);
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

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
