import type { Role } from "../lib/auth/permissions";

/**
 * Every page and API route, and who may reach it. Written out by hand (not derived from
 * lib/auth/permissions.ts) so the browser test checks the permission table rather than repeating it.
 * role-access.spec.ts fails when app/ gains a page.tsx or route.ts that is not listed here.
 *
 * access: "public" — everyone, signed in or not, gets the same (never a sign-in redirect, 401 or 403);
 *         "signed-in" — any signed-in role; anonymous visitors are sent to sign-in (pages) or get 401 (API);
 *         "public-missing" — public, and the sample names no record: everyone gets 404, never a sign-in;
 *         "owner" — one user's (or staff's) record; the sample is nobody's: anonymous visitors are sent to
 *         sign-in, every signed-in role gets 404;
 *         Role[] — only these roles; other roles get 404 (pages) or 403 (API).
 */
export interface RouteEntry {
  /** The route as the filesystem names it, e.g. /api/auth/[...nextauth]. */
  route: string;
  /** A concrete URL to request. */
  sample: string;
  access: "public" | "public-missing" | "signed-in" | "owner" | Role[];
  /** With Role[]: the sample names no record, so the allowed roles get 404 where they would get 200. */
  missing?: true;
}

const COMPLIANCE: Role[] = ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR"];
const AFMM_OVERSIGHT: Role[] = ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR"];

