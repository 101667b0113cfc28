import { LIQUIDATION_STAGES, parseFigures, type MinuteFigures } from "@/lib/journal/rollup";
import { loadParameterRegistry } from "@/lib/services/public-market-data/parameter-registry";
import type { ReportBuildContext, ReportCell, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * The perps reports read from the per-minute market rollups (MarketMinute), which are folded from the
 * journal in the same transaction as its commands and rebuilt exactly from it: a month is 43,200 rows
 * per market however busy it was, and keeps answering after the events are archived. A period's
 * figures are the rows whose minute starts in [fromMs, toMs); periods start and end on whole minutes,
 * so they agree with the trade tape of the same period to the lot.
 */

/** The rows one query sums: a day of one market's minutes (1,440 rows). */
const CHUNK_MS = 86_400_000;
const PPM = 1_000_000n;

interface MarketTotals {
  market: string;
  trades: number;
  volumeLots: bigint;
  volumeNotional: bigint;
  afmmLots: bigint;
  liquidationTrades: number;
  liquidationLots: bigint;
  stages: Record<(typeof LIQUIDATION_STAGES)[number], number>;
  fundingSettlements: number;
  fundingPaid: bigint;
  openInterestMax: number;
  openInterestClose: number;
  markClose: number;
  fundOpening: bigint;
  fundClose: bigint;
  fundInflow: bigint;
  fundOutflow: bigint;
  depletions: number;
  firstSeq: number;
  lastSeq: number;
}

interface Scan {
  markets: MarketTotals[];
  tickLotValues: Map<string, bigint>;
  rows: number;
  journal: { fromSeq: number; toSeq: number } | null;
}

function emptyTotals(market: string, before: { figures: MinuteFigures; lastSeq: number } | undefined): MarketTotals {
  return {
    market,
    trades: 0,
    volumeLots: 0n,
    volumeNotional: 0n,
    afmmLots: 0n,
    liquidationTrades: 0,
    liquidationLots: 0n,
    stages: { cancel_orders: 0, book: 0, backstop: 0, insurance_fund: 0, adl: 0 },
    fundingSettlements: 0,
    fundingPaid: 0n,
    openInterestMax: before?.figures.openInterestLots ?? 0,
    openInterestClose: before?.figures.openInterestLots ?? 0,
    markClose: before?.figures.markClose ?? 0,
    fundOpening: BigInt(before?.figures.insuranceFund.close ?? "0"),
    fundClose: BigInt(before?.figures.insuranceFund.close ?? "0"),
    fundInflow: 0n,
    fundOutflow: 0n,
    depletions: 0,
    firstSeq: (before?.lastSeq ?? 0) + 1,
    lastSeq: before?.lastSeq ?? 0,
  };
}

/**
 * One pass over the period's rows, market by market, in batches (memory stays at one batch whatever
 * the period). A market's opening figures (insurance fund, open interest) are its last row before
 * the period; a market with no row in the period keeps them.
 */
function scanMinutes(context: ReportBuildContext): Promise<Scan> {
  if (!context.shared) return scanMinutesOnce(context);
  const key = `market-minutes:${context.period.fromMs}:${context.period.toMs}`;
  let scan = context.shared.get(key) as Promise<Scan> | undefined;
  if (!scan) {
    scan = scanMinutesOnce(context);
    context.shared.set(key, scan);
  }
  return scan;
}

async function scanMinutesOnce({ db, period, signal, progress }: ReportBuildContext): Promise<Scan> {
  const where = { minuteMs: { gte: BigInt(period.fromMs), lt: BigInt(period.toMs) } };
  const total = await db.marketMinute.count({ where });
  // Every market the engine lists, with or without rows (a market that did not trade shows zeros), and
  // any market that has rows but is no longer listed.
  const specs = (await loadParameterRegistry(db)).config.markets;
  const withRows = await db.marketMinute.findMany({ where: { minuteMs: { lt: BigInt(period.toMs) } }, distinct: ["market"], select: { market: true } });
  const names = [...new Set([...specs.map((spec) => spec.symbol), ...withRows.map((row) => row.market)])].sort();
  const markets: MarketTotals[] = [];
  let done = 0;
  progress(0, total);
  for (const market of names) {
    const previous = await db.marketMinute.findFirst({
      where: { market, minuteMs: { lt: BigInt(period.fromMs) } },
      orderBy: { minuteMs: "desc" },
      select: { figures: true, lastSeq: true },
    });
    const totals = emptyTotals(market, previous ? { figures: parseFigures(previous.figures), lastSeq: Number(previous.lastSeq) } : undefined);
    // The sums, maxima and counts of a day's rows are taken by the database, so a day is one small
    // answer whatever its trading; the closing figures are the period's last row.
    for (let fromMs = period.fromMs; fromMs < period.toMs; fromMs += CHUNK_MS) {
      signal.throwIfAborted();
      const day = await sumMinutes(db, market, fromMs, Math.min(period.toMs, fromMs + CHUNK_MS));
      addSums(totals, day);
      done += day.rows;
      progress(done, total);
    }
    const last = await db.marketMinute.findFirst({
      where: { market, minuteMs: { gte: BigInt(period.fromMs), lt: BigInt(period.toMs) } },
      orderBy: { minuteMs: "desc" },
      select: { figures: true },
    });
    if (last) closeWith(totals, parseFigures(last.figures));
    markets.push(totals);
  }
  const read = markets.filter((m) => m.lastSeq >= m.firstSeq);
  const journal = read.length ? { fromSeq: Math.min(...read.map((m) => m.firstSeq)), toSeq: Math.max(...read.map((m) => m.lastSeq)) } : null;
  return { markets, tickLotValues: new Map(specs.map((spec) => [spec.symbol, spec.tickLotValue])), rows: done, journal };
}

/** What the database sums over a run of one market's minute rows (sums of money and lots as exact decimal text). */
interface MinuteSums {
  rows: number;
  trades: string;
  volumeLots: string;
  volumeNotional: string;
  afmmLots: string;
  liquidationTrades: string;
  liquidationLots: string;
  cancelOrders: string;
  book: string;
  backstop: string;
  insuranceFund: string;
  adl: string;
  fundingSettlements: string;
  fundingPaid: string;
  openInterestMax: string | null;
  fundInflow: string;
  fundOutflow: string;
  depletions: string;
  lastSeq: string | null;
}

/** Sums of the rows in [fromMs, toMs): each figure a sum, the open interest a maximum (MinuteFigures says which is which). */
async function sumMinutes(db: ReportBuildContext["db"], market: string, fromMs: number, toMs: number): Promise<MinuteSums> {
  // MATERIALIZED: each row's text is parsed as JSON once, not once per figure read from it.
  const [sums] = await db.$queryRaw<MinuteSums[]>`
    WITH minute AS MATERIALIZED (
      SELECT "figures"::jsonb AS f, "lastSeq" FROM "MarketMinute"
      WHERE "market" = ${market} AND "minuteMs" >= ${BigInt(fromMs)} AND "minuteMs" < ${BigInt(toMs)})
    SELECT COUNT(*)::int AS "rows",
      COALESCE(SUM((f->>'trades')::numeric), 0)::text AS "trades",
      COALESCE(SUM((f->>'volumeLots')::numeric), 0)::text AS "volumeLots",
      COALESCE(SUM((f->>'volumeNotional')::numeric), 0)::text AS "volumeNotional",
      COALESCE(SUM((f->'afmm'->>'volumeLots')::numeric), 0)::text AS "afmmLots",
      COALESCE(SUM((f->>'liquidationTrades')::numeric), 0)::text AS "liquidationTrades",
      COALESCE(SUM((f->>'liquidationLots')::numeric), 0)::text AS "liquidationLots",
      COALESCE(SUM((f->'liquidationStages'->>'cancel_orders')::numeric), 0)::text AS "cancelOrders",
      COALESCE(SUM((f->'liquidationStages'->>'book')::numeric), 0)::text AS "book",
      COALESCE(SUM((f->'liquidationStages'->>'backstop')::numeric), 0)::text AS "backstop",
      COALESCE(SUM((f->'liquidationStages'->>'insurance_fund')::numeric), 0)::text AS "insuranceFund",
      COALESCE(SUM((f->'liquidationStages'->>'adl')::numeric), 0)::text AS "adl",
      COALESCE(SUM((f->'funding'->>'settlements')::numeric), 0)::text AS "fundingSettlements",
      COALESCE(SUM((f->'funding'->>'paid')::numeric), 0)::text AS "fundingPaid",
      MAX((f->>'openInterestLots')::bigint)::text AS "openInterestMax",
      COALESCE(SUM((f->'insuranceFund'->>'inflow')::numeric), 0)::text AS "fundInflow",
      COALESCE(SUM((f->'insuranceFund'->>'outflow')::numeric), 0)::text AS "fundOutflow",
      COALESCE(SUM((f->'insuranceFund'->>'depletions')::numeric), 0)::text AS "depletions",
      MAX("lastSeq")::text AS "lastSeq"
    FROM minute`;
  return sums;
}

function addSums(totals: MarketTotals, sums: MinuteSums): void {
  if (sums.rows === 0) return;
  totals.trades += Number(sums.trades);
  totals.volumeLots += BigInt(sums.volumeLots);
  totals.volumeNotional += BigInt(sums.volumeNotional);
  totals.afmmLots += BigInt(sums.afmmLots);
  totals.liquidationTrades += Number(sums.liquidationTrades);
  totals.liquidationLots += BigInt(sums.liquidationLots);
  totals.stages.cancel_orders += Number(sums.cancelOrders);
  totals.stages.book += Number(sums.book);
  totals.stages.backstop += Number(sums.backstop);
  totals.stages.insurance_fund += Number(sums.insuranceFund);
  totals.stages.adl += Number(sums.adl);
  totals.fundingSettlements += Number(sums.fundingSettlements);
  totals.fundingPaid += BigInt(sums.fundingPaid);
  totals.openInterestMax = Math.max(totals.openInterestMax, Number(sums.openInterestMax ?? 0));
  totals.fundInflow += BigInt(sums.fundInflow);
  totals.fundOutflow += BigInt(sums.fundOutflow);
  totals.depletions += Number(sums.depletions);
  totals.lastSeq = Math.max(totals.lastSeq, Number(sums.lastSeq ?? 0));
}

/** The figures that are the latest value, not a sum: those of the period's last row. */
function closeWith(totals: MarketTotals, last: MinuteFigures): void {
  totals.openInterestClose = last.openInterestLots;
  totals.markClose = last.markClose;
  totals.fundClose = BigInt(last.insuranceFund.close);
}

/** a / b in parts per million, rounded down; 0 when b is 0. */
function ppm(a: bigint, b: bigint): string {
  return b === 0n ? "0" : ((a * PPM) / b).toString();
}

const MINUTES_SOURCE = "MarketMinute rows with minuteMs in [from, to), per market (folded from the engine journal)";

async function clientsTradingByMarket({ db, period }: ReportBuildContext): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ market: string; clients: bigint }>>`
    SELECT "market", COUNT(DISTINCT "engineAccountId") AS clients FROM "AccountActivity"
    WHERE "kind" = 'fill' AND "nowMs" >= ${BigInt(period.fromMs)} AND "nowMs" < ${BigInt(period.toMs)}
    GROUP BY "market"`;
  return new Map(rows.map((row) => [row.market, Number(row.clients)]));
}

