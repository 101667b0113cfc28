import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

// Access is decided by each page (STYLE: permission checks in page.tsx); this only hands the
// administration forms their words.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages sections={["admin"]}>{children}</ClientMessages>;
}
