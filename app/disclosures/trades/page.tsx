import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Trades" };

export default function TradesPage() {
  return (
    <SectionPage
      title="Trades"
      deliveries={[
        { by: "issue6", delivers: "this page and its real-time trade record" },
        { by: "issue4", delivers: "the market simulation that produces the trades" },
      ]}
    >
      A public record of executed trades in each market, with time, price, size and aggressor side, and disclosure
      of the affiliated market maker&apos;s participation in trading.
    </SectionPage>
  );
}