async function clientsTradingAll({ db, period }: ReportBuildContext): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ clients: bigint }>>`
    SELECT COUNT(DISTINCT "engineAccountId") AS clients FROM "AccountActivity"
    WHERE "kind" = 'fill' AND "nowMs" >= ${BigInt(period.fromMs)} AND "nowMs" < ${BigInt(period.toMs)}`;
  return Number(row?.clients ?? 0n);
}

/** One market's (or, as "ALL", every market's) perps volume and the AFMM's share of it in a period. */
export interface PerpsVolume {
  market: string;
  trades: number;
  volumeLots: bigint;
  volumeNotional: bigint;
  afmmLots: bigint;
  /** afmmLots / volumeLots in ppm, rounded down; 0 when nothing traded. */
  afmmSharePpm: string;
}

/**
 * The period's perps volume and AFMM share per market, then "ALL": the figures of the activity report
 * (the same scan of the minute rollups), for other reports that quote them (RPT-3).
 */
export async function perpsVolumes(context: ReportBuildContext): Promise<{ markets: PerpsVolume[]; journal: Scan["journal"]; source: string }> {
  const scan = await scanMinutes(context);
  const volume = (market: string, of: MarketTotals[]): PerpsVolume => {
    const sum = (pick: (m: MarketTotals) => bigint) => of.reduce((acc, m) => acc + pick(m), 0n);
    const lots = sum((m) => m.volumeLots);
    const afmm = sum((m) => m.afmmLots);
    return {
      market,
      trades: of.reduce((acc, m) => acc + m.trades, 0),
      volumeLots: lots,
      volumeNotional: sum((m) => m.volumeNotional),
      afmmLots: afmm,
      afmmSharePpm: ppm(afmm, lots),
    };
  };
  return { markets: [...scan.markets.map((m) => volume(m.market, [m])), volume("ALL", scan.markets)], journal: scan.journal, source: MINUTES_SOURCE };
}

