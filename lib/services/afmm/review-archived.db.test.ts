import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { archiveOnce } from "../../journal/archive/archiver";
import { createPrismaClient } from "../../prisma-client";
import { SimulationHost } from "../../simulation/host";
import { EngineJournal } from "../../simulation/journal";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";
import { crossingMarket, T0 } from "../../simulation/test-market";
import { contextFor, signedInUser } from "@/test/service-context";
import { getReview } from "./get-review";

// The review reads the archive where the portal would: JOURNAL_ARCHIVE_DIR, read once by env().
const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), "review-archive-"));
process.env.JOURNAL_ARCHIVE_DIR = archiveDir;

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const table = (name: string) => `"${database.schema}"."${name}"`;
const emptyJournal = () =>
  prisma.$executeRawUnsafe(`TRUNCATE ${["EngineCommand", "EngineEvent", "EngineSnapshot", "MarketMinute", "JournalSegment"].map(table).join(", ")}`);
let reviewId: string | undefined;
afterAll(async () => {
  await emptyJournal();
  if (reviewId) await prisma.afmmReview.delete({ where: { id: reviewId } });
  await prisma.$disconnect();
  fs.rmSync(archiveDir, { recursive: true, force: true });
});

describe("AFMM-8: a sampled trade's review outlives the hot window (REC-1)", () => {
  it("AFMM-8 REC-1: once the trade's rows are archived, the review still shows the trade, read back from its segment", async () => {
    await emptyJournal();
    let now = T0 + 11_000;
    const journal = new EngineJournal(prisma, { archiveDir });
    const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 31, simulation: crossingMarket, snapshotEveryCommands: 30 });
    for (let i = 0; i < 30; i++) {
      now += 30 * 60_000 + 1_000;
      await host.step();
    }
    await host.stop();
    const [first] = await prisma.engineEvent.findMany({ where: { type: "Trade" }, orderBy: { seq: "asc" }, take: 1, select: EVENT_COLUMNS });
    const trade = decodeEvent(first);
    if (trade.type !== "Trade") throw new Error("not a trade");
    const review = await prisma.afmmReview.create({
      data: {
        kind: "sample",
        tradeSeq: BigInt(trade.seq),
        market: trade.market,
        tradeAtMs: BigInt(trade.nowMs),
        status: "OPEN",
        dueAt: new Date(trade.nowMs + 7 * 86_400_000),
      },
    });
    reviewId = review.id;
    const officer = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"]);
    const hot = await getReview({ ctx: contextFor(prisma, officer), input: { reviewId: review.id } });
    expect(hot.trade).toMatchObject({ seq: trade.seq, price: trade.price, size: trade.size, takerAccountId: trade.takerAccountId });

    await archiveOnce(prisma, journal, { dir: archiveDir, hotMs: 3_600_000, maxSegments: 1_000, ignoreCursors: true, vacuum: false });
    expect(await prisma.engineEvent.count({ where: { seq: trade.seq } }), "the trade's row has left the table").toBe(0);
    const archived = await getReview({ ctx: contextFor(prisma, officer), input: { reviewId: review.id } });
    expect(archived.trade).toEqual(hot.trade);
  });
});
