import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Onboarding" };

export default async function OnboardingPage() {
  await requirePermission("portal.view");
  return (
    <SectionPage
      title="Onboarding"
      deliveries={[
        { by: "issue7", delivers: "this page and the onboarding steps" },
      ]}
    >
      The steps a client completes before trading perpetual contracts: evidence of professional-investor status,
      an assessment of their knowledge of derivatives and virtual assets, and acknowledgement of the risk
      disclosures, with the progress and outcome of the compliance review shown to the client.
    </SectionPage>
  );
}
