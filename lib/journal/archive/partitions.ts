import type { PrismaClient } from "../../../prisma/generated/client";
import { ARCHIVED_EVENT_TYPES } from "./archived-types";

/**
 * REC-1: the hot journal tables, EngineEvent and EngineCommand, are partitioned by engine time, one
 * partition per hour (UTC; migration 20261207030000_journal_event_partitions), each with a default
 * partition for rows no other partition covers. An hour, not a day: a partition is dropped only once
 * all of it is archived, and new rows never reuse the space of deleted ones in an older partition, so
 * the tables hold the hot window plus up to one partition's span (a day's partitions held up to twice
 * a 24-hour window; an hour's add a sixth to the default six-hour window).
 *
 * A partition's span is read from the catalog (its bounds), never from its name, so partitions made
 * with another span (six hours, before this was an hour) are still dropped only once wholly archived,
 * and no new partition is made over them.
 *
 * - `ensureJournalPartitions` creates the partition in progress and the next ones ahead of the journal,
 *   so rows land in their own partition. A span that already has rows in the default partition (the
 *   first minutes after an upgrade, a portal that was down when it began) is left there: PostgreSQL
 *   refuses a partition whose range the default partition already holds rows of.
 * - `dropArchivedPartitions` detaches and drops a span's partitions once every command and event of it
 *   is in verified segments (the span ends at or before the newest segment's last command). The
 *   archive commit has already deleted the archived rows; the few events of the kinds that stay in the
 *   table (not ARCHIVED_EVENT_TYPES), which readers fold from it, move to the default partition in the
 *   same transaction. A partition still holding a row the archive should have removed is left alone and
 *   named: nothing is dropped that a segment does not hold. Dropping returns the space at once; deleted
 *   rows only become reusable after VACUUM.
 */

export const PARTITION_MS = 3_600_000;
export const JOURNAL_PARTITIONED_TABLES = ["EngineEvent", "EngineCommand"] as const;
export type JournalPartitionedTable = (typeof JOURNAL_PARTITIONED_TABLES)[number];
/**
 * Partitions made in advance after the one in progress: six hours, so rows keep landing in their own
 * partition while the archive job (every minute) or the portal is held up. Each one is a few empty
 * tables that every query not bounded by time still plans, so not more.
 */
export const PARTITIONS_AHEAD = 6;

export interface TimePartition {
  name: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

/** "EngineEvent_p2026120718" for the partition starting at 18:00 UTC on 7 December 2026. */
export function partitionName(table: JournalPartitionedTable, startMs: number): string {
  const iso = new Date(startMs).toISOString();
  return `${table}_p${iso.slice(0, 10).replaceAll("-", "")}${iso.slice(11, 13)}`;
}

/** The span of a partition bound as PostgreSQL prints it (`FOR VALUES FROM ('1') TO ('2')`), or null (the default partition). */
export function partitionBounds(bound: string): { startMs: number; endMs: number } | null {
  const match = /^FOR VALUES FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)$/.exec(bound.trim());
  return match ? { startMs: Number(match[1]), endMs: Number(match[2]) } : null;
}

