import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Trade reviews" };

export default function TradeReviewsPage() {
  return (
    <SectionPage
      title="Trade reviews"
      deliveries={[
        { by: "later", delivers: "this page and its alerts" },
        { by: "issue4", delivers: "the market simulation that produces the trades to review" },
        { by: "issue5", delivers: "sign-in and roles" },
      ]}
    >
      Alerts and samples of the affiliated market maker&apos;s trading, for example trades against clients at
      prices away from the mark price, for a Responsible Officer to review, comment on and close.
    </SectionPage>
  );
}
