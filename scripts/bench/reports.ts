/**
 * Report packs at a month's scale (RPT-1, RPT-3, RPT-8): the wall time and peak memory of generating
 * one pack of every report in the catalogue for 30 days of 24/7 trading. Targets: < 60 s and
 * < 512 MB RSS on this machine.
 *
 * The data: the headless simulator (the portal's own simulation, seeded) runs --reports-sim-hours
 * (default 1) of market through the real journal, which writes the per-minute market rollups the
 * perps reports read. Simulating 30 days here would take about 12 hours, so the simulated hours'
 * rollup rows are then copied backwards in time until they cover the 30 days before the simulated
 * span: the perps reports' work is one row per market-minute whatever the trading (a busy minute and
 * a quiet one are one row each), so the copies cost what 30 real days would. The journal itself holds
 * only the simulated hours, so the reports that replay the journal (the AFMM MI, the state at the
 * period end) read that much of it, not 30 days: their figures are reported but not representative.
 *
 * Databases: `--reports-db embedded` (default; the embedded server `npm start` runs) or `postgres`
 * (DATABASE_URL, a throwaway schema). The pack is generated in a child process of its own
 * (reports-pack-child.ts), so the memory measured is the pack's, not the seeding simulation's: as the
 * portal's reports job generates it, in a process with the heap capped at PACK_PROCESS_HEAP_MB; then
 * once with a smaller cap and once with V8's default limit, for comparison.
 *
 * Results: reports.pack-30-days.wall (ms, median of --runs), reports.pack-30-days.peak-rss (MB, the
 * child's largest resident set sampled every 20 ms over the runs), reports.pack-30-days.zip-bytes.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "../../lib/prisma-client";
import { simulationFactory } from "../../lib/simulation/factory";
import { SimulationHost } from "../../lib/simulation/host";
import { LIVE_SNAPSHOT_EVERY_COMMANDS } from "../../lib/simulation/state-at-limits";
import { ensureJournalPartitions } from "../../lib/journal/archive/partitions";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded";
import { applyMigrations, dropSchema, type DatabaseTarget } from "../db/migrations";
import type { BenchOptions, BenchResult } from "../bench";
import { PACK_PROCESS_HEAP_MB } from "../../lib/reports/pack-in-process";
import { BulkJournal } from "./bulk-journal";
import { allowServerOnlyImports } from "./journal-growth";
import { numberFlag, stringFlag } from "./flags";
import { median } from "./page-stats";

const STEP_MS = 250;
const DAY_MS = 86_400_000;
const PERIOD_DAYS = 30;
const WALL_TARGET_MS = 60_000;
const RSS_TARGET_MB = 512;
const SEED = 42;
/** A cap below the portal's (PACK_PROCESS_HEAP_MB), to show its headroom. */
const CAPPED_HEAP_MB = 128;
/** Clients the statements run covers (the issue's figure). */
const STATEMENT_CLIENTS = 10_000;
/** Fills and funding payments per client in the month. */
const FILLS_PER_CLIENT = 10;
const FUNDING_PER_CLIENT = 3;

