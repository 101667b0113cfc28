import type { Metadata } from "next";
import Link from "next/link";
import { NotBuiltYet } from "@/components/not-built-yet";
import { TradeTape } from "@/components/trade-tape";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";

export const metadata: Metadata = { title: "Trades" };

const MARKETS = DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol);

export default function TradesPage() {
  return (
    <article className="section-page">
      <h1>Trades</h1>
      <p className="lead">
        Every trade executed in each market, newest first: the execution time to the millisecond (UTC), the price in US
        dollars, the size in the market&apos;s base asset, the aggressor side (the side of the order that took liquidity),
        and whether the affiliated market maker took part or the trade came from a liquidation, a backstop or
        auto-deleveraging. Prices come from a simulated market, not a real one.
      </p>

      <section aria-labelledby="tape-completeness">
        <h2 id="tape-completeness">The tape is complete</h2>
        <p>
          This tape lists every trade recorded in the exchange&apos;s journal, including every liquidation, backstop and
          ADL trade. Nothing is sampled or thinned out: some venues publish only one liquidation per period in their public
          feeds; this one does not. Each trade carries its journal event sequence number as its trade id (the sequence
          counts every engine event, not only trades, so trade ids are increasing but not consecutive).
        </p>
      </section>

      <section aria-labelledby="tape-flags">
        <h2 id="tape-flags">What the flags mean</h2>
        <dl>
          <dt>
            <strong>Affiliated market maker</strong>
          </dt>
          <dd>
            One side of the trade was the platform&apos;s affiliated market maker (AFMM-5), a company in the same group as
            the exchange that quotes prices in its markets. The tag says whether the affiliated market maker was the taker
            (it sent the order that traded at once, so it was the aggressor) or the maker (its resting order was hit), and
            so whether it bought or sold. This flag is published so that its share of trading can be judged by anyone.
          </dd>
          <dt>Liquidation</dt>
          <dd>
            The trade closed, in the order book, all or part of a position whose equity had fallen below its maintenance
            margin. Liquidation orders trade at no worse than the position&apos;s bankruptcy price.
          </dd>
          <dt>Backstop</dt>
          <dd>
            What the order book could not absorb of a liquidated position was taken over by a backstop liquidity provider
            at the bankruptcy price; the insurance fund compensates the provider for the difference to the mark price.
          </dd>
          <dt>ADL</dt>
          <dd>
            Auto-deleveraging, the last step: only when the order book, the backstop providers and the insurance fund could
            not absorb the loss are profitable positions on the other side, taken in ranking order, closed against the
            bankrupt position at its bankruptcy price.
          </dd>
        </dl>
        <p>
          Prices are published as whole ticks and sizes as whole lots and shown here exactly, without rounding. The same data
          is free as JSON, without sign-in: <code>GET /api/public/markets/&#123;symbol&#125;/trades?limit=&amp;before=</code>{" "}
          (newest first; page back with <code>before</code>) and live from <code>/api/public/markets/&#123;symbol&#125;/stream</code>.
        </p>
      </section>

      <section aria-labelledby="tape-live">
        <h2 id="tape-live">Trade tape</h2>
        <noscript>
          <p>
            The live tape needs JavaScript. Without it, read the record from the JSON API above, for example{" "}
            <Link href="/api/public/markets/BTC-PERP/trades?limit=100" prefetch={false}>
              the latest 100 BTC-PERP trades
            </Link>.
          </p>
        </noscript>
        <TradeTape markets={MARKETS} />
      </section>

      <NotBuiltYet
        whatIsLive="the trade tape above: every trade in each market, live from the stream, with flags, filters and paging back through the whole record"
        deliveries={[
          { delivers: "filters that search the whole record on the server (today they apply to the trades loaded in the page), a CSV download and a link to one market's tape by address" },
        ]}
      />
    </article>
  );
}
