import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { canonicalJson, DEFAULT_ENGINE_CONFIG, validateEngineConfig, type EngineConfig } from "@/lib/engine/index";
import { marketParameterHash, STRESS_SUITE_VERSION, type StressSuiteResult } from "@/lib/risk/stress-suite";
import { claimNext, runStressJob, STRESS_MAX_ATTEMPTS, STRESS_RETRY_AFTER_MS } from "./stress-job";
import { latestStressRunForProposal, latestStressRunInForce } from "./results";
import type { SuiteRunner } from "./run-in-worker";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const other = createPrismaClient(database.url, database.schema);

const BTC = DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === "BTC-PERP")!;
const ETH = DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === "ETH-PERP")!;
const inForce = async (): Promise<EngineConfig> => DEFAULT_ENGINE_CONFIG;

/** A runner that answers at once with an empty result for the parameters it was given, and counts its calls. */
function fakeRunner(fail?: string): SuiteRunner & { calls: string[] } {
  const calls: string[] = [];
  const run: SuiteRunner = async (req) => {
    calls.push(req.market);
    if (fail) throw new Error(fail);
    const v = validateEngineConfig(req.configInput);
    if (!v.ok) throw new Error("invalid");
    const spec = v.config.markets.find((m) => m.symbol === req.market)!;
    return {
      suiteVersion: STRESS_SUITE_VERSION,
      seed: req.seed,
      market: req.market,
      parameterHash: marketParameterHash(spec),
      scenarios: [],
    } satisfies StressSuiteResult;
  };
  return Object.assign(run, { calls });
}

/** Mark the in-force runs done so only proposals are left to do. */
async function inForceDone() {
  for (const spec of [BTC, ETH]) {
    await prisma.stressSuiteRun.create({
      data: {
        market: spec.symbol,
        parameterHash: marketParameterHash(spec),
        status: "done",
        suiteVersion: STRESS_SUITE_VERSION,
        seed: 42,
        finishedAt: new Date(),
      },
    });
  }
}

const proposal = (payload: unknown) =>
  prisma.riskProposal.create({
    data: {
      kind: "MARKET_PARAMETERS",
      subject: "BTC-PERP",
      status: "PENDING",
      payload: payload as object,
      diff: [],
      reason: "stress test",
      proposedById: "officer-1",
    },
  });

/** Maintenance margin of BTC-PERP's first tier raised from 0.5 % to 0.6 %, as the proposal payload carries it. */
const tighterPayload = JSON.parse(
  canonicalJson({ market: "BTC-PERP", changes: [{ path: "marginTiers[0].maintenanceMarginRate", value: 6_000_000n }] }),
) as object;

beforeEach(async () => {
  await prisma.stressSuiteRun.deleteMany({});
  await prisma.riskProposal.deleteMany({ where: { kind: "MARKET_PARAMETERS" } });
});

afterAll(async () => {
  await prisma.stressSuiteRun.deleteMany({});
  await prisma.riskProposal.deleteMany({ where: { kind: "MARKET_PARAMETERS" } });
  await prisma.$disconnect();
  await other.$disconnect();
});

