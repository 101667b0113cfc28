import type { PrismaClient } from "../../../prisma/generated/client";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { env } from "../../env";

/**
 * MRG-5: a market cannot go live without an approval record. In production mode the engine refuses to
 * start while any configured market has no current approval (record one through maker-checker, or
 * load the regulator's records); the demo seed writes a labelled demo record per market.
 * Not server-only: the standalone engine process (scripts/engine-process.ts) runs it too.
 */
export async function requireMarketApprovals(
  prisma: PrismaClient,
  { mode = env().PORTAL_MODE, markets = DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol) }: { mode?: string; markets?: string[] } = {},
): Promise<void> {
  if (mode !== "production") return;
  const approved = new Set(
    (await prisma.marketApproval.findMany({ where: { supersededAt: null, market: { in: markets } }, select: { market: true } })).map((row) => row.market),
  );
  const missing = markets.filter((market) => !approved.has(market));
  if (missing.length) {
    throw new Error(
      `production mode: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no current approval record (MRG-5); a market cannot go live without one`,
    );
  }
}