/** The time partitions of `table` in the client's schema with their spans from the catalog, oldest first. */
export async function timePartitions(db: PrismaClient, table: JournalPartitionedTable): Promise<TimePartition[]> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string; bound: string }>>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)`,
    `"${table}"`,
  );
  const partitions: TimePartition[] = [];
  for (const row of rows) {
    const bounds = partitionBounds(row.bound);
    if (bounds) partitions.push({ name: row.name, ...bounds });
  }
  return partitions.sort((a, b) => a.startMs - b.startMs);
}

const overlaps = (partition: { startMs: number; endMs: number }, startMs: number, endMs: number) => partition.startMs < endMs && partition.endMs > startMs;

/** Create the missing partitions from the one holding `nowMs` to PARTITIONS_AHEAD after it; returns those created. */
export async function ensureJournalPartitions(db: PrismaClient, nowMs: number, log?: (message: string) => void): Promise<string[]> {
  const created: string[] = [];
  const current = Math.floor(nowMs / PARTITION_MS) * PARTITION_MS;
  for (const table of JOURNAL_PARTITIONED_TABLES) {
    const existing = await timePartitions(db, table);
    for (let start = current; start <= current + PARTITIONS_AHEAD * PARTITION_MS; start += PARTITION_MS) {
      const end = start + PARTITION_MS;
      if (existing.some((partition) => overlaps(partition, start, end))) continue;
      const name = partitionName(table, start);
      const [{ taken }] = await db.$queryRawUnsafe<Array<{ taken: boolean }>>(
        `SELECT EXISTS (SELECT 1 FROM "${table}_default" WHERE "nowMs" >= $1 AND "nowMs" < $2) AS taken`,
        BigInt(start),
        BigInt(end),
      );
      if (taken) continue;
      try {
        // The names come from a fixed list and a date, never from input; the bounds are integers.
        await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${table}" FOR VALUES FROM (${start}) TO (${end})`);
        created.push(name);
      } catch (error) {
        // A row of that span reached the default partition between the check and the CREATE: the span stays there.
        log?.(`journal partition ${name} not created: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return created;
}

/** Rows the archive should have removed from a partition before it may go: a count above 0 keeps it. */
const LEFT_BEHIND: Record<JournalPartitionedTable, string> = {
  EngineEvent: `WHERE type = ANY($1::text[])`,
  EngineCommand: ``,
};

/** Detach and drop the partitions whose every row is archived (see above); returns those dropped. */
export async function dropArchivedPartitions(db: PrismaClient, log?: (message: string) => void): Promise<string[]> {
  const newest = await db.journalSegment.findFirst({ orderBy: { toPosition: "desc" }, select: { toMs: true } });
  if (!newest) return [];
  const archivedBeforeMs = Number(newest.toMs);
  const dropped: string[] = [];
  for (const table of JOURNAL_PARTITIONED_TABLES) {
    for (const partition of await timePartitions(db, table)) {
      if (partition.endMs > archivedBeforeMs) break;
      const where = LEFT_BEHIND[table];
      const [{ left }] = await db.$queryRawUnsafe<Array<{ left: bigint }>>(
        `SELECT count(*) AS left FROM "${partition.name}" ${where}`,
        ...(where ? [[...ARCHIVED_EVENT_TYPES]] : []),
      );
      if (left > 0n) {
        log?.(`journal partition ${partition.name} kept: it still holds ${left} rows the archive has not removed`);
        continue;
      }
      await db.$transaction([
        db.$executeRawUnsafe(`ALTER TABLE "${table}" DETACH PARTITION "${partition.name}"`),
        // Rows of the kinds that stay in the table (a few a day) go to the default partition, which covers the span now.
        db.$executeRawUnsafe(`INSERT INTO "${table}" SELECT * FROM "${partition.name}"`),
        db.$executeRawUnsafe(`DROP TABLE "${partition.name}"`),
      ]);
      dropped.push(partition.name);
    }
  }
  return dropped;
}

/**
 * Planner statistics for the partitions that are changing: the one in progress, the one before and the
 * default partitions. The embedded database never gathers them itself (single-user PostgreSQL runs no
 * autovacuum), and without them the planner reads a whole day of a market's events to return the 50
 * newest trades: 1.5 s instead of 1 ms on a two-day journal. A PostgreSQL server's autovacuum analyzes
 * partitions too, but not on this schedule. ANALYZE samples a bounded number of rows, so its cost does
 * not grow with the table; finished partitions keep the statistics they were last given.
 */
export async function analyzeRecentPartitions(db: PrismaClient, nowMs: number): Promise<string[]> {
  const current = Math.floor(nowMs / PARTITION_MS) * PARTITION_MS;
  const analyzed: string[] = [];
  for (const table of JOURNAL_PARTITIONED_TABLES) {
    const recent = (await timePartitions(db, table)).filter((partition) => overlaps(partition, current - PARTITION_MS, current + PARTITION_MS));
    for (const name of [...recent.map((partition) => partition.name), `${table}_default`]) {
      await db.$executeRawUnsafe(`ANALYZE "${name}"`);
      analyzed.push(name);
    }
  }
  return analyzed;
}