describe("MRG-5: the risk.stress job", () => {
  it("MRG-5: a pending market-parameter proposal without a run gets one, in a worker thread, on the proposed values; audited", async () => {
    await inForceDone();
    const p = await proposal(tighterPayload);
    const report = await runStressJob(prisma, { now: () => new Date(), configInForce: inForce });
    expect(report.runs).toMatchObject([{ proposalId: p.id, status: "done", failure: null }]);
    const view = await latestStressRunForProposal(prisma, p.id);
    expect(view).toMatchObject({ status: "done", market: "BTC-PERP", proposalId: p.id, suiteVersion: STRESS_SUITE_VERSION, seed: 42 });
    expect(view!.parameterHash).not.toBe(marketParameterHash(BTC));
    expect(view!.result!.parameterHash).toBe(view!.parameterHash);
    expect(view!.result!.scenarios.map((s) => s.id)).toEqual(["single_source_manipulation", "venue_outage", "stablecoin_depeg", "flash_crash"]);
    expect(typeof view!.result!.scenarios[3].insuranceFundDraw).toBe("bigint");
    const audit = await prisma.auditLog.findMany({ where: { action: "risk.stress_run", entityId: view!.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, entity: "StressSuiteRun" });
    // Done: the next tick leaves it alone.
    expect((await runStressJob(prisma, { now: () => new Date(), configInForce: inForce, runner: fakeRunner() })).runs).toEqual([]);
  }, 120_000);

  it("MRG-5: the parameters in force get one run per market and hash; a changed hash gets a new one, an unchanged one never again", async () => {
    const runner = fakeRunner();
    const first = await runStressJob(prisma, { now: () => new Date(), configInForce: inForce, runner });
    expect(first.runs.map((r) => [r.market, r.status, r.proposalId])).toEqual([
      ["BTC-PERP", "done", null],
      ["ETH-PERP", "done", null],
    ]);
    await runStressJob(prisma, { now: () => new Date(), configInForce: inForce, runner });
    expect(runner.calls).toEqual(["BTC-PERP", "ETH-PERP"]);
    expect((await latestStressRunInForce(prisma, "BTC-PERP", marketParameterHash(BTC)))?.status).toBe("done");

    const changed = validateEngineConfig({
      ...DEFAULT_ENGINE_CONFIG,
      markets: DEFAULT_ENGINE_CONFIG.markets.map((m) => (m.symbol === "ETH-PERP" ? { ...m, fees: { ...m.fees, takerFeeRate: 600_000n } } : m)),
    });
    if (!changed.ok) throw new Error(changed.errors.map((e) => e.message).join("; "));
    const second = await runStressJob(prisma, { now: () => new Date(), configInForce: async () => changed.config, runner });
    expect(second.runs.map((r) => r.market)).toEqual(["ETH-PERP"]);
    expect(await prisma.stressSuiteRun.count({ where: { proposalId: null } })).toBe(3);
    const eth = await latestStressRunInForce(prisma, "ETH-PERP", marketParameterHash(changed.config.markets[1]));
    expect(eth?.parameterHash).toBe(marketParameterHash(changed.config.markets[1]));
  });

  it("MRG-5: a failed run is stored with its reason and audited, retried after the wait, and given up after the maximum attempts", async () => {
    await inForceDone();
    const p = await proposal(tighterPayload);
    const runner = fakeRunner("the worker ran out of memory");
    let now = new Date("2026-12-06T12:00:00Z");
    const first = await runStressJob(prisma, { now: () => now, configInForce: inForce, runner });
    expect(first.runs).toMatchObject([{ proposalId: p.id, status: "failed", failure: "the worker ran out of memory" }]);
    const view = await latestStressRunForProposal(prisma, p.id);
    expect(view).toMatchObject({ status: "failed", failure: "the worker ran out of memory", result: null });
    expect(await prisma.auditLog.count({ where: { action: "risk.stress_run", entityId: view!.id } })).toBe(1);
    // Within the wait: not again.
    await runStressJob(prisma, { now: () => new Date(now.getTime() + 1_000), configInForce: inForce, runner });
    expect(runner.calls).toHaveLength(1);
    for (let i = 1; i < STRESS_MAX_ATTEMPTS + 2; i++) {
      now = new Date(now.getTime() + STRESS_RETRY_AFTER_MS);
      await runStressJob(prisma, { now: () => now, configInForce: inForce, runner });
    }
    expect(runner.calls).toHaveLength(STRESS_MAX_ATTEMPTS);
    expect(await prisma.stressSuiteRun.count({ where: { proposalId: p.id, status: "failed" } })).toBe(STRESS_MAX_ATTEMPTS);
  });

  it("MRG-5: a proposal whose changes the engine refuses, or whose payload is not { market, changes }, is stored as failed with the reason", async () => {
    await inForceDone();
    const bad = await proposal(
      JSON.parse(canonicalJson({ market: "BTC-PERP", changes: [{ path: "marginTiers[0].maintenanceMarginRate", value: 900_000_000n }] })),
    );
    const junk = await proposal({ hello: "world" });
    const runner = fakeRunner();
    await runStressJob(prisma, { now: () => new Date(), configInForce: inForce, runner });
    expect(runner.calls).toEqual([]);
    expect((await latestStressRunForProposal(prisma, bad.id))?.failure).toMatch(/spec is invalid|maintenance/i);
    expect((await latestStressRunForProposal(prisma, junk.id))?.failure).toMatch(/not \{ market, changes \}/);
  });

  it("MRG-5: parallel ticks never run the same suite twice (one per process at a time; claims serialised across servers)", async () => {
    const runner = fakeRunner();
    const [a, b] = await Promise.all([
      runStressJob(prisma, { now: () => new Date(), configInForce: inForce, runner }),
      runStressJob(prisma, { now: () => new Date(), configInForce: inForce, runner }),
    ]);
    expect([a.busy, b.busy].sort()).toEqual([false, true]);
    expect(runner.calls).toEqual(["BTC-PERP", "ETH-PERP"]);

    // Two servers claiming at once (two connections): each item is claimed once.
    await prisma.stressSuiteRun.deleteMany({});
    const claims = await Promise.all([prisma, other, prisma, other].map((client) => claimNext(client, DEFAULT_ENGINE_CONFIG, () => new Date())));
    const markets = claims.filter((c) => c !== null).map((c) => c.work.market);
    expect(markets.sort()).toEqual(["BTC-PERP", "ETH-PERP"]);
    expect(await prisma.stressSuiteRun.count({ where: { status: "running" } })).toBe(2);
  });
});
