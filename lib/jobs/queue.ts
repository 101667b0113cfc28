import PgBoss from "pg-boss";

export { jobsSchemaFor } from "@/lib/jobs/schema";

/**
 * The portal's job queue: pg-boss 10 (the last line that runs on Node 20) in its own PostgreSQL
 * schema. It polls rather than LISTENs, so it works through the embedded database's connection
 * multiplexer, which does not carry NOTIFY (docs/jobs.md).
 *
 * Two kinds of work:
 * - recurring: one handler every `everyMs`, at most one run at a time across every process sharing
 *   the database. Each kind is a pg-boss queue with the "stately" policy (at most one job waiting and
 *   one running), and each run queues the next one `everyMs` later before it does its work, so the
 *   chain survives a run that throws or a process that dies mid-run. pg-boss's cron is minute-grained;
 *   this gives seconds.
 * - on demand: `registerWorker(name, handler)` and `send(name, data)`.
 *
 * Not server-only, so tests and tooling run the same code as the portal.
 */

export interface JobQueueOptions {
  connectionString: string;
  /** pg-boss's own schema; see {@link jobsSchemaFor}. */
  schema: string;
  /** Connections in pg-boss's pool; the embedded database takes few. */
  max?: number;
  /** How often idle workers look for due jobs (at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often expired runs are failed (a process killed mid-run frees its queue this long after its timeout). */
  maintenanceIntervalSeconds?: number;
  log?: JobLog;
}

export interface JobLog {
  info(message: string): void;
  error(message: string): void;
}

export interface RecurringOptions {
  /** Delay before the first run when no run is queued yet (default: at once). */
  firstAfterMs?: number;
  /**
   * Longest a run may take. Past it the queue stops waiting for the run (logged) and another may start,
   * so a handler that can run long must stop itself earlier (the abort signal, a time budget). Default
   * 5 minutes.
   */
  timeoutMs?: number;
}

export interface WorkerOptions {
  timeoutMs?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

/** Aborted when the queue stops: a long handler winds down rather than being cut off. */
export type RecurringHandler = (signal: AbortSignal) => Promise<void>;
export type WorkerHandler<T> = (data: T, signal: AbortSignal) => Promise<void>;

interface Recurring {
  kind: "recurring";
  name: string;
  everyMs: number;
  handler: RecurringHandler;
  options: RecurringOptions;
}

interface Worker {
  kind: "worker";
  name: string;
  handler: WorkerHandler<unknown>;
  options: WorkerOptions;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/**
 * A recurring queue's pg-boss expiry is its timeout plus this, so the queue's own timer (below) always
 * ends an overrunning run first and pg-boss never fails one by its timer. pg-boss 10's worker does not
 * await that fail (manager.js: `this.fail(name, jobIds, err)`), and on a stately queue it races the
 * worker's next fetch: the fail re-inserts the run as "retry" while the fetch moves a due retry to
 * "active", each waiting on the other's unique-index entry. PostgreSQL ends one with a deadlock
 * (40P01), and when that is the fail, nobody hears it: an unhandled rejection. Covers the next run's
 * send as well, which comes before the timer starts.
 */
const EXPIRY_GRACE_SECONDS = 30;
/** A recurring chain is only lost if every retry of a broken run fails: effectively never. */
const RECURRING_RETRY_LIMIT = 1_000_000;
const QUEUE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export class JobQueue {
  readonly #options: JobQueueOptions;
  readonly #log: JobLog;
  readonly #registrations = new Map<string, Recurring | Worker>();
  readonly #stopping = new AbortController();
  #boss: PgBoss | undefined;
  #started: Promise<void> | undefined;

  constructor(options: JobQueueOptions) {
    this.#options = options;
    this.#log = options.log ?? { info: (m) => console.log(`[jobs] ${m}`), error: (m) => console.error(`[jobs] ${m}`) };
  }

  /** Periodic work that runs once at a time across instances. Before or after start. */
  registerRecurring(name: string, everyMs: number, handler: RecurringHandler, options: RecurringOptions = {}): void {
    if (!(everyMs >= 1_000)) throw new Error(`recurring job ${name}: everyMs must be at least 1000`);
    this.#register({ kind: "recurring", name, everyMs, handler, options });
  }

  /** A handler for jobs sent with {@link send}. Before or after start. */
  registerWorker<T extends object>(name: string, handler: WorkerHandler<T>, options: WorkerOptions = {}): void {
    this.#register({ kind: "worker", name, handler: handler as WorkerHandler<unknown>, options });
  }

  /** Queues a job for a registered worker; `startAfterMs` delays it. Returns the job id. */
  async send<T extends object>(name: string, data: T, { startAfterMs }: { startAfterMs?: number } = {}): Promise<string | null> {
    const registration = this.#registrations.get(name);
    if (registration?.kind !== "worker") throw new Error(`no worker is registered for ${name}`);
    const boss = await this.#ready();
    return boss.send(name, data, startAfterMs ? { startAfter: startAfterMs / 1000 } : {});
  }

  get started(): boolean {
    return this.#boss !== undefined;
  }

  /** Creates pg-boss's schema if needed, then its queues, then starts polling. */
  start(): Promise<void> {
    this.#started ??= this.#start().catch(async (error: unknown) => {
      this.#started = undefined;
      const boss = this.#boss;
      this.#boss = undefined;
      await boss?.stop({ graceful: false, wait: true }).catch(() => {});
      throw error;
    });
    return this.#started;
  }

