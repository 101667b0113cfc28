import "server-only";
import type { Db } from "@/lib/services/context";

/**
 * How far back the journal's tables still hold the bulk event kinds the public history reads (trades,
 * mark and index ticks). Older events live only in archived segments (REC-1): complete and verifiable,
 * but not served by these endpoints, which must then say so rather than present a page as the whole
 * history. Null while nothing is archived.
 */
export interface ArchivedRange {
  /** Every event with a seq up to this one is archived. */
  throughSeq: number;
  /** Engine time of the archive's last command: the window that starts later is wholly in the tables. */
  throughMs: number;
}

export async function archivedRange(db: Db): Promise<ArchivedRange | null> {
  const newest = await db.journalSegment.findFirst({ orderBy: { toPosition: "desc" }, select: { toSeq: true, toMs: true } });
  return newest ? { throughSeq: Number(newest.toSeq), throughMs: Number(newest.toMs) } : null;
}

/** Where the history of an archived range can still be read publicly. */
export function archivedNote(symbol: string, range: ArchivedRange): string {
  return `events up to seq ${range.throughSeq} (engine time ${new Date(range.throughMs).toISOString()}) are kept in the journal's archive and not served here; /api/public/markets/${symbol}/minutes gives per-minute figures for any period`;
}
