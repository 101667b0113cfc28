import { useTranslations } from "next-intl";
import { NavLink } from "@/components/nav-link";
import { AUDIENCES } from "@/components/site-map";

/** Primary navigation: the four audiences, each labelled with who it is for. */
export function SiteNav() {
  const t = useTranslations("nav");
  return (
    <nav aria-label={t("sectionsLabel")} className="site-nav">
      <ul>
        {AUDIENCES.map((entry) => (
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
