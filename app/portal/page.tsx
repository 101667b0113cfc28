import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Client portal" };

export default async function PortalPage() {
  await requirePermission("portal.view");
  return (
    <SectionPage
      title="Client portal"
      whatIsLive="the positions page, with your account on the simulated venue: positions, margin, collateral, orders and deposits; and, in onboarding, acknowledging the risk disclosures"
      deliveries={[{ by: "issue7", delivers: "the rest of onboarding" }]}
    >
      For the platform&apos;s clients, who are professional investors, after signing in: the onboarding steps to
      complete before trading perpetual contracts, and a view of their own positions, margin, collateral and
      liquidation prices.
    </SectionPage>
  );
}
