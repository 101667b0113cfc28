import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { projectEvent } from "@/lib/simulation/public-feed";
import { archivedNote, archivedRange } from "./archived";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs } from "./figures";
import { markTrailCsv, type MarkTrailRow } from "./mark-trail-csv";
import { GetMarkTrailInput, MARK_TRAIL_MAX_ROWS, markTrailWindow } from "./schemas";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/**
 * GET /api/public/markets/{symbol}/mark-trail — every IndexTick and MarkTick of the market in an
 * engine-time window, with all their inputs, from the journal (oldest first, capped). A window reaching
 * into the archived part of the journal says so (`archived`) instead of calling itself complete.
 */
export async function getMarkTrail({ ctx, input }: { ctx: ServiceContext; input: GetMarkTrailInput }) {
  authorizePublic(ctx);
  const { symbol, format, afterSeq = 0, ...requested } = GetMarkTrailInput.parse(input);
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const query = { ...markTrailWindow(requested, engineNowMs(engine, symbol)), format, afterSeq };
  const [rows, archivedAll] = await Promise.all([
    ctx.db.engineEvent.findMany({
      where: {
        market: symbol,
        type: { in: ["MarkTick", "IndexTick"] },
        nowMs: { gte: BigInt(query.from), lte: BigInt(query.to) },
        seq: { gt: BigInt(query.afterSeq) },
      },
      orderBy: { seq: "asc" },
      take: MARK_TRAIL_MAX_ROWS + 1,
      select: EVENT_COLUMNS,
    }),
    archivedRange(ctx.db),
  ]);
  // Part of the window lies in the archive when it starts at or before the archive's last command.
  const archived = archivedAll !== null && query.from <= archivedAll.throughMs && query.afterSeq < archivedAll.throughSeq ? archivedAll : null;
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
    archived,
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
          : archived
            ? `complete after seq ${archived.throughSeq}: earlier records of the window are archived`
            : "complete: every record in the window is here",
        next,
        archived: archived ? { throughSeq: archived.throughSeq, throughMs: archived.throughMs, note: archivedNote(symbol, archived) } : null,
        records,
      }),
    csv: () => markTrailCsv(records),
  };
}
