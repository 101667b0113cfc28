import type { Metadata, Viewport } from "next";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { InsuranceFundBanner } from "@/components/insurance-fund-banner";
import { Providers } from "@/components/providers";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getCurrentUser, getServiceContext } from "@/lib/transport/session";
import { countUnreadNotices } from "@/lib/services/inbox/count-unread-notices";
import { ServiceError } from "@/lib/services/errors";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { HTML_LANG, routing } from "@/lib/i18n/routing";
import "../globals.css";

type LayoutParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LayoutParams): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "common.site" });
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("description"),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b5d6b",
};

// The header shows who is signed in; access decisions are made by each page, not here.
export default async function LocaleLayout({ children, params }: { children: ReactNode } & LayoutParams) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "common" });
  const actor = await getCurrentUser();
  const user = actor ? { name: actor.name, email: actor.email, roles: actor.roles, unreadNotices: await unreadNotices() } : null;
  return (
    <html lang={HTML_LANG[locale]}>
      <body>
        <ClientMessages>
          <Providers>
            <a href="#main" className="skip-link">
              {t("skipToContent")}
            </a>
            <SiteHeader user={user} />
            <InsuranceFundBanner />
            <main id="main" tabIndex={-1}>
              {children}
            </main>
            <SiteFooter />
          </Providers>
        </ClientMessages>
      </body>
    </html>
  );
}

/**
 * The header's unread count. Null (no inbox link) for a user the inbox refuses (staff before they enrol
 * a second factor) and when the database cannot answer: the badge is not worth failing a page for.
 */
async function unreadNotices(): Promise<number | null> {
  try {
    return await countUnreadNotices({ ctx: await getServiceContext() });
  } catch (error) {
    if (error instanceof ServiceError || isDatabaseUnavailable(error)) return null;
    throw error;
  }
}
