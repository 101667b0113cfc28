import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Trade reviews" };

export default async function TradeReviewsPage() {
  await requirePermission("afmm.oversight.view");
  return (
    <SectionPage
      title="Trade reviews"
      deliveries={[
        { delivers: "this page and its alerts" },
      ]}
    >
      Alerts and samples of the affiliated market maker&apos;s trading, for example trades against clients at
      prices away from the mark price, for a Responsible Officer to review, comment on and close.
    </SectionPage>
  );
}
