import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { NavLink } from "@/components/nav-link";
import { audience, type Audience } from "@/components/site-map";

/** Wraps an audience's pages: who the section is for, how to get in, and its page navigation. */
export function SectionLayout({ id, children }: { id: Audience["id"]; children: ReactNode }) {
  const t = useTranslations("nav");
  const section = audience(id);
  const title = t(`sections.${id}.title`);
  return (
    <div className="container section">
      <div className="section__bar">
        <p className="section__who">
          <span className="section__name">{title}</span>
          <span className="pill">{t("section.forAudience", { audience: t(`sections.${id}.audience`) })}</span>
          <span className="section__access">{t(`sections.${id}.access`)}</span>
        </p>
        <nav aria-label={t("section.pagesLabel", { section: title })} className="section-nav">
          <ul>
            {section.pages.map((page) => (
              <li key={page.href}>
                <NavLink href={page.href} className="section-nav__link">
                  {t(page.titleKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {children}
    </div>
  );
}
