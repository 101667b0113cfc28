import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { projectEvent } from "@/lib/simulation/public-feed";
import { archivedNote, archivedRange } from "./archived";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { ListTradesInput } from "./schemas";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/**
 * GET /api/public/markets/{symbol}/trades — recent trades from the journal, newest first, projected
 * with the public feed's rule (no account ids; counterparty-class flags). Page with `before`. The tape
 * reaches back as far as the tables hold trades; the last page says when older ones are archived.
 */
export async function listTrades({ ctx, input }: { ctx: ServiceContext; input: ListTradesInput }) {
  authorizePublic(ctx);
  const { symbol, limit, before } = ListTradesInput.parse(input);
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const [rows, archived] = await Promise.all([
    ctx.db.engineEvent.findMany({
      where: { market: symbol, type: "Trade", ...(before !== undefined ? { seq: { lt: BigInt(before) } } : {}) },
      orderBy: { seq: "desc" },
      take: limit,
      select: EVENT_COLUMNS,
    }),
    archivedRange(ctx.db),
  ]);
  const trades = rows.flatMap((row) => {
    const message = projectEvent(decodeEvent(row));
    return message && message.kind === "trade" ? [{ seq: message.id, timeMs: message.atMs, ...message.data }] : [];
  });
  const oldest = trades.length > 0 ? trades[trades.length - 1].seq : null;
  const more = trades.length === limit && oldest !== null;
  // The tape ran out in the tables, but older trades exist in the archive: this is not the first trade.
  const olderArchived = !more && archived !== null && (before === undefined || before > 1);
  return plain({
    units: UNITS,
    symbol,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    limit,
    before: before ?? null,
    count: trades.length,
    nextBefore: more ? oldest : null,
    next: more ? `/api/public/markets/${symbol}/trades?limit=${limit}&before=${oldest}` : null,
    archived: olderArchived ? { throughSeq: archived.throughSeq, throughMs: archived.throughMs, note: archivedNote(symbol, archived) } : null,
    trades,
  });
}
