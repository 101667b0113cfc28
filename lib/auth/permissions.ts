/**
 * The access model in one file: which role may do what. Pages call requirePermission and services
 * call authorize with these names; nothing else decides access. Pure and client-safe, so the UI may
 * use `can` to hide what the server would refuse anyway.
 */

export const ROLES = ["CLIENT", "COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AFMM_TRADER", "ADMIN", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

// A role's name as people read it is in the message catalogue (labels.role.<Role>), not here.

/**
 * AFMM-2: the market maker is functionally independent of the platform, so a user's roles all come
 * from one family. Clients are a family of their own: staff never act through a client account.
 * The database enforces the same rule (UserRole's composite foreign keys, seeded from this map).
 */
export const ROLE_FAMILY = {
  CLIENT: "CLIENT",
  COMPLIANCE_OFFICER: "PLATFORM",
  RESPONSIBLE_OFFICER: "PLATFORM",
  ADMIN: "PLATFORM",
  AUDITOR: "PLATFORM",
  AFMM_TRADER: "AFMM",
} as const satisfies Record<Role, "CLIENT" | "PLATFORM" | "AFMM">;
export type RoleFamily = (typeof ROLE_FAMILY)[Role];

/** SEC-1: these roles must have a second factor before they can do anything but enrol one. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "ADMIN", "AFMM_TRADER", "AUDITOR"];

interface PermissionRule {
  roles: readonly Role[];
  /** AFMM-7: grants sight of non-public client or order data; never granted to AFMM_TRADER. */
  exposesClientData: boolean;
  /** Needs a fresh second factor (requireStepUp) in the service, on top of the role. */
  stepUp?: boolean;
}

const STAFF_READERS = ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR"] as const;

