import type { Metadata } from "next";
import Link from "next/link";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Onboarding" };

export default async function OnboardingPage() {
  await requirePermission("portal.view");
  return (
    <SectionPage
      title="Onboarding"
      whatIsLive="reading and acknowledging the risk disclosures (not yet enforced before orders)"
      deliveries={[
        { by: "issue7", delivers: "the other onboarding steps, the compliance review and the gate before trading" },
      ]}
    >
      The steps a client completes before trading perpetual contracts: evidence of professional-investor status,
      an assessment of their knowledge of derivatives and virtual assets, and acknowledgement of the risk
      disclosures, with the progress and outcome of the compliance review shown to the client. Live now:{" "}
      <Link href="/portal/onboarding/risk-disclosures">read and acknowledge the risk disclosures</Link>.
    </SectionPage>
  );
}
