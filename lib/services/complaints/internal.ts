import "server-only";
import { createTranslator } from "next-intl";
import { addHongKongBusinessDays } from "@/lib/calendar/hk-business-days";
import {
  COMPLAINT_POLICY,
  COMPLAINT_TEXT_MAX,
  EMAIL_MAX,
  NOTE_TEXT_MAX,
  REFERENCE_MAX,
  type ComplaintCategory,
  type ComplaintKind,
} from "@/lib/complaints/policy";
import { messagesFor } from "@/lib/i18n/catalogue";
import { queueNotices } from "@/lib/notices/queue";
import type { NoticeParams } from "@/lib/notices/render";
import { msg, type MessageKey } from "@/lib/i18n/message-ref";
import type { AppLocale } from "@/lib/i18n/routing";
import { hongKongDate } from "@/lib/reports/period";
import type { Tx } from "@/lib/services/context";
import { Invalid, NotFound } from "@/lib/services/errors";
import { checkChoice, checkId as checkFormId, formFields, isUuid } from "@/lib/services/form-fields";
import { endOfHongKongDay } from "@/lib/services/registers/due-dates";
import { REQUEST_TEXT_MAX } from "./schemas";

/**
 * What the complaint verbs share and authorize nothing themselves: field checks that name the field
 * and what was wrong with it, the deadlines, the outcome letter's wording, and the log's one writer.
 */

export const LIMITS = {
  text: COMPLAINT_TEXT_MAX,
  note: NOTE_TEXT_MAX,
  outcome: NOTE_TEXT_MAX,
  answer: NOTE_TEXT_MAX,
  reference: REFERENCE_MAX,
  contactEmail: EMAIL_MAX,
} as const;
type Field = keyof typeof LIMITS;

const FIELD_LABEL: Record<Field, MessageKey> = {
  text: "errors.complaints.fields.text",
  note: "errors.complaints.fields.note",
  outcome: "errors.complaints.fields.outcome",
  answer: "errors.complaints.fields.answer",
  reference: "errors.complaints.fields.reference",
  contactEmail: "errors.complaints.fields.contactEmail",
};

/** The kinds of entry in the complaint log. */
export const EVENT_KINDS = [
  "received",
  "acknowledged",
  "note",
  "root_cause",
  "escalated",
  "letter_drafted",
  "mic_reviewed",
  "answered",
  "closed",
  "fdrc_referred",
] as const;
export type ComplaintEventKind = (typeof EVENT_KINDS)[number];

export const { readRequest, checkText } = formFields(
  LIMITS,
  FIELD_LABEL,
  { badRequest: "errors.complaints.badRequest", required: "errors.complaints.required", tooLong: "errors.complaints.tooLong" },
  REQUEST_TEXT_MAX,
);
export { checkChoice, isUuid };

/** A complaint's id; a malformed one is the same not-found as an unknown one. */
export function checkId(id: string): string {
  return checkFormId(id, "errors.complaints.noSuchComplaint");
}

/** An optional e-mail address for replies: empty is none; anything else must look like an address. */
export function checkEmail(value: string | undefined): string | null {
  const trimmed = checkText(value ?? "", "contactEmail", "contactEmail", { required: false }).toLowerCase();
  if (!trimmed) return null;
  if (!/^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@.]{1,63}$/.test(trimmed)) {
    const problem = msg("errors.complaints.badEmail");
    throw new Invalid(problem, { contactEmail: [problem] });
  }
  return trimmed;
}

const DAY_MS = 86_400_000;

/**
 * CMP-1, EDU-2: the deadlines set on receipt. A complaint is acknowledged within the policy's business
 * days and answered (the outcome letter) within its calendar days; an enquiry is answered within its
 * category's business days. Each is due by the end of its Hong Kong day.
 */
