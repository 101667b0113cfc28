import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Compliance" };

export default async function CompliancePage() {
  await requirePermission("compliance.view");
  return (
    <SectionPage
      title="Compliance"
      whatIsLive="the onboarding review queue, the audit log and market parameter changes"
      deliveries={[{ delivers: "reports and review queues for other kinds of case" }]}
    >
      For the platform&apos;s compliance officers, after signing in with a compliance, Responsible Officer or auditor role: queues of cases
      awaiting review, starting with client onboarding, regulatory and management reports, and an audit log of who
      did what and when.
    </SectionPage>
  );
}
