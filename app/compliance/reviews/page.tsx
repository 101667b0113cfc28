import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Reviews" };

export default function ReviewsPage() {
  return (
    <SectionPage
      title="Reviews"
      deliveries={[
        { by: "issue7", delivers: "this page and the review queues" },
        { by: "issue5", delivers: "sign-in and roles" },
      ]}
    >
      Queues of cases that need a compliance officer&apos;s decision, starting with client onboarding
      applications. Each review will record the decision, the reasons for it and who made it.
    </SectionPage>
  );
}