export const PERMISSIONS = {
  // Every signed-in user: their own account (password, second factor, own profile).
  "account.manage": { roles: ROLES, exposesClientData: false },
  // Every signed-in user: their own inbox. Clients get default-management notices and statements, staff
  // get escalations; each reads only the notices addressed to them. Staff need their second factor first.
  "inbox.use": { roles: ROLES, exposesClientData: false },
  // Client portal: the client's own onboarding and positions.
  "portal.view": { roles: ["CLIENT"], exposesClientData: false },
  // The client's own simulated trading account: open it, deposit collateral, place and cancel orders.
  "portal.trade": { roles: ["CLIENT"], exposesClientData: false },
  // Compliance section pages, and the records behind them.
  "compliance.view": { roles: STAFF_READERS, exposesClientData: true },
  "audit.read": { roles: STAFF_READERS, exposesClientData: true },
  "audit.export": { roles: STAFF_READERS, exposesClientData: true },
  // REC-6: the record of every notice sent to clients (inbox and e-mail), its content hash and delivery status, and its CSV export.
  "notices.view": { roles: STAFF_READERS, exposesClientData: true },
  // Oversight of the affiliated market maker (conflicts register, trade reviews): platform side only.
  "afmm.oversight.view": { roles: STAFF_READERS, exposesClientData: true },
  // The user directory (listUsers) and role administration.
  "users.read": { roles: ["ADMIN", ...STAFF_READERS], exposesClientData: true },
  "users.roles.manage": { roles: ["ADMIN"], exposesClientData: true, stepUp: true },
  // AFMM-7 information barrier: the data later issues add. Defined now so the barrier is in the table
  // before the data exists; none is granted to AFMM_TRADER.
  "clients.read": { roles: STAFF_READERS, exposesClientData: true },
  "orders.read_all": { roles: STAFF_READERS, exposesClientData: true },
  "liquidations.queue.read": { roles: STAFF_READERS, exposesClientData: true },
  "adl.ranks.read": { roles: STAFF_READERS, exposesClientData: true },
  // Sign-offs delivered by later issues; listed so their owners extend this table, not invent another.
  "reviews.decide": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: true, stepUp: true },
  "reports.generate": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: true, stepUp: true },
  // REC-2, REC-7: placing and releasing legal holds, and erasing a client's personal data after retention.
  "retention.manage": { roles: ["COMPLIANCE_OFFICER"], exposesClientData: true, stepUp: true },
  // Default-management incidents (DISC-7): staff read the workspace; a compliance officer writes the
  // narrative and submits it; a Responsible Officer approves after a step-up; either publishes.
  "incidents.read": { roles: STAFF_READERS, exposesClientData: true },
  "incidents.write": { roles: ["COMPLIANCE_OFFICER"], exposesClientData: true },
  "incidents.approve": { roles: ["RESPONSIBLE_OFFICER"], exposesClientData: true, stepUp: true },
  "incidents.publish": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: true },
  // Stress scenarios against the simulated market: injecting is an administrator's job;
  // the platform's supervisors may read what each run did.
  "simulation.scenarios.inject": { roles: ["ADMIN"], exposesClientData: false },
  "simulation.scenarios.read": { roles: ["ADMIN", ...STAFF_READERS], exposesClientData: false },
  // The AFMM trader's own desk: public market data plus its own account only.
  "afmm.own_account.read": { roles: ["AFMM_TRADER"], exposesClientData: false },
  // AFMM-1, AFMM-4, AFMM-9: the affiliate registry, the designated RO/MIC and the SFC notification record.
  // Changing any of them can switch AFMM order entry on or off, so it takes a fresh second factor.
  "afmm.governance.manage": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: false, stepUp: true },
  // AFMM-8: working the review queue (assign, comment). Deciding takes a step-up and closing is further
  // limited, in the service, to the designated oversight officer.
  "afmm.reviews.work": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: true },
  "afmm.reviews.decide": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: true, stepUp: true },
  // Running the surveillance rules over a past window of the journal.
  "afmm.surveillance.replay": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: true },
  // AFMM-3: the conflicts register and its policies.
  "conflicts.manage": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: false },
  // AFMM-3: every member of staff, platform or AFMM side, attests to the conflicts policies each year.
  "policies.attest": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "ADMIN", "AUDITOR", "AFMM_TRADER"], exposesClientData: false },
  // AFMM-7: the log of staff reads of client data and the quarterly access review built from it.
  "access_review.read": { roles: STAFF_READERS, exposesClientData: true },
  // MRG-5, COL-1, COL-4: maker-checker for risk parameters, market approvals and the collateral registry.
  // An officer proposes (a circuit breaker may act at once, after a step-up, checked in the service); a
  // second, different Responsible Officer decides after a step-up. Nobody changes anything alone.
  "risk.propose": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: false },
  "risk.decide": { roles: ["RESPONSIBLE_OFFICER"], exposesClientData: false, stepUp: true },
  "risk.read": { roles: STAFF_READERS, exposesClientData: false },
  // RPT-2, RPT-4, RPT-5, RPT-6: the incident and personnel registers and their dated tasks. Approving an
  // SFC notification also takes a step-up and a second person (checked in the service).
  "registers.manage": { roles: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], exposesClientData: false },
  // CMP-1, EDU-2, RPT-9: a compliance officer handles complaints and enquiries (acknowledge, investigate,
  // tag root causes, draft the outcome letter, close, record an FDRC referral). The MIC review of an
  // outcome letter is a Responsible Officer's, after a step-up, and never the handler's (checked in the service).
  "complaints.handle": { roles: ["COMPLIANCE_OFFICER"], exposesClientData: true },
  "complaints.review": { roles: ["RESPONSIBLE_OFFICER"], exposesClientData: true, stepUp: true },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission].roles;
  return roles.some((role) => allowed.includes(role));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The AFMM-2 rule itself: undefined when the set is allowed, else why not. */
export function roleSetProblem(roles: readonly Role[]): string | undefined {
  if (roles.length === 0) return "choose at least one role";
  const families = new Set(roles.map((role) => ROLE_FAMILY[role]));
  if (families.size <= 1) return undefined;
  if (families.has("AFMM") && families.has("PLATFORM")) {
    return "AFMM-2: a platform-operations role and an AFMM role cannot be held by the same user";
  }
  return "a client account cannot also hold a staff or AFMM role; staff use a separate account";
}

export function requiresTotp(roles: readonly Role[]): boolean {
  return roles.some((role) => TOTP_REQUIRED_ROLES.includes(role));
}
