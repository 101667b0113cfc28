import { z } from "zod";
import { routing } from "@/lib/i18n/routing";
import { zodMessage } from "@/lib/i18n/message-ref";

/**
 * Inputs of the inbox verbs. Pages pass what the address holds (strings from the query string and the
 * path), so numbers and flags are taken as text too; anything else is refused with what was wrong.
 */

export const INBOX_PAGE_SIZE = 20;
export const INBOX_MAX_PAGE_SIZE = 50;
/** Far more pages than any inbox has; a bound so an absurd page number is refused rather than scanned. */
export const INBOX_MAX_PAGE = 10_000;

/** "" (an empty query parameter) as absent; digits as the number they spell; anything else as given, for the schema to refuse. */
function numberFromText(value: unknown): unknown {
  if (value === "" || value === null) return undefined;
  if (typeof value === "string" && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return value;
}

const bounded = (min: number, max: number, message: string) =>
  z.preprocess(numberFromText, z.number({ error: message }).int(message).min(min, message).max(max, message).optional());

const PAGE = zodMessage("validation.inbox.page", { max: INBOX_MAX_PAGE });
const PAGE_SIZE = zodMessage("validation.inbox.pageSize", { max: INBOX_MAX_PAGE_SIZE });

/** The reader's language: notices of the catalogue are rendered in it. */
export const InboxLocale = z.enum(routing.locales, { error: zodMessage("validation.inbox.locale") }).default(routing.defaultLocale);

const flag = z
  .union([z.boolean(), z.enum(["1", "0", "true", "false", "on", ""])], { error: zodMessage("validation.inbox.flag") })
  .optional()
  .transform((value) => value === true || value === "1" || value === "true" || value === "on");

export const ListNoticesInput = z.object({
  page: bounded(1, INBOX_MAX_PAGE, PAGE),
  pageSize: bounded(1, INBOX_MAX_PAGE_SIZE, PAGE_SIZE),
  /** Only notices not yet read. */
  unreadOnly: flag,
  locale: InboxLocale,
});
export type ListNoticesInput = z.input<typeof ListNoticesInput>;

/** A notice's id as the address carries it: a UUID, nothing longer and nothing else. */
export const NoticeId = z
  .string({ error: zodMessage("validation.inbox.noticeId") })
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, zodMessage("validation.inbox.noticeId"))
  .transform((id) => id.toLowerCase());

export const GetNoticeInput = z.object({ noticeId: NoticeId, locale: InboxLocale });
export type GetNoticeInput = z.input<typeof GetNoticeInput>;

export const MarkNoticeReadInput = z.object({ noticeId: NoticeId });
export type MarkNoticeReadInput = z.input<typeof MarkNoticeReadInput>;

export const GetNoticeStatementInput = z.object({ noticeId: NoticeId });
export type GetNoticeStatementInput = z.input<typeof GetNoticeStatementInput>;

/** The latest instant a date can be (ECMAScript's limit), so a hostile number is refused rather than overflowing. */
const MAX_TIME_MS = 8_640_000_000_000_000;

export const MarkAllNoticesReadInput = z.object({
  /**
   * Epoch ms: only notices written by then are marked, so a notice that arrived after the page was
   * shown stays unread. Absent: everything written so far.
   */
  upToMs: bounded(0, MAX_TIME_MS, zodMessage("validation.inbox.upTo")),
});
export type MarkAllNoticesReadInput = z.input<typeof MarkAllNoticesReadInput>;
