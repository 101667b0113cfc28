import type { Metadata } from "next";
import { SectionPage } from "@/components/section-page";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditLogPage() {
  return (
    <SectionPage
      title="Audit log"
      deliveries={[
        { by: "issue5", delivers: "this page, the audit log behind it, and sign-in and roles" },
      ]}
    >
      An append-only record of significant actions in the portal, such as sign-ins, role changes and review
      decisions, searchable by person, action and time.
    </SectionPage>
  );
}
