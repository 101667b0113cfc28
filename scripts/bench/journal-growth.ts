/**
 * Journal growth at scale (REC-1, REC-2): how fast the engine journal grows, what a day of it costs
 * on disk, how long a restart takes and how the public history reads answer once it is big.
 *
 * It drives the portal's own path: the real SimulationHost with the real market simulation
 * (lib/simulation/factory.ts), snapshots every LIVE_SNAPSHOT_EVERY_COMMANDS, each step applied and
 * journaled in one transaction, but on a fake clock that advances 250 ms (the portal's step) per
 * `host.step()`, so a simulated day takes as long as the database needs and no longer.
 *
 * Databases (`--growth-db embedded|postgres|both`, default both):
 * - embedded: PGlite (scripts/db/embedded.ts) on a throwaway data folder, so the folder's size on
 *   disk is measured as well as the tables';
 * - postgres: DATABASE_URL, in a schema of its own dropped at the end; skipped under "both" when
 *   DATABASE_URL is unset.
 *
 * `--growth-bulk N` writes N commands per transaction (bulk-journal.ts: the same rows, fewer commits), so
 * a longer run fits in the wall time; without it every step commits on its own, as in the portal.
 *
 * `--growth-days D` simulated days (fractional; default 0.02 ≈ 29 minutes, so `npm run bench` stays
 * short). Results per database `<db>`, each with the run's size in `extra`:
 * - journal-growth.<db>.events-per-day          events journaled per simulated day (extrapolated)
 * - journal-growth.<db>.bytes-per-event         EngineEvent + EngineCommand + EngineSnapshot ÷ events
 * - journal-growth.<db>.bytes-per-event.folder  the whole data folder ÷ events (embedded only)
 * - journal-growth.<db>.disk                    data folder bytes (embedded) / the schema's tables (postgres)
 * - journal-growth.embedded.disk.peak           the largest data folder sampled at a simulated hour while
 *                                               running (WAL included; extra.hourly has every sample)
 * - journal-growth.embedded.disk.projected-30-days
 *                                               a projection, labelled so: the steady state's largest
 *                                               hot tables + WAL, plus the rest of the folder and its
 *                                               growth per day for the days not run (only when at
 *                                               least six steady hours were run)
 * - journal-growth.embedded.startup             the embedded server opening the grown folder plus the
 *                                               engine's restore (medians)
 * - journal-growth.<db>.ingest                  events journaled per second of wall time
 * - journal-growth.<db>.restore                 SimulationHost.open after a stop without a checkpoint,
 *                                               a few hundred commands past the last snapshot
 * - journal-growth.<db>.history.<service>.p50/.p99
 *                                               the public history services (markets with their 24 h
 *                                               volume, trades, mark trail, insurance fund, funding),
 *                                               called directly
 * There is no peer: peer and ratio are null.
 */
import fs from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import { DEFAULT_ENGINE_CONFIG } from "../../lib/engine/index";
import { env } from "../../lib/env";
import { createPrismaClient } from "../../lib/prisma-client";
import type { ServiceContext } from "../../lib/services/context";
import { simulationFactory } from "../../lib/simulation/factory";
import { SimulationHost, type HostOptions } from "../../lib/simulation/host";
import { EngineJournal } from "../../lib/simulation/journal";
import { BulkJournal } from "./bulk-journal";
import { FeedHub } from "../../lib/simulation/public-feed";
import type { EngineRuntime } from "../../lib/simulation/runtime";
import { LIVE_SNAPSHOT_EVERY_COMMANDS } from "../../lib/simulation/state-at-limits";
import { archiveOnce } from "../../lib/journal/archive/archiver";
import { journalHotMs } from "../../lib/journal/archive/config";
import { ensureJournalPartitions, PARTITION_MS } from "../../lib/journal/archive/partitions";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded";
import { applyMigrations, dropSchema, type DatabaseTarget } from "../db/migrations";
import type { BenchOptions, BenchResult } from "../bench";
import { median } from "./page-stats";
import { bytesPer, directorySize, growthFlags, latencySummary, perSimulatedDay, projectSteadyGrowth, type LatencySummary } from "./growth-stats";

