import type { MessageKeys, NestedKeyOf } from "next-intl";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import type { Messages } from "@/lib/i18n/catalogue";

/**
 * The portal's sections: one entry per audience, each with its pages. The header nav, the section
 * navs and the home page cards all read from here so routes stay in one place; their words live in
 * the `nav` catalogue (`nav.sections.<id>.title`, `.audience`, `.access`, `.summary`, `.built`), and
 * each page names its own title key.
 *
 * Each restricted page names the permission its page.tsx requires (requirePermission), so every
 * navigation shows a reader only the pages that open for them (lib/site-map.test.ts holds the two together).
 */

/** A message key of the `nav` namespace, as `useTranslations("nav")` accepts it. */
export type NavKey = MessageKeys<Messages["nav"], NestedKeyOf<Messages["nav"]>>;

export interface SitePage {
  href: string;
  titleKey: NavKey;
  /** The permission the page requires; none for a public page. */
  permission?: Permission;
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
      { href: "/disclosures/risk-disclosure", titleKey: "sections.disclosures.pages.riskDisclosure" },
      { href: "/learn", titleKey: "sections.disclosures.pages.learn" },
      { href: "/disclosures/api", titleKey: "sections.disclosures.pages.api" },
    ],
  },
  {
    id: "portal",
    href: "/portal",
    pages: [
      { href: "/portal", titleKey: "sections.portal.pages.overview", permission: "portal.view" },
      { href: "/portal/onboarding", titleKey: "sections.portal.pages.onboarding", permission: "portal.view" },
      { href: "/portal/onboarding/course", titleKey: "sections.portal.pages.course", permission: "portal.view" },
      { href: "/portal/onboarding/risk-disclosures", titleKey: "sections.portal.pages.riskDisclosures", permission: "portal.view" },
      { href: "/portal/positions", titleKey: "sections.portal.pages.positions", permission: "portal.view" },
      { href: "/portal/inbox", titleKey: "sections.portal.pages.inbox", permission: "inbox.use" },
    ],
  },
  {
    id: "compliance",
    href: "/compliance",
    pages: [
      { href: "/compliance", titleKey: "sections.compliance.pages.overview", permission: "compliance.view" },
      { href: "/compliance/reviews", titleKey: "sections.compliance.pages.reviews", permission: "compliance.view" },
      { href: "/compliance/incidents", titleKey: "sections.compliance.pages.incidents", permission: "incidents.read" },
      { href: "/compliance/reports", titleKey: "sections.compliance.pages.reports", permission: "compliance.view" },
      { href: "/compliance/regulator-export", titleKey: "sections.compliance.pages.regulatorExport", permission: "compliance.view" },
      { href: "/compliance/registers", titleKey: "sections.compliance.pages.registers", permission: "compliance.view" },
      { href: "/compliance/complaints", titleKey: "sections.compliance.pages.complaints", permission: "compliance.view" },
      { href: "/compliance/retention", titleKey: "sections.compliance.pages.retention", permission: "compliance.view" },
      { href: "/compliance/audit-log", titleKey: "sections.compliance.pages.auditLog", permission: "audit.read" },
      { href: "/compliance/notices", titleKey: "sections.compliance.pages.notices", permission: "notices.view" },
      { href: "/compliance/parameters", titleKey: "sections.compliance.pages.parameters", permission: "risk.read" },
      { href: "/compliance/collateral", titleKey: "sections.compliance.pages.collateral", permission: "risk.read" },
      { href: "/compliance/requirements", titleKey: "sections.compliance.pages.requirements", permission: "compliance.view" },
      { href: "/compliance/access-review", titleKey: "sections.compliance.pages.accessReview", permission: "access_review.read" },
    ],
  },
  {
    id: "afmm",
    href: "/afmm",
    pages: [
      { href: "/afmm", titleKey: "sections.afmm.pages.overview", permission: "afmm.oversight.view" },
      { href: "/afmm/conflicts", titleKey: "sections.afmm.pages.conflicts", permission: "afmm.oversight.view" },
      { href: "/afmm/trade-reviews", titleKey: "sections.afmm.pages.tradeReviews", permission: "afmm.oversight.view" },
      { href: "/afmm/mi", titleKey: "sections.afmm.pages.mi", permission: "afmm.oversight.view" },
    ],
  },
  {
    id: "afmmDesk",
    href: "/afmm-desk",
    pages: [{ href: "/afmm-desk", titleKey: "sections.afmmDesk.pages.overview", permission: "afmm.own_account.read" }],
  },
];

export function audience(id: Audience["id"]): Audience {
  const found = AUDIENCES.find((entry) => entry.id === id);
  if (!found) throw new Error(`unknown section: ${id}`);
  return found;
}

/** The reader's roles; null when signed out. */
export type Viewer = readonly Role[] | null;

/** Whether the page opens for this reader: public pages for everyone, the rest with their permission. */
export function canOpen(page: SitePage, viewer: Viewer): boolean {
  return page.permission === undefined || (viewer !== null && can(viewer, page.permission));
}

/** The section's own page (its overview), which the header and the home page link to. */
export function landingPage(entry: Audience): SitePage {
  const found = entry.pages.find((page) => page.href === entry.href);
  if (!found) throw new Error(`section ${entry.id} has no page at ${entry.href}`);
  return found;
}

/** The sections whose overview opens for this reader, for the header. */
export function audiencesFor(viewer: Viewer): Audience[] {
  return AUDIENCES.filter((entry) => canOpen(landingPage(entry), viewer));
}

/** A section's pages that open for this reader, for the section's own navigation. */
export function pagesFor(entry: Audience, viewer: Viewer): SitePage[] {
  return entry.pages.filter((page) => canOpen(page, viewer));
}
