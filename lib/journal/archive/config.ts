import path from "node:path";
import { env, type Env } from "../../env";

/** The journal archive folder of this process: JOURNAL_ARCHIVE_DIR, else DATA_DIR/journal-archive. */
export function journalArchiveDir(config: Pick<Env, "JOURNAL_ARCHIVE_DIR" | "DATA_DIR"> = env()): string {
  return path.resolve(config.JOURNAL_ARCHIVE_DIR ?? path.join(config.DATA_DIR, "journal-archive"));
}

/** JOURNAL_HOT_HOURS in ms of engine time. */
export function journalHotMs(config: Pick<Env, "JOURNAL_HOT_HOURS"> = env()): number {
  return Math.round(config.JOURNAL_HOT_HOURS * 3_600_000);
}
