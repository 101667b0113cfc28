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
import type { EngineRuntime } from "../../simulation/runtime";
import { contextFor } from "@/test/service-context";
import { volume24h } from "./figures";
import { getMarkTrail } from "./get-mark-trail";
import { listTrades } from "./list-trades";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const cache = globalThis as unknown as { perpsVolumeCache?: Map<string, unknown> };

async function emptyJournal() {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("MarketMinute")}, ${table("JournalSegment")}`,
  );
  cache.perpsVolumeCache = undefined;
}
beforeEach(emptyJournal);
// Other files on this worker's schema clear only the hot tables: leave no archive index behind for them.
afterAll(async () => {
  await emptyJournal();
  await prisma.$disconnect();
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

const runtimeSlot = globalThis as unknown as { perpsEngineRuntime?: Promise<EngineRuntime> };

/** The host as this process's engine runtime, for the public services (as test/quiet-market.ts does). */
function serveFrom(host: SimulationHost): void {
  runtimeSlot.perpsEngineRuntime = Promise.resolve({
    mode: "in-process",
    host,
    feed: { markets: () => host.state.config.markets.map((market) => market.symbol) },
  } as unknown as EngineRuntime);
}

/** Every trade of the tape, page after page as a client follows `next`, and the last page's `archived`. */
async function wholeTape() {
  const seqs: number[] = [];
  let before: number | undefined;
  for (;;) {
    const page = (await listTrades({ ctx: contextFor(prisma, null), input: { symbol: "BTC-PERP", limit: 7, ...(before ? { before } : {}) } })) as {
      trades: Array<{ seq: number }>;
      nextBefore: number | null;
      archived: { throughSeq: number; note: string } | null;
    };
    seqs.push(...page.trades.map((trade) => trade.seq));
    if (page.nextBefore === null) return { seqs, archived: page.archived };
    before = page.nextBefore;
  }
}

describe("public history over an archived journal (DISC-2, DISC-3, REC-1)", () => {
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

  it("DISC-2 DISC-3 REC-1: the trade tape and the mark trail say where the archive begins instead of calling a page the whole history", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "history-archive-"));
    let host: SimulationHost | undefined;
    try {
      let now = T0 + 13_000;
      const journal = new EngineJournal(prisma, { archiveDir: dir });
      host = await SimulationHost.open({ database, journal, clock: () => now, seed: 9, simulation: crossingMarket, snapshotEveryCommands: 30 });
      for (let i = 0; i < 40; i++) {
        now += 20 * 60_000 + 3_000;
        await host.step();
      }
      serveFrom(host);
      const nowMs = host.state.now;
      const trail = async (from: number) =>
        (await getMarkTrail({ ctx: contextFor(prisma, null), input: { symbol: "BTC-PERP", from, to: nowMs } })).body() as Record<string, unknown>;

      const before = await wholeTape();
      expect(before.archived, "nothing archived yet: the tape is whole").toBeNull();
      expect(before.seqs.length).toBe(await prisma.engineEvent.count({ where: { type: "Trade", market: "BTC-PERP" } }));
      const wideBefore = await trail(nowMs - 12 * 3_600_000);
      expect(wideBefore).toMatchObject({ archived: null, paging: "complete: every record in the window is here" });

      await archiveOnce(prisma, journal, { dir, hotMs: 3 * 3_600_000, maxSegments: 1_000, ignoreCursors: true, vacuum: false });
      const segment = (await prisma.journalSegment.findFirst({ orderBy: { toPosition: "desc" } }))!;
      const throughSeq = Number(segment.toSeq);

      const after = await wholeTape();
      expect(after.archived).toMatchObject({ throughSeq, throughMs: Number(segment.toMs) });
      expect(after.archived!.note).toContain("/api/public/markets/BTC-PERP/minutes");
      expect(after.seqs.length).toBeGreaterThan(0);
      expect(after.seqs.every((seq) => seq > throughSeq)).toBe(true);
      expect(after.seqs, "the tape still served is the newest part of the old one").toEqual(before.seqs.slice(0, after.seqs.length));

      const wide = await trail(nowMs - 12 * 3_600_000);
      expect(wide.archived).toMatchObject({ throughSeq });
      expect(wide.paging).toBe(`complete after seq ${throughSeq}: earlier records of the window are archived`);
      expect((wide.records as Array<{ seq: number }>).every((record) => record.seq > throughSeq)).toBe(true);
      const recent = await trail(nowMs - 30 * 60_000);
      expect(recent).toMatchObject({ archived: null, paging: "complete: every record in the window is here" });
      expect((recent.records as unknown[]).length).toBeGreaterThan(0);
    } finally {
      runtimeSlot.perpsEngineRuntime = undefined;
      await host?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