/** The portal steps the simulation every 250 ms of wall time (lib/simulation/runtime.ts). */
const STEP_MS = 250;
const STEPS_PER_HOUR = 3_600_000 / STEP_MS;
/** Commands past the last snapshot when the host is stopped for the restore measurement (a step journals tens). */
const RESTORE_TAIL = { min: 300, max: 1_000 };
/** Timed calls of each history service, after a few untimed ones. */
const HISTORY_CALLS = 60;
const HISTORY_WARMUP_CALLS = 5;
/** Restores timed (median reported): one open is at the mercy of whatever else the machine runs. */
const RESTORES = 3;
const SEED = 42;
/** The horizon for the data folder (REC-1): the projection's target. */
const PROJECTION_DAYS = 30;
const JOURNAL_TABLES = ["EngineEvent", "EngineCommand", "EngineSnapshot"] as const;

type Prisma = ReturnType<typeof createPrismaClient>;

interface GrowthRun {
  database: "embedded" | "postgres";
  simulatedMs: number;
  steps: number;
  events: number;
  commands: number;
  snapshots: number;
  wallMs: number;
  /** pg_total_relation_size (heap, indexes, TOAST) per table of the schema, a partitioned table's partitions under its name. */
  tableBytes: Record<string, number>;
  /** Embedded only: the data folder after the server stopped, and its pg_wal part. */
  folderBytes?: number;
  /** Embedded only: the data folder of the freshly migrated, empty database (what growth starts from), and its pg_wal part. */
  folderBytesAtStart?: number;
  walBytesAtStart?: number;
  walBytes?: number;
  /** Wall ms of each SimulationHost.open over the same journal. */
  restoreSamples: number[];
  restoreReplayed: number;
  history: Record<string, LatencySummary>;
  /** The same reads after the first simulated hour (empty when the run is shorter). */
  historyFirstHour: Record<string, LatencySummary>;
  /** Everything the host journaled (the hot tables hold less once segments are archived). */
  journaled: { events: number; commands: number };
  archive: { segments: number; bytes: number } | null;
  /** Commands per transaction in bulk mode, null when each step committed on its own. */
  bulkCommands: number | null;
  /** The hot window the run archived behind, ms. */
  hotMs: number;
  /** Each simulated hour: the journal tables' bytes, and (embedded) the data folder while the server runs. */
  hourly: Array<{ hour: number; journalBytes: number; folderBytes?: number; walBytes?: number }>;
  /** Embedded only: wall ms to start the embedded server on the grown folder (after a clean stop), each sample. */
  serverStartSamples?: number[];
}

function archiveFigures(dir: string | null): GrowthRun["archive"] {
  if (!dir || !fs.existsSync(dir)) return dir ? { segments: 0, bytes: 0 } : null;
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".seg.gz"));
  return { segments: files.length, bytes: directorySize(dir) };
}

interface ArchiveSettings {
  /** Null: the journal only grows (--growth-archive off). */
  dir: string | null;
  hotMs: number;
}

/**
 * The periodic journal archiver, once per simulated hour (the portal's job runs every minute of wall
 * time, which the fake clock compresses), so the hot tables measured are what an archiving portal keeps.
 */
async function everySimulatedHour(context: {
  prisma: Prisma;
  journal: EngineJournal;
  archive: ArchiveSettings;
  log: (message: string) => void;
}): Promise<void> {
  if (!context.archive.dir) return;
  const done = await archiveOnce(context.prisma, context.journal, {
    dir: context.archive.dir,
    hotMs: context.archive.hotMs,
    maxSegments: 10_000,
    ignoreCursors: true,
  });
  if (done.length) context.log(`archived ${done.length} segments (${done.reduce((sum, segment) => sum + segment.bytes, 0)} bytes)`);
}

export async function runJournalGrowthBench(options: BenchOptions): Promise<BenchResult[]> {
  const flags = growthFlags(options.argv);
  const url = env().DATABASE_URL;
  if (flags.database === "postgres" && !url) throw new Error("--growth-db postgres needs DATABASE_URL");
  allowServerOnlyImports();
  const results: BenchResult[] = [];
  const hotMs = flags.hotHours === null ? journalHotMs() : Math.round(flags.hotHours * 3_600_000);
  const settings = { days: flags.days, archive: flags.archive, hotMs, bulkCommands: flags.bulkCommands };
  if (flags.database !== "postgres") results.push(...toResults(await runEmbedded(settings, options)));
  if (flags.database !== "embedded" && url) results.push(...toResults(await runPostgres(url, settings, options)));
  else if (flags.database === "both") options.log("journal-growth: DATABASE_URL is not set, PostgreSQL skipped");
  return results;
}

interface RunSettings {
  days: number;
  archive: boolean;
  hotMs: number;
  bulkCommands: number | null;
}

