import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { projectEvent } from "@/lib/simulation/public-feed";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { marketFigures } from "./figures";
import { INSURANCE_HISTORY_ROWS } from "./schemas";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/**
 * GET /api/public/insurance-fund — per market: the fund's balance, floor and depleted flag now, and
 * its recent ledger lines (changes with their reason, deposits, depletion alerts), newest first.
 */
export async function getInsuranceFund({ ctx }: { ctx: ServiceContext; input?: undefined }) {
  authorizePublic(ctx);
  const engine = await publicEngine();
  const markets = await Promise.all(
    engine.markets.map(async (symbol) => {
      const spec = marketSpec(engine, symbol);
      const fund = (marketFigures(engine, symbol)?.insuranceFund ?? null) as Record<string, unknown> | null;
      const rows = await ctx.db.engineEvent.findMany({
        where: { market: symbol, type: { in: ["InsuranceFundChanged", "InsuranceFundDeposited", "InsuranceFundDepleted"] } },
        orderBy: { seq: "desc" },
        take: INSURANCE_HISTORY_ROWS,
        select: EVENT_COLUMNS,
      });
      const history = rows.flatMap((row) => {
        const message = projectEvent(decodeEvent(row));
        return message && message.kind === "insurance" ? [{ seq: message.id, atMs: message.atMs, ...message.data }] : [];
      });
      return {
        symbol,
        balance: fund?.balance ?? null,
        floor: fund?.floor ?? spec.liquidation.insuranceFundFloor,
        available: fund?.available ?? null,
        depleted: fund?.depleted ?? null,
        totalIn: fund?.totalIn ?? null,
        totalOut: fund?.totalOut ?? null,
        history,
      };
    }),
  );
  return plain({ units: UNITS, historyRows: INSURANCE_HISTORY_ROWS, markets });
}
