import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { proveSegmentHere } from "./prove";
import type { SegmentIndexRow } from "./segment";
import type { WorkerAnswer } from "../../worker-task";

/**
 * The worker thread behind `proveSegmentInWorker`: re-reads one segment file from disk, checks its
 * SHA-256, replays it from its start snapshot and checks the events' hash and the end state. That is
 * up to a second of pure CPU per interval, which here never holds the web server's event loop (and
 * with it the engine host). One proof per worker, then it exits.
 */

export interface ProveWorkerData {
  dir: string;
  row: SegmentIndexRow;
  /** The end snapshot as stored (EngineSnapshot.state) and its recorded hash. */
  endState: string;
  endStateHash: string;
}

export type ProveWorkerResult = WorkerAnswer<null>;

const port = parentPort;
if (!port) throw new Error("prove-worker.ts runs as a worker thread (started by proveSegmentInWorker)");
// As the stress and state-at workers: yield the CPU to the server's event loop when it is short.
if (process.platform === "linux") os.setPriority(10);
const data = workerData as ProveWorkerData;
let answer: ProveWorkerResult;
try {
  await proveSegmentHere(data);
  answer = { ok: true, result: null };
} catch (error) {
  answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
port.postMessage(answer);
