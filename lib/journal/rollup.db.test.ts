import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "../prisma-client";
import { SimulationHost } from "../simulation/host";
import { EngineJournal } from "../simulation/journal";
import { decodeEvent, EVENT_COLUMNS } from "../simulation/journal-codec";
import { crossingMarket, T0 } from "../simulation/test-market";
import { checkRollups, firstRollupDifference, recomputeRollups } from "./rebuild-rollups";
import { MINUTE_MS, parseRow } from "./rollup";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("MarketMinute")}`);
});

describe("minute rollups maintained with the journal (REC-1, RPT-10)", () => {
  it("REC-1 RPT-10: rows written live, across a host restart mid-minute, equal a full recomputation from the genesis image exactly", async () => {
    let now = T0 + 17_000;
    const clock = () => now;
    const journal = new EngineJournal(prisma);
    const options = { database, journal, clock, seed: 11, simulation: crossingMarket, snapshotEveryCommands: 40 };

    const first = await SimulationHost.open(options);
    for (let i = 0; i < 20; i++) {
      now += 4_000;
      await first.step();
    }
    // Stopped without a final snapshot, in the middle of a minute: the next host replays up to 40
    // already-folded commands and resumes that minute's row.
    await first.stop();
    const beforeRestart = (await journal.rollups()).map(parseRow);
    expect(beforeRestart.length, "rows were written with the batches").toBeGreaterThan(0);

    const second = await SimulationHost.open(options);
    for (let i = 0; i < 30; i++) {
      now += 4_000;
      await second.step();
    }
    await second.stop();

    const stored = await journal.rollups();
    const { rows, commands } = await recomputeRollups(journal);
    expect(commands).toBe(await prisma.engineCommand.count());
    expect(firstRollupDifference(stored, rows)).toBeNull();
    expect(stored).toEqual(rows);
    expect(await checkRollups(journal)).toEqual({ difference: null, rows: rows.length, commands });

    const figures = stored.map(parseRow);
    expect(new Set(figures.map((row) => row.minuteMs)).size, "a few simulated minutes").toBeGreaterThanOrEqual(3);
    const trades = figures.reduce((sum, row) => sum + row.figures.trades, 0);
    expect(trades).toBeGreaterThan(0);
    expect(figures.every((row) => row.minuteMs % MINUTE_MS === 0)).toBe(true);
    // Every trade in the journal is counted exactly once.
    expect(trades).toBe(await prisma.engineEvent.count({ where: { type: "Trade" } }));
    // The last traded price at each minute's close is the price of the market's last trade so far.
    for (const row of figures.filter((candidate) => candidate.figures.trades > 0)) {
      const last = await prisma.engineEvent.findFirst({
        where: { market: row.market, type: "Trade", seq: { lte: BigInt(row.lastSeq) } },
        orderBy: { seq: "desc" },
        select: EVENT_COLUMNS,
      });
      const event = decodeEvent(last!);
      expect(event.type === "Trade" ? event.price : null).toBe(row.figures.lastTradeClose);
    }
    // A finished minute written before the restart was not touched again.
    const lastBefore = Math.max(...beforeRestart.map((row) => row.minuteMs));
    for (const row of beforeRestart.filter((candidate) => candidate.minuteMs < lastBefore))
      expect(figures.find((candidate) => candidate.market === row.market && candidate.minuteMs === row.minuteMs)).toEqual(row);
  });

  it("REC-1: a damaged row is found by the check and the rebuild restores it", async () => {
    let now = T0 + 5_000;
    const journal = new EngineJournal(prisma);
    const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 3, simulation: crossingMarket });
    for (let i = 0; i < 20; i++) {
      now += 7_000;
      await host.step();
    }
    await host.stop();
    const [victim] = await journal.rollups({ limit: 1 });
    const damaged = JSON.parse(victim.figures) as { trades: number };
    damaged.trades += 1;
    await prisma.marketMinute.update({
      where: { market_minuteMs: { market: victim.market, minuteMs: BigInt(victim.minuteMs) } },
      data: { figures: JSON.stringify(damaged) },
    });

    expect((await checkRollups(journal)).difference).toMatchObject({ market: victim.market, minuteMs: victim.minuteMs, field: "figures.trades" });
    const { rows } = await recomputeRollups(journal);
    await journal.replaceRollups(rows);
    expect(await journal.rollups()).toEqual(rows);
  });
});
