import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "../../prisma-client";
import { SimulationHost } from "../../simulation/host";
import { EngineJournal } from "../../simulation/journal";
import { crossingMarket, T0 } from "../../simulation/test-market";
import { ARCHIVED_EVENT_TYPES, archiveOnce } from "./archiver";
import {
  analyzeRecentPartitions,
  dropArchivedPartitions,
  ensureJournalPartitions,
  JOURNAL_PARTITIONED_TABLES,
  PARTITION_MS,
  partitionBounds,
  partitionName,
  PARTITIONS_AHEAD,
  timePartitions,
} from "./partitions";
import { verifyArchive } from "./verify";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const table = (name: string) => `"${database.schema}"."${name}"`;

async function emptyJournal() {
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("JournalSegment")}, ${table("MarketMinute")}`,
  );
  for (const name of JOURNAL_PARTITIONED_TABLES)
    for (const partition of await timePartitions(prisma, name)) await prisma.$executeRawUnsafe(`DROP TABLE ${table(partition.name)}`);
}
beforeEach(emptyJournal);
afterAll(async () => {
  await emptyJournal();
  await prisma.$disconnect();
});

/** Where a row of EngineEvent is stored: its partition's name. */
async function partitionOf(seq: bigint): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ part: string }>>(
    `SELECT tableoid::regclass::text AS part FROM ${table("EngineEvent")} WHERE seq = $1`,
    seq,
  );
  return row.part.replace(`${database.schema}.`, "").replaceAll('"', "");
}

const eventSpans = async () => (await timePartitions(prisma, "EngineEvent")).map((row) => row.startMs);
const commandSpans = async () => (await timePartitions(prisma, "EngineCommand")).map((row) => row.startMs);

describe("journal table partitions by engine time (REC-1)", () => {
  it("REC-1: partitions are named by their start hour (UTC); their span is read from the catalog's bounds, the default partition has none", () => {
    expect(partitionName("EngineEvent", Date.UTC(2026, 11, 7, 18))).toBe("EngineEvent_p2026120718");
    expect(partitionName("EngineCommand", Date.UTC(2026, 11, 7))).toBe("EngineCommand_p2026120700");
    expect(partitionBounds("FOR VALUES FROM ('1796666400000') TO ('1796670000000')")).toEqual({ startMs: 1796666400000, endMs: 1796670000000 });
    expect(partitionBounds("FOR VALUES FROM (5) TO (10)")).toEqual({ startMs: 5, endMs: 10 });
    for (const bound of ["DEFAULT", "FOR VALUES FROM (MINVALUE) TO ('5')", "FOR VALUES IN ('x')", ""]) expect(partitionBounds(bound), bound).toBeNull();
  });

  it("REC-1: a partition made with another span (six hours) is read by its bounds: no hour partition is made over it, and it is dropped only once wholly archived", async () => {
    const current = Math.floor(T0 / PARTITION_MS) * PARTITION_MS;
    const sixHours = 6 * 3_600_000;
    await prisma.$executeRawUnsafe(
      `CREATE TABLE ${table("EngineEvent_legacy")} PARTITION OF ${table("EngineEvent")} FOR VALUES FROM (${current}) TO (${current + sixHours})`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TABLE ${table("EngineCommand_legacy")} PARTITION OF ${table("EngineCommand")} FOR VALUES FROM (${current}) TO (${current + sixHours})`,
    );
    expect(await timePartitions(prisma, "EngineEvent")).toEqual([{ name: "EngineEvent_legacy", startMs: current, endMs: current + sixHours }]);
    const created = await ensureJournalPartitions(prisma, T0);
    expect(await eventSpans(), "hours after the six-hour partition only").toEqual([
      current,
      ...Array.from({ length: PARTITIONS_AHEAD - 5 }, (_, n) => current + sixHours + n * PARTITION_MS),
    ]);
    expect(created).toHaveLength(2 * (PARTITIONS_AHEAD - 5));
    // A segment ending two hours into the six-hour span does not archive all of it: the partition stays.
    await prisma.journalSegment.create({
      data: {
        fromPosition: 1n,
        toPosition: 2n,
        fromSeq: 1n,
        toSeq: 2n,
        fromMs: BigInt(current),
        toMs: BigInt(current + 2 * PARTITION_MS),
        commandCount: 2,
        eventCount: 2,
        file: "segment",
        bytes: 1,
        sha256: "0".repeat(64),
        prevSha256: "",
        eventsSha256: "0".repeat(64),
        startStateHash: "0".repeat(64),
      },
    });
    expect(await dropArchivedPartitions(prisma)).toEqual([]);
    await prisma.journalSegment.updateMany({ data: { toMs: BigInt(current + sixHours) } });
    expect(await dropArchivedPartitions(prisma)).toEqual(["EngineEvent_legacy", "EngineCommand_legacy"]);
  });

  it("REC-1: partitions are made for the span in progress and six hours ahead, never for a span the default partition already holds rows of", async () => {
    const current = Math.floor(T0 / PARTITION_MS) * PARTITION_MS;
    const ahead = (n: number) => current + n * PARTITION_MS;
    // A row of the current span written before any partition existed (an upgraded journal): that span stays in the default partition.
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, body) VALUES (1, 1, $1, 'AccountCreated', '\\x01'::bytea)`,
      BigInt(T0),
    );
    const created = await ensureJournalPartitions(prisma, T0);
    const hours = Array.from({ length: PARTITIONS_AHEAD + 1 }, (_, n) => n);
    expect(created).toEqual([
      ...hours.slice(1).map((n) => partitionName("EngineEvent", ahead(n))),
      ...hours.map((n) => partitionName("EngineCommand", ahead(n))),
    ]);
    expect(await ensureJournalPartitions(prisma, T0), "a second run finds them made").toEqual([]);
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, body) VALUES (2, 2, $1, 'AccountCreated', '\\x01'::bytea)`,
      BigInt(ahead(1) + 5),
    );
    expect(await partitionOf(1n)).toBe("EngineEvent_default");
    expect(await partitionOf(2n)).toBe(partitionName("EngineEvent", ahead(1)));
  });

  it("REC-1: the partitions being written get planner statistics (the embedded database never gathers them itself)", async () => {
    const current = Math.floor(T0 / PARTITION_MS) * PARTITION_MS;
    await ensureJournalPartitions(prisma, T0);
    const name = partitionName("EngineEvent", current);
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, body) SELECT g, g, $1::bigint + g, 'MarkTick', '\\x01'::bytea FROM generate_series(1, 500) g`,
      BigInt(current),
    );
    const tuples = async () =>
      Number((await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)`, table(name)))[0].n);
    expect(await tuples(), "never analyzed").toBeLessThan(0);
    const analyzed = await analyzeRecentPartitions(prisma, T0 + 1_000);
    expect(analyzed).toEqual([name, "EngineEvent_default", partitionName("EngineCommand", current), "EngineCommand_default"]);
    expect(await tuples()).toBe(500);
  });

  it("REC-1 REC-2: a span wholly archived is detached and dropped, its rows of kept kinds move to the default partition, a span with a row of an archived kind not yet archived is kept", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-partitions-"));
    try {
      let now = T0 + 9_000;
      const journal = new EngineJournal(prisma, { archiveDir: dir });
      await ensureJournalPartitions(prisma, now);
      const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 23, simulation: crossingMarket, snapshotEveryCommands: 20 });
      // A day and a half, half an hour a step; the partitions are kept ahead as the portal's job does.
      for (let i = 0; i < 72; i++) {
        now += 30 * 60_000;
        await host.step();
        if (i % 4 === 0) await ensureJournalPartitions(prisma, now);
      }
      await host.stop();
      const first = Math.floor(T0 / PARTITION_MS) * PARTITION_MS;
      const span = (n: number) => first + n * PARTITION_MS;
      const kept = { type: { notIn: [...ARCHIVED_EVENT_TYPES] } };
      const keptBefore = await prisma.engineEvent.findMany({ where: kept, select: { seq: true, body: true }, orderBy: { seq: "asc" } });
      expect(keptBefore.length).toBeGreaterThan(0);
      // Every span from the first to the one in progress has its partition, in both tables.
      const written = Array.from({ length: Math.floor((now - first) / PARTITION_MS) + 1 }, (_, n) => span(n));
      expect(await eventSpans()).toEqual(expect.arrayContaining(written));
      expect(await commandSpans()).toEqual(expect.arrayContaining(written));

      // A Trade of the second span that no segment covers (as if the archive had missed it) pins that span.
      const stray = 9_000_000_000_000n;
      await prisma.$executeRawUnsafe(
        `INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, market, body) VALUES ($1, 1, $2, 'Trade', 'BTC-PERP', '\\x01'::bytea)`,
        stray,
        BigInt(span(1) + 60_000),
      );
      const log: string[] = [];
      const archived = await archiveOnce(prisma, journal, {
        dir,
        hotMs: 6 * 3_600_000,
        maxSegments: 1_000,
        ignoreCursors: true,
        log: (line) => log.push(line),
      });
      expect(archived.length).toBeGreaterThan(0);
      const newest = (await prisma.journalSegment.findFirst({ orderBy: { toPosition: "desc" } }))!;
      const wholly = written.filter((start) => start + PARTITION_MS <= Number(newest.toMs));
      expect(wholly.length, "most of the run is archived").toBeGreaterThan(8);
      // Every span wholly archived is gone but the pinned one, which is kept and named; the others stay.
      const events = await eventSpans();
      expect(events.filter((start) => wholly.includes(start))).toEqual([span(1)]);
      expect(events).toEqual(expect.arrayContaining(written.filter((start) => !wholly.includes(start))));
      expect(log.join("\n")).toContain(`journal partition ${partitionName("EngineEvent", span(1))} kept: it still holds 1 rows the archive has not removed`);
      // Commands have no kept kinds: every span wholly archived went, the stray event does not hold them.
      const commands = await commandSpans();
      expect(commands.filter((start) => wholly.includes(start))).toEqual([]);
      expect(commands).toEqual(expect.arrayContaining(written.filter((start) => !wholly.includes(start))));
      expect(await prisma.engineCommand.count(), "the commands not archived are all still there").toBe(host.position() - Number(newest.toPosition));

      // Nothing of the kept kinds was lost on the way, and it now sits in the default partition for the dropped spans.
      const keptAfter = await prisma.engineEvent.findMany({ where: kept, select: { seq: true, body: true }, orderBy: { seq: "asc" } });
      expect(keptAfter).toEqual(keptBefore);
      const firstKept = keptBefore[0].seq;
      expect(await partitionOf(firstKept)).toBe("EngineEvent_default");
      expect(await verifyArchive(prisma, dir, { replay: true })).toMatchObject({ problem: null, segments: archived.length });

      await prisma.engineEvent.deleteMany({ where: { seq: stray } });
      expect(await dropArchivedPartitions(prisma)).toEqual([partitionName("EngineEvent", span(1))]);
      expect(await prisma.engineEvent.findMany({ where: kept, select: { seq: true, body: true }, orderBy: { seq: "asc" } })).toEqual(keptBefore);

      // The journal still restores from what is left.
      const reopened = await SimulationHost.open({ database, journal, clock: () => now, seed: 23, simulation: crossingMarket, snapshotEveryCommands: 20 });
      expect(reopened.state.now).toBeGreaterThan(T0);
      await reopened.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
