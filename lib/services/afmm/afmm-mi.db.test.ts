import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { MAKER, openQuietVenue, T0 } from "../../../test/quiet-market";
import { canonicalJson } from "@/lib/audit/chain";
import type { Command } from "@/lib/engine/index";
import { parseRow, type MinuteFigures } from "@/lib/journal/rollup";
import { createPrismaClient } from "@/lib/prisma-client";
import { EngineJournal } from "@/lib/simulation/journal";
import { FeedHub } from "@/lib/simulation/public-feed";
import { Forbidden, Invalid, StepUpRequired } from "@/lib/services/errors";
import { listTrades } from "@/lib/services/public-market-data/list-trades";
import { contextFor, signedInUser } from "@/test/service-context";
import type { AfmmMiData } from "./afmm-mi-model";
import { exportAfmmMiReport } from "./export-afmm-mi-report";
import { generateAfmmMi } from "./generate-afmm-mi";
import { getAfmmMiReport } from "./get-afmm-mi-report";
import { listAfmmMiReports } from "./list-afmm-mi-reports";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);

afterAll(async () => {
  await prisma.$disconnect();
});

const BUYER = 100;
const SELLER = 101;
const HOUR = 3_600_000;
/** The officers' wall clock: after January 2026 (the quiet market's month), before March. */
const WALL = new Date(Date.UTC(2026, 1, 10, 4));

