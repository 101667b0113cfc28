import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/** Client-safe: the audit log filter the list and the CSV export take (lib/transport/audit-log-query.ts reads it from a query string). */
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("validation.auditLog.dateFormat"))
  .refine(isCalendarDate, zodMessage("validation.auditLog.dateExists"))
  .optional()
  .or(z.literal("").transform(() => undefined));

/** "2026-02-31" and "2026-13-01" are not dates: a real one survives the round trip through Date.UTC. */
export function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split("-").map(Number);
  const at = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

export const AuditLogFilter = z
  .object({
    actor: text(320),
    action: text(64),
    entity: text(64),
    /** Hong Kong calendar dates, inclusive. */
    from: isoDate,
    to: isoDate,
    /** Show rows with seq below this (older); the page's "older entries" link. */
    before: z
      .string()
      .regex(/^\d{1,18}$/, zodMessage("validation.auditLog.beforeRowNumber"))
      .optional()
      .transform((value) => (value ? BigInt(value) : undefined)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: zodMessage("validation.auditLog.endBeforeStart") });
export type AuditLogFilter = z.input<typeof AuditLogFilter>;
