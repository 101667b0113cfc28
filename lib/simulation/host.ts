import {
  apply,
  canonicalHash,
  createEngine,
  restore,
  snapshot,
  stateHash,
  DEFAULT_ENGINE_CONFIG_INPUT,
  EngineConfigError,
  type ApplyResult,
  type Command,
  type EngineConfigInput,
  type EngineEvent,
  type EngineState,
} from "../engine/index";
import { parseRow, RollupFold, serializeRow } from "../journal/rollup";
import { acquireEngineLock, type EngineLock, type JournalDatabase } from "./engine-lock";
import { EngineJournal, type CommandSource, type HostMemo, type JournalEntry } from "./journal";
import { projectEvent, type PublicMessage } from "./public-feed";

/**
 * The engine's host: the one place that applies commands to the engine, in one order, and makes
 * them durable. Each step collects the simulation's commands and any submitted ones, applies them,
 * writes the accepted ones with their events to the journal in one transaction, and only then
 * acknowledges submitters and publishes. On start it restores the latest snapshot and replays the
 * journal tail, so a restart continues from exactly the state that was committed. It holds the
 * journal's engine lock (engine-lock.ts) from before it reads the journal until it stops, so a second
 * engine on the same journal refuses to start.
 */

/** What the host needs from a market simulation (lib/simulation/market). */
export interface SimulationDriver {
  bootstrap(nowMs: number): Command[];
  step(engine: EngineState, nowMs: number): Command[];
  observe(events: EngineEvent[]): void;
  injectScenario?(input: unknown, nowMs: number): ScenarioInjection;
  scenarios?(): unknown[];
}

export type ScenarioInjection = { ok: true; scenario: unknown } | { ok: false; errors: string[] };

export interface SimulationFactory {
  (options: { seed: number; startMs: number; ids: { nextOrderId(): number } }): SimulationDriver;
}

export interface HostOptions {
  journal: EngineJournal;
  /** The journal's database and schema, for the engine lock (one engine per journal). */
  database: JournalDatabase;
  /** Epoch ms now; real time for the portal, a faster clock for headless runs and tests. */
  clock: () => number;
  seed: number;
  /** The configuration a fresh journal starts with (the launch configuration when omitted); a restored journal keeps its own. */
  configInput?: EngineConfigInput;
  /** Omit to host the engine without a simulated market (commands only from submitters). */
  simulation?: SimulationFactory;
  /** How often the simulation advances, in host (wall) ms. */
  stepEveryMs?: number;
  /** Take a snapshot after this many journaled commands. */
  snapshotEveryCommands?: number;
  /** Receives the public projection of each committed batch (stream fan-out). */
  publish?: (messages: PublicMessage[], batch: CommittedBatch) => void;
  log?: (message: string) => void;
  /** Called once when a journal write fails or the engine lock is lost and the host stops (the runtime restores a new one). */
  onFailure?: (error: Error) => void;
}

export interface CommittedBatch {
  entries: JournalEntry[];
  lastEventSeq: number;
  position: number;
}

export type SubmitResult = { accepted: true; position: number; events: EngineEvent[] } | { accepted: false; code: string; message: string };

interface PendingSubmission {
  command: Command;
  source: CommandSource;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
}

