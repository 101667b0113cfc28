import { useTranslations } from "next-intl";
import { NavLink } from "@/components/nav-link";
import { audiencesFor, type Viewer } from "@/components/site-map";

/**
 * Primary navigation: the sections that open for this reader (signed out: the public disclosures), each
 * labelled with who it is for. A section the reader's roles cannot open is not offered at all.
 */
export function SiteNav({ viewer }: { viewer: Viewer }) {
  const t = useTranslations("nav");
  return (
    <nav aria-label={t("sectionsLabel")} className="site-nav">
      <ul>
        {audiencesFor(viewer).map((entry) => (
          <li key={entry.id}>
            <NavLink href={entry.href} section className="site-nav__link">
              <span className="site-nav__title">{t(`sections.${entry.id}.title`)}</span>
              <span className="site-nav__audience">
                {t.rich("forAudience", {
                  audience: t(`sections.${entry.id}.audience`),
                  hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                })}
              </span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
