import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { createPrismaClient } from "../prisma-client";
import { EngineJournal } from "./journal";
import { ReplayCursor, type MarketAt } from "./state-at";

/**
 * The worker thread behind `StateAtQueue`: it owns its own database client, takes one job at a
 * time (every requested event of one snapshot interval, in position order) and answers each event
 * on the way through a single replay. It keeps the cursor it ended on, so a later job for the same
 * interval at or after that position continues from there instead of restoring again.
 */

export interface StateAtWorkerData {
  database: { url: string; schema: string };
}

export interface StateAtJob {
  id: number;
  /** Snapshot position every target replays from. */
  base: number;
  /** Sorted by position. */
  targets: Array<{ seq: number; symbol: string; position: number }>;
}

export type StateAtJobResult = { id: number; answers: Array<MarketAt | null> } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("state-at-worker.ts runs as a worker thread (started by StateAtQueue)");
// On Linux a nice value belongs to a thread, so this lowers this worker alone: when CPU is short,
// the web server's event loop (and the engine host on it) is scheduled first and an anonymous
// replay waits. 10, not 19: a replay should still finish within its time limit on a busy machine.
// Elsewhere the call would lower the whole server process, so it is left out.
if (process.platform === "linux") os.setPriority(10);
const { database } = workerData as StateAtWorkerData;
const journal = new EngineJournal(createPrismaClient(database.url, database.schema));
let cursor: ReplayCursor | undefined;

port.on("message", (job: StateAtJob) => {
  run(job).then(
    (answers) => port.postMessage({ id: job.id, answers } satisfies StateAtJobResult),
    (error: unknown) => {
      cursor = undefined;
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies StateAtJobResult);
    },
  );
});

async function run(job: StateAtJob): Promise<Array<MarketAt | null>> {
  const first = job.targets[0]?.position ?? job.base;
  if (!cursor || cursor.base !== job.base || cursor.position > first) cursor = await ReplayCursor.open(journal, job.base);
  const answers: Array<MarketAt | null> = [];
  let hashed: { position: number; hash: string } | undefined;
  for (const target of job.targets) {
    await cursor.advanceTo(journal, target.position);
    if (hashed?.position !== target.position) hashed = { position: target.position, hash: cursor.hash() };
    answers.push(cursor.marketAt(target.symbol, target.seq, hashed.hash));
  }
  return answers;
}
