import http from "node:http";
import { Redis } from "ioredis";
import { canonicalJson, marketView, parseCanonical, DEFAULT_ENGINE_CONFIG, type Command } from "../engine/index";
import { env } from "../env";
import { ensureJournalPartitions } from "../journal/archive/partitions";
import { createPrismaClient } from "../prisma-client";
import { DepositConfirmations } from "./client-deposits";
import { assertRegistryFitForProduction, engineConfigInput } from "./collateral-config";
import { FxFeed, installFxFeed } from "./fx-feed";
import { bookMessage, statsMessage } from "./derived";
import { SimulationHost, type ScenarioInjection, type SimulationFactory, type SubmitResult } from "./host";
import { EngineJournal, type CommandSource, type JournalEntry } from "./journal";
import { LIVE_SNAPSHOT_EVERY_COMMANDS } from "./state-at-limits";
import { MAX_REPLAY_EVENTS, replayFrom, TOO_FAR_BEHIND, type FeedSource, type Replay } from "./feed-replay";
import { FeedHub, projectEvent, wire, type PublicMessage } from "./public-feed";

/**
 * How this process takes part in the market (ENGINE_MODE):
 * - "in-process": the web server hosts the engine (instrumentation.ts starts it) and streams from
 *   an in-process hub. The default: one process, nothing else to run.
 * - "engine": this process is the standalone engine (`npm run engine`); it publishes each batch on
 *   Redis and takes commands over a loopback HTTP endpoint.
 * - "remote": a web instance that follows a standalone engine through Redis and forwards commands
 *   to it. Run any number of them.
 * Everything a route needs goes through `EngineRuntime`, so routes don't care which mode runs.
 */

const BOOK_EVERY_MS = 250;
const STATS_EVERY_MS = 1_000;
/**
 * The longest the engine start waits for its beforeStart hook. Next answers no request until
 * instrumentation's register() (which awaits the start) returns, so a hook that never settles would
 * leave the whole portal hung, not just the engine.
 */
export const START_HOOK_TIMEOUT_MS = 30_000;

export interface EngineRuntime extends FeedSource {
  mode: "in-process" | "engine" | "remote";
  submit(command: Command, source?: CommandSource): Promise<SubmitResult>;
  /** Inject a stress scenario into the simulated market (validated; recorded with its outcome). */
  injectScenario(input: unknown, requestedBy?: string): Promise<ScenarioInjection>;
  /** Scenario runs of this engine process, active and finished, with their outcomes. */
  scenarios(): Promise<unknown[]>;
  host?: SimulationHost;
  /** Simulated confirmation of portal clients' deposits; only where this process hosts the engine. */
  deposits?: DepositConfirmations;
  stop(): Promise<void>;
}

const globalRuntime = globalThis as unknown as { perpsEngineRuntime?: Promise<EngineRuntime>; perpsEngineStartFailure?: unknown };

/** What the caller runs on the opened host before its loop starts (the simulation's first step, the first client command). */
export interface EngineStartHooks {
  /**
   * AFMM-4, AFMM-9: e.g. the AFMM order-entry reconciliation, so the gates hold from the first step. A
   * failure, or no answer within START_HOOK_TIMEOUT_MS, is logged and the engine starts anyway (the
   * recurring reconciliation retries).
   */
  beforeStart?: (venue: { state: SimulationHost["state"]; submit(command: Command): Promise<SubmitResult> }) => Promise<unknown>;
  /** How long the start waits for beforeStart (default START_HOOK_TIMEOUT_MS). */
  beforeStartTimeoutMs?: number;
  /**
   * MRG-5: a check that must pass before the engine opens (e.g. every market has an approval record in
   * production mode). Unlike beforeStart, a failure stops the start: the engine does not run.
   */
  beforeOpen?: (prisma: ReturnType<typeof createPrismaClient>) => Promise<void>;
}

