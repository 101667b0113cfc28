import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { canonicalJson, parseCanonical, type EngineConfigInput } from "../../../engine/index";
import { runStressSuite } from "../../../risk/stress-suite";
import type { WorkerAnswer } from "../../../worker-task";

/**
 * The worker thread behind `runSuiteInWorker`: one suite per worker, then it exits. The suite is
 * seconds of pure CPU; here it never holds the web server's event loop.
 */

export interface StressWorkerData {
  /** canonicalJson of the EngineConfigInput (bigints survive the structured clone as text). */
  configInput: string;
  market: string;
  seed: number;
}

/** canonicalJson of the StressSuiteResult, or the reason it failed. */
export type StressWorkerResult = WorkerAnswer<string>;

const port = parentPort;
if (!port) throw new Error("worker.ts runs as a worker thread (started by runSuiteInWorker)");
// As the state-at worker: a lower priority for this thread alone (Linux), so the server's event loop
// is scheduled first when CPU is short; the suite may take longer, the portal does not.
if (process.platform === "linux") os.setPriority(10);
const data = workerData as StressWorkerData;
let answer: StressWorkerResult;
try {
  const result = runStressSuite({ configInput: parseCanonical<EngineConfigInput>(data.configInput), market: data.market, seed: data.seed });
  answer = { ok: true, result: canonicalJson(result) };
} catch (error) {
  answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
port.postMessage(answer);
