import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { archiveOnce } from "../../journal/archive/archiver";
import { createPrismaClient } from "../../prisma-client";
import { SimulationHost } from "../../simulation/host";
import { EngineJournal } from "../../simulation/journal";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";
import { crossingMarket, T0 } from "../../simulation/test-market";
import { volume24h } from "./figures";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const cache = globalThis as unknown as { perpsVolumeCache?: Map<string, unknown> };
afterAll(() => prisma.$disconnect());

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("MarketMinute")}, ${table("JournalSegment")}`,
  );
  cache.perpsVolumeCache = undefined;
});

/** The trade tape summed over [fromMs, toMs], straight from the journal's Trade events. */
async function tapeTotals(fromMs: number, toMs: number, tickLotValue: bigint) {
  const rows = await prisma.engineEvent.findMany({
    where: { type: "Trade", market: "BTC-PERP", nowMs: { gte: BigInt(fromMs), lte: BigInt(toMs) } },
    select: EVENT_COLUMNS,
  });
  let lots = 0n;
  let notional = 0n;
  for (const row of rows) {
    const trade = decodeEvent(row) as unknown as { price: number; size: number };
    lots += BigInt(trade.size);
    notional += BigInt(trade.price) * BigInt(trade.size) * tickLotValue;
  }
  return { trades: rows.length, lots: Number(lots), notional: notional.toString() };
}

describe("24 h volume from the minute rollups (DISC-3, REC-1)", () => {
  it("DISC-3 REC-1: equals the trade tape over its 1,440 minutes, leaves out older trades, and still answers once the trades are archived", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "volume-archive-"));
    try {
      let now = T0 + 13_000;
      const journal = new EngineJournal(prisma, { archiveDir: dir });
      const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 5, simulation: crossingMarket, snapshotEveryCommands: 30 });
      // 40 steps 45 minutes apart: 30 hours, so the first trades fall outside the window.
      for (let i = 0; i < 40; i++) {
        now += 45 * 60_000 + 7_000;
        await host.step();
      }
      const spec = host.state.config.markets.find((market) => market.symbol === "BTC-PERP")!;
      const nowMs = host.state.now;
      await host.stop();

      const volume = await volume24h(prisma, spec, nowMs);
      expect(volume.toMs).toBe(nowMs);
      expect(volume.fromMs % 60_000).toBe(0);
      expect(nowMs - volume.fromMs).toBeGreaterThanOrEqual(23 * 3_600_000 + 59 * 60_000);
      expect(nowMs - volume.fromMs).toBeLessThan(24 * 3_600_000);
      const tape = await tapeTotals(volume.fromMs, nowMs, spec.tickLotValue);
      expect(tape.trades).toBeGreaterThan(0);
      expect({ trades: volume.trades, lots: volume.lots, notional: volume.notional }).toEqual(tape);
      const everything = await tapeTotals(0, nowMs, spec.tickLotValue);
      expect(everything.trades, "older trades exist and are left out").toBeGreaterThan(volume.trades);

      // Archive all but the last hour: the Trade rows leave the table, the figure stays.
      const archived = await archiveOnce(prisma, journal, { dir, hotMs: 3_600_000, maxSegments: 1_000, ignoreCursors: true, vacuum: false });
      expect(archived.length).toBeGreaterThan(0);
      expect((await tapeTotals(volume.fromMs, nowMs, spec.tickLotValue)).trades).toBeLessThan(tape.trades);
      cache.perpsVolumeCache = undefined;
      expect(await volume24h(prisma, spec, nowMs)).toEqual(volume);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
