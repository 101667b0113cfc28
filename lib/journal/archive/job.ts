import type { PrismaClient } from "../../../prisma/generated/client";
import { EngineJournal } from "../../simulation/journal";
import { archiveOnce, type ArchivedSegment } from "./archiver";
import { journalArchiveDir, journalHotMs } from "./config";

/** How often the archiver looks for an interval to move out of the hot tables. */
export const JOURNAL_ARCHIVE_EVERY_MS = 60_000;
/**
 * Intervals archived per run at most. The live engine stores a snapshot every 5,000 commands, about
 * one interval every 3 minutes at a simulated day's 2.3 M commands, so 4 a minute catches up a backlog
 * (a first run on an old journal) without one run holding the worker for long: each interval is
 * proved by a replay of its commands before anything is deleted.
 */
export const JOURNAL_ARCHIVE_MAX_SEGMENTS = 4;

/**
 * REC-1, REC-2: the recurring `journal.archive` job. Background work, so it is logged rather than
 * audited; the JournalSegment index and `npm run journal:verify` are its record.
 */
export async function runJournalArchiveJob(ctx: { db: PrismaClient; signal: AbortSignal }): Promise<ArchivedSegment[]> {
  const dir = journalArchiveDir();
  return archiveOnce(ctx.db, new EngineJournal(ctx.db, { archiveDir: dir }), {
    dir,
    hotMs: journalHotMs(),
    maxSegments: JOURNAL_ARCHIVE_MAX_SEGMENTS,
    signal: ctx.signal,
    log: (message) => console.log(`[journal] ${message}`),
  });
}
