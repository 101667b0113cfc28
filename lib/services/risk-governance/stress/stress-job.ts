import "server-only";
import { z } from "zod";
import { applyMarketParameterChanges, liveConfig, marketSpecInputOf, parseCanonical, type EngineConfig, type EngineConfigInput } from "@/lib/engine/index";
import { marketParameterHash, STRESS_SUITE_DEFAULT_SEED, STRESS_SUITE_VERSION } from "@/lib/risk/stress-suite";
import { recordAudit, type AuditInput } from "@/lib/services/audit";
import type { Db, ServiceContext } from "@/lib/services/context";
import { loadParameterRegistry } from "@/lib/services/public-market-data/parameter-registry";
import { currentEngineRuntime } from "@/lib/simulation/runtime";
import type { StressSuiteRun } from "@/prisma/generated/client";
import { encodeResult } from "./results";
import { runSuiteInWorker, type SuiteRunner } from "./run-in-worker";

export const STRESS_JOB_EVERY_MS = 10_000;
/** A run is tried at most this many times for one proposal or one hash in force; then it stays failed. */
export const STRESS_MAX_ATTEMPTS = 3;
/** Wait after a failure before the next attempt. */
export const STRESS_RETRY_AFTER_MS = 60_000;
/** A run still "running" this long after it started was abandoned (its process stopped): it is marked failed. */
export const STRESS_ABANDONED_AFTER_MS = 10 * 60_000;
/** One job run stops claiming new work after this long (a suite takes seconds; the next run continues). */
const JOB_BUDGET_MS = 60_000;
/** Serialises claims across processes: two servers' ticks never start the same run twice. */
const CLAIM_LOCK_KEY = 0x5354_5253; // "STRS"

/** A MARKET_PARAMETERS proposal's payload: `{ market, changes: [{ path, value }] }`, values in canonical encoding. */
const ProposalPayload = z.object({
  market: z.string().min(1).max(32),
  changes: z
    .array(z.object({ path: z.string().min(1).max(200), value: z.unknown() }))
    .min(1)
    .max(200),
});

export interface StressJobOptions {
  now: () => Date;
  signal?: AbortSignal;
  /** Where the suite runs (default: a worker thread). */
  runner?: SuiteRunner;
  /** The configuration in force (default: this process's engine, else the journal's configuration events). */
  configInForce?: () => Promise<EngineConfig | null>;
}

interface Work {
  market: string;
  parameterHash: string;
  proposalId: string | null;
  /** The full configuration to run, or why it cannot be built (stored as the run's failure). */
  config: { ok: true; input: EngineConfigInput } | { ok: false; reason: string };
}

export interface StressJobReport {
  busy: boolean;
  runs: Array<{ id: string; market: string; proposalId: string | null; status: "done" | "failed"; failure: string | null }>;
}

/** At most one suite at a time in this process (a suite takes a core for seconds). */
let active: Promise<StressJobReport> | null = null;

/**
 * The `risk.stress` job (MRG-5): runs the standard stress suite for every pending market-parameter
 * proposal without a run, and for every market whose parameters in force have no done run, one at a
 * time, and stores each as a StressSuiteRun (running → done | failed, audited). A failed run is
 * retried after STRESS_RETRY_AFTER_MS, at most STRESS_MAX_ATTEMPTS times.
 */
export async function runStressJob(db: Db, options: StressJobOptions): Promise<StressJobReport> {
  if (active) return { busy: true, runs: [] };
  active = drain(db, options).finally(() => {
    active = null;
  });
  return active;
}

