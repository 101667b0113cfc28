import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

/** The review queue's forms (replay, assign, comment, decide) read their words on the client. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages sections={["afmmReviews"]}>{children}</ClientMessages>;
}