async function submit(command: Omit<Command, "nowMs">) {
  const result = await venue.host.submit({ ...command, nowMs: 0 } as Command, "admin");
  expect(
    result,
    JSON.stringify(command, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  ).toMatchObject({ accepted: true });
}

const order = (accountId: number, market: string, side: "buy" | "sell", price: number, size: number, tif: "GTC" | "IOC" = "GTC") =>
  ({ type: "PlaceOrder", accountId, orderId: venue.host.allocateOrderId(), market, side, orderType: "limit", price, size, tif }) as Omit<Command, "nowMs">;

/** Every trade of the public tape (the service behind GET /api/public/markets/{symbol}/trades) in [fromMs, toMs). */
async function tape(symbol: string, fromMs: number, toMs: number) {
  const out: Array<{ size: number; flags: { afmm: boolean; afmmSide: string | null } }> = [];
  let before: number | undefined;
  for (;;) {
    const page = (await listTrades({ ctx: contextFor(prisma, null), input: { symbol, limit: 100, before } })) as {
      trades: Array<{ timeMs: number; size: number; flags: { afmm: boolean; afmmSide: string | null } }>;
      nextBefore: number | null;
    };
    out.push(...page.trades.filter((trade) => trade.timeMs >= fromMs && trade.timeMs < toMs));
    if (page.nextBefore === null) return out;
    before = page.nextBefore;
  }
}

beforeAll(async () => {
  // Test files on one worker share a schema: the month's alerts and reviews are this file's only.
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${["AfmmReviewComment", "AfmmReview", "SurveillanceAlert"].map((t) => `"${database.schema}"."${t}"`).join(", ")} CASCADE`,
  );
  // The public trade service finds the markets through the runtime's feed, as the portal's runtime has it.
  const runtime = await (globalThis as unknown as { perpsEngineRuntime: Promise<{ feed?: FeedHub }> }).perpsEngineRuntime;
  runtime.feed = new FeedHub(["BTC-PERP", "ETH-PERP"]);
  // Two clients with cash.
  for (const accountId of [BUYER, SELLER]) {
    await submit({ type: "CreateAccount", accountId, kind: "client" } as Omit<Command, "nowMs">);
    await submit({ type: "Deposit", accountId, depositId: `d-${accountId}`, assetId: "USD", amountMinor: 1_000_000_00n } as Omit<Command, "nowMs">);
    await submit({ type: "SettleDeposit", depositId: `d-${accountId}` } as Omit<Command, "nowMs">);
  }
  venue.now += 1_000;
  // 1. A client lifts the AFMM's ask: AFMM as maker, 5 lots.
  await submit(order(BUYER, "BTC-PERP", "buy", 600_010, 5, "IOC"));
  venue.now += 1_000;
  // 2. A client rests an ask inside the AFMM's quotes; the AFMM takes 1 lot of it (AFMM as taker), a client 2 lots.
  await submit(order(SELLER, "BTC-PERP", "sell", 600_000, 3));
  await submit(order(MAKER, "BTC-PERP", "buy", 600_000, 1, "IOC"));
  await submit(order(BUYER, "BTC-PERP", "buy", 600_000, 2, "IOC"));
  venue.now += 1_000;
  // 3. Client against client in ETH-PERP, 4 lots.
  await submit(order(SELLER, "ETH-PERP", "buy", 300_000, 4));
  await submit(order(BUYER, "ETH-PERP", "sell", 300_000, 4, "IOC"));
  // Two hours of quiet market, so the quotes are measured over whole hours.
  venue.now += 2 * HOUR;
  await venue.host.step();

  // A reviewed alert, an alert not yet queued, and sampled trades on time, late and overdue.
  const alert = (id: string, rule: string) => ({
    id,
    rule,
    market: "BTC-PERP",
    severity: "medium",
    triggerSeq: 10n,
    triggerPosition: 10n,
    triggerAtMs: BigInt(T0 + 2_000),
    fromSeq: 1n,
    toSeq: 10n,
    fromMs: BigInt(T0),
    toMs: BigInt(T0 + 2_000),
    afmmAccountIds: [MAKER],
    counterpartyAccountIds: [BUYER],
    metrics: {},
    evidence: {},
  });
  await prisma.surveillanceAlert.createMany({ data: [alert("off_mark_fill:BTC-PERP:10", "off_mark_fill"), alert("spoofing:BTC-PERP:10", "spoofing")] });
  const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, d, h));
  const review = { market: "BTC-PERP", tradeAtMs: BigInt(T0 + 1_000) };
  await prisma.afmmReview.createMany({
    data: [
      {
        ...review,
        kind: "alert",
        alertId: "off_mark_fill:BTC-PERP:10",
        status: "CLOSED",
        decision: "NO_ISSUE",
        openedAt: day(2),
        dueAt: day(4),
        closedAt: day(3),
      },
      { ...review, kind: "sample", tradeSeq: 1n, status: "CLOSED", decision: "NO_ISSUE", openedAt: day(2), dueAt: day(4), closedAt: day(6) },
      { ...review, kind: "sample", tradeSeq: 2n, status: "OPEN", openedAt: day(5), dueAt: day(7) },
      // Opened in February: not January's.
      { ...review, kind: "sample", tradeSeq: 3n, status: "OPEN", openedAt: new Date(Date.UTC(2026, 1, 2)), dueAt: new Date(Date.UTC(2026, 2, 2)) },
    ],
  });
});

async function officer(stepUpAt: Date | null = WALL) {
  const actor = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt });
  return contextFor(prisma, actor, () => WALL);
}

describe("AFMM-10, RPT-8, AFMM-5: the monthly AFMM MI reconciles to the public trade tape", () => {
  let report: Awaited<ReturnType<typeof generateAfmmMi>>;

  it("AFMM-10, RPT-8, AFMM-5: trades, lots and AFMM-flagged trades per market equal the public tape's over the same month", async () => {
    const ctx = await officer();
    report = await generateAfmmMi({ ctx, input: { month: "2026-01" } });
    const data = report.data;
    expect(data.fromMs).toBe(Date.UTC(2025, 11, 31, 16));
    expect(data.toMs).toBe(Date.UTC(2026, 0, 31, 16));
    for (const market of data.markets) {
      const trades = await tape(market.market, data.fromMs, data.toMs);
      expect(market.trades, market.market).toBe(trades.length);
      expect(market.lots, market.market).toBe(trades.reduce((sum, trade) => sum + trade.size, 0));
      expect(market.afmmTrades, market.market).toBe(trades.filter((trade) => trade.flags.afmm).length);
      expect(market.afmmLots, market.market).toBe(trades.filter((trade) => trade.flags.afmm).reduce((sum, trade) => sum + trade.size, 0));
      expect(market.afmmMakerTrades, market.market).toBe(trades.filter((trade) => trade.flags.afmmSide === "maker").length);
      expect(market.afmmTakerTrades, market.market).toBe(trades.filter((trade) => trade.flags.afmmSide === "taker").length);
    }
    const btc = data.markets.find((market) => market.market === "BTC-PERP")!;
    const eth = data.markets.find((market) => market.market === "ETH-PERP")!;
    expect(btc).toMatchObject({
      trades: 3,
      lots: 8,
      afmmTrades: 2,
      afmmLots: 6,
      afmmMakerTrades: 1,
      afmmTakerTrades: 1,
      afmmMakerLots: 5,
      afmmTakerLots: 1,
      afmmShareOfLotsPpm: 750_000,
    });
    expect(eth).toMatchObject({ trades: 1, lots: 4, afmmTrades: 0, afmmShareOfLotsPpm: 0 });
    expect(data.totals).toEqual({ trades: 4, lots: 12, afmmTrades: 2, afmmLots: 6, afmmShareOfLotsPpm: 500_000 });
  });

  it("RPT-10, REC-1: the minute rollups kept with the journal give the same month's volume and AFMM lots as the MI's scan of the events", async () => {
    const data = report.data;
    const rows = (await new EngineJournal(prisma).rollups({ fromMs: data.fromMs, toMs: data.toMs })).map(parseRow);
    for (const market of data.markets) {
      const own = rows.filter((row) => row.market === market.market).map((row) => row.figures);
      const sum = (pick: (figures: MinuteFigures) => string | number) => own.reduce((total, figures) => total + BigInt(pick(figures)), 0n);
      expect(
        {
          trades: sum((f) => f.trades),
          lots: sum((f) => f.volumeLots),
          notional: sum((f) => f.volumeNotional),
          afmmTrades: sum((f) => f.afmm.trades),
          afmmLots: sum((f) => f.afmm.volumeLots),
          afmmNotional: sum((f) => f.afmm.volumeNotional),
          makerLots: sum((f) => f.afmm.makerLots),
          takerLots: sum((f) => f.afmm.takerLots),
        },
        market.market,
      ).toEqual({
        trades: BigInt(market.trades),
        lots: BigInt(market.lots),
        notional: BigInt(market.notionalMicroUsd),
        afmmTrades: BigInt(market.afmmTrades),
        afmmLots: BigInt(market.afmmLots),
        afmmNotional: BigInt(market.afmmNotionalMicroUsd),
        makerLots: BigInt(market.afmmMakerLots),
        takerLots: BigInt(market.afmmTakerLots),
      });
    }
  });

  it("AFMM-10: the AFMM's quoting is measured from its resting orders against its obligations", () => {
    const data = report.data;
    const btc = data.markets.find((market) => market.market === "BTC-PERP")!;
    const eth = data.markets.find((market) => market.market === "ETH-PERP")!;
    // The quiet market's AFMM rests 20,000 lots 20 ticks apart around 60,000 USD (0.33 bps) from genesis.
    expect(btc.quoting).toMatchObject({ timeOnBookPpm: 1_000_000, spreadBpsX100: 33 });
    expect(btc.quoting!.observedMs).toBe(data.coveredToMs - T0);
    expect(btc.quoting!.hoursMet).toBe(btc.quoting!.hours);
    expect(btc.quoting!.hours).toBeGreaterThanOrEqual(2);
    // It quotes nothing in ETH-PERP.
    expect(eth.quoting).toMatchObject({ bothSidesMs: 0, compliantMs: 0, timeOnBookPpm: 0, spreadBpsX100: null, hoursMet: 0 });
    expect(data.hours.filter((hour) => hour.market === "ETH-PERP").every((hour) => !hour.met)).toBe(true);
  });

  it("AFMM-10: alerts by rule and outcome, reviews on time, late and overdue", () => {
    expect(report.data.alerts).toEqual([
      { rule: "off_mark_fill", outcome: "NO_ISSUE", count: 1 },
      { rule: "spoofing", outcome: "NOT_QUEUED", count: 1 },
    ]);
    expect(report.data.reviews).toEqual([
      { kind: "alert", total: 1, onTime: 1, late: 0, openOverdue: 0, openNotDue: 0 },
      { kind: "sample", total: 2, onTime: 0, late: 1, openOverdue: 1, openNotDue: 0 },
    ]);
  });

  it("RPT-8, AFMM-10: the report is stored with the SHA-256 of its data, audited, listed and read back intact", async () => {
    const row = await prisma.afmmMiReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(row.sha256).toBe(createHash("sha256").update(canonicalJson(row.data)).digest("hex"));
    expect(row.month).toBe("2026-01");
    expect(Number(row.toSeq)).toBeGreaterThan(Number(row.fromSeq));
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "report.generate", entity: "AfmmMiReport", entityId: report.id } });
    expect(audit.after).toMatchObject({ month: "2026-01", sha256: row.sha256 });
    const ctx = await officer();
    expect((await listAfmmMiReports({ ctx })).map((entry) => entry.id)).toContain(report.id);
    const read = await getAfmmMiReport({ ctx, input: { id: report.id } });
    expect(read.intact).toBe(true);
    expect(read.data).toEqual(JSON.parse(canonicalJson(report.data)) as AfmmMiData);
  });

  it("AFMM-10: a later month starts from the latest engine image before it: the AFMM's orders resting since January still count", async () => {
    await venue.host.checkpoint();
    venue.now = Date.UTC(2026, 1, 1, 3);
    await venue.host.step();
    venue.now += HOUR;
    await venue.host.step();
    const snapshot = await prisma.engineSnapshot.findFirstOrThrow({ orderBy: { position: "desc" } });
    const february = await generateAfmmMi({ ctx: await officer(), input: { month: "2026-02" } });
    expect(february.data.fromSeq!).toBeGreaterThan(Number(snapshot.lastEventSeq));
    expect(february.data.totals.trades).toBe(0);
    const btc = february.data.markets.find((market) => market.market === "BTC-PERP")!;
    expect(btc.quoting).toMatchObject({ timeOnBookPpm: 1_000_000, spreadBpsX100: 33 });
    expect(btc.quoting!.observedMs).toBe(february.data.coveredToMs - february.data.fromMs);
  });

  it("RPT-8: a month with no journal gives an honest empty report", async () => {
    const empty = await generateAfmmMi({ ctx: await officer(), input: { month: "2025-11" } });
    expect(empty.data).toMatchObject({
      journalEvents: 0,
      fromSeq: null,
      toSeq: null,
      totals: { trades: 0, lots: 0, afmmTrades: 0, afmmLots: 0 },
      hours: [],
      alerts: [],
    });
    expect(empty.data.markets.every((market) => market.trades === 0 && market.quoting?.observedMs === 0)).toBe(true);
  });

  it("RPT-8: hostile input — a bad month, a future month, no step-up, no permission — is refused and nothing is written", async () => {
    const before = { reports: await prisma.afmmMiReport.count(), audit: await prisma.auditLog.count({ where: { action: "report.generate" } }) };
    const ctx = await officer();
    for (const month of ["2026-13", "2026-1", "26-01", "", "2026-01; DROP TABLE", "0000-01", "2026-00"]) {
      await expect(generateAfmmMi({ ctx, input: { month } }), month).rejects.toMatchObject({ message: expect.any(String) });
      await expect(generateAfmmMi({ ctx, input: { month } })).rejects.toBeInstanceOf(Invalid);
    }
    await expect(generateAfmmMi({ ctx, input: { month: "2026-03" } })).rejects.toMatchObject({ userMessage: { key: "errors.afmmMi.futureMonth" } });
    await expect(generateAfmmMi({ ctx, input: { month: "x" } })).rejects.toMatchObject({ userMessage: { key: "errors.afmmMi.badMonth" } });
    await expect(generateAfmmMi({ ctx: await officer(null), input: { month: "2026-01" } })).rejects.toBeInstanceOf(StepUpRequired);
    const client = contextFor(prisma, await signedInUser(prisma, ["CLIENT"]), () => WALL);
    await expect(generateAfmmMi({ ctx: client, input: { month: "2026-01" } })).rejects.toBeInstanceOf(Forbidden);
    await expect(getAfmmMiReport({ ctx, input: { id: "not-a-uuid" } })).rejects.toMatchObject({ userMessage: { key: "errors.afmmMi.noSuchReport" } });
    expect({ reports: await prisma.afmmMiReport.count(), audit: await prisma.auditLog.count({ where: { action: "report.generate" } }) }).toEqual(before);
  });

  it("RPT-8: the stored report downloads as CSV and as PDF in both languages, for staff only", async () => {
    const ctx = await officer();
    const csv = await exportAfmmMiReport({ ctx, input: { id: report.id, format: "csv", locale: "en" } });
    expect(csv.filename).toBe(`afmm-mi-2026-01-${report.sha256.slice(0, 12)}.csv`);
    expect(String(csv.body)).toContain("market,BTC-PERP,2026-01,afmmTrades,2");
    for (const locale of ["en", "zh-HK"] as const) {
      const pdf = await exportAfmmMiReport({ ctx, input: { id: report.id, format: "pdf", locale } });
      expect(
        Buffer.from(pdf.body as Uint8Array)
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    const client = contextFor(prisma, await signedInUser(prisma, ["CLIENT"]), () => WALL);
    await expect(exportAfmmMiReport({ ctx: client, input: { id: report.id, format: "csv", locale: "en" } })).rejects.toBeInstanceOf(Forbidden);
  });
});
