import "server-only";
import { parseCanonical, type EngineEvent } from "@/lib/engine/index";
import { db } from "@/lib/db";
import type { Db } from "@/lib/services/context";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs } from "./figures";
import { FUNDING_MAX_ROWS, parseFundingHistoryQuery, type FundingHistoryQuery } from "./schemas";

/** One funding settlement as the public sees it: the rate and the totals, never who paid whom. */
export interface FundingSettlementRow {
  seq: number;
  /** Engine time the settlement ran (at or just after the interval end). */
  settledAtMs: number;
  intervalEndMs: number;
  /** Rate for the interval, ppb; positive: longs paid shorts. */
  rate: bigint;
  /** Mark price the positions were valued at, ticks. */
  markPrice: number;
  /** Σ paid by the paying side, micro-USD (the receiving side got exactly this). */
  totalPaid: bigint;
}

/**
 * GET /api/public/markets/{symbol}/funding — funding settlements in an engine-time window (by
 * settlement time, inclusive), oldest first, from the journal's FundingSettled events.
 */
export async function getFundingHistory(symbol: string, params: URLSearchParams) {
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const query = parseFundingHistoryQuery(params, engineNowMs(engine, symbol));
  const page = await readFundingSettlements(db(), symbol, query);
  const lastSeq = page.rows.length > 0 ? page.rows[page.rows.length - 1].seq : null;
  const next = page.truncated && lastSeq !== null ? `/api/public/markets/${symbol}/funding?from=${query.from}&to=${query.to}&afterSeq=${lastSeq}` : null;
  return plain({
    units: UNITS,
    symbol,
    tickSize: spec.tickSize,
    intervalMs: spec.funding.intervalMs,
    capRate: spec.funding.capRate,
    from: query.from,
    to: query.to,
    afterSeq: query.afterSeq,
    count: page.rows.length,
    maxRows: FUNDING_MAX_ROWS,
    truncated: page.truncated,
    paging: page.truncated ? `more settlements in the window: repeat the request with afterSeq=${lastSeq} (the last record's seq)` : "complete: every settlement in the window is here",
    next,
    settlements: page.rows,
  });
}

/** The settlements of one market in the query's window (at most FUNDING_MAX_ROWS; `truncated` when more exist). */
export async function readFundingSettlements(client: Db, symbol: string, query: FundingHistoryQuery): Promise<{ rows: FundingSettlementRow[]; truncated: boolean }> {
  const found = await client.engineEvent.findMany({
    where: { market: symbol, type: "FundingSettled", nowMs: { gte: BigInt(query.from), lte: BigInt(query.to) }, seq: { gt: BigInt(query.afterSeq) } },
    orderBy: { seq: "asc" },
    take: FUNDING_MAX_ROWS + 1,
    select: { seq: true, nowMs: true, payload: true },
  });
  const rows: FundingSettlementRow[] = [];
  for (const row of found.slice(0, FUNDING_MAX_ROWS)) {
    const event = parseCanonical<EngineEvent>(row.payload);
    if (event.type !== "FundingSettled") continue;
    // Field by field on purpose: the event also lists every account's transfer, which stays private.
    rows.push({ seq: Number(row.seq), settledAtMs: Number(row.nowMs), intervalEndMs: event.intervalEndMs, rate: event.rate, markPrice: event.markPrice, totalPaid: event.totalPaid });
  }
  return { rows, truncated: found.length > FUNDING_MAX_ROWS };
}
