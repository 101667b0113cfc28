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
    built: "Partly built: live market feed, insurance fund and trade tape",
    summary:
      "Contract specifications, the insurance fund, how index, mark and funding prices are calculated, and the record of executed trades.",
    pages: [
      { href: "/disclosures", title: "Overview" },
      { href: "/disclosures/markets", title: "Markets" },
      { href: "/disclosures/insurance-fund", title: "Insurance fund" },
      { href: "/disclosures/methodology", title: "Methodology" },
      { href: "/disclosures/trades", title: "Trades" },
    ],
  },
  {
    id: "portal",
    href: "/portal",
    title: "Client portal",
    audience: "Clients",
    access: "For the platform's clients (professional investors), after signing in with a client account.",
    built: "Not built yet",
    summary: "Onboarding before trading, then your own positions, margin, collateral and liquidation prices.",
    pages: [
      { href: "/portal", title: "Overview" },
      { href: "/portal/onboarding", title: "Onboarding" },
      { href: "/portal/positions", title: "Positions" },
    ],
  },
  {
    id: "compliance",
    href: "/compliance",
    title: "Compliance",
    audience: "Compliance officers",
    access: "For compliance officers, Responsible Officers and auditors (read-only), after signing in with two-factor authentication.",
    built: "Not built yet",
    summary: "Review queues for onboarding and other cases, regulatory and management reports, and the audit log.",
    pages: [
      { href: "/compliance", title: "Overview" },
      { href: "/compliance/reviews", title: "Reviews" },
      { href: "/compliance/reports", title: "Reports" },
      { href: "/compliance/audit-log", title: "Audit log" },
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
