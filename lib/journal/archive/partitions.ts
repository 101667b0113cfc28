import type { PrismaClient } from "../../../prisma/generated/client";
import { ARCHIVED_EVENT_TYPES } from "./archived-types";

/**
 * REC-1: EngineEvent is partitioned by engine time, one partition per UTC day (migration
 * 20261207030000_journal_event_partitions), plus a default partition for rows no day partition covers.
 *
 * - `ensureEventPartitions` creates the partitions of the day in progress and the next ones ahead of
 *   the journal, so the rows of a day land in their own partition. A day that already has rows in the
 *   default partition (the first minutes after an upgrade, a portal that was down across midnight) is
 *   left there: PostgreSQL refuses a partition whose range the default partition already holds rows of.
 * - `dropArchivedEventPartitions` detaches and drops a day's partition once every event of that day is in
 *   verified segments (the day ends at or before the newest segment's last command). The archive commit
 *   has already deleted the archived kinds (ARCHIVED_EVENT_TYPES); the few rows of the other kinds, which
 *   readers fold from the table, are moved to the default partition in the same transaction, and a
 *   partition that still holds a row of an archived kind is left alone and named (nothing is lost).
 *   Dropping returns the space at once; deleted rows only become reusable after VACUUM.
 */

export const DAY_MS = 86_400_000;
const PARTITION_PREFIX = "EngineEvent_d";
/** Days ahead of the journal's newest command that get a partition in advance. */
const DAYS_AHEAD = 2;

/** "EngineEvent_d20261207" for the UTC day starting at `dayStartMs`. */
export function partitionName(dayStartMs: number): string {
  return `${PARTITION_PREFIX}${new Date(dayStartMs).toISOString().slice(0, 10).replaceAll("-", "")}`;
}

/** The UTC day start a partition name stands for, or null for any other table. */
export function partitionDay(name: string): number | null {
  const match = /^EngineEvent_d(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return partitionName(ms) === name ? ms : null;
}

/** The day partitions of EngineEvent in the client's schema, oldest first. */
export async function eventPartitions(db: PrismaClient): Promise<Array<{ name: string; dayMs: number }>> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT c.relname AS name
       FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass('"EngineEvent"')`,
  );
  return rows
    .map((row) => ({ name: row.name, dayMs: partitionDay(row.name) }))
    .filter((row): row is { name: string; dayMs: number } => row.dayMs !== null)
    .sort((a, b) => a.dayMs - b.dayMs);
}

/** Create the missing day partitions from the day of `nowMs` to DAYS_AHEAD days after it; returns those created. */
export async function ensureEventPartitions(db: PrismaClient, nowMs: number, log?: (message: string) => void): Promise<string[]> {
  const existing = new Set((await eventPartitions(db)).map((row) => row.name));
  const created: string[] = [];
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  for (let day = today; day <= today + DAYS_AHEAD * DAY_MS; day += DAY_MS) {
    const name = partitionName(day);
    if (existing.has(name)) continue;
    const [{ taken }] = await db.$queryRawUnsafe<Array<{ taken: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM "EngineEvent_default" WHERE "nowMs" >= $1 AND "nowMs" < $2) AS taken`,
      BigInt(day),
      BigInt(day + DAY_MS),
    );
    if (taken) continue;
    try {
      // The name is built from a date, never from input; the bounds are integers.
      await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "EngineEvent" FOR VALUES FROM (${day}) TO (${day + DAY_MS})`);
      created.push(name);
    } catch (error) {
      // A row of that day reached the default partition between the check and the CREATE: the day stays there.
      log?.(`event partition ${name} not created: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return created;
}

/** Detach and drop the day partitions whose every event is archived (see above); returns those dropped. */
export async function dropArchivedEventPartitions(db: PrismaClient, log?: (message: string) => void): Promise<string[]> {
  const newest = await db.journalSegment.findFirst({ orderBy: { toPosition: "desc" }, select: { toMs: true } });
  if (!newest) return [];
  const archivedBeforeMs = Number(newest.toMs);
  const dropped: string[] = [];
  for (const partition of await eventPartitions(db)) {
    if (partition.dayMs + DAY_MS > archivedBeforeMs) break;
    const [{ left }] = await db.$queryRawUnsafe<Array<{ left: bigint }>>(
      `SELECT count(*) AS left FROM "${partition.name}" WHERE type = ANY($1::text[])`,
      [...ARCHIVED_EVENT_TYPES],
    );
    if (left > 0n) {
      log?.(`event partition ${partition.name} kept: it still holds ${left} events of archived kinds`);
      continue;
    }
    await db.$transaction([
      db.$executeRawUnsafe(`ALTER TABLE "EngineEvent" DETACH PARTITION "${partition.name}"`),
      // The kinds that stay in the table (a few a day) go to the default partition, which covers the day now.
      db.$executeRawUnsafe(`INSERT INTO "EngineEvent" SELECT * FROM "${partition.name}"`),
      db.$executeRawUnsafe(`DROP TABLE "${partition.name}"`),
    ]);
    dropped.push(partition.name);
  }
  return dropped;
}
