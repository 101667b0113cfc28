import { stateHash } from "../../engine/index";
import type { PrismaClient } from "../../../prisma/generated/client";
import { chainProblem, replaySegment, replayTargetHash, restoreStart } from "./segment";
import { JournalSegmentError, readSegmentFile, SegmentStore } from "./store";

/**
 * REC-2: check the archived journal end to end: the index is one unbroken chain from position 1, every
 * file is present and matches its recorded SHA-256 and header, the last segment meets the tables (its
 * end snapshot is still stored), and with `replay` every segment replays to its recorded events hash
 * and to the state hash of the snapshot that starts the next one.
 */

export interface ArchiveVerification {
  segments: number;
  commands: number;
  events: number;
  bytes: number;
  replayed: boolean;
  /** The first problem found, naming its segment file; null when everything verifies. */
  problem: { file: string; message: string } | null;
}

export async function verifyArchive(
  db: PrismaClient,
  dir: string,
  options: { replay?: boolean; onSegment?: (file: string) => void } = {},
): Promise<ArchiveVerification> {
  const rows = await new SegmentStore(db, dir).all();
  const result: ArchiveVerification = { segments: 0, commands: 0, events: 0, bytes: 0, replayed: Boolean(options.replay), problem: null };
  const link = chainProblem(rows);
  // Files before the broken link are still checked, so the report names the first bad segment in order.
  const brokenAt = link ? rows.findIndex((row) => row.file === link.file) : rows.length;
  let previousEnd: { file: string; hash: string } | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (i === brokenAt) {
      result.problem = { file: row.file, message: `journal segment ${row.file} ${link!.problem}` };
      return result;
    }
    try {
      const content = await readSegmentFile(dir, row);
      if (options.replay) {
        // The previous segment must end where this one starts (compared as restored states, so a
        // version 2 start image, recorded by its own canonical hash, compares like any other).
        if (previousEnd && stateHash(restoreStart(content.startState).engine) !== previousEnd.hash)
          throw new JournalSegmentError(
            previousEnd.file,
            `journal segment ${previousEnd.file} replays to state hash ${previousEnd.hash}, but the next segment starts from another state`,
          );
        const replay = replaySegment(content, `journal segment ${row.file}`);
        previousEnd = { file: row.file, hash: stateHash(replay.engine) };
        if (i === rows.length - 1) {
          const end = await db.engineSnapshot.findUnique({ where: { position: BigInt(row.toPosition) }, select: { state: true, stateHash: true } });
          if (!end) throw new JournalSegmentError(row.file, `journal segment ${row.file} ends at position ${row.toPosition}, but no snapshot is stored there`);
          const expected = replayTargetHash(end.state, end.stateHash);
          if (previousEnd.hash !== expected)
            throw new JournalSegmentError(
              row.file,
              `journal segment ${row.file} replays to state hash ${previousEnd.hash}, the snapshot at position ${row.toPosition} restores to ${expected}`,
            );
        }
      }
    } catch (error) {
      result.problem = { file: error instanceof JournalSegmentError ? error.file : row.file, message: error instanceof Error ? error.message : String(error) };
      return result;
    }
    options.onSegment?.(row.file);
    result.segments++;
    result.commands += row.commandCount;
    result.events += row.eventCount;
    result.bytes += row.bytes;
  }
  const last = rows.at(-1);
  if (last) {
    const end = await db.engineSnapshot.findUnique({ where: { position: BigInt(last.toPosition) }, select: { position: true } });
    if (!end)
      result.problem = {
        file: last.file,
        message: `journal segment ${last.file} ends at position ${last.toPosition}, but the snapshot that continues the journal there is missing`,
      };
  }
  return result;
}
