import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import type { Db, Tx } from "@/lib/services/context";
import { isCatalogueNotice, renderNotice, type NoticeParams } from "@/lib/notices/render";
import { CLIENT_STATEMENT_VERSION, type ClientStatement } from "@/lib/incidents/report/statement-types";
import type { AppLocale } from "@/lib/i18n/routing";

export const NOTICE_SELECT = {
  id: true,
  kind: true,
  title: true,
  body: true,
  params: true,
  incidentId: true,
  createdAt: true,
  readAt: true,
} as const satisfies Prisma.ClientNoticeSelect;

export type NoticeRow = Prisma.ClientNoticeGetPayload<{ select: typeof NOTICE_SELECT }>;

export interface NoticeText {
  title: string;
  body: string;
  /** False when the text is the stored English (the kind has no catalogue text, or its parameters do not render). */
  fromCatalogue: boolean;
}

/**
 * A notice's title and body in the reader's language. Notices of the catalogue are rendered from
 * their kind and parameters; others (older onboarding and account notices) were written in English
 * only and read as stored. Parameters that do not render (not a flat object, or one the text needs is
 * missing) also fall back to the stored English, which is what was sent.
 */
export function noticeText(row: Pick<NoticeRow, "kind" | "title" | "body" | "params">, locale: AppLocale): NoticeText {
  const stored = { title: row.title, body: row.body, fromCatalogue: false };
  if (!isCatalogueNotice(row.kind)) return stored;
  const params = noticeParams(row.params);
  if (!params) return stored;
  try {
    const rendered = renderNotice(row.kind, params, locale);
    // next-intl answers a message it cannot format with its key path instead of throwing.
    if (rendered.title === `notices.${row.kind}.title` || rendered.body === `notices.${row.kind}.body`) return stored;
    return { ...rendered, fromCatalogue: true };
  } catch {
    return stored;
  }
}

function noticeParams(value: Prisma.JsonValue): NoticeParams | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const params: NoticeParams = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== "string" && typeof item !== "number") return null;
    params[name] = item;
  }
  return params;
}

/** The personal statement a notice carries, when it is one this code knows how to show. */
export function statementOf(value: Prisma.JsonValue | null): ClientStatement | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const statement = value as unknown as ClientStatement;
  return statement.version === CLIENT_STATEMENT_VERSION && Array.isArray(statement.fills) ? statement : null;
}

/** Notices not yet read by this user: the header badge and the inbox heading. */
export function unreadCount(db: Db | Tx, userId: string): Promise<number> {
  return db.clientNotice.count({ where: { userId, readAt: null } });
}