async function drain(db: Db, options: StressJobOptions): Promise<StressJobReport> {
  const runner = options.runner ?? runSuiteInWorker;
  const report: StressJobReport = { busy: false, runs: [] };
  const started = Date.now();
  while (!options.signal?.aborted && Date.now() - started < JOB_BUDGET_MS) {
    const config = await (options.configInForce ?? defaultConfigInForce)(db);
    if (config === null) break;
    const claimed = await claimNext(db, config, options.now);
    if (claimed === null) break;
    const { run, work } = claimed;
    let outcome: { ok: true; result: Awaited<ReturnType<SuiteRunner>> } | { ok: false; reason: string };
    if (!work.config.ok) outcome = { ok: false, reason: work.config.reason };
    else {
      try {
        const result = await runner({ configInput: work.config.input, market: work.market, seed: run.seed }, options.signal);
        outcome =
          result.parameterHash === work.parameterHash ? { ok: true, result } : { ok: false, reason: "the suite ran against other parameters than claimed" };
      } catch (error) {
        outcome = { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
    }
    const finished = await finish(db, run, outcome, options.now);
    report.runs.push({
      id: finished.id,
      market: finished.market,
      proposalId: finished.proposalId,
      status: outcome.ok ? "done" : "failed",
      failure: finished.failure,
    });
  }
  return report;
}

/** This process's engine state when it hosts the engine; otherwise the journal's configuration; null before the engine ever started. */
async function defaultConfigInForce(db: Db): Promise<EngineConfig | null> {
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  const state = runtime?.host?.state;
  if (state) return liveConfig(state);
  if ((await db.engineSnapshot.count({ where: { position: 0n } })) === 0) return null;
  return (await loadParameterRegistry(db)).config;
}

function inputOf(config: EngineConfig): EngineConfigInput {
  return {
    platform: config.platform,
    markets: config.markets.map(marketSpecInputOf),
    collateral: config.collateral,
    ...(config.afmm === undefined ? {} : { afmm: config.afmm }),
  };
}

/** The configuration in force with a proposal's changes applied, through the engine's own rule. */
export function proposedConfig(config: EngineConfig, payload: unknown): { market: string; parameterHash: string; config: Work["config"] } {
  let decoded: unknown = payload;
  try {
    decoded = parseCanonical(typeof payload === "string" ? payload : JSON.stringify(payload));
  } catch {
    return { market: "?", parameterHash: "", config: { ok: false, reason: "the proposal's payload is not canonical JSON" } };
  }
  const parsed = ProposalPayload.safeParse(decoded);
  if (!parsed.success)
    return {
      market: "?",
      parameterHash: "",
      config: { ok: false, reason: `the proposal's payload is not { market, changes }: ${parsed.error.issues[0]?.message}` },
    };
  const { market, changes } = parsed.data;
  const spec = config.markets.find((m) => m.symbol === market);
  if (!spec) return { market, parameterHash: "", config: { ok: false, reason: `market ${market} is not in force` } };
  const applied = applyMarketParameterChanges(spec, changes);
  if (!applied.ok) return { market, parameterHash: "", config: { ok: false, reason: applied.message } };
  const input = inputOf(config);
  input.markets = input.markets.map((m) => (m.symbol === market ? marketSpecInputOf(applied.spec) : m));
  return { market, parameterHash: marketParameterHash(applied.spec), config: { ok: true, input } };
}

/** Whether the runs so far leave this item to do now: none running or done, fewer than the maximum failures, the last failure old enough. */
function due(runs: StressSuiteRun[], now: Date): boolean {
  if (runs.some((r) => r.status === "running" || r.status === "done")) return false;
  if (runs.length >= STRESS_MAX_ATTEMPTS) return false;
  const last = runs.reduce<Date | null>((t, r) => (r.finishedAt && (!t || r.finishedAt > t) ? r.finishedAt : t), null);
  return last === null || now.getTime() - last.getTime() >= STRESS_RETRY_AFTER_MS;
}

/**
 * Under a transaction-scoped advisory lock: mark abandoned runs failed, find the next item (pending
 * proposals first, oldest first; then markets in force in configuration order) and insert its run as
 * running. Parallel ticks, here or on another server, wait for the lock and then see the new row.
 */
export async function claimNext(db: Db, config: EngineConfig, now: () => Date): Promise<{ run: StressSuiteRun; work: Work } | null> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`;
      const at = now();
      await tx.stressSuiteRun.updateMany({
        where: { status: "running", startedAt: { lt: new Date(at.getTime() - STRESS_ABANDONED_AFTER_MS) } },
        data: { status: "failed", failure: "abandoned: the process running it stopped", finishedAt: at },
      });
      let work: Work | null = null;
      const proposals = await tx.riskProposal.findMany({
        where: { kind: "MARKET_PARAMETERS", status: "PENDING" },
        orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
        select: { id: true, payload: true },
        take: 200,
      });
      for (const p of proposals) {
        const runs = await tx.stressSuiteRun.findMany({ where: { proposalId: p.id } });
        if (!due(runs, at)) continue;
        const built = proposedConfig(config, p.payload);
        work = { market: built.market, parameterHash: built.parameterHash, proposalId: p.id, config: built.config };
        break;
      }
      if (work === null) {
        for (const spec of config.markets) {
          const parameterHash = marketParameterHash(spec);
          const runs = await tx.stressSuiteRun.findMany({
            where: { market: spec.symbol, parameterHash, proposalId: null, suiteVersion: STRESS_SUITE_VERSION },
          });
          if (!due(runs, at)) continue;
          work = { market: spec.symbol, parameterHash, proposalId: null, config: { ok: true, input: inputOf(config) } };
          break;
        }
      }
      if (work === null) return null;
      const run = await tx.stressSuiteRun.create({
        data: {
          market: work.market,
          parameterHash: work.parameterHash,
          proposalId: work.proposalId,
          status: "running",
          suiteVersion: STRESS_SUITE_VERSION,
          seed: STRESS_SUITE_DEFAULT_SEED,
          startedAt: at,
        },
      });
      return { run, work };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

async function finish(
  db: Db,
  run: StressSuiteRun,
  outcome: { ok: true; result: Awaited<ReturnType<SuiteRunner>> } | { ok: false; reason: string },
  now: () => Date,
): Promise<StressSuiteRun> {
  const ctx: ServiceContext = { actor: null, db, now };
  const failure = outcome.ok ? null : outcome.reason.slice(0, 2_000);
  return db.$transaction(async (tx) => {
    const row = await tx.stressSuiteRun.update({
      where: { id: run.id },
      data: outcome.ok ? { status: "done", results: encodeResult(outcome.result), finishedAt: now() } : { status: "failed", failure, finishedAt: now() },
    });
    const after: AuditInput["after"] = {
      market: row.market,
      parameterHash: row.parameterHash,
      proposalId: row.proposalId,
      status: row.status,
      suiteVersion: row.suiteVersion,
      seed: row.seed,
      ...(failure === null ? {} : { failure }),
    };
    await recordAudit(tx, ctx, { action: "risk.stress_run", entity: "StressSuiteRun", entityId: row.id, after });
    return row;
  });
}
