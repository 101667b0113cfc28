import "server-only";
import type { PublishedStress, PublishedStressMarket, PublishedStressStatus, StressSuiteResultWire } from "@/lib/risk/stress-settings";
import { marketParameterHash, STRESS_SUITE_VERSION } from "@/lib/risk/stress-suite";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { plain, publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { latestStressRunInForce, stressRunView } from "./results";

/**
 * GET /api/public/stress and the methodology page (MRG-5, DISC-1): per market in force, the standard
 * stress suite's latest results for exactly the parameters in force, with their hash and when they
 * ran. Results for earlier parameters are never shown as current: until the job has run on the
 * parameters in force the answer says so (running, failed and to be retried, or not yet run).
 */
export async function getPublishedStress({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<PublishedStress> {
  authorizePublic(ctx);
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  const markets: PublishedStressMarket[] = [];
  for (const spec of inForce.config.markets.filter((candidate) => engine.markets.includes(candidate.symbol))) {
    const parameterHash = marketParameterHash(spec);
    const done = await latestStressRunInForce(ctx.db, spec.symbol, parameterHash);
    if (done?.result) {
      markets.push({
        market: spec.symbol,
        parameterHash,
        status: "done",
        ranAt: (done.finishedAt ?? done.startedAt).toISOString(),
        result: plain(done.result) as StressSuiteResultWire,
      });
      continue;
    }
    const latest = await ctx.db.stressSuiteRun.findFirst({
      where: { market: spec.symbol, parameterHash, proposalId: null, suiteVersion: STRESS_SUITE_VERSION },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    });
    const status: PublishedStressStatus = latest ? (stressRunView(latest).status === "failed" ? "failed" : "running") : "not_run";
    markets.push({ market: spec.symbol, parameterHash, status, ranAt: null, result: null });
  }
  return { suiteVersion: STRESS_SUITE_VERSION, markets };
}
