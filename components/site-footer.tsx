import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";

export function SiteFooter() {
  const t = useTranslations("nav.footer");
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  // CMP-2: the complaints procedure is linked from every page.
  const link = (chunks: ReactNode) => <Link href="/complaints">{chunks}</Link>;
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__demo">{t.rich("demo", { strong })}</p>
        <p id="complaints">{t.rich("complaints", { link })}</p>
      </div>
    </footer>
  );
}
