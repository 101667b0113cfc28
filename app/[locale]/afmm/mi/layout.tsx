import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** The MI pages' form reads the `afmm` namespace on the client. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages sections={["afmm"]}>{children}</ClientMessages>;
}
