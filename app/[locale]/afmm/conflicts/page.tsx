import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Conflicts of interest" };

export default async function ConflictsPage() {
  await requirePermission("afmm.oversight.view");
  return (
    <SectionPage
      title="Conflicts of interest"
      deliveries={[
        { delivers: "this page and the register" },
      ]}
    >
      A register of the conflicts of interest between the platform, its clients and the affiliated market maker,
      the control that manages each one, and a record of each Responsible Officer&apos;s review and sign-off.
    </SectionPage>
  );
}
