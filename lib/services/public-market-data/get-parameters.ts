import "server-only";
import { liveConfig } from "@/lib/engine/index";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import type { Wire } from "@/lib/wire/plain";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { loadParameterRegistry, type ChangeLogEntry, type RegistryRow } from "./parameter-registry";
import { GetParametersInput } from "./schemas";
import { getPublicMarketApprovals, getScheduledMarketChanges } from "@/lib/services/risk-governance/get-market-governance";

/**
 * GET /api/public/parameters?market=&scope= — the parameter registry and change log (DISC-1):
 * every parameter of the configuration in force (platform, each market spec with its
 * derived values, each collateral asset) with its value, the time it took effect (its last change,
 * else the engine's genesis), its previous value and the reason; and every change from the journal,
 * newest first; each market's approval record (MRG-5) and the approved changes still scheduled. Values are the engine's own: bigints as decimal strings, in each row's `unit`.
 */
export async function getParameters({ ctx, input }: { ctx: ServiceContext; input?: GetParametersInput }) {
  authorizePublic(ctx);
  const query = GetParametersInput.parse(input ?? {});
  const engine = await publicEngine();
  if (query.market) marketSpec(engine, query.market);
  const registry = await loadParameterRegistry(ctx.db, engine.state ? liveConfig(engine.state) : undefined);
  const keep = (scope: string, subject: string) => (!query.scope || scope === query.scope) && (!query.market || subject === query.market);
  const rows = registry.rows.filter((row) => keep(row.scope, row.subject));
  const changeLog = registry.changeLog.filter((entry) => keep(entry.scope, entry.subject)).reverse();
  // MRG-5: the approval record of each market, and approved changes waiting for their effective time.
  const inScope = (market: string) => (!query.scope || query.scope === "market") && (!query.market || market === query.market);
  const approvals = (await getPublicMarketApprovals({ ctx })).filter((row) => inScope(row.market));
  const scheduled = (await getScheduledMarketChanges({ ctx })).filter((row) => inScope(row.market));
  return {
    units: {
      ...UNITS,
      values:
        "each row's `unit`: micro-USD and ppb values are decimal strings; ms values are durations except effectiveFromMs / effectiveToMs / sinceMs (epoch ms)",
    },
    filter: { market: query.market ?? null, scope: query.scope ?? null },
    genesisMs: registry.genesisMs,
    configHash: registry.configHash,
    journalConfigHash: registry.journalConfigHash,
    markets: registry.config.markets.map((spec) => ({ symbol: spec.symbol, tickSize: spec.tickSize, lotSize: spec.lotSize, baseAsset: spec.baseAsset })),
    parameters: plain(rows) as Wire<RegistryRow[]>,
    changeLog: plain(changeLog) as Wire<ChangeLogEntry[]>,
    approvals,
    scheduled,
  };
}

export type ParametersAnswer = Awaited<ReturnType<typeof getParameters>>;
