import { NavLink } from "@/components/nav-link";
import { AUDIENCES } from "@/components/site-map";

/** Primary navigation: the four audiences, each labelled with who it is for. */
export function SiteNav() {
  return (
    <nav aria-label="Sections" className="site-nav">
      <ul>
        {AUDIENCES.map((entry) => (
          <li key={entry.id}>
            <NavLink href={entry.href} section className="site-nav__link">
              <span className="site-nav__title">{entry.title}</span>
              <span className="site-nav__audience">
                <span className="visually-hidden">, for </span>
                {entry.audience}
              </span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
