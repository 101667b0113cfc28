import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requirePermission("compliance.view");
  return (
    <SectionPage
      title="Reports"
      deliveries={[
        { delivers: "this page and its reports" },
      ]}
    >
      Periodic reports drawn from the platform&apos;s records for management and for the regulator, such as
      trading activity, insurance fund movements and the affiliated market maker&apos;s activity.
    </SectionPage>
  );
}
