import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { SectionLayout } from "@/components/section-layout";

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages sections={["oversight"]}>
      <SectionLayout id="afmmDesk">{children}</SectionLayout>
    </ClientMessages>
  );
}
