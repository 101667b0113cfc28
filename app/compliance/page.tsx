import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Compliance" };

export default function CompliancePage() {
  return (
    <SectionPage
      title="Compliance"
      deliveries={[
        { by: "issue5", delivers: "sign-in and roles, and the audit log" },
        { by: "issue7", delivers: "compliance reviews" },
        { by: "later", delivers: "reports" },
      ]}
    >
      For the platform&apos;s compliance officers, after signing in with the compliance role: queues of cases
      awaiting review, starting with client onboarding, regulatory and management reports, and an audit log of who
      did what and when.
    </SectionPage>
  );
}
