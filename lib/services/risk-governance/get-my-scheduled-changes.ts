import "server-only";
import { catchUpScheduledProposals } from "./scheduled-projection";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { accountFigures, affectedAccountIds } from "./affected-clients";
import { payloadChanges } from "./check";
import type { DiffRow } from "./get-market-governance";

/**
 * A client's view of approved changes still scheduled in the markets they hold (a position or a
 * resting order): the change, when, and their margin ratio and liquidation price now and under the
 * new values, from the engine's own preview at current prices. Empty without an account or an engine.
 */
export async function getMyScheduledChanges({ ctx }: { ctx: ServiceContext }) {
  const actor = authorize(ctx, "portal.view");
  const account = await ctx.db.tradingAccount.findUnique({ where: { userId: actor.userId } });
  if (!account) return [];
  await catchUpScheduledProposals(ctx.db, ctx.now);
  const rows = await ctx.db.riskProposal.findMany({ where: { kind: "MARKET_PARAMETERS", status: "SCHEDULED" }, orderBy: { effectiveAtMs: "asc" }, take: 50 });
  if (rows.length === 0) return [];
  const engine = await publicEngine().catch(() => null);
  const state = engine?.state;
  if (!state) return [];
  return rows.flatMap((row) => {
    const { market, changes } = payloadChanges(row.payload);
    const spec = state.markets.find((candidate) => candidate.symbol === market)?.spec;
    if (!spec || !affectedAccountIds(state, market).includes(account.engineAccountId)) return [];
    const figures = accountFigures(state, account.engineAccountId, spec, changes);
    if (!figures) return [];
    return [
      {
        id: row.id,
        market,
        diff: (Array.isArray(row.diff) ? row.diff : []) as DiffRow[],
        effectiveAtMs: row.effectiveAtMs === null ? null : Number(row.effectiveAtMs),
        ...figures,
      },
    ];
  });
}
