import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Client portal" };

export default async function PortalPage() {
  await requirePermission("portal.view");
  return (
    <SectionPage
      title="Client portal"
      whatIsLive="onboarding (professional-investor evidence, derivative knowledge, net worth, the risk quiz, the perps course, the risk disclosures and the submission a compliance officer reviews) and, once approved, the positions page with your account on the simulated venue"
      deliveries={[{ delivers: "withdrawing from professional-investor treatment, the disclosures in Traditional Chinese, trade and funding history" }]}
    >
      For the platform&apos;s clients, who are professional investors, after signing in: the onboarding steps to
      complete before trading perpetual contracts, and a view of their own positions, margin, collateral and
      liquidation prices.
    </SectionPage>
  );
}
