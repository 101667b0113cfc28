import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { SectionLayout } from "@/components/section-layout";
import { getCurrentUser } from "@/lib/transport/session";

// The complaints procedure is public, beside the disclosures: the same section bar. Its form is a
// client component, so the form's messages go to the browser with the page.
export default async function Layout({ children }: { children: ReactNode }) {
  const viewer = (await getCurrentUser())?.roles ?? null;
  return (
    <SectionLayout id="disclosures" viewer={viewer}>
      <ClientMessages sections={["complaints"]}>{children}</ClientMessages>
    </SectionLayout>
  );
}
