/**
 * The retention policy (REC-2) and what the purge may erase (REC-7). Pure: the services, the job and
 * the compliance page share it.
 *
 * Periods (REC-2): order and instruction records at least 2 years (VATP 14.8); accounting and
 * compliance records 7 years (Keeping of Records Rules FAQ); AML customer due diligence and
 * transaction records at least 5 years after the relationship ends (AMLO Sch. 2); everything else
 * 7 years from the later of creation and account closure.
 *
 * Why a client is purged only once every class has run out, not class by class: each class's records
 * are tied to the person through the same User row, so erasing the identity early would strip the
 * longer-lived records (the 7-year compliance file, the 5-years-after-closure CDD file) of whom they
 * are about, which the Keeping of Records Rules forbid (they prevail over PDPO s.26, REC-7). A client's
 * newest record of any class is made no later than the relationship ends, so, per client, every
 * period runs from the later of creation and closure, and the client's retention ends with the longest.
 *
 * Why an open relationship never expires: the CDD period runs from the relationship's end, and the
 * client's records keep being made while it lasts, so nothing of a current client is ever past retention.
 *
 * What the purge keeps, and why:
 * - Trading records (the engine journal, AccountActivity, positions) name engine account ids only;
 *   TradingAccount maps that id to the User row, which after the purge holds no personal data. They
 *   stay, so the ledger and the order history still reconcile.
 * - Decisions, dates, ids and hashes (onboarding status and dates, submission versions, evaluator
 *   results, recordHash chains, document SHA-256s, reviews' decisions): not personal data on their
 *   own, and they prove a record existed and was not altered while it had to be kept.
 * - The audit log: hash-chained and append-only by database trigger; rewriting it would break the
 *   chain that proves the other records. Services keep personal data out of it (ids, not names), and
 *   the purge's own tombstone carries ids and counts only.
 * - Corporate professional-investor assessments and consents, and reported changes of circumstances:
 *   append-only by database trigger (no row can be changed or deleted); erasing them needs a migration
 *   that lets the purge through, so they stay until that exists.
 * - Quiz attempts: the questions shown and the answers (REC-3), about product knowledge, not identity.
 */

export const RECORD_CLASSES = ["orders", "accounting", "compliance", "amlCdd", "clientProfile"] as const;
export type RecordClass = (typeof RECORD_CLASSES)[number];

/** A legal hold covers one class or every class. */
export const HOLD_SCOPES = ["all", ...RECORD_CLASSES] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];

/** What a period runs from: the record's creation, the end of the relationship, or the later of the two. */
export type RetentionStart = "creation" | "relationshipEnd" | "laterOfCreationOrClosure";

export interface RetentionRule {
  years: number;
  from: RetentionStart;
  /** Where the class's personal data lives ("Model.field"); empty when the class holds none. */
  personalData: readonly string[];
}

export const RETENTION_POLICY: Record<RecordClass, RetentionRule> = {
  // Engine journal and AccountActivity: engine account ids, never a name.
  orders: { years: 2, from: "creation", personalData: [] },
  // Deposits, balances and statements of the engine accounts: account ids, never a name.
  accounting: { years: 7, from: "creation", personalData: [] },
  // Officers' reviews and notes, notices sent to the client and their delivery addresses, disclosure
  // acknowledgements with the browser's address.
  compliance: {
    years: 7,
    from: "creation",
    personalData: [
      "SuitabilityReview.reason",
      "KnowledgeConfirmation.note",
      "NoticeDelivery.recipient",
      "RiskDisclosureAcknowledgement.userAgent",
      "RiskDisclosureAcknowledgement.ipAddress",
    ],
  },
  // Customer due diligence: the onboarding answers, evidence files and authorised traders.
  amlCdd: {
    years: 5,
    from: "relationshipEnd",
    personalData: [
      "OnboardingCase.draft",
      "OnboardingCase.statusReason",
      "OnboardingCase.revocationReason",
      "SuitabilitySubmission.record",
      "EvidenceDocument",
      "AuthorisedTrader.name",
      "AuthorisedTrader.position",
      "AuthorisedTrader.removedReason",
    ],
  },
  // The default: the person's identity and credentials.
  clientProfile: {
    years: 7,
    from: "laterOfCreationOrClosure",
    personalData: [
      "User.name",
      "User.email",
      "User.passwordHash",
      "User.totpSecret",
      "User.totpPendingSecret",
      "AuthSession",
      "KnownDevice",
      "EmailVerification",
    ],
  },
};

