/**
 * The retention policy (REC-2) and what the purge may erase (REC-7). Pure: the services, the job and
 * the compliance page share it.
 *
 * Periods (REC-2): order and instruction records at least 2 years (VATP 14.8); accounting and
 * compliance records 7 years (Keeping of Records Rules FAQ); AML customer due diligence and
 * transaction records at least 5 years after the relationship ends (AMLO Sch. 2); everything else
 * 7 years from the later of creation and account closure.
 *
 * Complaints and enquiries (CMP-1) are compliance records kept 7 years, but from their own closure,
 * not from the relationship: one may be raised after the account closed, or by a member of the public
 * with no account at all, and an investigation can outlast the relationship by years. An open one
 * never expires: its handling is not finished.
 *
 * Why a client is purged only once every class has run out, not class by class: each class's records
 * are tied to the person through the same User row, so erasing the identity early would strip the
 * longer-lived records (the 7-year compliance file, the 5-years-after-closure CDD file, a complaint
 * still being handled) of whom they are about, which the Keeping of Records Rules forbid (they prevail
 * over PDPO s.26, REC-7). The account's own records (every class but complaints) are made no later
 * than the relationship ends, so each of their periods runs, per client, from the later of creation
 * and closure. A complaint can be made and closed after that, so it counts with its own end. The
 * client's retention ends with the latest of all of them (clientRetentionEndsAt), and their complaints'
 * personal data is erased with the identity. A public complaint has no identity to wait for: it is
 * erased on its own once its period ran out.
 *
 * Why an open relationship never expires: the CDD period runs from the relationship's end, and the
 * client's records keep being made while it lasts, so nothing of a current client is ever past
 * retention. Nor while one of their complaints is open, for the reason above.
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

export const RECORD_CLASSES = ["orders", "accounting", "compliance", "amlCdd", "clientProfile", "complaints"] as const;
export type RecordClass = (typeof RECORD_CLASSES)[number];

/** A legal hold covers one class or every class. */
export const HOLD_SCOPES = ["all", ...RECORD_CLASSES] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];

/**
 * What a period runs from: the record's creation, the end of the relationship, the later of the two,
 * or the record's own closure (a complaint's).
 */
export type RetentionStart = "creation" | "relationshipEnd" | "laterOfCreationOrClosure" | "recordClosure";

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
  // Complaints and enquiries: what the complainant wrote and sent, where to reply, the letters, notes
  // and answers in the log, and the notices that carried them to a client. Reference, kind, category,
  // status, dates, deadlines, root causes, who acted and the files' SHA-256s stay: they prove the
  // complaint existed and how it was handled.
  complaints: {
    years: 7,
    from: "recordClosure",
    personalData: [
      "Complaint.text",
      "Complaint.contactEmail",
      "Complaint.letterText",
      "ComplaintEvent.text",
      "ComplaintEvent.data",
      "ComplaintAttachment.content",
      "ComplaintAttachment.fileName",
      "ClientNotice.body",
      "ClientNotice.params",
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
 * what its period runs from closed: the relationship it belongs to or, for a class kept from the
 * record's own closure, the record itself. Null while the period has not started (still open).
 */
export function retentionEndsAt(recordClass: RecordClass, { createdAt, closedAt }: { createdAt: Date; closedAt: Date | null }): Date | null {
  const rule = RETENTION_POLICY[recordClass];
  switch (rule.from) {
    case "creation":
      return addYears(createdAt, rule.years);
    case "relationshipEnd":
    case "recordClosure":
      return closedAt ? addYears(closedAt, rule.years) : null;
    case "laterOfCreationOrClosure":
      return closedAt ? addYears(new Date(Math.max(createdAt.getTime(), closedAt.getTime())), rule.years) : null;
  }
}

/** When a complaint's or an enquiry's personal data may be erased; null while it is open. */
export function complaintRetentionEndsAt(complaint: { receivedAt: Date; closedAt: Date | null }): Date | null {
  return retentionEndsAt("complaints", { createdAt: complaint.receivedAt, closedAt: complaint.closedAt });
}

/**
 * When a client's personal data may be erased: the latest end over the account's classes, each run
 * from the later of the client's creation and closure, and over the client's complaints, each from its
 * own closure (see the file comment). Null while the relationship or any of the complaints is open.
 */
export function clientRetentionEndsAt(
  client: { createdAt: Date; closedAt: Date | null },
  complaints: readonly { receivedAt: Date; closedAt: Date | null }[] = [],
): Date | null {
  if (!client.closedAt) return null;
  const lastRecord = { createdAt: new Date(Math.max(client.createdAt.getTime(), client.closedAt.getTime())), closedAt: client.closedAt };
  let latest = 0;
  for (const recordClass of RECORD_CLASSES)
    if (RETENTION_POLICY[recordClass].from !== "recordClosure") latest = Math.max(latest, retentionEndsAt(recordClass, lastRecord)!.getTime());
  for (const complaint of complaints) {
    const endsAt = complaintRetentionEndsAt(complaint);
    if (!endsAt) return null;
    latest = Math.max(latest, endsAt.getTime());
  }
  return new Date(latest);
}

/** The longest period of any class: a client closed less than this long ago cannot be past retention. */
export const LONGEST_RETENTION_YEARS = Math.max(...RECORD_CLASSES.map((c) => RETENTION_POLICY[c].years));

/** The e-mail placeholder of an erased user: unique (the column is), and not an address anyone could own. */
export function erasedEmail(userId: string): string {
  return `erased:${userId}`;
}

/**
 * Keys of the JSON the purge rewrites (the onboarding draft and submission record, the complaint log's
 * entries, a complaint's notices) whose string values are kept: enumerated choices, dates, currencies,
 * amounts, ids and hashes that other records, decisions and the MI reports refer to. Every other string
 * (names, employers, custodians, addresses, identity numbers, file names, free text) is erased.
 */
const KEPT_STRING_KEYS = new Set([
  "category",
  // The complaint log: the root-cause tags and which deadline an escalation was for.
  "causes",
  "deadline",
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
