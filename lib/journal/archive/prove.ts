import path from "node:path";
import { stateHash } from "../../engine/index";
import { replaySegment, replayTargetHash } from "./segment";
import { readSegmentFile } from "./store";
import { runWorkerTask } from "../../worker-task";
import type { ProveWorkerData } from "./prove-worker";

/**
 * Proves a written segment before anything is deleted: the file as it is on disk (SHA-256), a replay
 * from its start snapshot whose events hash like the header says, and an end state equal to the next
 * snapshot's. Resolves when proved, rejects with what is wrong.
 */
export type SegmentProver = (request: ProveWorkerData, signal?: AbortSignal) => Promise<void>;

/** A proof takes under a second; this long means the worker (or the machine) is stuck. */
export const PROVE_TIMEOUT_MS = 5 * 60_000;

/** Resolved from the working directory and held in an object so the bundler does not trace the worker (as the stress suite's). */
const workerFile = { path: path.join(/* turbopackIgnore: true */ process.cwd(), "lib/journal/archive/prove-worker.mjs") };

/** The default: in a worker thread, off the event loop the engine host and the web server share. */
export const proveSegmentInWorker: SegmentProver = async (request, signal) => {
  await runWorkerTask<null>({
    file: workerFile.path,
    data: request,
    timeoutMs: PROVE_TIMEOUT_MS,
    what: `proving ${request.row.file}`,
    signal,
  });
};

/** The same proof on the calling thread (tools that run alone, and tests that exercise the archiver's steps). */
export const proveSegmentHere: SegmentProver = async ({ dir, row, endState, endStateHash }) => {
  const content = await readSegmentFile(dir, row);
  const replay = replaySegment(content, `journal segment ${row.file}`);
  const endHash = stateHash(replay.engine);
  const target = replayTargetHash(endState, endStateHash);
  if (endHash !== target)
    throw new Error(`journal segment ${row.file} replays to state hash ${endHash}, the snapshot at position ${row.toPosition} restores to ${target}`);
};
