import "server-only";
import { minuteOf, MINUTE_MS, parseRow } from "@/lib/journal/rollup";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { EngineJournal } from "@/lib/simulation/journal";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs } from "./figures";
import { GetMarketMinutesInput, MINUTES_MAX_ROWS, minutesWindow } from "./schemas";

/**
 * GET /api/public/markets/{symbol}/minutes — the market minute by minute (mark OHLC, index, last trade, volume,
 * AFMM share, funding, open interest, insurance fund, liquidation stages), oldest first, from the
 * per-minute rollups kept with the journal: a window of days costs one row per minute instead of a
 * scan of every event. A minute without a row had no event in the market.
 */
export async function getMarketMinutes({ ctx, input }: { ctx: ServiceContext; input: GetMarketMinutesInput }) {
  authorizePublic(ctx);
  const { symbol, ...requested } = GetMarketMinutesInput.parse(input);
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const nowMs = engineNowMs(engine, symbol);
  const { from, to } = minutesWindow(requested, nowMs);
  const { minutes, truncated, resumeFrom } = await readMarketMinutes(ctx.db, symbol, { from, to, nowMs });
  const next = resumeFrom !== null ? `/api/public/markets/${symbol}/minutes?from=${resumeFrom}&to=${to}` : null;
  return plain({
    units: UNITS,
    symbol,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    from,
    to,
    count: minutes.length,
    maxRows: MINUTES_MAX_ROWS,
    truncated,
    paging: truncated ? `more minutes in the window: repeat the request with from=${resumeFrom}` : "complete: every minute with activity in the window is here",
    next,
    minutes,
  });
}

/** A market's minute rows starting in [from, to], oldest first, capped at MINUTES_MAX_ROWS; `resumeFrom` starts the next page. */
export async function readMarketMinutes(db: ServiceContext["db"], symbol: string, { from, to, nowMs }: { from: number; to: number; nowMs: number }) {
  const rows = await new EngineJournal(db).rollups({ market: symbol, fromMs: from, toMs: to + 1, limit: MINUTES_MAX_ROWS + 1 });
  const truncated = rows.length > MINUTES_MAX_ROWS;
  const minutes = rows.slice(0, MINUTES_MAX_ROWS).map((stored) => {
    const { minuteMs, figures, lastSeq } = parseRow(stored);
    const { version: _version, lastTradeClose, ...rest } = figures;
    // The engine clock has left the minute: its row will not change again. A row folded before the
    // last traded price was kept has none: null, never a made-up 0 ("no trade yet").
    return { minuteMs, final: minuteOf(nowMs) > minuteMs, throughSeq: lastSeq, ...rest, lastTradeClose: lastTradeClose ?? null };
  });
  return { minutes, truncated, resumeFrom: truncated ? minutes[minutes.length - 1].minuteMs + MINUTE_MS : null };
}
