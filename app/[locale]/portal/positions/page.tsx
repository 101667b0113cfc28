import type { Metadata } from "next";
import Link from "next/link";
import { NotBuiltYet } from "@/components/not-built-yet";
import { requirePermission } from "@/lib/auth/session";
import { getPerpsEntitlement } from "@/lib/services/suitability/get-perps-entitlement";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { EngineUnavailable } from "@/lib/services/trading/venue";
import type { TradingView } from "@/lib/wire/portal-trading";
import { PerpsAccessPanel } from "../perps-access-panel";
import { TradingDesk } from "./trading-desk";

export const metadata: Metadata = { title: "Positions" };
export const dynamic = "force-dynamic";

/**
 * The client's own account on the simulated venue (issue 6 pt 9): positions with the engine's
 * entry, mark, liquidation and bankruptcy prices, margin ratio, PnL, funding and ADL light (LIQ-5),
 * collateral settled and pending (COL-2), open orders, the order ticket and deposits.
 */
export default async function PositionsPage() {
  const ctx = await requirePermission("portal.view");
  const entitlement = await getPerpsEntitlement({ ctx });
  let view: TradingView | null = null;
  let unavailable: string | null = null;
  try {
    view = await getTradingView({ ctx });
  } catch (error) {
    if (!(error instanceof EngineUnavailable)) throw error;
    unavailable = error.message;
  }
  return (
    <article className="stack trading-page">
      <div className="prose">
        <h1>Positions</h1>
        <p className="lead">
          Your perpetual positions, margin and collateral, your open orders, an order ticket and deposits. Every figure is the exchange engine&apos;s own,
          read from its live state.
        </p>
        <div className="alert alert--warn">
          <p>
            <strong>This is a simulated venue.</strong> The market, the prices, the other traders and your account are simulated: no real money or assets
            move, and deposits are confirmed by the simulation, not by a bank or a blockchain.
          </p>
        </div>
      </div>
      <PerpsAccessPanel entitlement={entitlement} title="Your access to perpetual contracts" linkToOnboarding />
      {unavailable !== null ? (
        <p className="alert alert--error" role="alert">
          {unavailable}
        </p>
      ) : entitlement.status !== "active" && view?.account === null ? null : (
        <TradingDesk initial={view!} renderedAt={ctx.now().getTime()} />
      )}
      <section aria-labelledby="how-to-read" className="prose">
        <h2 id="how-to-read">How to read these figures</h2>
        <ul>
          <li>
            <strong>Cross margin.</strong> All your positions share one equity: settled USD cash, other settled collateral at its value after haircut, and the
            unrealised profit and loss of every position at the mark price. The <strong>margin ratio</strong> is your maintenance margin divided by that equity,
            one figure for the account, repeated on each position: once maintenance margin exceeds equity (a ratio above 100 %) the account is liquidated.
          </li>
          <li>
            <strong>Liquidation price</strong>: the mark price at which your account would reach its maintenance margin, holding your other positions at their
            current marks. <strong>Bankruptcy price</strong>: the mark price at which your equity would be zero; a liquidation closes the position no worse
            than there.
          </li>
          <li>
            <strong>ADL light</strong> (1 to 5): how likely the position is to be auto-deleveraged if a liquidation cannot be covered by the book, the backstop
            liquidity providers and the insurance fund. Positions on the same side of a market are ranked by profit and leverage (the published ADL ranking
            methodology); each fifth of the ranking gets one light more, so 5 means the first fifth in line. How close each market is to needing ADL at
            all is published on the <Link href="/disclosures/adl">ADL likelihood</Link> page.
          </li>
          <li>
            <strong>Before an order is accepted</strong> the engine checks that your settled equity, after the order&apos;s fee and any immediate loss against the
            mark price, covers the initial margin of all your positions and orders with the new order counted as filled. Pending deposits never count. A refused
            order says which check failed and why.
          </li>
          <li>
            <strong>Funding paid</strong> is the total funding this position has paid since it was opened; a negative amount was received.
          </li>
        </ul>
      </section>
      <NotBuiltYet
        id="positions-not-built"
        whatIsLive="your account summary, positions with liquidation and bankruptcy prices and ADL lights, collateral settled and pending, open orders, the order ticket (limit, market, reduce-only) with explained refusals, deposits and cancellations"
        deliveries={[
          { delivers: "withdrawals, trade and funding history, and notices when collateral is revalued" },
        ]}
      />
    </article>
  );
}
