import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { Messages } from "@/lib/i18n/catalogue";

/** What every page's client components read: the site's frame, the live widgets, shared labels and instrument names. */
const EVERY_PAGE = ["common", "components", "nav", "labels", "instruments", "auth", "account"] as const satisfies readonly (keyof Messages)[];

/**
 * Hands client components the message namespaces of their section only. Server components read the
 * whole catalogue on the server; sending all of it with every page would add some hundred kilobytes to
 * each answer. A section's layout wraps its pages in this with the namespaces its own forms use.
 */
export async function ClientMessages({ sections = [], children }: { sections?: readonly (keyof Messages)[]; children: ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries([...EVERY_PAGE, ...sections].map((namespace) => [namespace, messages[namespace]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
