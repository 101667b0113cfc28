import "server-only";
import path from "node:path";
import { canonicalJson, parseCanonical, type EngineConfigInput } from "@/lib/engine/index";
import type { StressSuiteResult } from "@/lib/risk/stress-suite";
import { runWorkerTask } from "@/lib/worker-task";
import type { StressWorkerData } from "./worker";

/** A suite takes seconds; this long means the worker is stuck (or the machine is), and the run fails. */
export const STRESS_RUN_TIMEOUT_MS = 3 * 60_000;

export interface SuiteRequest {
  configInput: EngineConfigInput;
  market: string;
  seed: number;
}

/**
 * The worker's entry, resolved from the working directory (as `next start` and the tests run from the
 * repository root). Held in an object, like the state-at queue's, so the bundler does not trace the
 * worker (and tsx behind it) into the server build: the worker runs from source, outside the bundle.
 */
const workerFile = { path: path.join(/* turbopackIgnore: true */ process.cwd(), "lib/services/risk-governance/stress/worker.mjs") };

/** Runs a suite to its result; rejects with the reason. The default runs it in a worker thread. */
export type SuiteRunner = (request: SuiteRequest, signal?: AbortSignal) => Promise<StressSuiteResult>;

/** Run the suite in its own worker thread, off the event loop; the worker ends with the run. */
export const runSuiteInWorker: SuiteRunner = async (request, signal) => {
  const data: StressWorkerData = { configInput: canonicalJson(request.configInput), market: request.market, seed: request.seed };
  const result = await runWorkerTask<string>({ file: workerFile.path, data, timeoutMs: STRESS_RUN_TIMEOUT_MS, what: "the stress suite", signal });
  return parseCanonical<StressSuiteResult>(result);
};
