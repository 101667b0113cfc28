import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

export function SiteFooter() {
  const t = useTranslations("nav.footer");
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__demo">{t.rich("demo", { strong })}</p>
        <p id="complaints">{t.rich("complaints", { strong })}</p>
      </div>
    </footer>
  );
}
