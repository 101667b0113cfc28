import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { openQuietVenue } from "../../test/quiet-market";
import type { Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { Conflict, Invalid, StepUpRequired } from "@/lib/services/errors";
import { listTrades } from "@/lib/services/public-market-data/list-trades";
import { cancelReportPack, downloadReportPack, fileReportPack, listReportPacks, requestReportPack } from "@/lib/services/reports/report-packs";
import { FeedHub } from "@/lib/simulation/public-feed";
import { contextFor, signedInUser } from "@/test/service-context";
import { activityReport, insuranceFundReport, liquidationsReport } from "./builders/market-minutes";
import { buildPack, MANIFEST_FILE, type PackRequest } from "./pack";
import { packBuilderInProcess } from "./pack-in-process";
import { restartStalePacks, runReportPacksJob, scheduleMonthlyPack, STALE_AFTER_MS } from "./pack-job";
import { dayAfter, hongKongDayStart } from "./period";
import type { ReportPeriod } from "./types";
import { verifyPack } from "./verify";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);

afterAll(async () => {
  await prisma.$disconnect();
});

const BUYER = 200;
const SELLER = 201;
/** The officers' wall clock: February 2026, after the quiet market's January day. */
const WALL = new Date(Date.UTC(2026, 1, 10, 4));
/** The Hong Kong day holding T0 (2026-01-02 08:00 HKT). */
const DAY = "2026-01-02";
const PERIOD: ReportPeriod = { fromMs: hongKongDayStart(DAY)!, toMs: dayAfter(hongKongDayStart(DAY)!) };
const never = new AbortController().signal;
const build = (definition: typeof activityReport, period = PERIOD) => definition.build({ db: prisma, period, signal: never, progress: () => {} });

async function submit(command: Omit<Command, "nowMs">) {
  const result = await venue.host.submit({ ...command, nowMs: 0 } as Command, "admin");
  expect(result).toMatchObject({ accepted: true });
}
const order = (accountId: number, market: string, side: "buy" | "sell", price: number, size: number, tif: "GTC" | "IOC" = "GTC") =>
  ({ type: "PlaceOrder", accountId, orderId: venue.host.allocateOrderId(), market, side, orderType: "limit", price, size, tif }) as Omit<Command, "nowMs">;

/** Every trade of the public tape (GET /api/public/markets/{symbol}/trades) in [fromMs, toMs). */
async function tape(symbol: string, { fromMs, toMs }: ReportPeriod) {
  const out: Array<{ size: number; price: number }> = [];
  let before: number | undefined;
  for (;;) {
    const page = (await listTrades({ ctx: contextFor(prisma, null), input: { symbol, limit: 100, before } })) as {
      trades: Array<{ timeMs: number; size: number; price: number }>;
      nextBefore: number | null;
    };
    out.push(...page.trades.filter((trade) => trade.timeMs >= fromMs && trade.timeMs < toMs));
    if (page.nextBefore === null) return out;
    before = page.nextBefore;
  }
}

async function officer(stepUpAt: Date | null = WALL) {
  const actor = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt });
  return contextFor(prisma, actor, () => WALL);
}

