import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Reports" };

export default function ReportsPage() {
  return (
    <SectionPage
      title="Reports"
      deliveries={[
        { by: "later", delivers: "this page and its reports" },
        { by: "issue5", delivers: "sign-in and roles" },
      ]}
    >
      Periodic reports drawn from the platform&apos;s records for management and for the regulator, such as
      trading activity, insurance fund movements and the affiliated market maker&apos;s activity.
    </SectionPage>
  );
}