export function isRecordClass(value: string): value is RecordClass {
  return (RECORD_CLASSES as readonly string[]).includes(value);
}

export function isHoldScope(value: string): value is HoldScope {
  return (HOLD_SCOPES as readonly string[]).includes(value);
}

/** Calendar years in UTC (29 February plus one year is 1 March). */
export function addYears(at: Date, years: number): Date {
  const out = new Date(at.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

/** The inverse of addYears, for "expired on or before now" thresholds. */
export function subtractYears(at: Date, years: number): Date {
  return addYears(at, -years);
}

/**
 * When a record of the class may be erased: `createdAt` is when the record was made, `closedAt` when
 * the relationship it belongs to ended. Null while the period has not started (relationship open).
 */
export function retentionEndsAt(recordClass: RecordClass, { createdAt, closedAt }: { createdAt: Date; closedAt: Date | null }): Date | null {
  const rule = RETENTION_POLICY[recordClass];
  switch (rule.from) {
    case "creation":
      return addYears(createdAt, rule.years);
    case "relationshipEnd":
      return closedAt ? addYears(closedAt, rule.years) : null;
    case "laterOfCreationOrClosure":
      return closedAt ? addYears(new Date(Math.max(createdAt.getTime(), closedAt.getTime())), rule.years) : null;
  }
}

/**
 * When a client's personal data may be erased: the latest end over every class, each run from the
 * later of the client's creation and closure (see the file comment); null while the relationship is open.
 */
export function clientRetentionEndsAt(client: { createdAt: Date; closedAt: Date | null }): Date | null {
  if (!client.closedAt) return null;
  const lastRecord = { createdAt: new Date(Math.max(client.createdAt.getTime(), client.closedAt.getTime())), closedAt: client.closedAt };
  let latest = 0;
  for (const recordClass of RECORD_CLASSES) latest = Math.max(latest, retentionEndsAt(recordClass, lastRecord)!.getTime());
  return new Date(latest);
}

/** The longest period of any class: a client closed less than this long ago cannot be past retention. */
export const LONGEST_RETENTION_YEARS = Math.max(...RECORD_CLASSES.map((c) => RETENTION_POLICY[c].years));

/** The e-mail placeholder of an erased user: unique (the column is), and not an address anyone could own. */
export function erasedEmail(userId: string): string {
  return `erased:${userId}`;
}

/**
 * Keys of the onboarding JSON (draft and submission record) whose string values are kept: enumerated
 * choices, dates, currencies, amounts, ids and hashes that other records and decisions refer to. Every
 * other string (names, employers, custodians, addresses, identity numbers, free text) is erased.
 */
const KEPT_STRING_KEYS = new Set([
  "category",
  "assetClass",
  "documentType",
  "kind",
  "associate",
  "currency",
  "valueMinor",
  "netWorthHkdCents",
  "liquidAssetsHkdCents",
  "numerator",
  "denominator",
  "statementDate",
  "completionDate",
  "tradeDate",
  "periodFrom",
  "periodTo",
  "instrumentType",
  "training",
  "workExperience",
  "trading",
  "assessmentDate",
  "courseVersion",
  "bankId",
  "bankVersion",
  "versionId",
]);
const KEPT_KEY_PATTERN = /(?:^id$|Id$|Ids$|[Hh]ash$|sha256|At$|Ms$|Version$|^version$|Date$)/;

function keepsString(key: string | null): boolean {
  return key !== null && (KEPT_STRING_KEYS.has(key) || KEPT_KEY_PATTERN.test(key));
}

/**
 * The JSON with every personal string blanked (see KEPT_STRING_KEYS); numbers, booleans, nulls and the
 * shape stay, so the record still reads and its decisions can still be followed. Array items take
 * their array's key. Returns the erased copy and how many strings were blanked.
 */
export function erasePersonalStrings(value: unknown): { value: unknown; erased: number } {
  let erased = 0;
  const walk = (node: unknown, key: string | null): unknown => {
    if (typeof node === "string") {
      if (node === "" || keepsString(key)) return node;
      erased += 1;
      return "";
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    return node;
  };
  return { value: walk(value, null), erased };
}
