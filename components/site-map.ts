import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { Messages } from "@/lib/i18n/catalogue";

/**
 * The portal's sections: one entry per audience, each with its pages. The header nav, the section
 * navs and the home page cards all read from here so routes stay in one place; their words live in
 * the `nav` catalogue (`nav.sections.<id>.title`, `.audience`, `.access`, `.summary`, `.built`), and
 * each page names its own title key.
 */

/** A message key of the `nav` namespace, as `useTranslations("nav")` accepts it. */
export type NavKey = MessageKeys<Messages["nav"], NestedKeyOf<Messages["nav"]>>;

export interface SitePage {
  href: string;
  titleKey: NavKey;
}

export interface Audience {
  id: "disclosures" | "portal" | "compliance" | "afmm" | "afmmDesk";
  href: string;
  pages: SitePage[];
}

export const AUDIENCES: Audience[] = [
  {
    id: "disclosures",
    href: "/disclosures",
    pages: [
      { href: "/disclosures", titleKey: "sections.disclosures.pages.overview" },
      { href: "/disclosures/markets", titleKey: "sections.disclosures.pages.markets" },
      { href: "/disclosures/insurance-fund", titleKey: "sections.disclosures.pages.insuranceFund" },
      { href: "/disclosures/methodology", titleKey: "sections.disclosures.pages.methodology" },
      { href: "/disclosures/methodology/collateral", titleKey: "sections.disclosures.pages.collateral" },
      { href: "/disclosures/adl", titleKey: "sections.disclosures.pages.adl" },
      { href: "/disclosures/incidents", titleKey: "sections.disclosures.pages.incidents" },
      { href: "/disclosures/parameters", titleKey: "sections.disclosures.pages.parameters" },
      { href: "/disclosures/trades", titleKey: "sections.disclosures.pages.trades" },
      { href: "/disclosures/afmm", titleKey: "sections.disclosures.pages.afmm" },
      { href: "/disclosures/api", titleKey: "sections.disclosures.pages.api" },
    ],
  },
  {
    id: "portal",
    href: "/portal",
    pages: [
      { href: "/portal", titleKey: "sections.portal.pages.overview" },
      { href: "/portal/onboarding", titleKey: "sections.portal.pages.onboarding" },
      { href: "/portal/onboarding/course", titleKey: "sections.portal.pages.course" },
      { href: "/portal/onboarding/risk-disclosures", titleKey: "sections.portal.pages.riskDisclosures" },
      { href: "/portal/positions", titleKey: "sections.portal.pages.positions" },
      { href: "/portal/inbox", titleKey: "sections.portal.pages.inbox" },
    ],
  },
  {
    id: "compliance",
    href: "/compliance",
    pages: [
      { href: "/compliance", titleKey: "sections.compliance.pages.overview" },
      { href: "/compliance/reviews", titleKey: "sections.compliance.pages.reviews" },
      { href: "/compliance/incidents", titleKey: "sections.compliance.pages.incidents" },
      { href: "/compliance/reports", titleKey: "sections.compliance.pages.reports" },
      { href: "/compliance/regulator-export", titleKey: "sections.compliance.pages.regulatorExport" },
      { href: "/compliance/registers", titleKey: "sections.compliance.pages.registers" },
      { href: "/compliance/retention", titleKey: "sections.compliance.pages.retention" },
      { href: "/compliance/audit-log", titleKey: "sections.compliance.pages.auditLog" },
      { href: "/compliance/notices", titleKey: "sections.compliance.pages.notices" },
      { href: "/compliance/parameters", titleKey: "sections.compliance.pages.parameters" },
      { href: "/compliance/collateral", titleKey: "sections.compliance.pages.collateral" },
      { href: "/compliance/requirements", titleKey: "sections.compliance.pages.requirements" },
      { href: "/compliance/access-review", titleKey: "sections.compliance.pages.accessReview" },
    ],
  },
  {
    id: "afmm",
    href: "/afmm",
    pages: [
      { href: "/afmm", titleKey: "sections.afmm.pages.overview" },
      { href: "/afmm/conflicts", titleKey: "sections.afmm.pages.conflicts" },
      { href: "/afmm/trade-reviews", titleKey: "sections.afmm.pages.tradeReviews" },
      { href: "/afmm/mi", titleKey: "sections.afmm.pages.mi" },
    ],
  },
  {
    id: "afmmDesk",
    href: "/afmm-desk",
    pages: [{ href: "/afmm-desk", titleKey: "sections.afmmDesk.pages.overview" }],
  },
];

export function audience(id: Audience["id"]): Audience {
  const found = AUDIENCES.find((entry) => entry.id === id);
  if (!found) throw new Error(`unknown section: ${id}`);
  return found;
}