beforeAll(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "${database.schema}"."ReportPack"`);
  const runtime = await (globalThis as unknown as { perpsEngineRuntime: Promise<{ feed?: FeedHub }> }).perpsEngineRuntime;
  runtime.feed = new FeedHub(["BTC-PERP", "ETH-PERP"]);
  for (const accountId of [BUYER, SELLER]) {
    await submit({ type: "CreateAccount", accountId, kind: "client" } as Omit<Command, "nowMs">);
    await submit({ type: "Deposit", accountId, depositId: `r-${accountId}`, assetId: "USD", amountMinor: 1_000_000_00n } as Omit<Command, "nowMs">);
    await submit({ type: "SettleDeposit", depositId: `r-${accountId}` } as Omit<Command, "nowMs">);
  }
  venue.now += 1_000;
  await submit(order(BUYER, "BTC-PERP", "buy", 600_010, 5, "IOC"));
  venue.now += 61_000;
  await submit(order(SELLER, "BTC-PERP", "sell", 599_990, 3, "IOC"));
  await submit(order(SELLER, "ETH-PERP", "buy", 300_000, 4));
  await submit(order(BUYER, "ETH-PERP", "sell", 300_000, 4, "IOC"));
  venue.now += 60_000;
  await venue.host.step();
});

describe("report figures reconcile to their sources", () => {
  it("RPT-3, RPT-1: the activity report's trades, lots and notional per market equal the public trade tape over the same period", async () => {
    const result = await build(activityReport);
    const table = result.tables[0];
    const column = (key: string) => table.columns.findIndex((c) => c.key === key);
    const specs = new Map(venue.host.state.config.markets.map((spec) => [spec.symbol, spec]));
    let allLots = 0n;
    for (const symbol of ["BTC-PERP", "ETH-PERP"]) {
      const trades = await tape(symbol, PERIOD);
      expect(trades.length).toBeGreaterThan(0);
      const row = table.rows.find((r) => r[0] === symbol)!;
      const lots = trades.reduce((sum, trade) => sum + BigInt(trade.size), 0n);
      const notional = trades.reduce((sum, trade) => sum + BigInt(trade.price) * BigInt(trade.size) * specs.get(symbol)!.tickLotValue, 0n);
      expect(row[column("trades")]).toBe(trades.length);
      expect(row[column("volumeLots")]).toBe(lots.toString());
      expect(row[column("volumeNotionalMicroUsd")]).toBe(notional.toString());
      allLots += lots;
    }
    expect(table.rows.find((r) => r[0] === "ALL")![column("volumeLots")]).toBe(allLots.toString());
    expect(result.journal).not.toBeNull();
    // The next day has none of it.
    const next = await build(activityReport, { fromMs: PERIOD.toMs, toMs: dayAfter(PERIOD.toMs) });
    expect(next.tables[0].rows.find((r) => r[0] === "ALL")![column("trades")]).toBe(0);
  });

  it("RPT-1: insurance fund opening + inflows − outflows = closing per market, and coverage is the closing fund over open interest at the close", async () => {
    const table = (await build(insuranceFundReport)).tables[0];
    const index = (key: string) => table.columns.findIndex((c) => c.key === key);
    for (const row of table.rows) {
      const value = (key: string) => BigInt(row[index(key)] as string);
      expect(value("openingMicroUsd") + value("inflowMicroUsd") - value("outflowMicroUsd")).toBe(value("closingMicroUsd"));
    }
    const btc = table.rows.find((r) => r[0] === "BTC-PERP")!;
    expect(BigInt(btc[index("closingMicroUsd")] as string)).toBe(venue.host.state.marketBySymbol.get("BTC-PERP")!.insurance.balance);
    const oi = BigInt(btc[index("openInterestNotionalAtCloseMicroUsd")] as string);
    expect(oi > 0n).toBe(true);
    expect(btc[index("coverageOfOpenInterestPpm")]).toBe(((BigInt(btc[index("closingMicroUsd")] as string) * 1_000_000n) / oi).toString());
  });

  it("LIQ-5, RPT-7: the liquidations report has one column per waterfall step and no step entered in a quiet market", async () => {
    const table = (await build(liquidationsReport)).tables[0];
    expect(table.columns.map((c) => c.key)).toEqual([
      "market",
      "stage_cancel_orders",
      "stage_book",
      "stage_backstop",
      "stage_insurance_fund",
      "stage_adl",
      "liquidationTrades",
      "liquidationLots",
    ]);
    for (const row of table.rows) expect(row.slice(1).every((cell) => cell === 0 || cell === "0")).toBe(true);
  });
});

describe("report packs: request, background generation, verification, download and filing", () => {
  it("RPT-1: bad input (bad date, inverted, future, unknown report, none chosen) is refused with a specific message and creates nothing", async () => {
    const ctx = await officer();
    const before = await prisma.reportPack.count();
    const cases: Array<[{ from: string; to: string; reports: string[] }, string]> = [
      [{ from: "", to: DAY, reports: ["activity"] }, "errors.reports.badDate"],
      [{ from: "2026-02-30", to: DAY, reports: ["activity"] }, "errors.reports.badDate"],
      [{ from: "2026-01-05", to: "2026-01-02", reports: ["activity"] }, "errors.reports.inverted"],
      [{ from: "2026-02-01", to: "2026-02-10", reports: ["activity"] }, "errors.reports.future"],
      [{ from: "2024-01-01", to: "2026-01-02", reports: ["activity"] }, "errors.reports.tooLong"],
      [{ from: DAY, to: DAY, reports: ["activity", "profit-and-loss"] }, "errors.reports.unknownReport"],
      [{ from: DAY, to: DAY, reports: [] }, "errors.reports.noReports"],
    ];
    for (const [input, key] of cases) {
      const error = await requestReportPack({ ctx, input }).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(Invalid);
      expect((error as Invalid).userMessage.key).toBe(key);
    }
    await expect(requestReportPack({ ctx: await officer(null), input: { from: DAY, to: DAY, reports: ["activity"] } })).rejects.toBeInstanceOf(StepUpRequired);
    expect(await prisma.reportPack.count()).toBe(before);
  });

  it("RPT-1: ten identical requests at once queue one pack; the others are told it is already being generated", async () => {
    const ctx = await officer();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => requestReportPack({ ctx, input: { from: DAY, to: DAY, reports: ["liquidations"] } })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected")) expect(o.reason).toBeInstanceOf(Conflict);
    const id = (outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value.id;
    // Cancelled while queued: it never runs, and the same pack may be asked for again.
    expect(await cancelReportPack({ ctx, input: { id } })).toEqual({ status: "cancelled" });
    await expect(cancelReportPack({ ctx, input: { id } })).rejects.toBeInstanceOf(Conflict);
    const again = await requestReportPack({ ctx, input: { from: DAY, to: DAY, reports: ["liquidations"] } });
    await cancelReportPack({ ctx, input: { id: again.id } });
  });

  it("RPT-1, RPT-3, REC-1, REC-5: the job generates the pack (in its own process, as the portal runs it); its files match the manifest, the manifest matches the database, and the figures recompute; a tampered file fails verification", async () => {
    const ctx = await officer();
    const { id } = await requestReportPack({ ctx, input: { from: DAY, to: DAY, reports: ["insurance-fund", "activity", "liquidations"] } });
    for (let run = 0; run < 4; run++) {
      await runReportPacksJob({ db: prisma, now: () => WALL, signal: never, build: packBuilderInProcess(database) });
      if ((await prisma.reportPack.findUniqueOrThrow({ where: { id } })).status === "done") break;
    }
    const pack = await prisma.reportPack.findUniqueOrThrow({ where: { id } });
    expect(pack.status).toBe("done");
    expect(pack.activeKey).toBeNull();
    const audit = await prisma.auditLog.findFirst({ where: { action: "report.pack_generated", entityId: id } });
    expect(JSON.parse(JSON.stringify(audit?.after))).toMatchObject({ manifestSha256: pack.manifestSha256 });

    const { zip } = await downloadReportPack({ ctx, input: { id } });
    expect(await prisma.auditLog.count({ where: { action: "report.pack_download", entityId: id } })).toBe(1);
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files[MANIFEST_FILE])) as { reports: string[]; files: Array<{ name: string }>; recordLocation: { kind: string } };
    expect(manifest.reports).toEqual(["activity", "liquidations", "insurance-fund"]);
    expect(manifest.files.map((f) => f.name).sort()).toEqual(
      [
        "activity.json",
        "activity-by-market.csv",
        "activity.pdf",
        "liquidations.json",
        "liquidations-by-waterfall-step.csv",
        "liquidations.pdf",
        "insurance-fund.json",
        "insurance-fund-balance-and-coverage.csv",
        "insurance-fund.pdf",
      ].sort(),
    );
    expect(manifest.recordLocation.kind).toBe("premises");

    expect(await verifyPack(prisma, zip)).toMatchObject({ kind: "verified", packId: id, files: 9 });

    // One figure changed in a CSV: its hash no longer matches the manifest.
    const csv = strFromU8(files["activity-by-market.csv"]).replace(/BTC-PERP,(\d+)/, (_m, trades: string) => `BTC-PERP,${Number(trades) + 1}`);
    expect(await verifyPack(prisma, zipSync({ ...files, "activity-by-market.csv": strToU8(csv) }))).toMatchObject({ kind: "tampered" });
    // The JSON and the manifest both rewritten to agree: the manifest no longer matches the database.
    const json = strFromU8(files["activity.json"]).replace('"BTC-PERP",', '"BTC-PERP ",');
    const manifestText = strFromU8(files[MANIFEST_FILE]);
    const { createHash } = await import("node:crypto");
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    const forged = manifestText.replace(sha(strFromU8(files["activity.json"])), sha(json));
    expect(await verifyPack(prisma, zipSync({ ...files, "activity.json": strToU8(json), [MANIFEST_FILE]: strToU8(forged) }))).toMatchObject({
      kind: "tampered",
    });
    // An extra file slipped in.
    expect(await verifyPack(prisma, zipSync({ ...files, "note.txt": strToU8("x") }))).toMatchObject({ kind: "tampered" });
    expect(await verifyPack(prisma, strToU8("not a zip"))).toMatchObject({ kind: "unreadable" });

    // Filing: a reference is needed, once.
    await expect(fileReportPack({ ctx, input: { id, reference: "  " } })).rejects.toBeInstanceOf(Invalid);
    await fileReportPack({ ctx, input: { id, reference: "WINGS-2026-01-0042" } });
    await expect(fileReportPack({ ctx, input: { id, reference: "again" } })).rejects.toBeInstanceOf(Conflict);
    const listed = (await listReportPacks({ ctx })).find((p) => p.id === id)!;
    expect(listed).toMatchObject({ status: "done", filedReference: "WINGS-2026-01-0042", progressPpm: 1_000_000 });
  });

  it("RPT-1: a pack built in its capped process is byte for byte the pack built here, with the same progress; a cancel, or a heap too small for it, fails it with the reason", async () => {
    const request: PackRequest = {
      id: "process-check",
      period: PERIOD,
      reports: ["activity", "liquidations", "questionnaire"],
      requestedBy: null,
      generatedAt: WALL,
      recordLocation: { kind: "premises", reference: "test" },
    };
    const seen: Array<[number, number]> = [];
    const here = await buildPack(prisma, request, { signal: never, progress: () => {} });
    const there = await packBuilderInProcess(database)(request, { signal: never, progress: (done, total) => seen.push([done, total]) });
    expect(Buffer.from(there.zip).equals(Buffer.from(here.zip))).toBe(true);
    expect(there.manifestSha256).toBe(here.manifestSha256);
    expect(seen.at(-1)).toEqual([3 * 1_100, 3 * 1_100]);

    const cancel = new AbortController();
    const reason = new Error("the officer cancelled");
    await expect(packBuilderInProcess(database)(request, { signal: cancel.signal, progress: () => cancel.abort(reason) })).rejects.toBe(reason);

    await expect(packBuilderInProcess(database, 8)(request, { signal: never, progress: () => {} })).rejects.toThrow(/ran out of memory \(8 MB heap\)/);
  });

  it("RPT-1: a pack whose server died mid-run is restarted once its heartbeat is stale, and then completes", async () => {
    const ctx = await officer();
    const { id } = await requestReportPack({ ctx, input: { from: DAY, to: DAY, reports: ["activity"] } });
    // As a claim by a server that then died would leave it.
    await prisma.reportPack.update({ where: { id }, data: { status: "running", attempts: 1, startedAt: WALL, heartbeatAt: new Date(WALL.getTime() - 1_000) } });
    expect(await restartStalePacks(contextFor(prisma, null, () => WALL))).toBe(0);
    const later = new Date(WALL.getTime() + STALE_AFTER_MS + 1_000);
    for (let run = 0; run < 4; run++) {
      await runReportPacksJob({ db: prisma, now: () => later, signal: never });
      if ((await prisma.reportPack.findUniqueOrThrow({ where: { id } })).status === "done") break;
    }
    expect(await prisma.reportPack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", attempts: 2 });
    expect(await prisma.auditLog.count({ where: { action: "report.pack_restart", entityId: id } })).toBe(1);
  });

  it("RPT-1, RPT-8: the previous month's pack is queued once after month end, however often the scheduler runs", async () => {
    const ctx = contextFor(prisma, null, () => WALL);
    await Promise.all([scheduleMonthlyPack(ctx), scheduleMonthlyPack(ctx), scheduleMonthlyPack(ctx)]);
    const packs = await prisma.reportPack.findMany({ where: { scheduledMonth: "2026-01" } });
    expect(packs).toHaveLength(1);
    expect(Number(packs[0].fromMs)).toBe(hongKongDayStart("2026-01-01"));
    expect(Number(packs[0].toMs)).toBe(hongKongDayStart("2026-02-01"));
  });
});

describe("every report renders", () => {
  it("RPT-1, RPT-3: each report in the catalogue builds for an empty period and its PDF finds a label for every table and column", async () => {
    const { REPORT_CATALOGUE } = await import("./catalogue");
    const { reportPdf } = await import("./render");
    for (const definition of Object.values(REPORT_CATALOGUE)) {
      const result = await definition.build({ db: prisma, period: { fromMs: 0, toMs: 86_400_000 }, signal: never, progress: () => {} });
      expect(result.report).toBe(definition.id);
      const pdf = await reportPdf(result, "en");
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    }
  });
});
