import type { Metadata } from "next";
import Link from "next/link";
import styles from "@/components/market-pages.module.css";
import { MarketsOverview } from "@/components/markets-overview";
import type { MarketListRow } from "@/lib/wire/public-api";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";

export const metadata: Metadata = { title: "Markets" };
export const dynamic = "force-dynamic";

/**
 * Public, no sign-in (issue 6 pt 1, DISC-1, DISC-2). The table is server-rendered from the engine
 * (readable without JavaScript); in the browser each row then follows its market's stream.
 */
export default async function MarketsPage() {
  let rows: MarketListRow[] | null = null;
  let unavailable: string | null = null;
  try {
    rows = ((await listMarkets()) as { markets: MarketListRow[] }).markets;
  } catch (error) {
    if (!(error instanceof PublicApiError)) throw error;
    unavailable = error.message;
  }
  return (
    <article className={`section-page ${styles.wide}`}>
      <h1>Markets</h1>
      <p className="lead">
        Every perpetual market with its last trade, mark and index price, funding and open interest, as the exchange engine computes them.
        Choose a market for its contract specification, the index constituents and rules, the mark-price formula with its live inputs,
        and the funding history. Prices come from a simulated market, not a real one.
      </p>
      {unavailable ? (
        <p className="alert alert--error" role="alert">
          Market data is not available right now: {unavailable}
        </p>
      ) : null}
      {rows ? <MarketsOverview initial={rows} /> : null}

      <section aria-labelledby="overview-columns">
        <h2 id="overview-columns">What the columns mean</h2>
        <dl>
          <dt>Last trade</dt>
          <dd>The price of the most recent trade in the market&apos;s order book.</dd>
          <dt>Mark price</dt>
          <dd>
            The reference price for margin, unrealised profit and loss and liquidations: the median of three candidates built from the index,
            the funding rate, the order book and the last trade. Each market&apos;s page shows the formula, its live inputs and the arithmetic.
          </dd>
          <dt>Index price</dt>
          <dd>The price of the underlying asset from independent spot venues, with stale and outlying quotes removed or clamped.</dd>
          <dt>Funding (last settled) and predicted funding</dt>
          <dd>
            Funding is exchanged between longs and shorts at the end of every funding interval; a positive rate means longs pay shorts. The
            predicted rate is what the samples taken so far in the current interval would settle at.
          </dd>
          <dt>Next funding</dt>
          <dd>Time left, on the engine&apos;s clock, until the current interval settles.</dd>
          <dt>Open interest</dt>
          <dd>Total size of open long positions, which always equals the total of open short positions.</dd>
          <dt>24 h volume</dt>
          <dd>Quantity traded over the last 24 hours of engine time, and its notional value (price × size) in USD.</dd>
        </dl>
        <p>
          The same figures are free as JSON without sign-in: <code>GET /api/public/markets</code> (
          <Link href="/api/public/markets" prefetch={false}>
            open
          </Link>
          ), and live from <code>/api/public/markets/&#123;symbol&#125;/stream</code> (Server-Sent Events).
        </p>
      </section>
    </article>
  );
}
