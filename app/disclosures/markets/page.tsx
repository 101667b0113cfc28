import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Markets" };

export default function MarketsPage() {
  return (
    <SectionPage
      title="Markets"
      deliveries={[
        { by: "issue6", delivers: "this page and its live figures" },
        { by: "issue4", delivers: "the market simulation that produces the prices and funding rates" },
      ]}
    >
      The contract specification of each perpetual market (such as BTC-PERP and ETH-PERP): tick and lot size,
      margin tiers and maximum leverage, fees, and the current index price, mark price and funding rate with the
      time of the next funding payment.
    </SectionPage>
  );
}
