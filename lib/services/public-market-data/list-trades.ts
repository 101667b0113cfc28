import "server-only";
import { parseCanonical, type EngineEvent } from "@/lib/engine/index";
import { db } from "@/lib/db";
import { projectEvent } from "@/lib/simulation/public-feed";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { parseTradesQuery } from "./schemas";

/**
 * GET /api/public/markets/{symbol}/trades — recent trades from the journal, newest first, projected
 * with the public feed's rule (no account ids; counterparty-class flags). Page with `before`.
 */
export async function listTrades(symbol: string, params: URLSearchParams) {
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const query = parseTradesQuery(params);
  const rows = await db().engineEvent.findMany({
    where: { market: symbol, type: "Trade", ...(query.before !== undefined ? { seq: { lt: BigInt(query.before) } } : {}) },
    orderBy: { seq: "desc" },
    take: query.limit,
    select: { payload: true },
  });
  const trades = rows.flatMap((row) => {
    const message = projectEvent(parseCanonical<EngineEvent>(row.payload));
    return message && message.kind === "trade" ? [{ seq: message.id, timeMs: message.atMs, ...message.data }] : [];
  });
  const oldest = trades.length > 0 ? trades[trades.length - 1].seq : null;
  const more = trades.length === query.limit && oldest !== null;
  return plain({
    units: UNITS,
    symbol,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    limit: query.limit,
    before: query.before ?? null,
    count: trades.length,
    nextBefore: more ? oldest : null,
    next: more ? `/api/public/markets/${symbol}/trades?limit=${query.limit}&before=${oldest}` : null,
    trades,
  });
}
