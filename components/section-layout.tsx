import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { NavLink } from "@/components/nav-link";
import { audience, pagesFor, type Audience, type Viewer } from "@/components/site-map";

/**
 * Wraps an audience's pages: who the section is for, how to get in, and its page navigation, which
 * lists only the pages that open for this reader (a member of staff in the client section sees its inbox).
 */
export function SectionLayout({ id, viewer, children }: { id: Audience["id"]; viewer: Viewer; children: ReactNode }) {
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
            {pagesFor(section, viewer).map((page) => (
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
