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
import { env } from "@/lib/env";
import { HTML_LANG, routing, type AppLocale } from "@/lib/i18n/routing";
import "../globals.css";

type LayoutParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LayoutParams): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "common.site" });
  const preview = { url: "/og-image.png", width: 1200, height: 630, alt: t("name"), type: "image/png" };
  return {
    // Absolute addresses for the preview image: the portal's configured base URL, else the local demo's.
    metadataBase: new URL(env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`),
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("description"),
    robots: { index: false, follow: false },
    // The files of public/, written by scripts/generate-icons.ts; proxy.ts leaves addresses with a dot unprefixed.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: [{ url: "/apple-touch-icon.png", sizes: "180x180", type: "image/png" }],
    },
    manifest: "/manifest.webmanifest",
    openGraph: {
      type: "website",
      siteName: t("name"),
      title: t("name"),
      description: t("description"),
      locale: OPEN_GRAPH_LOCALE[locale],
      images: [preview],
    },
    twitter: { card: "summary_large_image", title: t("name"), description: t("description"), images: [preview] },
  };
}

/** Open Graph writes a locale as language_TERRITORY. */
const OPEN_GRAPH_LOCALE: Record<AppLocale, string> = { en: "en_HK", "zh-HK": "zh_HK" };

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
