import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { NotBuiltYet, type Delivery } from "@/components/not-built-yet";
import { audience, pagesFor, type Audience, type Viewer } from "@/components/site-map";
import { Link } from "@/lib/i18n/navigation";

/**
 * The landing page of a section: its heading, what it provides, and the pages in it that open for
 * this reader. Where part of the section is still to come, `deliveries` says what, and the notice
 * says exactly which part works today.
 */
export function SectionPage({
  id,
  viewer,
  title,
  children,
  deliveries = [],
  whatIsLive,
}: {
  id: Audience["id"];
  viewer: Viewer;
  title: string;
  /** One short paragraph on what the section provides its users. */
  children: ReactNode;
  /** What is still to come, if anything. */
  deliveries?: Delivery[];
  /** With deliveries: exactly which part already works. */
  whatIsLive?: string;
}) {
  const t = useTranslations("nav");
  const section = audience(id);
  const pages = pagesFor(section, viewer).filter((page) => page.href !== section.href);
  return (
    <article className="section-page">
      <h1>{title}</h1>
      <p className="lead">{children}</p>
      <h2>{t("section.inThisSection")}</h2>
      <ul data-testid="section-pages">
        {pages.map((page) => (
          <li key={page.href}>
            <Link href={page.href}>{t(page.titleKey)}</Link>
          </li>
        ))}
      </ul>
      {deliveries.length > 0 ? <NotBuiltYet deliveries={deliveries} whatIsLive={whatIsLive} /> : null}
    </article>
  );
}
