import type { ReactNode } from "react";
import { NavLink } from "@/components/nav-link";
import { audience, type Audience } from "@/components/site-map";

/** Wraps an audience's pages: who the section is for, how to get in, and its page navigation. */
export function SectionLayout({ id, children }: { id: Audience["id"]; children: ReactNode }) {
  const section = audience(id);
  return (
    <div className="container section">
      <div className="section__bar">
        <p className="section__who">
          <span className="section__name">{section.title}</span>
          <span className="pill">For: {section.audience}</span>
          <span className="section__access">{section.access}</span>
        </p>
        <nav aria-label={`${section.title} pages`} className="section-nav">
          <ul>
            {section.pages.map((page) => (
              <li key={page.href}>
                <NavLink href={page.href} className="section-nav__link">
                  {page.title}
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