export const activityReport: ReportDefinition = {
  id: "activity",
  async build(context): Promise<ReportResult> {
    const scan = await scanMinutes(context);
    const clients = await clientsTradingByMarket(context);
    const rows: ReportCell[][] = scan.markets.map((m) => [
      m.market,
      m.trades,
      m.volumeLots.toString(),
      m.volumeNotional.toString(),
      m.afmmLots.toString(),
      ppm(m.afmmLots, m.volumeLots),
      m.openInterestClose,
      m.openInterestMax,
      clients.get(m.market) ?? 0,
      m.fundingSettlements,
      m.fundingPaid.toString(),
    ]);
    const sum = (pick: (m: MarketTotals) => bigint) => scan.markets.reduce((acc, m) => acc + pick(m), 0n);
    const lots = sum((m) => m.volumeLots);
    const afmm = sum((m) => m.afmmLots);
    rows.push([
      "ALL",
      scan.markets.reduce((acc, m) => acc + m.trades, 0),
      lots.toString(),
      sum((m) => m.volumeNotional).toString(),
      afmm.toString(),
      ppm(afmm, lots),
      null,
      null,
      await clientsTradingAll(context),
      scan.markets.reduce((acc, m) => acc + m.fundingSettlements, 0),
      sum((m) => m.fundingPaid).toString(),
    ]);
    const table: ReportTable = {
      id: "by-market",
      columns: [
        { key: "market", unit: "text" },
        { key: "trades", unit: "count" },
        { key: "volumeLots", unit: "lots" },
        { key: "volumeNotionalMicroUsd", unit: "microUsd" },
        { key: "afmmVolumeLots", unit: "lots" },
        { key: "afmmShareOfLotsPpm", unit: "ppm" },
        { key: "openInterestLotsAtClose", unit: "lots" },
        { key: "openInterestLotsMax", unit: "lots" },
        { key: "portalClientsTrading", unit: "count" },
        { key: "fundingSettlements", unit: "count" },
        { key: "fundingPaidMicroUsd", unit: "microUsd" },
      ],
      rows,
      source: `${MINUTES_SOURCE}; portalClientsTrading: distinct accounts in AccountActivity rows of kind fill with nowMs in [from, to)`,
    };
    return { report: "activity", period: context.period, tables: [table], journal: scan.journal };
  },
};