export async function runReportsBench(options: BenchOptions): Promise<BenchResult[]> {
  const database = stringFlag(options.argv, "--reports-db") ?? "embedded";
  const simHours = numberFlag(options.argv, "--reports-sim-hours", 1);
  if (database !== "embedded" && database !== "postgres") throw new Error("--reports-db must be embedded or postgres");
  const log = (message: string) => options.log(`reports.${database}: ${message}`);
  let server: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let target: DatabaseTarget;
  if (database === "embedded") {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reports-bench-"));
    server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    target = { url: server.url, schema: "public" };
  } else {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("--reports-db postgres needs DATABASE_URL");
    target = { url, schema: `bench_reports_${process.pid}` };
  }
  try {
    return await measure(target, database, simHours, options, log);
  } finally {
    // --reports-keep-schema leaves the seeded schema for profiling one report at a time (reports-pack-child.ts takes a list).
    if (database === "postgres" && !options.argv.includes("--reports-keep-schema")) await dropSchema(target);
    else if (database === "postgres") log(`kept schema ${target.schema}`);
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(target: DatabaseTarget, database: string, simHours: number, options: BenchOptions, log: (m: string) => void): Promise<BenchResult[]> {
  await applyMigrations(target);
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    // The simulated hours end on a whole hour just past; the 30-day period ends where they end.
    const endMs = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const simulatedMs = simHours * 3_600_000;
    let now = endMs - simulatedMs;
    const journal = new BulkJournal(prisma, 5_000);
    await ensureJournalPartitions(prisma, now);
    const host = await SimulationHost.open({
      journal,
      database: target,
      clock: () => now,
      seed: SEED,
      simulation: simulationFactory,
      stepEveryMs: STEP_MS,
      snapshotEveryCommands: LIVE_SNAPSHOT_EVERY_COMMANDS,
      log: () => {},
    });
    const simStarted = performance.now();
    while (now < endMs - STEP_MS) {
      now += STEP_MS;
      await host.step();
    }
    await journal.flush();
    const events = host.state.seq;
    await host.stop({ checkpoint: false });
    log(`simulated ${simHours} h: ${events} events in ${((performance.now() - simStarted) / 1000).toFixed(0)} s`);

    // Copies of the simulated span's rows, each shifted back by a whole number of spans, until 30 days are covered.
    const fromMs = endMs - PERIOD_DAYS * DAY_MS;
    const copies = Math.ceil((PERIOD_DAYS * DAY_MS) / simulatedMs) - 1;
    const table = `"${target.schema}"."MarketMinute"`;
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table} ("market", "minuteMs", "figures", "lastSeq")
       SELECT m."market", m."minuteMs" - g * ${simulatedMs}::bigint, m."figures", m."lastSeq"
       FROM ${table} m CROSS JOIN generate_series(1, ${copies}) AS g
       WHERE m."minuteMs" >= ${endMs - simulatedMs} AND m."minuteMs" - g * ${simulatedMs}::bigint >= ${fromMs}`,
    );
    const rows = await prisma.marketMinute.count({ where: { minuteMs: { gte: BigInt(fromMs), lt: BigInt(endMs) } } });
    log(`${rows} rollup rows over ${PERIOD_DAYS} days`);

    // The pack runs in a child process: this one still holds the simulation that wrote the data.
    // Asynchronously: the embedded database is served from this process's event loop.
    const childArgs = [path.join(import.meta.dirname, "reports-pack-child.ts"), target.url, target.schema, String(fromMs), String(endMs)];
    // As the portal's reports job runs a pack: a Node process of its own with the heap capped at
    // PACK_PROCESS_HEAP_MB (lib/reports/pack-in-process.ts). Here one process generates --runs packs in
    // a row, where the portal starts one per pack: if anything, more than a pack costs.
    const child = await runChild(process.execPath, [
      `--max-old-space-size=${PACK_PROCESS_HEAP_MB}`,
      "--import",
      "tsx",
      ...childArgs,
      String(Math.max(1, options.runs)),
    ]);
    // Once more with a smaller cap: if the pack still completes, the production cap has headroom and
    // what a pack holds at once is bounded, not growing with the data.
    const capped = await runChild(process.execPath, [`--max-old-space-size=${CAPPED_HEAP_MB}`, "--import", "tsx", ...childArgs, "1"]);
    const cappedPeakMb = capped.status === 0 ? (JSON.parse(capped.stdout.trim().split("\n").pop()!) as { peakRssMb: number }).peakRssMb : null;
    log(
      `with the heap capped at ${CAPPED_HEAP_MB} MB: ${cappedPeakMb === null ? `failed: ${capped.stderr.slice(-300)}` : `completed, peak RSS ${cappedPeakMb} MB`}`,
    );
    // And with V8's default heap limit (packs generated inside the web server before they had a process of their own), for comparison.
    const uncapped = await runChild(process.execPath, ["--import", "tsx", ...childArgs, "1"]);
    const uncappedPeakMb = uncapped.status === 0 ? (JSON.parse(uncapped.stdout.trim().split("\n").pop()!) as { peakRssMb: number }).peakRssMb : null;
    log(`with V8's default heap limit: ${uncappedPeakMb === null ? `failed: ${uncapped.stderr.slice(-300)}` : `peak RSS ${uncappedPeakMb} MB`}`);
    if (child.status !== 0) throw new Error(`the pack process failed: ${child.stderr.slice(-2_000)}`);
    const measured = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
      walls: number[];
      peakRssMb: number;
      rssAtStartMb: number;
      atPeakMb: Record<string, number>;
      zipBytes: number;
      files: number;
      reports: string[];
    };
    const { walls, zipBytes, files } = measured;
    walls.forEach((ms, run) => log(`run ${run + 1}: ${ms.toFixed(0)} ms, ${files} files, ${zipBytes} bytes`));
    const statements = await benchStatements(prisma, endMs, numberFlag(options.argv, "--statements-clients", STATEMENT_CLIENTS), log);
    const wall = median(walls);
    const peakMb = measured.peakRssMb;
    const extra = {
      database,
      simulatedHours: simHours,
      journalEvents: events,
      rollupRows: rows,
      copies,
      reports: measured.reports,
      samples: walls.map(Math.round),
    };
    return [
      {
        bench: "reports.pack-30-days.wall",
        unit: "ms",
        ours: Math.round(wall),
        peer: null,
        ratio: null,
        target: `< ${WALL_TARGET_MS.toLocaleString("en-US")} ms`,
        met: wall < WALL_TARGET_MS,
        extra,
      },
      {
        bench: "reports.pack-30-days.peak-rss",
        unit: "MB",
        ours: peakMb,
        peer: null,
        ratio: null,
        target: `< ${RSS_TARGET_MB} MB`,
        met: peakMb < RSS_TARGET_MB,
        extra: {
          database,
          note: "the process that generates the pack, with the portal's heap cap for it; the database runs in another",
          rssAtStartMb: measured.rssAtStartMb,
          atPeakMb: measured.atPeakMb,
          heapCapMb: PACK_PROCESS_HEAP_MB,
          smallerCapMb: CAPPED_HEAP_MB,
          peakRssWithSmallerCapMb: cappedPeakMb,
          peakRssWithDefaultHeapLimitMb: uncappedPeakMb,
        },
      },
      {
        bench: "reports.statements.wall",
        unit: "ms",
        ours: statements.elapsedMs,
        peer: null,
        ratio: null,
        extra: {
          clients: statements.clients,
          created: statements.created,
          activityRows: statements.activityRows,
          perClientMs: statements.elapsedMs / Math.max(1, statements.clients),
        },
      },
      { bench: "reports.pack-30-days.zip-bytes", unit: "bytes", ours: zipBytes, peer: null, ratio: null, extra: { files } },
    ];
  } finally {
    await prisma.$disconnect();
  }
}

