import type { ReactNode } from "react";
import { SectionLayout } from "@/components/section-layout";
import { getCurrentUser } from "@/lib/transport/session";

// The section nav lists the pages this reader may open; each page still checks its own permission.
export default async function Layout({ children }: { children: ReactNode }) {
  const viewer = (await getCurrentUser())?.roles ?? null;
  return (
    <SectionLayout id="disclosures" viewer={viewer}>
      {children}
    </SectionLayout>
  );
}
