import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { NOTICE_SELECT, noticeText, unreadCount } from "@/lib/services/inbox/internal";
import { INBOX_PAGE_SIZE, ListNoticesInput } from "@/lib/services/inbox/schemas";

export interface InboxEntry {
  id: string;
  kind: string;
  /** In the reader's language where the notice's kind is in the catalogue, else as stored. */
  title: string;
  body: string;
  /** False when title and body are the stored English text, whatever the reader's language. */
  fromCatalogue: boolean;
  createdAt: Date;
  readAt: Date | null;
  incidentId: string | null;
}

export interface InboxPage {
  notices: InboxEntry[];
  page: number;
  pageSize: number;
  /** Notices matching the filter, and the pages they fill (at least 1). */
  total: number;
  pages: number;
  /** Unread notices in the whole inbox, whatever the filter. */
  unread: number;
  unreadOnly: boolean;
}

/**
 * The signed-in user's notices, newest first (ties by id, so a page never shows a notice twice),
 * a page at a time. A page past the last is answered empty with the real page count, not refused.
 */
export async function listNotices({ ctx, input }: { ctx: ServiceContext; input?: ListNoticesInput }): Promise<InboxPage> {
  const actor = authorize(ctx, "inbox.use");
  const { page = 1, pageSize = INBOX_PAGE_SIZE, unreadOnly, locale } = parseInput(ListNoticesInput, input);
  const where = { userId: actor.userId, ...(unreadOnly ? { readAt: null } : {}) };
  const [rows, total, unread] = await Promise.all([
    ctx.db.clientNotice.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: NOTICE_SELECT,
    }),
    ctx.db.clientNotice.count({ where }),
    unreadCount(ctx.db, actor.userId),
  ]);
  return {
    notices: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      ...noticeText(row, locale),
      createdAt: row.createdAt,
      readAt: row.readAt,
      incidentId: row.incidentId,
    })),
    page,
    pageSize,
    total,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    unread,
    unreadOnly,
  };
}
