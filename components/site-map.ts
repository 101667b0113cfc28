/**
 * The portal's sections: one entry per audience, each with its pages. The header nav, the section
 * navs and the home page cards all read from here so routes and labels stay in one place.
 */

export interface SitePage {
  href: string;
  title: string;
}

export interface Audience {
  id: "disclosures" | "portal" | "compliance" | "afmm";
  href: string;
  title: string;
  /** Who the section is for, shown next to its name in the header nav. */
  audience: string;
  /** How a user gets in. */
  access: string;
  /** One sentence for the home page card. */
  summary: string;
  /** What of the section works today, for the home page card (plain words; "Not built yet" when nothing). */
  built: string;
  pages: SitePage[];
}

export const AUDIENCES: Audience[] = [
  {
    id: "disclosures",
    href: "/disclosures",
    title: "Public disclosures",
    audience: "Public",
    access: "Open to everyone, no sign-in.",
    built: "Built: market overview and a page per market (prices, funding, index and mark price with their inputs and audit trail), insurance fund, trade tape, margin and liquidation methodology, eligible collateral, ADL likelihood, the parameter registry with its change log, and the free public API with its reference",
    summary:
      "Contract specifications, margin and liquidation rules, eligible collateral, the insurance fund and ADL likelihood, every parameter with its change log, and the record of executed trades.",
    pages: [
      { href: "/disclosures", title: "Overview" },
      { href: "/disclosures/markets", title: "Markets" },
      { href: "/disclosures/insurance-fund", title: "Insurance fund" },
      { href: "/disclosures/methodology", title: "Margin & liquidation" },
      { href: "/disclosures/methodology/collateral", title: "Collateral" },
      { href: "/disclosures/adl", title: "ADL likelihood" },
      { href: "/disclosures/parameters", title: "Parameters" },
      { href: "/disclosures/trades", title: "Trades" },
      { href: "/disclosures/api", title: "Public API" },
    ],
  },
  {
    id: "portal",
    href: "/portal",
    title: "Client portal",
    audience: "Clients",
    access: "For the platform's clients (professional investors), after signing in with a client account.",
    built: "Built: professional-investor onboarding (evidence, derivative knowledge, net worth, risk quiz, perps course, risk-disclosure acknowledgement) and, once approved, positions, margin, collateral, orders and deposits on the simulated venue",
    summary: "Onboarding before trading, then your own positions, margin, collateral and liquidation prices.",
    pages: [
      { href: "/portal", title: "Overview" },
      { href: "/portal/onboarding", title: "Onboarding" },
      { href: "/portal/onboarding/course", title: "Perps course" },
      { href: "/portal/onboarding/risk-disclosures", title: "Risk disclosures" },
      { href: "/portal/positions", title: "Positions" },
    ],
  },
  {
    id: "compliance",
    href: "/compliance",
    title: "Compliance",
    audience: "Compliance officers",
    access: "For compliance officers, Responsible Officers and auditors (read-only), after signing in with two-factor authentication.",
    built: "Partly built: the onboarding review queue, the audit log, market parameter changes and the requirements matrix",
    summary: "Review queues for onboarding and other cases, regulatory and management reports, the audit log and market parameter changes.",
    pages: [
      { href: "/compliance", title: "Overview" },
      { href: "/compliance/reviews", title: "Reviews" },
      { href: "/compliance/reports", title: "Reports" },
      { href: "/compliance/audit-log", title: "Audit log" },
      { href: "/compliance/parameters", title: "Parameter changes" },
      { href: "/compliance/requirements", title: "Requirements" },
    ],
  },
  {
    id: "afmm",
    href: "/afmm",
    title: "AFMM oversight",
    audience: "Responsible Officers",
    access: "For Responsible Officers and compliance officers supervising the market maker (auditors read-only); never for AFMM staff.",
    built: "Not built yet",
    summary:
      "Supervision of the affiliated market maker: the conflicts-of-interest register and reviews of its trades against clients.",
    pages: [
      { href: "/afmm", title: "Overview" },
      { href: "/afmm/conflicts", title: "Conflicts of interest" },
      { href: "/afmm/trade-reviews", title: "Trade reviews" },
    ],
  },
];

export function audience(id: Audience["id"]): Audience {
  const found = AUDIENCES.find((entry) => entry.id === id);
  if (!found) throw new Error(`unknown section: ${id}`);
  return found;
}
