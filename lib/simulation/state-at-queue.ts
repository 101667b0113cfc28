import path from "node:path";
import { Worker } from "node:worker_threads";
import type { EngineJournal } from "./journal";
import { STATE_AT_LIMITS } from "./state-at-limits";
import { SnapshotIndex, type MarketAt } from "./state-at";
import type { StateAtJob, StateAtJobResult, StateAtWorkerData } from "./state-at-worker";

/**
 * Historical state for anonymous callers at bounded cost to everyone else.
 *
 * Recomputing the engine at an event is a snapshot restore, a replay of up to a snapshot interval
 * of commands and a state hash: hundreds of milliseconds of CPU. Run on the web server's event loop
 * (which also runs the in-process engine host), 20 such requests froze every page for seconds. So:
 * - the replay runs in one worker thread, never on the event loop: the loop only looks up where
 *   each event is (one indexed query for all requests that arrive together; snapshot positions
 *   are kept in memory) and receives finished answers. A worker rather than slicing the replay
 *   with setImmediate: the CPU goes to the second core instead of being taken from the engine host
 *   and every page, and a runaway job can be stopped outright (terminate) at its time limit;
 * - one replay at a time, and each replay answers every waiting request of its snapshot interval
 *   on the way (requests are sorted by journal position), so N concurrent requests cost at most
 *   one replay per interval they touch, not N replays;
 * - identical requests in flight share one answer, and answers are cached: the journal is
 *   append-only, so the figures at a given event never change;
 * - a request whose event lies more than `maxReplayCommands` after its snapshot is refused
 *   (the per-request cost ceiling), as is one arriving while `maxWaiting` are already waiting
 *   (503 with Retry-After rather than an ever-longer queue), and a replay still running after
 *   `jobTimeoutMs` is stopped and its requests refused.
 */

export type StateAtRefusalKind = "busy" | "too-far" | "timeout" | "unavailable";

/** A historical query refused by one of the limits above; the message says which and why. */
export class StateAtRefusal extends Error {
  constructor(
    readonly kind: StateAtRefusalKind,
    message: string,
    /** When retrying may succeed: seconds to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "StateAtRefusal";
  }
}

export interface StateAtQueueOptions {
  /** The journal, for the lookups done on the caller's thread (where each event is, where the snapshots are). */
  journal: EngineJournal;
  /** Where the worker's own database client connects. */
  database: { url: string; schema: string };
  maxReplayCommands?: number;
  maxWaiting?: number;
  jobTimeoutMs?: number;
  cacheEntries?: number;
  /** The worker's entry file; the checked-in one by default (resolved from the working directory, as `next start` and the tests run from the repository root). */
  workerFile?: string;
}

interface Waiter {
  key: string;
  symbol: string;
  seq: number;
  position: number;
  base: number;
  resolve: (answer: MarketAt | null) => void;
  reject: (error: unknown) => void;
}

interface RunningJob {
  job: StateAtJob;
  waiters: Waiter[];
  timer: ReturnType<typeof setTimeout>;
}

export class StateAtQueue {
  private readonly limits: { maxReplayCommands: number; maxWaiting: number; jobTimeoutMs: number; cacheEntries: number };
  private readonly workerFile: string;
  /** Answers by "symbol@seq", oldest first (a Map keeps insertion order, which is all a bounded cache of immutable answers needs). */
  private readonly cache = new Map<string, MarketAt>();
  /** Every request not yet answered, from its first lookup on: what identical requests join. */
  private readonly pending = new Map<string, Promise<MarketAt | null>>();
  /** Planned requests waiting for the worker, in arrival order. */
  private readonly waiting: Waiter[] = [];
  private running: RunningJob | undefined;
  private readonly snapshots: SnapshotIndex;
  /** Events whose journal position is to be looked up in the next batch, with who waits for each. */
  private lookups = new Map<number, Array<{ resolve: (position: number | null) => void; reject: (error: unknown) => void }>>();
  private worker: Worker | undefined;
  private nextJobId = 1;
  private dispatchQueued = false;
  private closed = false;
  /** Counters for tests and diagnostics. */
  readonly stats = { requests: 0, cacheHits: 0, joined: 0, jobs: 0, replayedTargets: 0, refused: 0 };

  constructor(private readonly options: StateAtQueueOptions) {
    this.limits = {
      maxReplayCommands: options.maxReplayCommands ?? STATE_AT_LIMITS.maxReplayCommands,
      maxWaiting: options.maxWaiting ?? STATE_AT_LIMITS.maxWaiting,
      jobTimeoutMs: options.jobTimeoutMs ?? STATE_AT_LIMITS.jobTimeoutMs,
      cacheEntries: options.cacheEntries ?? STATE_AT_LIMITS.cacheEntries,
    };
    this.workerFile = options.workerFile ?? path.join(process.cwd(), "lib/simulation/state-at-worker.mjs");
    this.snapshots = new SnapshotIndex(options.journal);
  }

