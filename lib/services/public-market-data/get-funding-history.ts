import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs } from "./figures";
import { readFundingSettlements } from "./internal";
import { FUNDING_MAX_ROWS, fundingWindow, GetFundingHistoryInput } from "./schemas";

/**
 * GET /api/public/markets/{symbol}/funding — funding settlements in an engine-time window (by
 * settlement time, inclusive), oldest first, from the journal's FundingSettled events.
 */
export async function getFundingHistory({ ctx, input }: { ctx: ServiceContext; input: GetFundingHistoryInput }) {
  authorizePublic(ctx);
  const { symbol, afterSeq = 0, ...requested } = GetFundingHistoryInput.parse(input);
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const { from, to } = fundingWindow(requested, engineNowMs(engine, symbol));
  const page = await readFundingSettlements(ctx.db, symbol, { from, to, afterSeq });
  const lastSeq = page.rows.length > 0 ? page.rows[page.rows.length - 1].seq : null;
  const next = page.truncated && lastSeq !== null ? `/api/public/markets/${symbol}/funding?from=${from}&to=${to}&afterSeq=${lastSeq}` : null;
  return plain({
    units: UNITS,
    symbol,
    tickSize: spec.tickSize,
    intervalMs: spec.funding.intervalMs,
    capRate: spec.funding.capRate,
    from,
    to,
    afterSeq,
    count: page.rows.length,
    maxRows: FUNDING_MAX_ROWS,
    truncated: page.truncated,
    paging: page.truncated
      ? `more settlements in the window: repeat the request with afterSeq=${lastSeq} (the last record's seq)`
      : "complete: every settlement in the window is here",
    next,
    settlements: page.rows,
  });
}
