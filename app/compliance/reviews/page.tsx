import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  await requirePermission("compliance.view");
  return (
    <SectionPage
      title="Reviews"
      deliveries={[
        { by: "issue7", delivers: "this page and the review queues" },
      ]}
    >
      Queues of cases that need a compliance officer&apos;s decision, starting with client onboarding
      applications. Each review will record the decision, the reasons for it and who made it.
    </SectionPage>
  );
}
