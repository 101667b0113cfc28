import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { beforeExit } from "@/lib/exit-hooks";
import { JobQueue, jobsSchemaFor, type RecurringOptions, type WorkerHandler, type WorkerOptions } from "@/lib/jobs/queue";
import { AFTER_STOP, RECURRING_JOBS, type JobContext, type RecurringJob } from "@/lib/jobs/registry";

/**
 * The process's job queue (one pg-boss per process), started by instrumentation.ts. Modules add
 * recurring work in lib/jobs/registry.ts, or from their own start-up code through
 * {@link registerRecurring} before or after the queue starts.
 */

const holder = globalThis as typeof globalThis & { portalJobs?: JobQueue };
const RETRY_START_MS = 30_000;

function processQueue(): JobQueue {
  if (holder.portalJobs) return holder.portalJobs;
  const { DATABASE_URL, DATABASE_SCHEMA } = env();
  if (!DATABASE_URL) throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides the embedded database");
  holder.portalJobs = new JobQueue({ connectionString: DATABASE_URL, schema: jobsSchemaFor(DATABASE_SCHEMA), max: 4 });
  return holder.portalJobs;
}

/** Periodic work that runs once at a time across every server of the deployment. */
export function registerRecurring(name: string, everyMs: number, run: (ctx: JobContext) => Promise<unknown>, options: RecurringOptions = {}): void {
  processQueue().registerRecurring(
    name,
    everyMs,
    async (signal) => {
      await run({ db: db(), now: () => new Date(), signal });
    },
    options,
  );
}

/** A handler for jobs sent with {@link sendJob}. */
export function registerWorker<T extends object>(name: string, handler: WorkerHandler<T>, options?: WorkerOptions): void {
  processQueue().registerWorker(name, handler, options);
}

export function sendJob<T extends object>(name: string, data: T, options?: { startAfterMs?: number }): Promise<string | null> {
  return processQueue().send(name, data, options);
}

let starting = false;

/**
 * Registers the recurring jobs and starts the queue; stops it gracefully on exit. A database that
 * is not there yet does not stop the portal: start is tried again every 30 s.
 */
export function startJobs(jobs: readonly RecurringJob[] = RECURRING_JOBS): void {
  if (starting) return;
  starting = true;
  const queue = processQueue();
  for (const job of jobs) registerRecurring(job.name, job.everyMs, job.run, { firstAfterMs: job.firstAfterMs, timeoutMs: job.timeoutMs });
  beforeExit(async () => {
    await queue.stop();
    await Promise.allSettled(AFTER_STOP.map((hook) => hook()));
  });
  const attempt = () => {
    queue.start().then(
      () => console.log(`[jobs] started: ${jobs.map((job) => job.name).join(", ")}`),
      (error: unknown) => {
        console.error(`[jobs] could not start (retrying in ${RETRY_START_MS / 1000} s): ${error instanceof Error ? error.message : String(error)}`);
        setTimeout(attempt, RETRY_START_MS).unref();
      },
    );
  };
  attempt();
}