  /** One market's figures right after event `seq`, or null when there is no such event (or market). */
  marketAt(symbol: string, seq: number): Promise<MarketAt | null> {
    this.stats.requests++;
    const key = `${symbol}@${seq}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.stats.cacheHits++;
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve(cached);
    }
    const joined = this.pending.get(key);
    if (joined) {
      this.stats.joined++;
      return joined;
    }
    if (this.closed) return Promise.reject(new StateAtRefusal("unavailable", "historical recomputation is shutting down", STATE_AT_LIMITS.retryAfterSeconds));
    if (this.pending.size >= this.limits.maxWaiting) {
      this.stats.refused++;
      return Promise.reject(
        new StateAtRefusal(
          "busy",
          `historical recomputation is busy: ${this.pending.size} queries are already waiting (at most ${this.limits.maxWaiting}); retry in ${STATE_AT_LIMITS.retryAfterSeconds} s`,
          STATE_AT_LIMITS.retryAfterSeconds,
        ),
      );
    }
    const answer = this.plan(key, symbol, seq).finally(() => this.pending.delete(key));
    this.pending.set(key, answer);
    return answer;
  }

  /** Stop the worker and refuse whatever still waits. */
  async close(): Promise<void> {
    this.closed = true;
    const refusal = new StateAtRefusal("unavailable", "historical recomputation is shutting down", STATE_AT_LIMITS.retryAfterSeconds);
    for (const waiter of this.waiting.splice(0)) waiter.reject(refusal);
    if (this.running) {
      clearTimeout(this.running.timer);
      for (const waiter of this.running.waiters) waiter.reject(refusal);
      this.running = undefined;
    }
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private async plan(key: string, symbol: string, seq: number): Promise<MarketAt | null> {
    const position = await this.positionOf(seq);
    if (position === null) return null;
    const plan = { position, base: await this.snapshots.baseFor(position) };
    const distance = plan.position - plan.base;
    if (distance > this.limits.maxReplayCommands) {
      this.stats.refused++;
      throw new StateAtRefusal(
        "too-far",
        `event ${seq} lies ${distance.toLocaleString("en-US")} journal commands after the nearest stored snapshot; this server recomputes at most ${this.limits.maxReplayCommands.toLocaleString("en-US")}`,
      );
    }
    return new Promise<MarketAt | null>((resolve, reject) => {
      this.waiting.push({ key, symbol, seq, ...plan, resolve, reject });
      // Dispatch after this turn, so requests that arrived together go out in the same job.
      if (!this.dispatchQueued) {
        this.dispatchQueued = true;
        setImmediate(() => {
          this.dispatchQueued = false;
          this.dispatch();
        });
      }
    });
  }

  /**
   * The journal position of event `seq`, looked up together with every other request that arrives
   * in the same turn of the event loop: a burst of N queries is one database round trip, not N.
   */
  private positionOf(seq: number): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const waiting = this.lookups.get(seq);
      if (waiting) return void waiting.push({ resolve, reject });
      this.lookups.set(seq, [{ resolve, reject }]);
      if (this.lookups.size === 1) setImmediate(() => void this.lookUp());
    });
  }

  private async lookUp(): Promise<void> {
    const batch = this.lookups;
    this.lookups = new Map();
    try {
      const positions = await this.options.journal.positionsOfEvents([...batch.keys()]);
      for (const [seq, waiters] of batch) for (const waiter of waiters) waiter.resolve(positions.get(seq) ?? null);
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }

  /** Start the next job if the worker is free: every waiting request of the oldest waiter's interval. */
  private dispatch(): void {
    if (this.running || this.closed || this.waiting.length === 0) return;
    const base = this.waiting[0].base;
    const waiters: Waiter[] = [];
    for (let i = 0; i < this.waiting.length; ) {
      if (this.waiting[i].base === base) waiters.push(...this.waiting.splice(i, 1));
      else i++;
    }
    waiters.sort((a, b) => a.position - b.position);
    const job: StateAtJob = { id: this.nextJobId++, base, targets: waiters.map(({ seq, symbol, position }) => ({ seq, symbol, position })) };
    const timer = setTimeout(() => this.timedOut(job.id), this.limits.jobTimeoutMs);
    timer.unref?.();
    this.running = { job, waiters, timer };
    this.stats.jobs++;
    this.stats.replayedTargets += waiters.length;
    try {
      const worker = this.ensureWorker();
      // Busy, the worker keeps the process alive until it answers; idle, it must not (a stopping server, a test).
      worker.ref();
      worker.postMessage(job);
    } catch (error) {
      this.worker?.unref();
      this.finish(job.id, { id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: { database: this.options.database } satisfies StateAtWorkerData });
    worker.on("message", (result: StateAtJobResult) => {
      worker.unref();
      this.finish(result.id, result);
    });
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.running) this.finish(this.running.job.id, { id: this.running.job.id, error: reason });
    };
    worker.on("error", (error) => lost(`the recomputation worker failed: ${error.message}`));
    worker.on("exit", (code) => lost(`the recomputation worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private finish(id: number, result: StateAtJobResult): void {
    const running = this.running;
    if (!running || running.job.id !== id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    if ("error" in result) {
      console.error(`[history] recomputation failed: ${result.error}`);
      this.snapshots.forget();
      const refusal = new StateAtRefusal("unavailable", "historical recomputation failed on this server; retry later", STATE_AT_LIMITS.retryAfterSeconds);
      for (const waiter of running.waiters) waiter.reject(refusal);
    } else {
      running.waiters.forEach((waiter, i) => {
        const answer = result.answers[i] ?? null;
        if (answer) this.remember(waiter.key, answer);
        waiter.resolve(answer);
      });
    }
    this.dispatch();
  }

  private timedOut(id: number): void {
    const running = this.running;
    if (!running || running.job.id !== id) return;
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const seconds = this.limits.jobTimeoutMs / 1000;
    const refusal = new StateAtRefusal(
      "timeout",
      `historical recomputation took longer than ${seconds} s and was stopped; retry later`,
      STATE_AT_LIMITS.retryAfterSeconds,
    );
    for (const waiter of running.waiters) waiter.reject(refusal);
    this.dispatch();
  }

  private remember(key: string, answer: MarketAt): void {
    this.cache.set(key, answer);
    while (this.cache.size > this.limits.cacheEntries) this.cache.delete(this.cache.keys().next().value as string);
  }
}
