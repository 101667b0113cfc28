/**
 * The complaints and enquiries policy (CMP-1, CMP-2, EDU-2) in one place: the deadlines, the
 * categories and the root-cause tags. The public procedure page, the services, the job and the MI
 * report all read these values; no page types a number of days of its own. Pure and client-safe.
 */

export const COMPLAINT_KINDS = ["complaint", "enquiry"] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** What a complaint or an enquiry is about; the same list for both, so themes compare. */
export const COMPLAINT_CATEGORIES = [
  "account_onboarding",
  "trading_execution",
  "liquidation_adl",
  "fees_funding",
  "collateral_transfers",
  "service_conduct",
  "technical",
  "other",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** What an investigation found to be the cause; a complaint may carry several. */
export const ROOT_CAUSES = [
  "system_error",
  "process_failure",
  "staff_conduct",
  "unclear_disclosure",
  "third_party",
  "market_event",
  "client_misunderstanding",
  "no_fault_found",
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const COMPLAINT_POLICY = {
  /** CMP-1: a complaint is acknowledged within this many Hong Kong business days of its receipt. */
  acknowledgeBusinessDays: 2,
  /** CMP-1: the final response (the outcome letter) is sent within this many calendar days of receipt. */
  finalResponseDays: 30,
  /** EDU-2: an enquiry is answered within this many Hong Kong business days of receipt, by category. */
  enquiryBusinessDays: {
    account_onboarding: 2,
    trading_execution: 1,
    liquidation_adl: 1,
    fees_funding: 2,
    collateral_transfers: 1,
    service_conduct: 3,
    technical: 1,
    other: 3,
  } satisfies Record<ComplaintCategory, number>,
  /** RPT-9: the SFC is told of an FDRC referral within this many Hong Kong business days of its being recorded. */
  fdrcNotificationBusinessDays: 5,
} as const;

/** What a complaint's or an enquiry's text may hold, in characters after trimming. */
export const COMPLAINT_TEXT_MAX = 5_000;
/** An investigation note, an enquiry's answer, or the outcome a letter states. */
export const NOTE_TEXT_MAX = 5_000;
/** The FDRC's or the client's reference for a referral, and similar short fields. */
export const REFERENCE_MAX = 100;
export const EMAIL_MAX = 254;

/**
 * CMP-1, EDU-2: what a complaint or an enquiry may carry besides its words: at most this many files,
 * each a PDF, PNG or JPEG (judged by its content, lib/uploads/file-type.ts) of at most this many bytes.
 * Together they stay under the largest request the portal reads (lib/request-limits.mjs).
 */
export const COMPLAINT_ATTACHMENTS_MAX = 3;
export const COMPLAINT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** What a complainant quotes: C- (complaint) or E- (enquiry) and eight characters (submit-complaint.ts). */
export const COMPLAINT_REFERENCE_PATTERN = /^[CE]-[0-9A-F]{8}$/;

export function isComplaintCategory(value: string): value is ComplaintCategory {
  return (COMPLAINT_CATEGORIES as readonly string[]).includes(value);
}

export function isRootCause(value: string): value is RootCause {
  return (ROOT_CAUSES as readonly string[]).includes(value);
}

/** The shortest and longest enquiry answer windows, for a page that states the range. */
export function enquiryWindowRange(): { min: number; max: number } {
  const days = Object.values(COMPLAINT_POLICY.enquiryBusinessDays);
  return { min: Math.min(...days), max: Math.max(...days) };
}

/** Ageing bands by whole days open, for the dashboard and the monthly MI alike. */
export const AGEING_BANDS = [
  { key: "days0to7", maxDays: 7 },
  { key: "days8to14", maxDays: 14 },
  { key: "days15to30", maxDays: 30 },
  { key: "days31plus", maxDays: Infinity },
] as const;
export type AgeingBand = (typeof AGEING_BANDS)[number]["key"];

const DAY_MS = 86_400_000;

/** Whole days from receipt to `atMs` (the close, or now for an open one). */
export function daysOpen(receivedAtMs: number, atMs: number): number {
  return Math.max(0, Math.floor((atMs - receivedAtMs) / DAY_MS));
}

export function ageingBand(days: number): AgeingBand {
  return AGEING_BANDS.find((band) => days <= band.maxDays)!.key;
}