export function complaintDeadlines(kind: ComplaintKind, category: ComplaintCategory, receivedAt: Date): { acknowledgeDueAt: Date | null; responseDueAt: Date } {
  const received = hongKongDate(receivedAt.getTime());
  if (kind === "enquiry") {
    return { acknowledgeDueAt: null, responseDueAt: endOfHongKongDay(addHongKongBusinessDays(received, COMPLAINT_POLICY.enquiryBusinessDays[category])) };
  }
  const acknowledge = addHongKongBusinessDays(received, COMPLAINT_POLICY.acknowledgeBusinessDays);
  const respond = hongKongDate(Date.parse(`${received}T00:00:00Z`) + COMPLAINT_POLICY.finalResponseDays * DAY_MS);
  return { acknowledgeDueAt: endOfHongKongDay(acknowledge), responseDueAt: endOfHongKongDay(respond) };
}

/** RPT-9: the SFC notification of an FDRC referral recorded at `at` is due by the end of this Hong Kong day. */
export function fdrcNotificationDue(at: Date): { dueDate: string; dueAt: Date } {
  const due = addHongKongBusinessDays(hongKongDate(at.getTime()), COMPLAINT_POLICY.fdrcNotificationBusinessDays);
  return { dueDate: due, dueAt: endOfHongKongDay(due) };
}

export function asLocale(value: string | undefined): AppLocale {
  return value === "zh-HK" ? "zh-HK" : "en";
}

/**
 * CMP-1: the outcome letter, in the language the complaint was raised in: the complaint's reference
 * and date, the outcome the officer wrote, and the FDRC paragraph (the route to the Financial Dispute
 * Resolution Centre), which every letter carries because it is part of the template, not of the outcome.
 */
export function composeOutcomeLetter(complaint: { reference: string; receivedAt: Date; locale: string }, outcome: string): string {
  const t = createTranslator({ locale: asLocale(complaint.locale), messages: messagesFor(asLocale(complaint.locale)), namespace: "complaints.letter" });
  return [
    t("heading", { reference: complaint.reference }),
    t("opening", { reference: complaint.reference, date: hongKongDate(complaint.receivedAt.getTime()) }),
    outcome,
    t("fdrc"),
    t("closing"),
  ].join("\n\n");
}

/**
 * What a signed-in complainant is told, in their inbox and by e-mail (the notice outbox): receipt,
 * acknowledgement, the final response and an enquiry's answer. Someone without an account left an
 * e-mail address instead, and the officer replies to it. Once per complaint and step (dedupe key).
 */
export async function notifyComplainant(
  tx: Tx,
  complaint: { id: string; userId: string | null },
  kind: "complaintReceived" | "complaintAcknowledged" | "complaintOutcome" | "enquiryAnswered",
  params: NoticeParams,
  now: Date,
): Promise<void> {
  if (!complaint.userId) return;
  await queueNotices(tx, [{ userId: complaint.userId, kind, params, dedupeKey: `complaint:${complaint.id}:${kind}` }], now);
}

/** A deadline as the Hong Kong date it falls on. */
export const dueDate = (at: Date | null): string => (at ? hongKongDate(at.getTime()) : "");

/** Locks the complaint's row for the rest of the transaction, so its steps are taken one at a time. */
export async function lockComplaint(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "Complaint" WHERE "id" = ${id} FOR UPDATE`;
  const complaint = await tx.complaint.findUnique({ where: { id } });
  if (!complaint) throw new NotFound(msg("errors.complaints.noSuchComplaint"));
  return complaint;
}

/** The one writer of the complaint log. */
export async function appendEvent(
  tx: Tx,
  event: { complaintId: string; kind: ComplaintEventKind; actorId: string | null; at: Date; text?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await tx.complaintEvent.create({
    data: {
      complaintId: event.complaintId,
      kind: event.kind,
      actorId: event.actorId,
      at: event.at,
      text: event.text ?? null,
      ...(event.data ? { data: JSON.parse(JSON.stringify(event.data)) as object } : {}),
    },
  });
}