export const liquidationsReport: ReportDefinition = {
  id: "liquidations",
  async build(context): Promise<ReportResult> {
    const scan = await scanMinutes(context);
    const rows: ReportCell[][] = scan.markets.map((m) => [
      m.market,
      ...LIQUIDATION_STAGES.map((stage) => m.stages[stage]),
      m.liquidationTrades,
      m.liquidationLots.toString(),
    ]);
    const table: ReportTable = {
      id: "by-waterfall-step",
      columns: [
        { key: "market", unit: "text" },
        ...LIQUIDATION_STAGES.map((stage) => ({ key: `stage_${stage}`, unit: "count" as const })),
        { key: "liquidationTrades", unit: "count" },
        { key: "liquidationLots", unit: "lots" },
      ],
      rows,
      source: `${MINUTES_SOURCE}: waterfall stages entered (LiqStageEntered events) and trades whose taker is a liquidation`,
    };
    return { report: "liquidations", period: context.period, tables: [table], journal: scan.journal };
  },
};

export const insuranceFundReport: ReportDefinition = {
  id: "insurance-fund",
  async build(context): Promise<ReportResult> {
    const scan = await scanMinutes(context);
    const rows: ReportCell[][] = scan.markets.map((m) => {
      const tickLotValue = scan.tickLotValues.get(m.market) ?? 0n;
      const openInterestNotional = BigInt(m.openInterestClose) * BigInt(m.markClose) * tickLotValue;
      return [
        m.market,
        m.fundOpening.toString(),
        m.fundInflow.toString(),
        m.fundOutflow.toString(),
        m.fundClose.toString(),
        m.depletions,
        openInterestNotional.toString(),
        ppm(m.fundClose, openInterestNotional),
      ];
    });
    const table: ReportTable = {
      id: "balance-and-coverage",
      columns: [
        { key: "market", unit: "text" },
        { key: "openingMicroUsd", unit: "microUsd" },
        { key: "inflowMicroUsd", unit: "microUsd" },
        { key: "outflowMicroUsd", unit: "microUsd" },
        { key: "closingMicroUsd", unit: "microUsd" },
        { key: "depletions", unit: "count" },
        { key: "openInterestNotionalAtCloseMicroUsd", unit: "microUsd" },
        { key: "coverageOfOpenInterestPpm", unit: "ppm" },
      ],
      rows,
      source: `${MINUTES_SOURCE}: opening = the close of the market's last row before the period; coverage = closing fund / (open interest lots × mark × tick-lot value at close)`,
    };
    return { report: "insurance-fund", period: context.period, tables: [table], journal: scan.journal };
  },
};
