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
import { analyzeRecentPartitions, DAY_MS, dayPartitions, dropArchivedPartitions, ensureJournalPartitions, JOURNAL_PARTITIONED_TABLES, partitionDay, partitionName } from "./partitions";
import { verifyArchive } from "./verify";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const table = (name: string) => `"${database.schema}"."${name}"`;

async function emptyJournal() {
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("JournalSegment")}, ${table("MarketMinute")}`);
  for (const name of JOURNAL_PARTITIONED_TABLES)
    for (const partition of await dayPartitions(prisma, name)) await prisma.$executeRawUnsafe(`DROP TABLE ${table(partition.name)}`);
}
beforeEach(emptyJournal);
afterAll(async () => {
  await emptyJournal();
  await prisma.$disconnect();
});

/** Where a row of EngineEvent is stored: its partition's name. */
async function partitionOf(seq: bigint): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ part: string }>>(`SELECT tableoid::regclass::text AS part FROM ${table("EngineEvent")} WHERE seq = $1`, seq);
  return row.part.replace(`${database.schema}.`, "").replaceAll('"', "");
}

const eventDays = async () => (await dayPartitions(prisma, "EngineEvent")).map((row) => row.dayMs);
const commandDays = async () => (await dayPartitions(prisma, "EngineCommand")).map((row) => row.dayMs);

describe("EngineEvent day partitions (REC-1)", () => {
  it("REC-1: names map to UTC days and back; nothing else is read as a day", () => {
    const day = Date.UTC(2026, 11, 7);
    expect(partitionName("EngineEvent", day)).toBe("EngineEvent_d20261207");
    expect(partitionDay("EngineEvent", "EngineEvent_d20261207")).toBe(day);
    expect(partitionDay("EngineCommand", "EngineCommand_d20261207")).toBe(day);
    for (const name of ["EngineEvent_default", "EngineEvent_d20261332", "EngineEvent_d2026127", "EngineCommand_d20261207", "Other_d20261207"])
      expect(partitionDay("EngineEvent", name), name).toBeNull();
  });

  it("REC-1: partitions are made for the journal's day and the days ahead, never for a day the default partition already holds rows of", async () => {
    const today = Math.floor(T0 / DAY_MS) * DAY_MS;
    // A row of today written before any partition existed (an upgraded journal): today stays in the default partition.
    await prisma.$executeRawUnsafe(`INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, body) VALUES (1, 1, $1, 'AccountCreated', '\\x01'::bytea)`, BigInt(T0));
    const created = await ensureJournalPartitions(prisma, T0);
    expect(created).toEqual([
      partitionName("EngineEvent", today + DAY_MS),
      partitionName("EngineEvent", today + 2 * DAY_MS),
      ...[0, 1, 2].map((d) => partitionName("EngineCommand", today + d * DAY_MS)),
    ]);
    expect(await ensureJournalPartitions(prisma, T0), "a second run finds them made").toEqual([]);
    await prisma.$executeRawUnsafe(`INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, body) VALUES (2, 2, $1, 'AccountCreated', '\\x01'::bytea)`, BigInt(today + DAY_MS + 5));
    expect(await partitionOf(1n)).toBe("EngineEvent_default");
    expect(await partitionOf(2n)).toBe(partitionName("EngineEvent", today + DAY_MS));
  });

  it("REC-1: the partitions being written get planner statistics (the embedded database never gathers them itself)", async () => {
    const today = Math.floor(T0 / DAY_MS) * DAY_MS;
    await ensureJournalPartitions(prisma, T0);
    const name = partitionName("EngineEvent", today);
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, body) SELECT g, g, $1::bigint + g, 'MarkTick', '\\x01'::bytea FROM generate_series(1, 500) g`,
      BigInt(today),
    );
    const tuples = async () =>
      Number((await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)`, table(name)))[0].n);
    expect(await tuples(), "never analyzed").toBeLessThan(0);
    const analyzed = await analyzeRecentPartitions(prisma, T0 + 1_000);
    expect(analyzed).toEqual([name, "EngineEvent_default", partitionName("EngineCommand", today), "EngineCommand_default"]);
    expect(await tuples()).toBe(500);
  });

  it("REC-1 REC-2: a day wholly archived is detached and dropped, its rows of kept kinds move to the default partition, a day with a row of an archived kind not yet archived is kept", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-partitions-"));
    try {
      let now = T0 + 9_000;
      const journal = new EngineJournal(prisma, { archiveDir: dir });
      await ensureJournalPartitions(prisma, now);
      const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 23, simulation: crossingMarket, snapshotEveryCommands: 20 });
      // Three and a half days, two hours a step; the partitions are kept ahead as the portal's job does.
      for (let i = 0; i < 42; i++) {
        now += 2 * 3_600_000;
        await host.step();
        if (i % 6 === 0) await ensureJournalPartitions(prisma, now);
      }
      await host.stop();
      const firstDay = Math.floor(T0 / DAY_MS) * DAY_MS;
      const kept = { type: { notIn: [...ARCHIVED_EVENT_TYPES] } };
      const keptBefore = await prisma.engineEvent.findMany({ where: kept, select: { seq: true, body: true }, orderBy: { seq: "asc" } });
      expect(keptBefore.length).toBeGreaterThan(0);
      const allDays = [0, 1, 2, 3, 4, 5].map((d) => firstDay + d * DAY_MS);
      expect(await eventDays()).toEqual(allDays);
      expect(await commandDays()).toEqual(allDays);

      // A Trade of the second day that no segment covers (as if the archive had missed it) pins that day.
      const stray = 9_000_000_000_000n;
      await prisma.$executeRawUnsafe(
        `INSERT INTO ${table("EngineEvent")} (seq, position, "nowMs", type, market, body) VALUES ($1, 1, $2, 'Trade', 'BTC-PERP', '\\x01'::bytea)`,
        stray,
        BigInt(firstDay + DAY_MS + 60_000),
      );
      const log: string[] = [];
      const archived = await archiveOnce(prisma, journal, { dir, hotMs: 6 * 3_600_000, maxSegments: 1_000, ignoreCursors: true, log: (line) => log.push(line) });
      expect(archived.length).toBeGreaterThan(0);
      const newestArchivedMs = Number((await prisma.journalSegment.findFirst({ orderBy: { toPosition: "desc" } }))!.toMs);
      const days = await eventDays();
      // Day one and day three end before the archive does: dropped. Day two holds the stray Trade: kept and named.
      expect(days).toContain(firstDay + DAY_MS);
      expect(days).not.toContain(firstDay);
      expect(days).not.toContain(firstDay + 2 * DAY_MS);
      expect(days.filter((day) => day + DAY_MS > newestArchivedMs).length, "the days not wholly archived stay").toBeGreaterThan(0);
      expect(log.join("\n")).toContain(`journal partition ${partitionName("EngineEvent", firstDay + DAY_MS)} kept: it still holds 1 rows the archive has not removed`);
      // The commands of the first three days are all archived: their partitions went, the stray event does not hold them.
      const commandDaysLeft = await commandDays();
      for (const day of [0, 1, 2].map((d) => firstDay + d * DAY_MS)) expect(commandDaysLeft).not.toContain(day);
      expect(commandDaysLeft.length).toBeGreaterThan(0);
      expect(await prisma.engineCommand.count(), "the commands not archived are all still there").toBe(
        host.position() - Number((await prisma.journalSegment.findFirst({ orderBy: { toPosition: "desc" } }))!.toPosition),
      );

      // Nothing of the kept kinds was lost on the way, and it now sits in the default partition for the dropped days.
      const keptAfter = await prisma.engineEvent.findMany({ where: kept, select: { seq: true, body: true }, orderBy: { seq: "asc" } });
      expect(keptAfter).toEqual(keptBefore);
      const firstKept = keptBefore[0].seq;
      expect(await partitionOf(firstKept)).toBe("EngineEvent_default");
      expect(await verifyArchive(prisma, dir, { replay: true })).toMatchObject({ problem: null, segments: archived.length });

      await prisma.engineEvent.deleteMany({ where: { seq: stray } });
      expect(await dropArchivedPartitions(prisma)).toEqual([partitionName("EngineEvent", firstDay + DAY_MS)]);
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