  /**
   * Stops taking jobs, aborts the running handlers' signal and waits up to `timeoutMs` for them to
   * finish; a run still going then is failed by pg-boss and runs again elsewhere (or here, next start).
   */
  async stop({ timeoutMs = 4_000 }: { timeoutMs?: number } = {}): Promise<void> {
    this.#stopping.abort();
    await this.#started?.catch(() => {});
    const boss = this.#boss;
    this.#boss = undefined;
    await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }

  #register(registration: Recurring | Worker): void {
    if (!QUEUE_NAME.test(registration.name)) throw new Error(`job name ${JSON.stringify(registration.name)}: letters, digits, _ . - only`);
    if (this.#registrations.has(registration.name)) throw new Error(`job ${registration.name} is registered twice`);
    this.#registrations.set(registration.name, registration);
    if (this.#boss) {
      const boss = this.#boss;
      this.#started = this.#started!.then(() => this.#activate(boss, registration));
    }
  }

  async #ready(): Promise<PgBoss> {
    if (!this.#started) throw new Error("the job queue is not started");
    await this.#started;
    return this.#boss!;
  }

  async #start(): Promise<void> {
    const { connectionString, schema, max = 4, pollingIntervalSeconds = 1, maintenanceIntervalSeconds = 30 } = this.#options;
    const boss = new PgBoss({
      connectionString,
      schema,
      max,
      application_name: "portal-jobs",
      // No cron (recurring work reschedules itself), so no cron and clock-skew polling either.
      schedule: false,
      maintenanceIntervalSeconds,
      pollingIntervalSeconds,
      // Completed runs are kept an hour, then archived and dropped after a day: a recurring job every
      // few seconds would otherwise keep days of rows.
      archiveCompletedAfterSeconds: 3_600,
      deleteAfterDays: 1,
    });
    // pg-boss reports a failed poll or maintenance pass as an "error" event; unheard, it would end the process.
    boss.on("error", (error: Error) => this.#log.error(`${error.message}`));
    await boss.start();
    this.#boss = boss;
    for (const registration of this.#registrations.values()) await this.#activate(boss, registration);
  }

  async #activate(boss: PgBoss, registration: Recurring | Worker): Promise<void> {
    const pollingIntervalSeconds = this.#options.pollingIntervalSeconds ?? 1;
    if (registration.kind === "worker") {
      const { name, handler, options } = registration;
      const queue = {
        policy: "standard" as const,
        expireInSeconds: seconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        retryLimit: options.retryLimit ?? 3,
        retryDelay: options.retryDelaySeconds ?? 30,
        retryBackoff: true,
      };
      await ensureQueue(boss, { name, ...queue });
      await boss.work<object>(name, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
        await handler(job.data, this.#stopping.signal);
      });
      return;
    }
    const { name, everyMs, handler, options } = registration;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const queue = {
      policy: "stately" as const,
      expireInSeconds: seconds(timeoutMs) + EXPIRY_GRACE_SECONDS,
      retryLimit: RECURRING_RETRY_LIMIT,
      retryDelay: seconds(everyMs),
      retryBackoff: false,
    };
    await ensureQueue(boss, { name, ...queue });
    await boss.work(name, { pollingIntervalSeconds: Math.min(pollingIntervalSeconds, everyMs / 1000), batchSize: 1 }, async () => {
      // The next run is queued before this one works: a handler that throws, hangs past its timeout
      // or dies with its process does not end the chain. While one waits, this send is dropped.
      await boss.send(name, {}, { startAfter: everyMs / 1000 });
      const run = handler(this.#stopping.signal).catch((error: unknown) => {
        this.#log.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      // Past its timeout the run is let go (it may go on; the next one is queued): see EXPIRY_GRACE_SECONDS.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const overran = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
      if (await Promise.race([run.then(() => false), overran]).finally(() => clearTimeout(timer))) {
        this.#log.error(`${name} is still running after its timeout (${timeoutMs / 1000} s); no longer waiting for it`);
      }
    });
    // Every process seeds the chain unless a run is already waiting or running (from another process,
    // or from before a restart: it keeps its time). Two processes starting at the same moment may both
    // seed; the stately policy still keeps one waiting run, and at worst one run comes early, once.
    if ((await boss.getQueueSize(name, { before: "completed" })) === 0) {
      await boss.send(name, {}, options.firstAfterMs ? { startAfter: options.firstAfterMs / 1000 } : {});
    }
  }
}

/**
 * Creates the queue or brings its settings up to date. pg-boss creates a queue as a partition of its
 * job table; two processes starting together can deadlock doing so, and PostgreSQL then cancels one.
 * Creating is idempotent, so the cancelled one tries again.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue & { name: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(queue.name, queue);
      break;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const retriable = code === "40P01" || code === "23505" || code === "42P07";
      if (!retriable || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
  await boss.updateQueue(queue.name, queue);
}

/**
 * Whole seconds, for pg-boss's integer settings (timeouts, retry delays). A job's `startAfter` takes
 * fractional seconds: pg-boss adds it to the database's now() as an interval.
 */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
