import type { Metadata } from "next";
import { InsuranceFundLive } from "@/components/insurance-fund-live";
import { NotBuiltYet } from "@/components/not-built-yet";

export const metadata: Metadata = { title: "Insurance fund" };

/**
 * Public, no sign-in. The explanatory text is server-rendered (readable without JavaScript); the
 * figures, chart and ledger come from the public API in the browser (InsuranceFundLive).
 */
export default function InsuranceFundPage() {
  return (
    <article className="section-page insurance-fund-page">
      <h1>Insurance fund</h1>
      <p className="lead">
        Each market has its own insurance fund. It covers losses when a liquidated position cannot be closed at a price
        better than its bankruptcy price. Inflows are liquidation fees and platform funding deposits; outflows compensate
        backstop liquidity providers and auto-deleveraging (ADL) counterparties, and cover residual negative equity.
      </p>
      <p>
        The waterfall may only spend the fund&apos;s <strong>available</strong> amount, its balance minus its configured{" "}
        <strong>floor</strong>. When the balance is at or below the floor the fund is <strong>depleted</strong>: further losses
        are closed by auto-deleveraging profitable opposing positions, and a notice appears at the top of every page of this
        portal.
      </p>
      <h2>Coverage ratio</h2>
      <p>
        <strong>Coverage ratio = fund balance ÷ open-interest notional</strong>, where open-interest notional = open interest
        (lots, one side) × mark price (ticks) × the market&apos;s value of one tick × one lot. It is an indicator of size only,
        not a stress measure: the ratio against a stressed shortfall (fund available ÷ stressed shortfall) is not published yet.
      </p>
      <p>
        Amounts are in USD, computed from the exact micro-USD figures; times are engine time in UTC. Figures update live from
        the market streams and are re-read from the public API (<code>GET /api/public/insurance-fund</code>) every 15 seconds.
      </p>
      <noscript>
        <p>The live figures, chart and ledger need JavaScript. The same data is available as JSON at /api/public/insurance-fund.</p>
      </noscript>
      <InsuranceFundLive />
      <NotBuiltYet
        whatIsLive="each market's balance, floor, available amount and depleted flag; the balance chart; the ledger of inflows and outflows (latest 50 from the API plus every line since this page opened); and the balance ÷ open-interest coverage ratio"
        deliveries={[
          { delivers: "a published target balance for each fund, and the coverage ratio against a stressed shortfall (fund available ÷ stressed shortfall)" },
          { delivers: "the full ledger history beyond the latest 50 lines, with paging and CSV export" },
        ]}
      />
    </article>
  );
}