function runChild(command: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * DISC-9 at scale: the previous Hong Kong month's statements for N clients, each with a trading account,
 * ten fills and three funding payments in that month (written straight into the projection the
 * statements read, AccountActivity), through the real bulk generator (inbox notice and delivery rows
 * for each). The journal projector is marked as past the month's end, as it is on a running portal.
 */
async function benchStatements(prisma: ReturnType<typeof createPrismaClient>, endMs: number, clients: number, log: (m: string) => void) {
  allowServerOnlyImports();
  const { monthOf, monthWindow } = await import("../../lib/services/afmm/afmm-mi-model");
  const { PROJECTOR_CURSOR } = await import("../../lib/incidents/projector");
  const { benchmarkMonthlyStatements } = await import("../../lib/services/statements/generate-monthly-statements");
  const month = monthOf(monthWindow(monthOf(endMs))!.fromMs - 1);
  const window = monthWindow(month)!;
  const CHUNK = 2_000;
  for (let first = 0; first < clients; first += CHUNK) {
    const count = Math.min(CHUNK, clients - first);
    const users = Array.from({ length: count }, (_, i) => ({
      id: `bench-client-${first + i}`,
      email: `bench-client-${first + i}@bench.example`,
      name: `Bench client ${first + i}`,
      passwordHash: "x",
      family: "CLIENT" as const,
    }));
    await prisma.user.createMany({ data: users });
    await prisma.tradingAccount.createMany({ data: users.map((user, i) => ({ userId: user.id, engineAccountId: 5_000_000 + first + i })) });
    const activity = users.flatMap((_, i) => {
      const account = 5_000_000 + first + i;
      return Array.from({ length: FILLS_PER_CLIENT + FUNDING_PER_CLIENT }, (_, k) => {
        const funding = k >= FILLS_PER_CLIENT;
        return {
          seq: BigInt((first + i) * 100 + k + 1),
          engineAccountId: account,
          nowMs: BigInt(window.fromMs + (k + 1) * 3_600_000),
          kind: funding ? "funding" : "fill",
          market: "BTC-PERP",
          side: funding ? null : k % 2 === 0 ? "buy" : "sell",
          lots: funding ? null : 2,
          priceTicks: funding ? null : 600_000 + k,
          amount: funding ? -1_250n : 3_000n,
          positionAfter: funding ? 0 : k % 2 === 0 ? 2 : 0,
        };
      });
    });
    await prisma.accountActivity.createMany({ data: activity });
  }
  const { _max } = await prisma.engineEvent.aggregate({ _max: { seq: true } });
  await prisma.journalCursor.upsert({
    where: { name: PROJECTOR_CURSOR },
    create: { name: PROJECTOR_CURSOR, seq: _max.seq ?? 0n },
    update: { seq: _max.seq ?? 0n },
  });
  const result = await benchmarkMonthlyStatements(prisma, month);
  if (result.status !== "done") throw new Error(`statements: ${result.status}`);
  log(`statements for ${result.clients} clients (${month}): ${result.created} created in ${result.elapsedMs} ms`);
  return { ...result, activityRows: clients * (FILLS_PER_CLIENT + FUNDING_PER_CLIENT) };
}