async function runEmbedded(settings: RunSettings, options: BenchOptions): Promise<GrowthRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-growth-"));
  // Inside the data folder, as the portal's default puts it, so the folder's size includes it.
  const archiveDir = path.join(dataDir, "journal-archive");
  let server: EmbeddedPostgres | undefined = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const atStart = { folderBytesAtStart: 0, walBytesAtStart: 0 };
    const folder = () => ({ folderBytes: directorySize(dataDir), walBytes: directorySize(path.join(dataDir, "pg_wal")) });
    const run = await grow(
      "embedded",
      { url: server.url, schema: "public" },
      settings,
      options,
      archiveDir,
      () => {
        const migrated = folder();
        atStart.folderBytesAtStart = migrated.folderBytes;
        atStart.walBytesAtStart = migrated.walBytes;
      },
      folder,
    );
    Object.assign(run, atStart);
    // The folder is measured once the server has shut down cleanly, as a stopped portal leaves it.
    await server.stop();
    server = undefined;
    Object.assign(run, folder());
    // Start-up on the grown folder: the embedded server opening it (the host's restore is timed above).
    run.serverStartSamples = [];
    for (let i = 0; i < RESTORES; i++) {
      const started = performance.now();
      server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
      run.serverStartSamples.push(performance.now() - started);
      await server.stop();
      server = undefined;
    }
    options.log(`journal-growth.embedded: embedded server started on the grown folder in ${run.serverStartSamples.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    return run;
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(url: string, settings: RunSettings, options: BenchOptions): Promise<GrowthRun> {
  const target = { url, schema: `bench_growth_${process.pid}` };
  const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-growth-archive-"));
  try {
    return await grow("postgres", target, settings, options, archiveDir);
  } finally {
    await dropSchema(target);
    fs.rmSync(archiveDir, { recursive: true, force: true });
  }
}

async function grow(
  database: GrowthRun["database"],
  target: DatabaseTarget,
  settings: RunSettings,
  options: BenchOptions,
  archiveDir: string,
  migrated: () => void = () => {},
  folderProbe: () => { folderBytes: number; walBytes: number } | null = () => null,
): Promise<GrowthRun> {
  const { days } = settings;
  const archive: ArchiveSettings = { dir: settings.archive ? archiveDir : null, hotMs: settings.hotMs };
  const log = (message: string) => options.log(`journal-growth.${database}: ${message}`);
  await applyMigrations(target);
  migrated();
  const prisma = createPrismaClient(target.url, target.schema);
  const journal = settings.bulkCommands === null ? new EngineJournal(prisma) : new BulkJournal(prisma, settings.bulkCommands);
  const flush = () => (journal instanceof BulkJournal ? journal.flush() : Promise.resolve());
  const durationMs = Math.round(days * 86_400_000);
  // The journal ends about now, as the one a running portal serves does. The start is on a whole
  // hour so that every run sees the same funding and clock phases: the same seed then journals the
  // same commands, whichever database or version runs it.
  let now = Math.floor((Date.now() - durationMs) / 3_600_000) * 3_600_000;
  const hostOptions: HostOptions = {
    journal,
    database: target,
    clock: () => now,
    seed: SEED,
    simulation: simulationFactory,
    stepEveryMs: STEP_MS,
    snapshotEveryCommands: LIVE_SNAPSHOT_EVERY_COMMANDS,
    log: () => {},
  };
  let host: SimulationHost | undefined;
  try {
    const started = performance.now();
    // As the portal does before it opens the host (runtime.ts); the archiver keeps them ahead after that.
    await ensureJournalPartitions(prisma, now);
    host = await SimulationHost.open(hostOptions);
    let steps = 0;
    let historyFirstHour: Record<string, LatencySummary> = {};
    const hourly: GrowthRun["hourly"] = [];
    const step = async () => {
      now += STEP_MS;
      await host!.step();
      steps++;
      if (steps % STEPS_PER_HOUR === 0) {
        const hour = steps / STEPS_PER_HOUR;
        await flush();
        await everySimulatedHour({ prisma, journal, archive, log });
        const tables = await schemaTableBytes(prisma, target.schema);
        hourly.push({ hour, journalBytes: JOURNAL_TABLES.reduce((sum, table) => sum + (tables[table] ?? 0), 0), ...folderProbe() });
        // Day one's history latency, to compare with the end's (the reads must not slow as the journal ages).
        if (hour === 1) historyFirstHour = await timeHistoryServices(prisma, host!, log);
        log(`${hour} simulated h, position ${host!.position()}, seq ${host!.state.seq}, ${((performance.now() - started) / 1_000).toFixed(0)} s`);
      }
    };
    while (steps * STEP_MS < durationMs) await step();
    // Run on until the journal is a few hundred commands past a snapshot (crossing the next one if
    // the run ended further past the last), so before and after a change restore the same tail.
    const tail = async () => {
      await flush();
      return host!.position() - (await lastSnapshotPosition(prisma));
    };
    for (let past = await tail(); past < RESTORE_TAIL.min || past >= RESTORE_TAIL.max; past = await tail()) await step();
    const wallMs = performance.now() - started;
    const journaled = { events: host.state.seq, commands: host.position() };
    // A crash, not a shutdown: no final snapshot, so the next open replays the tail.
    await host.stop({ checkpoint: false });
    host = undefined;

    const [events, commands, snapshots] = await Promise.all([prisma.engineEvent.count(), prisma.engineCommand.count(), prisma.engineSnapshot.count()]);

    const tableBytes = await schemaTableBytes(prisma, target.schema);
    const lastSnapshot = await lastSnapshotPosition(prisma);

    // Each open replays the same tail (a stop without a checkpoint writes nothing); the last stays open for the reads.
    const restoreSamples: number[] = [];
    for (let i = 0; i < RESTORES; i++) {
      if (host) await host.stop({ checkpoint: false });
      const restoreStarted = performance.now();
      host = await SimulationHost.open(hostOptions);
      restoreSamples.push(performance.now() - restoreStarted);
    }
    const restoreReplayed = host!.position() - lastSnapshot;
    log(`restored position ${host!.position()} (replayed ${restoreReplayed}) in ${restoreSamples.map((ms) => ms.toFixed(0)).join(", ")} ms`);

    const history = await timeHistoryServices(prisma, host!, log);
    return {
      database,
      simulatedMs: steps * STEP_MS,
      steps,
      events,
      commands,
      snapshots,
      wallMs,
      tableBytes,
      restoreSamples,
      restoreReplayed,
      history,
      historyFirstHour,
      journaled,
      archive: archiveFigures(archive.dir),
      bulkCommands: settings.bulkCommands,
      hotMs: settings.hotMs,
      hourly,
    };
  } finally {
    await host?.stop({ checkpoint: false });
    await prisma.$disconnect();
  }
}

async function lastSnapshotPosition(prisma: Prisma): Promise<number> {
  const { _max } = await prisma.engineSnapshot.aggregate({ _max: { position: true } });
  return Number(_max.position ?? 0n);
}

async function schemaTableBytes(prisma: Prisma, schema: string): Promise<Record<string, number>> {
  // A partitioned table (EngineEvent, by day) holds nothing itself: its partitions count under its name.
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string; bytes: string }>>(
    `SELECT COALESCE(parent.relname, c.relname) AS name, SUM(pg_total_relation_size(c.oid))::text AS bytes
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
       LEFT JOIN pg_class parent ON parent.oid = i.inhparent
      WHERE n.nspname = $1 AND c.relkind = 'r'
      GROUP BY 1`,
    schema,
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.bytes)]));
}

/**
 * The services behind the public history endpoints, called directly with an anonymous context on
 * this database. They find the engine through the process's runtime (publicEngine); the bench hosts
 * the restored engine itself, so it stands in for the runtime with that host for the duration.
 */
async function timeHistoryServices(prisma: Prisma, host: SimulationHost, log: (message: string) => void): Promise<Record<string, LatencySummary>> {
  const [{ listMarkets }, { listTrades }, { getMarkTrail }, { getInsuranceFund }, { getFundingHistory }] = await Promise.all([
    import("../../lib/services/public-market-data/list-markets"),
    import("../../lib/services/public-market-data/list-trades"),
    import("../../lib/services/public-market-data/get-mark-trail"),
    import("../../lib/services/public-market-data/get-insurance-fund"),
    import("../../lib/services/public-market-data/get-funding-history"),
  ]);
  const ctx: ServiceContext = { actor: null, db: prisma, now: () => new Date() };
  const symbol = DEFAULT_ENGINE_CONFIG.markets[0].symbol;
  const volumeCache = globalThis as unknown as { perpsVolumeCache?: Map<string, unknown> };
  const services: Record<string, () => Promise<unknown>> = {
    // With its 24 h volume, which is cached for a few seconds: cleared, so every call pays for it.
    "list-markets": () => {
      volumeCache.perpsVolumeCache = undefined;
      return listMarkets({ ctx });
    },
    "list-trades": () => listTrades({ ctx, input: { symbol } }),
    // The route answers with body(): the JSON document is part of what a caller waits for.
    "mark-trail": async () => (await getMarkTrail({ ctx, input: { symbol } })).body(),
    "insurance-fund": () => getInsuranceFund({ ctx }),
    funding: () => getFundingHistory({ ctx, input: { symbol } }),
  };
  const restoreRuntime = standInRuntime(host);
  try {
    const summaries: Record<string, LatencySummary> = {};
    for (const [name, call] of Object.entries(services)) {
      for (let i = 0; i < HISTORY_WARMUP_CALLS; i++) await call();
      const samples: number[] = [];
      for (let i = 0; i < HISTORY_CALLS; i++) {
        const started = performance.now();
        await call();
        samples.push(performance.now() - started);
      }
      summaries[name] = latencySummary(samples);
      log(`history ${name}: p50 ${summaries[name].p50.toFixed(1)} ms, p99 ${summaries[name].p99.toFixed(1)} ms`);
    }
    return summaries;
  } finally {
    restoreRuntime();
  }
}

/** Where lib/simulation/runtime.ts keeps the process's runtime (shared across module graphs). */
const runtimeSlot = globalThis as unknown as { perpsEngineRuntime?: Promise<EngineRuntime> };

/** Installs an in-process runtime around `host` for publicEngine(); returns the undo. */
function standInRuntime(host: SimulationHost): () => void {
  const previous = runtimeSlot.perpsEngineRuntime;
  const runtime: EngineRuntime = {
    mode: "in-process",
    host,
    feed: new FeedHub(
      DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol),
      host.state.seq,
    ),
    replay: () => Promise.reject(new Error("the journal-growth bench serves no stream")),
    submit: (command, source) => host.submit(command, source),
    injectScenario: (input) => host.injectScenario(input),
    scenarios: async () => host.scenarios(),
    stop: () => host.stop(),
  };
  runtimeSlot.perpsEngineRuntime = Promise.resolve(runtime);
  return () => {
    runtimeSlot.perpsEngineRuntime = previous;
  };
}

/**
 * The services begin with `import "server-only"`, a marker that throws outside a React Server
 * Components build (vitest aliases it to a stub for the same reason). This process is a server, so
 * it resolves the marker to an empty module before any service is imported.
 */
let serverOnlyAllowed = false;
export function allowServerOnlyImports(): void {
  if (serverOnlyAllowed) return;
  serverOnlyAllowed = true;
  const hook = `export async function resolve(specifier, context, next) {
    return specifier === "server-only" ? { url: "data:text/javascript,export%20%7B%7D%3B", shortCircuit: true } : next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

function toResults(run: GrowthRun): BenchResult[] {
  const journalBytes = JOURNAL_TABLES.reduce((sum, table) => sum + (run.tableBytes[table] ?? 0), 0);
  const schemaBytes = Object.values(run.tableBytes).reduce((sum, bytes) => sum + bytes, 0);
  const extra = {
    database: run.database,
    simulatedDays: round(run.simulatedMs / 86_400_000, 4),
    hotEvents: run.events,
    hotCommands: run.commands,
    snapshots: run.snapshots,
    journaledEvents: run.journaled.events,
    journaledCommands: run.journaled.commands,
    archive: run.archive,
    bulkCommands: run.bulkCommands,
  };
  const name = (figure: string) => `journal-growth.${run.database}.${figure}`;
  const result = (figure: string, unit: string, ours: number, more: Record<string, unknown> = {}): BenchResult => ({
    bench: name(figure),
    unit,
    ours,
    peer: null,
    ratio: null,
    extra: { ...extra, ...more },
  });
  const tables = Object.fromEntries(JOURNAL_TABLES.map((table) => [table, run.tableBytes[table] ?? 0]));
  const results: BenchResult[] = [
    result("events-per-day", "events/day", Math.round(perSimulatedDay(run.journaled.events, run.simulatedMs)), {
      commandsPerDay: Math.round(perSimulatedDay(run.journaled.commands, run.simulatedMs)),
      journalBytesPerDay: Math.round(perSimulatedDay(journalBytes, run.simulatedMs)),
    }),
    result("bytes-per-event", "bytes/event", round(bytesPer(journalBytes, run.events), 1), { journalBytes, tables }),
  ];
  if (run.folderBytes !== undefined) {
    const folder = { folderBytes: run.folderBytes, folderBytesAtStart: run.folderBytesAtStart, walBytes: run.walBytes, walBytesAtStart: run.walBytesAtStart };
    results.push(
      result("bytes-per-event.folder", "bytes/event", round(bytesPer(run.folderBytes, run.events), 1), {
        ...folder,
        // What the run added, without the empty migrated database the folder starts with.
        grownBytesPerEvent: round(bytesPer(run.folderBytes - (run.folderBytesAtStart ?? 0), run.events), 1),
      }),
      result("disk", "bytes", run.folderBytes, { measured: "data folder after shutdown", ...folder, schemaBytes, journalBytes }),
    );
    const running = run.hourly
      .filter((sample) => sample.folderBytes !== undefined)
      .map((sample) => ({ hour: sample.hour, bytes: sample.folderBytes!, boundedBytes: sample.journalBytes + (sample.walBytes ?? 0) }));
    if (running.length > 0) {
      const peak = running.reduce((top, sample) => (sample.bytes > top.bytes ? sample : top));
      results.push(
        result("disk.peak", "bytes", peak.bytes, { measured: "largest data folder at a simulated hour while running", hour: peak.hour, hourly: run.hourly }),
      );
    }
    // Steady once the hot window and one partition beyond it have filled and been archived behind.
    const steadyFromHour = Math.ceil((run.hotMs + 2 * PARTITION_MS) / 3_600_000);
    const projection = projectSteadyGrowth(running, steadyFromHour, PROJECTION_DAYS);
    if (projection) {
      results.push(
        result(`disk.projected-${PROJECTION_DAYS}-days`, "bytes", Math.round(projection.projectedBytes), {
          measured: `a projection, not a measurement: from simulated hour ${steadyFromHour} on, the largest hot journal tables + pg_wal seen, plus the rest of the folder at the end and its growth per day (least squares) for the days not run`,
          steadyFromHour,
          steadyHours: projection.steadyHours,
          boundedBytes: projection.boundedBytes,
          growingBytesPerDay: Math.round(projection.bytesPerDay),
        }),
      );
    }
    if (run.serverStartSamples && run.serverStartSamples.length > 0) {
      const serverMs = median(run.serverStartSamples);
      results.push(
        result("startup", "ms", Math.round(serverMs + median(run.restoreSamples)), {
          measured: "embedded server start on the grown folder (median) plus the engine's restore (median)",
          serverStartSamplesMs: run.serverStartSamples.map((ms) => Math.round(ms)),
          restoreMs: Math.round(median(run.restoreSamples)),
        }),
      );
    }
  } else {
    results.push(result("disk", "bytes", schemaBytes, { measured: "pg_total_relation_size of the schema's tables", journalBytes, tables: run.tableBytes }));
  }
  results.push(
    // Everything journaled, not what the tables still hold once segments are archived.
    result("ingest", "events/s", Math.round(run.journaled.events / (run.wallMs / 1_000)), { wallMs: Math.round(run.wallMs), steps: run.steps }),
    result("restore", "ms", Math.round(median(run.restoreSamples)), {
      replayedCommands: run.restoreReplayed,
      snapshotEveryCommands: LIVE_SNAPSHOT_EVERY_COMMANDS,
      samplesMs: run.restoreSamples.map((ms) => Math.round(ms)),
    }),
  );
  if (run.archive) {
    results.push(
      result("archive", "bytes/event", round(bytesPer(run.archive.bytes, run.journaled.events), 2), {
        archiveBytes: run.archive.bytes,
        segments: run.archive.segments,
        archiveBytesPerDay: Math.round(perSimulatedDay(run.archive.bytes, run.simulatedMs)),
      }),
    );
  }
  for (const [service, summary] of Object.entries(run.historyFirstHour)) {
    results.push(result(`history-first-hour.${service}.p99`, "ms", round(summary.p99, 2), { calls: summary.samples, p50: round(summary.p50, 2) }));
  }
  for (const [service, summary] of Object.entries(run.history)) {
    const more = { calls: summary.samples, maxMs: round(summary.max, 2) };
    results.push(result(`history.${service}.p50`, "ms", round(summary.p50, 2), more), result(`history.${service}.p99`, "ms", round(summary.p99, 2), more));
  }
  return results;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