export const ACCESS_MATRIX: RouteEntry[] = [
  { route: "/", sample: "/", access: "public" },
  { route: "/disclosures", sample: "/disclosures", access: "public" },
  { route: "/disclosures/markets", sample: "/disclosures/markets", access: "public" },
  { route: "/disclosures/markets/[symbol]", sample: "/disclosures/markets/BTC-PERP", access: "public" },
  { route: "/disclosures/insurance-fund", sample: "/disclosures/insurance-fund", access: "public" },
  { route: "/disclosures/methodology", sample: "/disclosures/methodology", access: "public" },
  { route: "/disclosures/trades", sample: "/disclosures/trades", access: "public" },
  { route: "/disclosures/methodology/collateral", sample: "/disclosures/methodology/collateral", access: "public" },
  { route: "/disclosures/adl", sample: "/disclosures/adl", access: "public" },
  { route: "/disclosures/parameters", sample: "/disclosures/parameters", access: "public" },
  { route: "/disclosures/api", sample: "/disclosures/api", access: "public" },
  { route: "/sign-in", sample: "/sign-in", access: "public" },
  { route: "/sign-up", sample: "/sign-up", access: "public" },
  // CMP-2: the complaints procedure and the form to raise a complaint or an enquiry.
  { route: "/complaints", sample: "/complaints", access: "public" },
  // DISC-8, EDU-1: the risk disclosure in effect with its history, one earlier version (the sample names none), and the education hub.
  { route: "/disclosures/risk-disclosure", sample: "/disclosures/risk-disclosure", access: "public" },
  { route: "/disclosures/risk-disclosure/v/[version]", sample: "/disclosures/risk-disclosure/v/no-such-version", access: "public-missing" },
  { route: "/learn", sample: "/learn", access: "public" },
  { route: "/learn/[topic]", sample: "/learn/liquidation", access: "public" },
  // EDU-2: the knowledge base of answers to common questions, searchable.
  { route: "/learn/questions", sample: "/learn/questions", access: "public" },
  { route: "/account", sample: "/account", access: "signed-in" },
  // Demo mode only (the e2e servers run in demo mode): the signed-in user's own would-be e-mails.
  { route: "/demo-mailbox", sample: "/demo-mailbox", access: "signed-in" },
  { route: "/step-up", sample: "/step-up", access: "signed-in" },
  // AFMM-3: every member of staff, platform or market-maker side, reads the conflicts policies and attests.
  { route: "/account/policies", sample: "/account/policies", access: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "ADMIN", "AUDITOR", "AFMM_TRADER"] },
  { route: "/portal", sample: "/portal", access: ["CLIENT"] },
  { route: "/portal/onboarding", sample: "/portal/onboarding", access: ["CLIENT"] },
  { route: "/portal/onboarding/risk-disclosures", sample: "/portal/onboarding/risk-disclosures", access: ["CLIENT"] },
  // Onboarding steps: the signed-in client's own application.
  { route: "/portal/onboarding/evidence", sample: "/portal/onboarding/evidence", access: ["CLIENT"] },
  { route: "/portal/onboarding/knowledge", sample: "/portal/onboarding/knowledge", access: ["CLIENT"] },
  { route: "/portal/onboarding/net-worth", sample: "/portal/onboarding/net-worth", access: ["CLIENT"] },
  { route: "/portal/onboarding/course", sample: "/portal/onboarding/course", access: ["CLIENT"] },
  { route: "/portal/onboarding/quiz", sample: "/portal/onboarding/quiz", access: ["CLIENT"] },
  { route: "/portal/onboarding/va-knowledge", sample: "/portal/onboarding/va-knowledge", access: ["CLIENT"] },
  { route: "/portal/onboarding/corporate", sample: "/portal/onboarding/corporate", access: ["CLIENT"] },
  { route: "/portal/onboarding/circumstances", sample: "/portal/onboarding/circumstances", access: ["CLIENT"] },
  { route: "/portal/onboarding/withdraw", sample: "/portal/onboarding/withdraw", access: ["CLIENT"] },
  { route: "/portal/positions", sample: "/portal/positions", access: ["CLIENT"] },
  // Every signed-in user's own inbox (clients' notices, staff escalations).
  { route: "/portal/inbox", sample: "/portal/inbox", access: "signed-in" },
  // One notice: the reader's own, else 404 (the sample is nobody's; e2e/incident-report.spec.ts reads its own).
  { route: "/portal/inbox/[id]", sample: "/portal/inbox/7f1d2c3b-0000-4000-8000-000000000000", access: "owner" },
  { route: "/compliance", sample: "/compliance", access: COMPLIANCE },
  { route: "/compliance/reviews", sample: "/compliance/reviews", access: COMPLIANCE },
  // One onboarding submission. ":demo-submission" is replaced by the demo client's
  // submission, read from the queue, so the allowed roles get a real 200 (role-access.spec.ts).
  { route: "/compliance/reviews/[submissionId]", sample: "/compliance/reviews/:demo-submission", access: COMPLIANCE },
  { route: "/compliance/reports", sample: "/compliance/reports", access: COMPLIANCE },
  { route: "/compliance/registers", sample: "/compliance/registers", access: COMPLIANCE },
  // CMP-1, CMP-3: the complaints log and its dashboard; an unknown complaint is 404 for those who may read the log.
  { route: "/compliance/complaints", sample: "/compliance/complaints", access: COMPLIANCE },
  {
    route: "/compliance/complaints/[id]",
    sample: "/compliance/complaints/7f1d2c3b-0000-4000-8000-000000000000",
    access: COMPLIANCE,
    missing: true,
  },
  { route: "/compliance/retention", sample: "/compliance/retention", access: COMPLIANCE },
  { route: "/compliance/regulator-export", sample: "/compliance/regulator-export", access: COMPLIANCE },
  { route: "/compliance/audit-log", sample: "/compliance/audit-log", access: COMPLIANCE },
  { route: "/compliance/notices", sample: "/compliance/notices", access: COMPLIANCE },
  { route: "/compliance/incidents", sample: "/compliance/incidents", access: COMPLIANCE },
  // One incident: staff readers see it; the sample names none, so every signed-in role gets 404.
  { route: "/compliance/incidents/[id]", sample: "/compliance/incidents/NO-SUCH-INCIDENT", access: "owner" },
  // Published post-event reports: free and public. Unknown or unpublished reports are 404 for everyone.
  { route: "/disclosures/incidents", sample: "/disclosures/incidents", access: "public" },
  { route: "/disclosures/incidents/[id]", sample: "/disclosures/incidents/NO-SUCH-INCIDENT", access: "public-missing" },
  { route: "/disclosures/incidents/[id]/report.json", sample: "/disclosures/incidents/NO-SUCH-INCIDENT/report.json", access: "public-missing" },
  { route: "/disclosures/incidents/[id]/report.pdf", sample: "/disclosures/incidents/NO-SUCH-INCIDENT/report.pdf", access: "public-missing" },
  { route: "/disclosures/incidents/schema/v1.json", sample: "/disclosures/incidents/schema/v1.json", access: "public" },
  { route: "/compliance/parameters", sample: "/compliance/parameters", access: COMPLIANCE },
  { route: "/compliance/collateral", sample: "/compliance/collateral", access: COMPLIANCE },
  { route: "/compliance/collateral/[id]", sample: "/compliance/collateral/00000000-0000-4000-8000-000000000000", access: COMPLIANCE, missing: true },
  // MRG-5: one market proposal (the sample names none: 404 for the readers, 404 for everyone else).
  {
    route: "/compliance/parameters/proposals/[id]",
    sample: "/compliance/parameters/proposals/7f1d2c3b-0000-4000-8000-000000000001",
    access: COMPLIANCE,
    missing: true,
  },
  { route: "/compliance/requirements", sample: "/compliance/requirements", access: COMPLIANCE },
  { route: "/afmm", sample: "/afmm", access: AFMM_OVERSIGHT },
  { route: "/afmm/conflicts", sample: "/afmm/conflicts", access: AFMM_OVERSIGHT },
  { route: "/afmm/trade-reviews", sample: "/afmm/trade-reviews", access: AFMM_OVERSIGHT },
  // AFMM-3: the conflicts register, one entry (the sample names none: 404 for the readers, 404 for everyone else), its policies.
  { route: "/afmm/conflicts/[id]", sample: "/afmm/conflicts/7f1d2c3b-0000-4000-8000-000000000000", access: "owner" },
  { route: "/afmm/conflicts/policies", sample: "/afmm/conflicts/policies", access: AFMM_OVERSIGHT },
  // AFMM-7: the market maker's own desk (its quotes, fills, obligations and redacted alerts); nobody else's.
  { route: "/afmm-desk", sample: "/afmm-desk", access: ["AFMM_TRADER"] },
  // AFMM-7: the quarterly review of staff reads of client data.
  { route: "/compliance/access-review", sample: "/compliance/access-review?quarter=2026-Q4", access: COMPLIANCE },
  { route: "/afmm/trade-reviews/[id]", sample: "/afmm/trade-reviews/00000000-0000-4000-8000-000000000000", access: "owner" },
  { route: "/admin/users", sample: "/admin/users", access: ["ADMIN"] },
  { route: "/admin/scenarios", sample: "/admin/scenarios", access: ["ADMIN"] },
  { route: "/api/health", sample: "/api/health", access: "public" },
  { route: "/api/auth/[...nextauth]", sample: "/api/auth/session", access: "public" },
  { route: "/api/compliance/audit-log/export", sample: "/api/compliance/audit-log/export", access: COMPLIANCE },
  { route: "/api/compliance/notices/export", sample: "/api/compliance/notices/export", access: COMPLIANCE },
  { route: "/api/compliance/access-review/export", sample: "/api/compliance/access-review/export?quarter=2026-Q4", access: COMPLIANCE },
  { route: "/api/afmm/conflicts/export", sample: "/api/afmm/conflicts/export", access: AFMM_OVERSIGHT },
  // RPT-1: the report packs with their progress, and one pack's ZIP (the sample names none).
  { route: "/api/compliance/reports/packs", sample: "/api/compliance/reports/packs", access: COMPLIANCE },
  // RPT-10: the regulator export. It needs a fresh second factor, which no session here has proved, so
  // every role is refused (403: step-up for the officers, permission for the rest); e2e/report-packs.spec.ts exports after stepping up.
  { route: "/api/compliance/regulator-export", sample: "/api/compliance/regulator-export?from=2026-11-01&to=2026-11-30", access: [] },
  {
    route: "/api/compliance/reports/packs/[id]/zip",
    sample: "/api/compliance/reports/packs/7f1d2c3b-0000-4000-8000-000000000000/zip",
    access: COMPLIANCE,
    missing: true,
  },
  // CMP-1, EDU-2: a file sent with a complaint, for those who may read the complaint; the sample names none.
  {
    route: "/api/compliance/complaints/[id]/attachments/[attachmentId]",
    sample: "/api/compliance/complaints/7f1d2c3b-0000-4000-8000-000000000000/attachments/7f1d2c3b-0000-4000-8000-000000000001",
    access: COMPLIANCE,
    missing: true,
  },
  // RPT-7: a published incident report under its SFC cover; the sample names no incident.
  { route: "/api/compliance/incidents/[id]/sfc-cover", sample: "/api/compliance/incidents/no-such-incident/sfc-cover", access: COMPLIANCE, missing: true },
  // AFMM-10: a monthly MI report's files; the sample names none.
  { route: "/api/afmm/mi/[id]/csv", sample: "/api/afmm/mi/7f1d2c3b-0000-4000-8000-000000000000/csv", access: AFMM_OVERSIGHT, missing: true },
  { route: "/api/afmm/mi/[id]/pdf", sample: "/api/afmm/mi/7f1d2c3b-0000-4000-8000-000000000000/pdf", access: AFMM_OVERSIGHT, missing: true },
  // AFMM-6: the public AFMM arrangements.
  { route: "/api/public/afmm/arrangements", sample: "/api/public/afmm/arrangements", access: "public" },
  { route: "/disclosures/afmm", sample: "/disclosures/afmm", access: "public" },
  { route: "/afmm/mi", sample: "/afmm/mi", access: AFMM_OVERSIGHT },
  { route: "/afmm/mi/[id]", sample: "/afmm/mi/7f1d2c3b-0000-4000-8000-000000000000", access: "owner" },
  // The signed-in client's own trading account: 200 with { account: null } before it is opened.
  { route: "/api/portal/trading", sample: "/api/portal/trading", access: ["CLIENT"] },
  // The PDF of a personal incident statement carried by one of the reader's own notices, else 404.
  { route: "/api/portal/inbox/[id]/statement", sample: "/api/portal/inbox/7f1d2c3b-0000-4000-8000-000000000000/statement", access: "owner" },
  // DISC-9: a monthly statement's PDF (the client's own; compliance staff read any, logged) and a fill's contract note.
  { route: "/api/portal/inbox/[id]/monthly-statement", sample: "/api/portal/inbox/7f1d2c3b-0000-4000-8000-000000000000/monthly-statement", access: "owner" },
  { route: "/api/portal/contract-notes/[seq]", sample: "/api/portal/contract-notes/1", access: "owner" },
  // An uploaded evidence file: the client's own, or any client's for staff who may read client
  // records. ":demo-document" is the demo client's statement, read from their evidence page (role-access.spec.ts).
  { route: "/api/portal/onboarding/documents/[id]", sample: "/api/portal/onboarding/documents/:demo-document", access: ["CLIENT", ...COMPLIANCE] },
  // Public market data; an unknown symbol answers at once instead of opening a stream.
  { route: "/api/public/markets/[symbol]/snapshot", sample: "/api/public/markets/NO-SUCH-MARKET/snapshot", access: "public" },
  { route: "/api/public/markets/[symbol]/stream", sample: "/api/public/markets/NO-SUCH-MARKET/stream", access: "public" },
  // DISC-2: several markets on one stream (what the pages use); an unknown symbol answers at once.
  { route: "/api/public/stream", sample: "/api/public/stream?markets=NO-SUCH-MARKET", access: "public" },
  // The documented public JSON API (README "Public API"; reference at /disclosures/api).
  { route: "/api/public/markets", sample: "/api/public/markets", access: "public" },
  { route: "/api/public/markets/[symbol]", sample: "/api/public/markets/NO-SUCH-MARKET", access: "public" },
  { route: "/api/public/markets/[symbol]/mark-trail", sample: "/api/public/markets/NO-SUCH-MARKET/mark-trail", access: "public" },
  { route: "/api/public/markets/[symbol]/at", sample: "/api/public/markets/NO-SUCH-MARKET/at?seq=1", access: "public" },
  { route: "/api/public/markets/[symbol]/trades", sample: "/api/public/markets/NO-SUCH-MARKET/trades", access: "public" },
  { route: "/api/public/markets/[symbol]/funding", sample: "/api/public/markets/NO-SUCH-MARKET/funding", access: "public" },
  { route: "/api/public/markets/[symbol]/minutes", sample: "/api/public/markets/NO-SUCH-MARKET/minutes", access: "public" },
  { route: "/api/public/insurance-fund", sample: "/api/public/insurance-fund", access: "public" },
  { route: "/api/public/markets/[symbol]/adl", sample: "/api/public/markets/NO-SUCH-MARKET/adl", access: "public" },
  { route: "/api/public/methodology", sample: "/api/public/methodology", access: "public" },
  { route: "/api/public/parameters", sample: "/api/public/parameters", access: "public" },
  { route: "/api/public/stress", sample: "/api/public/stress", access: "public" },
];
