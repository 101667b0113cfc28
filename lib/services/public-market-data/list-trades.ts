import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { projectEvent } from "@/lib/simulation/public-feed";
import type { PublicTrade } from "@/lib/wire/public-api";
import { filtersTradeFields, tradeFilterQuery, tradeMatches, type TradeFilter } from "@/lib/wire/trade-filter";
import { archivedNote, archivedRange } from "./archived";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { ListTradesInput, TRADES_SEARCH_MAX_SCANNED } from "./schemas";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/** Journal rows read per batch while searching by the trades' own fields. */
const SEARCH_BATCH = 2_000;

/**
 * GET /api/public/markets/{symbol}/trades — trades from the journal, newest first, projected with the
 * public feed's rule (no account ids; counterparty-class flags), optionally filtered by flags, side,
 * size and time (the same rule the live tape applies: lib/wire/trade-filter.ts). Page with `before`.
 * The tape reaches back as far as the tables hold trades; the last page says when older ones are
 * archived. A filtered answer may hold fewer than `limit` trades and still have a next page: it says
 * how far back it searched.
 */
export async function listTrades({ ctx, input }: { ctx: ServiceContext; input: ListTradesInput }) {
  authorizePublic(ctx);
  const parsed = ListTradesInput.parse(input);
  const { symbol, limit, before } = parsed;
  const filter: TradeFilter = {
    flags: parsed.flags,
    side: parsed.side ?? null,
    minLots: parsed.minLots ?? null,
    maxLots: parsed.maxLots ?? null,
    fromMs: parsed.from ?? null,
    toMs: parsed.to ?? null,
  };
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const where = (below: number | undefined): Prisma.EngineEventWhereInput => ({
    market: symbol,
    type: "Trade",
    ...(below !== undefined ? { seq: { lt: BigInt(below) } } : {}),
    ...(filter.fromMs !== null || filter.toMs !== null
      ? { nowMs: { ...(filter.fromMs !== null ? { gte: BigInt(filter.fromMs) } : {}), ...(filter.toMs !== null ? { lt: BigInt(filter.toMs) } : {}) } }
      : {}),
  });
  const project = (rows: Parameters<typeof decodeEvent>[0][]): PublicTrade[] =>
    rows.flatMap((row) => {
      const message = projectEvent(decodeEvent(row));
      return message && message.kind === "trade" ? [{ seq: message.id, timeMs: message.atMs, ...message.data }] : [];
    });

  const trades: PublicTrade[] = [];
  let scanned = 0;
  /** The oldest seq read so far: the next page starts below it. */
  let cursor = before;
  let exhausted = false;
  if (!filtersTradeFields(filter)) {
    const rows = await ctx.db.engineEvent.findMany({ where: where(before), orderBy: { seq: "desc" }, take: limit, select: EVENT_COLUMNS });
    trades.push(...project(rows));
    scanned = rows.length;
    exhausted = rows.length < limit;
    if (rows.length > 0) cursor = Number(rows[rows.length - 1].seq);
  } else {
    while (trades.length < limit && scanned < TRADES_SEARCH_MAX_SCANNED) {
      const take = Math.min(SEARCH_BATCH, TRADES_SEARCH_MAX_SCANNED - scanned);
      const rows = await ctx.db.engineEvent.findMany({ where: where(cursor), orderBy: { seq: "desc" }, take, select: EVENT_COLUMNS });
      scanned += rows.length;
      for (const trade of project(rows)) {
        if (!tradeMatches(trade, filter)) continue;
        trades.push(trade);
        // Stop at the limit-th match: the next page starts just below it, so nothing is skipped.
        if (trades.length === limit) {
          cursor = trade.seq;
          break;
        }
      }
      if (trades.length < limit && rows.length > 0) cursor = Number(rows[rows.length - 1].seq);
      if (rows.length < take) {
        exhausted = trades.length < limit;
        break;
      }
    }
  }
  // Read after the trades, not beside them: a query started early and left unawaited when the scan fails is an unhandled rejection.
  const archived = await archivedRange(ctx.db);
  const more = !exhausted && cursor !== undefined && cursor > 1;
  const query = new URLSearchParams({ limit: String(limit), ...tradeFilterQuery(filter) });
  if (more) query.set("before", String(cursor));
  // The tape ran out in the tables, but older trades exist in the archive: this is not the first trade.
  const olderArchived = !more && archived !== null && (before === undefined || before > 1);
  return plain({
    units: UNITS,
    symbol,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    limit,
    before: before ?? null,
    filter: tradeFilterQuery(filter),
    count: trades.length,
    /** Journal rows read for this answer (a filtered search reads past the trades it leaves out). */
    scanned,
    nextBefore: more ? cursor! : null,
    next: more ? `/api/public/markets/${symbol}/trades?${query.toString()}` : null,
    archived: olderArchived ? { throughSeq: archived.throughSeq, throughMs: archived.throughMs, note: archivedNote(symbol, archived) } : null,
    trades,
  });
}