export class SimulationHost {
  private sim: SimulationDriver | undefined;
  private memo: HostMemo;
  private pending: PendingSubmission[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private working: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private sinceSnapshot = 0;
  private stopped = false;
  private failure: Error | undefined;
  private lastEventSeq: number;

  private constructor(
    private engine: EngineState,
    private readonly options: HostOptions,
    memo: HostMemo,
    lastEventSeq: number,
    private readonly lock: EngineLock,
    private readonly rollups: RollupFold,
  ) {
    this.memo = memo;
    this.lastEventSeq = lastEventSeq;
  }

  /**
   * Take the journal's engine lock, then restore from the journal (or start a fresh engine and
   * bootstrap the simulation). Throws EngineAlreadyRunning when another engine holds the journal.
   */
  static async open(options: HostOptions): Promise<SimulationHost> {
    let host: SimulationHost | undefined;
    let lostWhileOpening: Error | undefined;
    const lock = await acquireEngineLock(options.database, (error) => (host ? host.fail(error) : (lostWhileOpening = error)));
    try {
      const opened = await SimulationHost.restore(options, lock);
      if (lostWhileOpening) throw lostWhileOpening;
      host = opened;
      return host;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async restore(options: HostOptions, lock: EngineLock): Promise<SimulationHost> {
    const log = options.log ?? (() => {});
    const { journal } = options;
    const stored = await journal.latestSnapshot();
    let engine: EngineState;
    let memo: HostMemo = { maxOrderId: 0 };
    if (stored) {
      try {
        engine = restore(stored.snapshot);
      } catch (error) {
        // A journal written by an earlier version can hold a configuration this version no longer
        // accepts (a new required parameter); say what to do instead of a bare validation error.
        if (!(error instanceof EngineConfigError)) throw error;
        throw new Error(
          `the journal's snapshot at position ${stored.position} holds an engine configuration this version refuses (${error.message}); it was written by an earlier version. Demo data: stop the portal and run \`npm run db:reset\`.`,
          { cause: error },
        );
      }
      // A version 2 image (written before the order-id window) restores into this version's form,
      // whose hash differs by design; for it, check that the image is intact as written instead.
      const restoredHash = stored.snapshot.version === 2 ? canonicalHash(stored.snapshot) : stateHash(engine);
      if (restoredHash !== stored.stateHash) {
        throw new Error(`snapshot at position ${stored.position} restores to hash ${restoredHash}, recorded ${stored.stateHash}`);
      }
      if (stored.snapshot.version === 2) log(`converted the version 2 snapshot at position ${stored.position} (order ids as a bounded window)`);
      memo = stored.host;
    } else {
      engine = createEngine(options.configInput ?? DEFAULT_ENGINE_CONFIG_INPUT, options.clock());
      // The genesis image (position 0) pins the start time and config, so anyone can replay the
      // whole journal from it and compare hashes.
      await journal.saveSnapshot(snapshot(engine), stateHash(engine), memo);
    }
    // The minute rollups resume from the stored rows, which were written with the commands; the fold
    // skips what they already include, so the replayed tail is not counted twice.
    const [journalHead, storedRollups] = await Promise.all([journal.head(), journal.latestRollups()]);
    const ahead = storedRollups.filter((row) => row.lastSeq > journalHead.lastEventSeq);
    if (storedRollups.length === 0 && journalHead.position > 0)
      log(`the journal holds ${journalHead.position} commands but no minute rollups (written before they existed); run rollups:rebuild for their history`);
    // Rows ahead of the journal belong to a journal that was emptied; resuming from them would skip everything.
    if (ahead.length) log(`ignoring ${ahead.length} minute rollups ahead of the journal (event seq ${journalHead.lastEventSeq}); run rollups:rebuild`);
    const rollups = new RollupFold(storedRollups.filter((row) => row.lastSeq <= journalHead.lastEventSeq).map(parseRow));
    let replayed = 0;
    for await (const row of journal.commandsAfter(engine.commandCount)) {
      const result = apply(engine, row.command);
      if (result.rejection) {
        throw new Error(
          `journal position ${row.position} (${row.command.type}) was rejected on replay: ${result.rejection.code}; the journal and the engine disagree`,
        );
      }
      if (engine.commandCount !== row.position) throw new Error(`journal position ${row.position} replayed as ${engine.commandCount}`);
      // Each command must reproduce the events it produced live; stop at the first that does not.
      if (row.lastEventSeq !== null && engine.seq !== row.lastEventSeq) {
        throw new Error(
          `journal position ${row.position} (${row.command.type}, ${row.source}) replayed to event seq ${engine.seq}, recorded ${row.lastEventSeq}: ` +
            `events on replay: ${result.events.map((event) => event.type).join(", ") || "none"}`,
        );
      }
      rollups.foldCommand(result.events, engine);
      memo = noteOrderId(memo, row.command);
      replayed++;
    }
    const head = await journal.head();
    if (head.lastEventSeq !== engine.seq) {
      throw new Error(`replay ended at event seq ${engine.seq} but the journal holds events up to ${head.lastEventSeq}`);
    }
    log(
      stored || replayed
        ? `restored the engine at journal position ${engine.commandCount} (snapshot ${stored?.position ?? "none"}, replayed ${replayed}); state hash ${stateHash(engine)}`
        : "starting a fresh engine",
    );
    const host = new SimulationHost(engine, options, memo, head.lastEventSeq, lock, rollups);
    // The replayed tail counts toward the next snapshot: a restart (or several) must not stretch the
    // distance between stored snapshots, which bounds what a historical query replays (state-at-limits.ts).
    host.sinceSnapshot = replayed;
    if (options.simulation) {
      const fresh = engine.commandCount === 0;
      // A resumed simulation gets a new stream of draws: the journal, not the simulator, is the
      // record, so it only has to be deterministic for a given (seed, position).
      const seed = fresh ? options.seed : mixSeed(options.seed, engine.commandCount);
      host.sim = options.simulation({ seed, startMs: Math.max(options.clock(), engine.now), ids: { nextOrderId: () => host.allocateOrderId() } });
      if (fresh) await host.runBatch(host.sim.bootstrap(Math.max(options.clock(), engine.now)).map((command) => ({ command, source: "bootstrap" as const })));
    }
    return host;
  }

  /** Advance the simulation on a timer until stop(). */
  start(): void {
    if (this.timer || !this.sim) return;
    this.timer = setInterval(() => this.requestFlush(true), this.options.stepEveryMs ?? 250);
    this.timer.unref?.();
  }

  /**
   * Finish the batch in progress, refuse what is still waiting, optionally write a snapshot (so the
   * next start replays little; never after a failure, when memory may be ahead of the journal), and
   * give up the journal's engine lock.
   */
  async stop(options: { checkpoint?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.working;
    for (const waiting of this.pending.splice(0)) waiting.resolve({ accepted: false, code: "HOST_STOPPED", message: "the engine host is stopping" });
    if (options.checkpoint && !this.failure) {
      await this.checkpoint().catch((error: unknown) => this.options.log?.(`final snapshot failed: ${error instanceof Error ? error.message : String(error)}`));
    }
    await this.lock.release();
  }

  /**
   * Stop for good after an error (a failed journal write, or the engine lock lost): refuse all further
   * work, give up the lock so the runtime can restore a new host from the journal, and tell it once.
   */
  private fail(error: Error, context?: string): void {
    if (this.failure) return;
    this.failure = error;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const waiting of this.pending.splice(0)) waiting.reject(error);
    this.options.log?.(`engine host stopped: ${context ? `${context}: ` : ""}${error.message}`);
    void this.lock.release();
    this.options.onFailure?.(error);
  }

  /**
   * Apply one command in order with everything else. Resolves after it is durable: accepted (with
   * its journal position and events) or rejected with the engine's code. `nowMs` is set by the host.
   */
  submit(command: Command, source: CommandSource = "client"): Promise<SubmitResult> {
    if (this.failure) return Promise.reject(this.failure);
    // An order without an id gets the next one the host hands out (ids are the host's, see allocateOrderId).
    if (command.type === "PlaceOrder" && !command.orderId) command = { ...command, orderId: this.allocateOrderId() };
    if (this.stopped) return Promise.resolve({ accepted: false, code: "HOST_STOPPED", message: "the engine host is stopping" });
    return new Promise((resolve, reject) => {
      this.pending.push({ command, source, resolve, reject });
      this.requestFlush(false);
    });
  }

  /** Order ids are the host's to hand out, so simulation and clients never collide, even across restarts. */
  allocateOrderId(): number {
    this.memo = { ...this.memo, maxOrderId: this.memo.maxOrderId + 1 };
    return this.memo.maxOrderId;
  }

  /** The live engine, for read-only queries (views, depth, ADL risk). Never apply() to it directly. */
  get state(): EngineState {
    return this.engine;
  }

  hash(): string {
    return stateHash(this.engine);
  }

  position(): number {
    return this.engine.commandCount;
  }

  /** Run one simulation step now (tests and headless drivers; the timer does this in the portal). */
  async step(): Promise<void> {
    this.requestFlush(true);
    await this.working;
  }

  private stepDue = false;

  private requestFlush(simulationStep: boolean): void {
    if (simulationStep) this.stepDue = true;
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.working = this.working.then(async () => {
      this.flushQueued = false;
      if (this.failure || (this.stopped && this.pending.length === 0)) return;
      const submissions = this.pending.splice(0);
      const items: Array<{ command: Command; source: CommandSource; waiter?: PendingSubmission }> = [];
      if (this.stepDue && this.sim && !this.stopped) {
        this.stepDue = false;
        const now = this.now();
        for (const command of this.sim.step(this.engine, now)) items.push({ command, source: "simulation" });
      }
      for (const waiter of submissions) items.push({ command: { ...waiter.command, nowMs: this.now() }, source: waiter.source, waiter });
      try {
        await this.runBatch(items);
      } catch (error) {
        // The engine is now ahead of the journal: refuse further work rather than diverge.
        const failure = this.failure ?? (error instanceof Error ? error : new Error(String(error)));
        for (const waiter of submissions) waiter.reject(failure);
        this.fail(failure, "journal write failed");
      }
    });
  }

  private now(): number {
    return Math.max(this.options.clock(), this.engine.now);
  }

  private async runBatch(items: Array<{ command: Command; source: CommandSource; waiter?: PendingSubmission }>): Promise<void> {
    if (items.length === 0) return;
    const entries: JournalEntry[] = [];
    const outcomes: Array<{ waiter: PendingSubmission; result: SubmitResult }> = [];
    const allEvents: EngineEvent[] = [];
    for (const item of items) {
      const result: ApplyResult = apply(this.engine, item.command);
      if (result.rejection) {
        if (item.waiter) outcomes.push({ waiter: item.waiter, result: { accepted: false, code: result.rejection.code, message: result.rejection.message } });
        continue;
      }
      this.memo = noteOrderId(this.memo, item.command);
      // Folded command by command: open interest and the fund's balance are read from the state right after each.
      this.rollups.foldCommand(result.events, this.engine);
      const entry = { position: this.engine.commandCount, source: item.source, command: item.command, events: result.events };
      entries.push(entry);
      allEvents.push(...result.events);
      if (item.waiter) outcomes.push({ waiter: item.waiter, result: { accepted: true, position: entry.position, events: result.events } });
    }
    await this.options.journal.append(entries, entries.length ? this.rollups.takeTouched().map(serializeRow) : []);
    if (allEvents.length) this.lastEventSeq = allEvents[allEvents.length - 1].seq;
    this.sinceSnapshot += entries.length;
    if (this.sinceSnapshot >= (this.options.snapshotEveryCommands ?? 5_000)) {
      this.sinceSnapshot = 0;
      await this.options.journal.saveSnapshot(snapshot(this.engine), stateHash(this.engine), this.memo);
    }
    for (const { waiter, result } of outcomes) waiter.resolve(result);
    this.sim?.observe(allEvents);
    if (this.options.publish && entries.length) {
      const messages: PublicMessage[] = [];
      for (const event of allEvents) {
        const message = projectEvent(event);
        if (message) messages.push(message);
      }
      this.options.publish(messages, { entries, lastEventSeq: this.lastEventSeq, position: this.engine.commandCount });
    }
  }

  /**
   * Change the simulated world (a stress scenario). It takes effect in order with everything else;
   * what reaches the engine afterwards is still only ordinary commands.
   */
  async injectScenario(input: unknown): Promise<ScenarioInjection> {
    if (!this.sim?.injectScenario) return { ok: false, errors: ["this host runs no simulation, so there is no market to stress"] };
    const sim = this.sim;
    let result: ScenarioInjection = { ok: false, errors: ["not run"] };
    this.working = this.working.then(() => {
      result = sim.injectScenario!(input, this.now());
    });
    await this.working;
    return result;
  }

  scenarios(): unknown[] {
    return this.sim?.scenarios?.() ?? [];
  }

  /** Write a snapshot now (on shutdown, so the next start replays little). */
  async checkpoint(): Promise<void> {
    await this.working;
    await this.options.journal.saveSnapshot(snapshot(this.engine), stateHash(this.engine), this.memo);
    this.sinceSnapshot = 0;
  }
}

function noteOrderId(memo: HostMemo, command: Command): HostMemo {
  if (command.type === "PlaceOrder" && command.orderId > memo.maxOrderId) return { ...memo, maxOrderId: command.orderId };
  return memo;
}

/** A 31-bit seed from a base seed and a journal position (splitmix-style mixing, integer only). */
export function mixSeed(seed: number, position: number): number {
  let x = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(position, 0xc2b2ae35)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) & 0x7fffffff;
}
