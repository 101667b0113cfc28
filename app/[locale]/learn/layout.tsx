import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { SectionLayout } from "@/components/section-layout";
import { getCurrentUser } from "@/lib/transport/session";

// The guides are public disclosures: the same section bar and navigation as the disclosure pages. The
// calculators are client components, so their messages go to the browser with the pages.
export default async function Layout({ children }: { children: ReactNode }) {
  const viewer = (await getCurrentUser())?.roles ?? null;
  return (
    <SectionLayout id="disclosures" viewer={viewer}>
      <ClientMessages sections={["education"]}>{children}</ClientMessages>
    </SectionLayout>
  );
}
