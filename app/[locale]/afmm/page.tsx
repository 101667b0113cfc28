import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "AFMM oversight" };

export default async function AfmmPage() {
  await requirePermission("afmm.oversight.view");
  return (
    <SectionPage
      title="AFMM oversight"
      deliveries={[
        { delivers: "these pages" },
      ]}
    >
      For Responsible Officers supervising the affiliated market maker, after signing in: a register of the
      conflicts of interest that arise from the market maker being affiliated with the platform and how each is
      managed, and reviews of the market maker&apos;s trades against clients.
    </SectionPage>
  );
}
