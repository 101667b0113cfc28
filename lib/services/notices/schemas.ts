import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from "@/lib/notices/deliveries";
import { isCalendarDate } from "@/lib/services/audit-log/schemas";

/**
 * Client-safe: the filter of the notice delivery records (REC-6) that the compliance page and the
 * CSV export take (lib/transport/notice-deliveries-query.ts reads it from a query string). Dates are
 * Hong Kong calendar days of when the notice was queued, checked as the audit log's are.
 */
const hkDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("validation.auditLog.dateFormat"))
  .refine(isCalendarDate, zodMessage("validation.auditLog.dateExists"))
  .optional()
  .or(z.literal("").transform(() => undefined));

// The form's "Any" sends an empty value.
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((value) => (value === "" ? undefined : value), z.enum(values, { error: message }).optional());

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

export const NoticeDeliveryFilter = z
  .object({
    status: choice(DELIVERY_STATUSES, zodMessage("validation.noticeDeliveries.status")),
    channel: choice(DELIVERY_CHANNELS, zodMessage("validation.noticeDeliveries.channel")),
    /** An incident's id: the notices about it. */
    incident: text(100),
    /** The client's e-mail address, or part of it. */
    client: text(320),
    from: hkDate,
    to: hkDate,
    /** Continue after this record (the page's "older records" link): `<queued ms>_<notice id>_<channel>`. */
    before: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(/^\d{1,15}_[0-9a-f-]{36}_(inbox|email)$/, zodMessage("validation.noticeDeliveries.cursor"))
        .optional(),
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: zodMessage("validation.auditLog.endBeforeStart") });
/** What the services take: the query string's values, as typed; the schema checks them. */
export interface NoticeDeliveryFilter {
  status?: string;
  channel?: string;
  incident?: string;
  client?: string;
  from?: string;
  to?: string;
  before?: string;
}
