import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { MAKER, openQuietVenue, T0 } from "../../../test/quiet-market";
import type { Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { computeAfmmMiWindow } from "@/lib/services/afmm/afmm-mi-window";
import { listTrades } from "@/lib/services/public-market-data/list-trades";
import { FeedHub } from "@/lib/simulation/public-feed";
import { contextFor } from "@/test/service-context";
import { dayAfter, hongKongDayStart } from "../period";
import { reportCsvFiles, reportDocument, reportPdf } from "../render";
import type { ReportPeriod, ReportResult } from "../types";
import { afmmMiReport } from "./afmm-mi";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const BUYER = 300;
const SELLER = 301;
const HOUR = 3_600_000;
/** The Hong Kong day holding T0 (2026-01-02 08:00 HKT). */
const DAY: ReportPeriod = { fromMs: hongKongDayStart("2026-01-02")!, toMs: dayAfter(hongKongDayStart("2026-01-02")!) };
const never = new AbortController().signal;
const build = (period: ReportPeriod) => afmmMiReport.build({ db: prisma, period, signal: never, progress: () => {} });
let firstTradeMs = 0;

async function submit(command: Omit<Command, "nowMs">) {
  const result = await venue.host.submit({ ...command, nowMs: 0 } as Command, "admin");
  expect(result).toMatchObject({ accepted: true });
}
const order = (accountId: number, market: string, side: "buy" | "sell", price: number, size: number, tif: "GTC" | "IOC" = "GTC") =>
  ({ type: "PlaceOrder", accountId, orderId: venue.host.allocateOrderId(), market, side, orderType: "limit", price, size, tif }) as Omit<Command, "nowMs">;

/** Every trade of the public tape (GET /api/public/markets/{symbol}/trades) in [fromMs, toMs). */
async function tape(symbol: string, { fromMs, toMs }: ReportPeriod) {
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

const table = (result: ReportResult, id: string) => {
  const t = result.tables.find((candidate) => candidate.id === id)!;
  return t.rows.map((row) => Object.fromEntries(t.columns.map((column, i) => [column.key, row[i]])));
};

beforeAll(async () => {
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${["AfmmReviewComment", "AfmmReview", "SurveillanceAlert"].map((t) => `"${database.schema}"."${t}"`).join(", ")} CASCADE`,
  );
  const runtime = await (globalThis as unknown as { perpsEngineRuntime: Promise<{ feed?: FeedHub }> }).perpsEngineRuntime;
  runtime.feed = new FeedHub(["BTC-PERP", "ETH-PERP"]);
  for (const accountId of [BUYER, SELLER]) {
    await submit({ type: "CreateAccount", accountId, kind: "client" } as Omit<Command, "nowMs">);
    await submit({ type: "Deposit", accountId, depositId: `m-${accountId}`, assetId: "USD", amountMinor: 1_000_000_00n } as Omit<Command, "nowMs">);
    await submit({ type: "SettleDeposit", depositId: `m-${accountId}` } as Omit<Command, "nowMs">);
  }
  venue.now += 1_000;
  firstTradeMs = venue.now;
  // The AFMM as maker (5 lots), as taker (1 lot), and a client-to-client trade in each market.
  await submit(order(BUYER, "BTC-PERP", "buy", 600_010, 5, "IOC"));
  venue.now += 1_000;
  await submit(order(SELLER, "BTC-PERP", "sell", 600_000, 3));
  await submit(order(MAKER, "BTC-PERP", "buy", 600_000, 1, "IOC"));
  await submit(order(BUYER, "BTC-PERP", "buy", 600_000, 2, "IOC"));
  venue.now += 1_000;
  await submit(order(SELLER, "ETH-PERP", "buy", 300_000, 4));
  await submit(order(BUYER, "ETH-PERP", "sell", 300_000, 4, "IOC"));
  venue.now += 2 * HOUR;
  await venue.host.step();

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
  await prisma.surveillanceAlert.createMany({
    data: [alert("rpt8:off_mark_fill:1", "off_mark_fill"), alert("rpt8:off_mark_fill:2", "off_mark_fill"), alert("rpt8:spoofing:1", "spoofing")],
  });
  const review = { market: "BTC-PERP", tradeAtMs: BigInt(T0 + 1_000) };
  const at = (ms: number) => new Date(ms);
  await prisma.afmmReview.createMany({
    data: [
      // Decided within the day.
      {
        ...review,
        kind: "alert",
        alertId: "rpt8:off_mark_fill:1",
        status: "CLOSED",
        decision: "NO_ISSUE",
        openedAt: at(T0 + HOUR),
        dueAt: at(T0 + 5 * HOUR),
        decidedAt: at(T0 + 2 * HOUR),
        closedAt: at(T0 + 2 * HOUR),
      },
      // Decided the next day, late: at the day's end it was open and overdue.
      {
        ...review,
        kind: "alert",
        alertId: "rpt8:off_mark_fill:2",
        status: "CLOSED",
        decision: "BREACH",
        openedAt: at(T0 + HOUR),
        dueAt: at(T0 + 3 * HOUR),
        decidedAt: at(DAY.toMs + HOUR),
        closedAt: at(DAY.toMs + HOUR),
      },
      { ...review, kind: "sample", tradeSeq: 9_001n, status: "OPEN", openedAt: at(T0 + HOUR), dueAt: at(DAY.toMs + 10 * HOUR) },
      // Opened the next day: not the day's.
      { ...review, kind: "sample", tradeSeq: 9_002n, status: "OPEN", openedAt: at(DAY.toMs + HOUR), dueAt: at(DAY.toMs + 30 * HOUR) },
    ],
  });
});

describe("RPT-8, AFMM-10: the AFMM MI report reconciles to the public trade tape and the review register", () => {
  it("RPT-8, AFMM-10: per market trades, lots and AFMM-flagged trades and lots (maker, taker) equal the public tape's over the period", async () => {
    const result = await build(DAY);
    const volume = table(result, "volume");
    expect(volume.map((row) => row.market)).toEqual(["BTC-PERP", "ETH-PERP", "ALL"]);
    for (const row of volume.slice(0, -1)) {
      const trades = await tape(String(row.market), DAY);
      const afmm = trades.filter((trade) => trade.flags.afmm);
      expect(row, String(row.market)).toMatchObject({
        trades: trades.length,
        volumeLots: trades.reduce((sum, trade) => sum + trade.size, 0),
        afmmTrades: afmm.length,
        afmmVolumeLots: afmm.reduce((sum, trade) => sum + trade.size, 0),
        afmmMakerTrades: trades.filter((trade) => trade.flags.afmmSide === "maker").length,
        afmmTakerTrades: trades.filter((trade) => trade.flags.afmmSide === "taker").length,
      });
    }
    expect(volume[0]).toMatchObject({ trades: 3, volumeLots: 8, afmmVolumeLots: 6, afmmMakerLots: 5, afmmTakerLots: 1, afmmShareOfLotsPpm: 750_000 });
    expect(volume[2]).toMatchObject({
      market: "ALL",
      trades: 4,
      volumeLots: 12,
      afmmVolumeLots: 6,
      afmmShareOfLotsPpm: 500_000,
      afmmMakerLots: 5,
      afmmTakerLots: 1,
    });
    expect(BigInt(volume[2].volumeNotionalMicroUsd as string)).toBe(
      BigInt(volume[0].volumeNotionalMicroUsd as string) + BigInt(volume[1].volumeNotionalMicroUsd as string),
    );
    expect(result.journal).not.toBeNull();
  });

  it("RPT-8: the figures are the AFMM MI computation's own for the window (one computation, not a copy)", async () => {
    const result = await build(DAY);
    const data = await computeAfmmMiWindow(prisma, DAY, { label: "x", nowMs: DAY.toMs, asOfMs: DAY.toMs });
    const btc = data.markets.find((market) => market.market === "BTC-PERP")!;
    expect(table(result, "quoting")[0]).toMatchObject({
      market: "BTC-PERP",
      observedMs: btc.quoting!.observedMs,
      compliantMs: btc.quoting!.compliantMs,
      timeOnBookPpm: 1_000_000,
      spreadBpsX100: 33,
      hoursJudged: btc.quoting!.hours,
      hoursMet: btc.quoting!.hours,
    });
    expect(btc.quoting!.hours).toBeGreaterThanOrEqual(2);
    expect(result.journal).toEqual({ fromSeq: data.fromSeq, toSeq: data.toSeq });
  });

  it("RPT-8, AFMM-10: alerts by rule and outcome and reviews by timeliness, as they stood at the period's end", async () => {
    const result = await build(DAY);
    expect(table(result, "alerts")).toEqual([
      { rule: "off_mark_fill", outcome: "NO_ISSUE", alerts: 1 },
      { rule: "off_mark_fill", outcome: "OPEN", alerts: 1 },
      { rule: "spoofing", outcome: "NOT_QUEUED", alerts: 1 },
    ]);
    expect(table(result, "reviews")).toEqual([
      { reviewKind: "alert", reviews: 2, closedOnTime: 1, closedLate: 0, openOverdue: 1, openNotDue: 0 },
      { reviewKind: "sample", reviews: 1, closedOnTime: 0, closedLate: 0, openOverdue: 0, openNotDue: 1 },
    ]);
    // Two days: the late decision is in, and the next day's sample with it.
    const twoDays = await build({ fromMs: DAY.fromMs, toMs: dayAfter(DAY.toMs) });
    expect(table(twoDays, "alerts")).toContainEqual({ rule: "off_mark_fill", outcome: "BREACH", alerts: 1 });
    expect(table(twoDays, "reviews")[0]).toMatchObject({ reviewKind: "alert", closedOnTime: 1, closedLate: 1, openOverdue: 0 });
    expect(table(twoDays, "reviews")[1]).toMatchObject({ reviewKind: "sample", reviews: 2 });
  });

  it("RPT-8: period boundaries: a trade at `from` is in, one at `to` is not", async () => {
    const lots = async (period: ReportPeriod) => table(await build(period), "volume").at(-1)!.volumeLots;
    expect(await lots({ fromMs: DAY.fromMs, toMs: firstTradeMs })).toBe(0);
    expect(await lots({ fromMs: firstTradeMs, toMs: firstTradeMs + 1 })).toBe(5);
    expect(await lots({ fromMs: firstTradeMs + 1, toMs: DAY.toMs })).toBe(7);
  });

  it("RPT-8: an empty period gives zero volume, no alerts, no journal range, and renders", async () => {
    const empty = await build({ fromMs: DAY.fromMs - 10 * 24 * HOUR, toMs: DAY.fromMs - 9 * 24 * HOUR });
    expect(empty.journal).toBeNull();
    expect(table(empty, "volume").every((row) => row.trades === 0 && row.volumeLots === 0)).toBe(true);
    expect(table(empty, "alerts")).toEqual([]);
    expect(table(empty, "reviews").every((row) => row.reviews === 0)).toBe(true);
    expect(reportDocument(empty, "en").sections).toHaveLength(4);
  });

  it("RPT-8: every column and table has a label, the PDF and CSV render, and a recomputation is identical", async () => {
    const result = await build(DAY);
    expect(reportDocument(result, "en").title).toBe("Affiliated market maker MI");
    expect((await reportPdf(result, "en")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(reportCsvFiles(result).map((file) => file.name)).toEqual(["afmm-mi-volume.csv", "afmm-mi-quoting.csv", "afmm-mi-alerts.csv", "afmm-mi-reviews.csv"]);
    expect(await build(DAY)).toEqual(result);
  });
});