/** The runtime of this process, started once (safe to call from several module graphs; a failed start may be retried). */
export function startEngineRuntime(simulation?: SimulationFactory, hooks: EngineStartHooks = {}): Promise<EngineRuntime> {
  globalRuntime.perpsEngineRuntime ??= create(simulation, hooks).then(
    (runtime) => {
      globalRuntime.perpsEngineStartFailure = undefined;
      return runtime;
    },
    (error: unknown) => {
      globalRuntime.perpsEngineRuntime = undefined;
      globalRuntime.perpsEngineStartFailure = error;
      throw error;
    },
  );
  return globalRuntime.perpsEngineRuntime;
}

/**
 * The runtime of this process: undefined when none was started, and a rejected promise when the last
 * start failed, so /api/health and the pages can say why (e.g. another engine holds the journal).
 */
export function currentEngineRuntime(): Promise<EngineRuntime> | undefined {
  if (globalRuntime.perpsEngineRuntime) return globalRuntime.perpsEngineRuntime;
  return globalRuntime.perpsEngineStartFailure === undefined ? undefined : Promise.reject(globalRuntime.perpsEngineStartFailure);
}

const MARKETS = DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol);

async function create(simulation?: SimulationFactory, hooks: EngineStartHooks = {}): Promise<EngineRuntime> {
  const config = env();
  if (config.ENGINE_MODE === "off") throw new Error("ENGINE_MODE is off: this process runs no engine");
  if (!config.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides the embedded database");
  const database = { url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA };
  const prisma = createPrismaClient(database.url, database.schema);
  const journal = new EngineJournal(prisma);
  const log = (message: string) => console.log(`[engine] ${message}`);

  const fromJournal = async (market: string, afterId: number): Promise<Replay> => {
    // Archived ranges are hours old, always more than one replay behind; refusing them here keeps a
    // resuming client (any Last-Event-ID) from making this process replay archived segments.
    if (afterId < (await journal.archivedThroughSeq())) return TOO_FAR_BEHIND;
    const events = await journal.eventsAfter(afterId, { market, limit: MAX_REPLAY_EVENTS + 1 });
    if (events.length > MAX_REPLAY_EVENTS) return TOO_FAR_BEHIND;
    return events.map(projectEvent).filter((message): message is PublicMessage => message !== null);
  };

  if (config.ENGINE_MODE === "remote") {
    const head = await journal.head();
    const feed = new FeedHub(MARKETS, head.lastEventSeq);
    const subscriber = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null });
    subscriber.on("message", (_channel, payload) => feed.ingest(JSON.parse(payload) as PublicMessage[]));
    await subscriber.connect();
    await subscriber.subscribe(config.ENGINE_CHANNEL);
    log(`following the engine at ${config.ENGINE_URL} through ${config.REDIS_URL}`);
    return {
      mode: "remote",
      feed,
      replay: replayFrom(feed, fromJournal),
      submit: (command, source = "client") => callEngine<SubmitResult>(config.ENGINE_URL, config.AUTH_SECRET ?? "", "/commands", { command, source }),
      injectScenario: (input, requestedBy) => callEngine<ScenarioInjection>(config.ENGINE_URL, config.AUTH_SECRET ?? "", "/scenarios", { input, requestedBy }),
      scenarios: () => callEngine<unknown[]>(config.ENGINE_URL, config.AUTH_SECRET ?? "", "/scenarios"),
      async stop() {
        subscriber.disconnect();
        await prisma.$disconnect();
      },
    };
  }

  // COL-1: production starts a new journal on the registry file (checked before anything opens).
  const configInput = engineConfigInput(config);
  if (config.PORTAL_MODE === "production" && !config.FX_SOURCE_URL) throw new Error("FX_SOURCE_URL is required in production mode: the demo rate is refused");
  if (hooks.beforeOpen) {
    await hooks.beforeOpen(prisma).catch(async (error: unknown) => {
      await prisma.$disconnect();
      throw error;
    });
  }
  const clock = createClock(config.SIMULATION_SPEED);
  const head = await journal.head();
  const feed = new FeedHub(MARKETS, head.lastEventSeq);
  const publisher = config.ENGINE_MODE === "engine" ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 }) : undefined;
  let redisDown = false;
  publisher?.on("error", (error) => {
    // Journaling goes on without Redis; only the web instances' live streams pause.
    if (!redisDown) log(`redis unavailable (${error.message}); web instances will not receive live events until it is back`);
    redisDown = true;
  });
  publisher?.on("ready", () => (redisDown = false));
  const lastDerived = new Map<string, { book: number; stats: number }>();
  let host: SimulationHost | undefined = undefined;

  const scenarios = new ScenarioRecorder(prisma, log);
  const deposits = new DepositConfirmations({ now: clock.now, submit: (command) => currentHost().submit(command, "admin"), log });
  const publish = (messages: PublicMessage[], batch: { entries: JournalEntry[]; lastEventSeq: number }) => {
    if (!host) return;
    for (const entry of batch.entries) deposits.observe(entry.events);
    scenarios.maybeRecord(host.scenarios());
    const derived: PublicMessage[] = [];
    const now = Date.now();
    for (const market of MARKETS) {
      const last = lastDerived.get(market) ?? { book: 0, stats: 0 };
      if (now - last.book >= BOOK_EVERY_MS) {
        const book = bookMessage(host.state, market, batch.lastEventSeq);
        if (book) derived.push(book);
        last.book = now;
      }
      if (now - last.stats >= STATS_EVERY_MS) {
        const stats = statsMessage(host.state, market, batch.lastEventSeq);
        if (stats) derived.push(stats);
        last.stats = now;
      }
      lastDerived.set(market, last);
    }
    const all = derived.length ? [...messages, ...derived] : messages;
    feed.ingest(all);
    if (publisher && all.length) void publisher.publish(config.ENGINE_CHANNEL, JSON.stringify(all)).catch((error) => log(`redis publish failed: ${error}`));
  };

  let stopped = false;
  const openHost = async (): Promise<SimulationHost> => {
    // The current journal partitions before the first write (the archive job keeps them ahead after that).
    // A failure here costs only space (the rows land in the default partition), never the start.
    await ensureJournalPartitions(prisma, clock.now(), log).catch((error: unknown) =>
      log(`journal partitions not prepared: ${error instanceof Error ? error.message : String(error)}`),
    );
    const opened = await SimulationHost.open({
      journal,
      database,
      clock: clock.now,
      seed: config.SIMULATION_SEED,
      configInput,
      simulation: config.SIMULATION === "on" ? simulation : undefined,
      stepEveryMs: 250,
      snapshotEveryCommands: LIVE_SNAPSHOT_EVERY_COMMANDS,
      publish,
      log,
      onFailure: () => void recover(),
    });
    clock.rebase(opened.state.now);
    scenarios.epoch = opened.position();
    try {
      await deposits.restore(opened.state, (ids) => journal.depositNoticeTimes(ids));
    } catch (error) {
      // The opened host holds the journal's engine lock on a connection of its own: give it up, or
      // every later attempt (recover() below, a retried start) is refused as "another engine".
      await opened.stop().catch(() => {});
      throw error;
    }
    return opened;
  };
  // A failed journal write stops the host (its memory is ahead of the journal); the durable state
  // is the journal, so recovery is a fresh restore from it, retried until the database answers.
  const recover = async () => {
    for (let attempt = 1; !stopped; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1_000 * attempt)));
      try {
        const reopened = await openHost();
        if (stopped) return void (await reopened.stop());
        host = reopened;
        reopened.start();
        log(`engine host recovered from the journal at position ${reopened.position()} (attempt ${attempt})`);
        return;
      } catch (error) {
        log(`engine host recovery attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  try {
    host = await openHost();
  } catch (error) {
    // Nothing runs without the host (e.g. another engine holds the journal): let go of the connections.
    stopped = true;
    publisher?.disconnect();
    await prisma.$disconnect();
    throw error;
  }
  if (config.PORTAL_MODE === "production") {
    try {
      // A journal may hold a registry written in demo mode: production never runs an illustrative entry.
      assertRegistryFitForProduction(host.state.registry);
    } catch (error) {
      stopped = true;
      await host.stop();
      publisher?.disconnect();
      await prisma.$disconnect();
      throw error;
    }
  }
  // COL-3: the USD/HKD rate before the first step (HKD collateral counts for nothing without it), then every minute.
  const fx = new FxFeed({
    url: config.PORTAL_MODE === "production" ? (config.FX_SOURCE_URL ?? null) : null,
    submit: (command) => host!.submit(command, "admin"),
    log,
  });
  await fx.refresh().catch((error: unknown) => log(`FX rate at start failed: ${error instanceof Error ? error.message : String(error)}`));
  fx.start();
  installFxFeed(fx);
  if (hooks.beforeStart) {
    const opened = host;
    const waitMs = hooks.beforeStartTimeoutMs ?? START_HOOK_TIMEOUT_MS;
    await settleWithin(hooks.beforeStart({ state: opened.state, submit: (command) => opened.submit(command, "admin") }), waitMs).then(
      (settled) => {
        // A hook still running goes on after the start; whatever it submits later is applied in order as usual.
        if (!settled) log(`start hook did not finish within ${waitMs / 1000} s; starting the engine without waiting for it`);
      },
      (error: unknown) => log(`start hook failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  // Seed the hub with current states so a first REST snapshot is not empty.
  publish([], { entries: [], lastEventSeq: host.state.seq });
  host.start();
  deposits.start();
  log(`engine host running (${config.ENGINE_MODE}, simulation ${config.SIMULATION}, ×${config.SIMULATION_SPEED}) at journal position ${host.position()}`);

  const currentHost = (): SimulationHost => host!;
  const injectScenario = async (input: unknown, requestedBy?: string) => {
    const result = await currentHost().injectScenario(input);
    if (result.ok) await scenarios.record(result.scenario, requestedBy);
    return result;
  };
  const server = config.ENGINE_MODE === "engine" ? await serveCommands(currentHost, injectScenario, config.ENGINE_PORT, config.AUTH_SECRET ?? "") : undefined;
  return {
    mode: config.ENGINE_MODE,
    feed,
    get host() {
      return currentHost();
    },
    replay: replayFrom(feed, fromJournal),
    submit: (command, source = "client") => currentHost().submit(command, source),
    injectScenario,
    scenarios: async () => currentHost().scenarios(),
    deposits,
    async stop() {
      stopped = true;
      fx.stop();
      installFxFeed(undefined);
      deposits.stop();
      server?.close();
      await currentHost().stop({ checkpoint: true });
      publisher?.disconnect();
      await prisma.$disconnect();
    },
  };
}

/** True when `promise` resolved within `ms`, false when it had not settled by then; rejects as it does. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise.then(() => true as const), late]).finally(() => clearTimeout(timer));
}

/** Wall clock scaled by `speed`, never behind a given instant (the engine's clock after a restore). */
export function createClock(speed: number) {
  let baseMs = Date.now();
  let realAtBase = Date.now();
  return {
    now: () => baseMs + (Date.now() - realAtBase) * speed,
    rebase(atLeastMs: number) {
      const current = baseMs + (Date.now() - realAtBase) * speed;
      baseMs = Math.max(current, atLeastMs);
      realAtBase = Date.now();
    },
  };
}

/** The standalone engine's command endpoint: loopback only, and callers must present AUTH_SECRET. */
function serveCommands(
  getHost: () => SimulationHost,
  injectScenario: (input: unknown, requestedBy?: string) => Promise<ScenarioInjection>,
  port: number,
  secret: string,
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      // A failure here must never take the engine down with it.
      console.error(`[engine] command endpoint: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "internal error" }));
    });
  });
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const host = getHost();
    const reply = (status: number, body: unknown) => {
      const text = serialize(body);
      response.writeHead(status, { "content-type": "application/json" });
      response.end(text);
    };
    if (secret && request.headers["x-engine-secret"] !== secret) return reply(401, { error: "missing or wrong x-engine-secret" });
    if (request.method === "GET" && request.url === "/status") {
      const markets = MARKETS.map((market) => {
        const view = marketView(host.state, market);
        return { market, mark: view?.mark ?? 0, bestBid: view?.bestBid ?? 0, bestAsk: view?.bestAsk ?? 0 };
      });
      return reply(200, { position: host.position(), hash: host.hash(), seq: host.state.seq, nowMs: host.state.now, markets });
    }
    if (request.method === "GET" && request.url === "/scenarios") return reply(200, host.scenarios());
    if (request.method === "POST" && (request.url === "/commands" || request.url === "/scenarios")) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      try {
        const text = Buffer.concat(chunks).toString("utf8");
        if (request.url === "/scenarios") {
          const body = parseCanonical<{ input: unknown; requestedBy?: string }>(text);
          return reply(200, await injectScenario(body.input, body.requestedBy));
        }
        const body = parseCanonical<{ command: Command; source?: CommandSource }>(text);
        return reply(200, await host.submit(body.command, body.source ?? "client"));
      } catch (error) {
        return reply(400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    reply(404, { error: "not found" });
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/**
 * Engine payloads (commands, events) go as canonical JSON so bigints survive the trip; simulation
 * payloads (scenario outcomes) carry ordinary fractional figures, which canonical JSON refuses.
 */
function serialize(body: unknown): string {
  try {
    return canonicalJson(body);
  } catch {
    return JSON.stringify(wire(body));
  }
}

async function callEngine<T>(engineUrl: string, secret: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, engineUrl), {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", "x-engine-secret": secret },
    body: body === undefined ? undefined : canonicalJson(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the engine refused ${path} (${response.status}): ${text}`);
  return parseCanonical<T>(text);
}

/**
 * Keeps the ScenarioRun table in step with the simulation: a row when a scenario is injected, its
 * outcome rewritten as it accrues (at most every few seconds) and a last time when it finishes.
 */
class ScenarioRecorder {
  private lastWrite = 0;
  /**
   * The simulation numbers its runs from 1 each time a host opens, so rows are keyed by the journal
   * position the host opened at as well: ids stay unique across restarts.
   */
  epoch = 0;
  private readonly finished = new Set<string>();

  constructor(
    private readonly prisma: ReturnType<typeof createPrismaClient>,
    private readonly log: (message: string) => void,
  ) {}

  async record(scenario: unknown, requestedBy?: string): Promise<void> {
    const run = scenario as ScenarioRunLike;
    const id = `${this.epoch}:${run.id}`;
    await this.prisma.scenarioRun.upsert({
      where: { id },
      create: { id, kind: run.type, input: JSON.stringify(wire(run.input)), requestedBy: requestedBy ?? null, startedAtMs: BigInt(run.startMs) },
      update: {},
    });
  }

  maybeRecord(scenarios: unknown[]): void {
    const now = Date.now();
    if (now - this.lastWrite < 5_000 || scenarios.length === 0) return;
    this.lastWrite = now;
    for (const scenario of scenarios as ScenarioRunLike[]) {
      const id = `${this.epoch}:${scenario.id}`;
      if (this.finished.has(id)) continue;
      const done = scenario.status === "finished";
      if (done) this.finished.add(id);
      void this.prisma.scenarioRun
        .upsert({
          where: { id },
          create: {
            id,
            kind: scenario.type,
            input: JSON.stringify(wire(scenario.input)),
            startedAtMs: BigInt(scenario.startMs),
            outcome: JSON.stringify(wire(scenario.outcome)),
            endedAtMs: done ? BigInt(scenario.endMs) : null,
          },
          update: { outcome: JSON.stringify(wire(scenario.outcome)), endedAtMs: done ? BigInt(scenario.endMs) : null },
        })
        .catch((error) => this.log(`could not record scenario ${scenario.id}: ${error}`));
    }
  }
}

interface ScenarioRunLike {
  id: string;
  type: string;
  input: unknown;
  startMs: number;
  endMs: number;
  status: string;
  outcome: unknown;
}
