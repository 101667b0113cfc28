import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { InsuranceFundBanner } from "@/components/insurance-fund-banner";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getCurrentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "HK Perps Disclosure & Compliance Portal",
    template: "%s · HK Perps Disclosure & Compliance Portal",
  },
  description:
    "Public disclosures, client portal, compliance and affiliated market maker oversight for a Hong Kong SFC-licensed virtual-asset trading platform offering perpetual contracts to professional investors. Demo environment.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b5d6b",
};

// The header shows who is signed in; access decisions are made by each page, not here.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentUser();
  const user = actor ? { name: actor.name, email: actor.email, roles: actor.roles } : null;
  return (
    <html lang="en-HK">
      <body>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <SiteHeader user={user} />
        <InsuranceFundBanner />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
