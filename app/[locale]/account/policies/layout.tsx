import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

// The register's and the policies' forms read the oversight messages in the browser.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages sections={["oversight"]}>{children}</ClientMessages>;
}
