import type { Metadata } from "next";
import { LiveMarketPanels } from "@/components/live-market-panel";
import { SectionPage } from "@/components/section-page";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";

export const metadata: Metadata = { title: "Markets" };

const MARKETS = DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol);

export default function MarketsPage() {
  return (
    <>
      <SectionPage
        title="Markets"
        whatIsLive="the raw feed of each simulated market below (prices, funding, insurance fund and recent trades)"
        deliveries={[{ by: "issue6", delivers: "the full market pages: specifications, margin tiers, funding history and the formulas with their inputs" }]}
      >
        The contract specification of each perpetual market (such as BTC-PERP and ETH-PERP): tick and lot size,
        margin tiers and maximum leverage, fees, and the current index price, mark price and funding rate with the
        time of the next funding payment.
      </SectionPage>
      <section className="section-page" aria-labelledby="live-feed-heading">
        <h2 id="live-feed-heading">Live feed from the simulated market</h2>
        <p className="lead">
          What the market engine publishes right now, streamed as it happens (Server-Sent Events from{" "}
          <code>/api/public/markets/&#123;symbol&#125;/stream</code>, free and without sign-in). Prices come from a
          simulated market, not a real one.
        </p>
        <LiveMarketPanels markets={MARKETS} />
      </section>
    </>
  );
}
