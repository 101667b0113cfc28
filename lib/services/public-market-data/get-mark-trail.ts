import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { projectEvent } from "@/lib/simulation/public-feed";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs } from "./figures";
import { markTrailCsv, type MarkTrailRow } from "./mark-trail-csv";
import { GetMarkTrailInput, MARK_TRAIL_MAX_ROWS, markTrailWindow } from "./schemas";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/**
 * GET /api/public/markets/{symbol}/mark-trail — every IndexTick and MarkTick of the market in an
 * engine-time window, with all their inputs, from the journal (oldest first, capped).
 */
export async function getMarkTrail({ ctx, input }: { ctx: ServiceContext; input: GetMarkTrailInput }) {
  authorizePublic(ctx);
  const { symbol, format, afterSeq = 0, ...requested } = GetMarkTrailInput.parse(input);
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const query = { ...markTrailWindow(requested, engineNowMs(engine, symbol)), format, afterSeq };
  const rows = await ctx.db.engineEvent.findMany({
    where: {
      market: symbol,
      type: { in: ["MarkTick", "IndexTick"] },
      nowMs: { gte: BigInt(query.from), lte: BigInt(query.to) },
      seq: { gt: BigInt(query.afterSeq) },
    },
    orderBy: { seq: "asc" },
    take: MARK_TRAIL_MAX_ROWS + 1,
    select: EVENT_COLUMNS,
  });
  const truncated = rows.length > MARK_TRAIL_MAX_ROWS;
  const records: MarkTrailRow[] = [];
  for (const row of rows.slice(0, MARK_TRAIL_MAX_ROWS)) {
    const message = projectEvent(decodeEvent(row));
    if (message && (message.kind === "mark" || message.kind === "index"))
      records.push({ seq: message.id, atMs: message.atMs, kind: message.kind, data: message.data });
  }
  const lastSeq = records.length > 0 ? records[records.length - 1].seq : null;
  const next =
    truncated && lastSeq !== null
      ? `/api/public/markets/${symbol}/mark-trail?from=${query.from}&to=${query.to}&afterSeq=${lastSeq}&format=${query.format}`
      : null;
  return {
    query,
    records,
    truncated,
    next,
    body: () =>
      plain({
        units: UNITS,
        symbol,
        tickSize: spec.tickSize,
        from: query.from,
        to: query.to,
        afterSeq: query.afterSeq,
        count: records.length,
        maxRows: MARK_TRAIL_MAX_ROWS,
        truncated,
        paging: truncated
          ? `more records in the window: repeat the request with afterSeq=${lastSeq} (the last record's seq)`
          : "complete: every record in the window is here",
        next,
        records,
      }),
    csv: () => markTrailCsv(records),
  };
}
