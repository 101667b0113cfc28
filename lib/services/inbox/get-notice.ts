import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import type { ClientStatement } from "@/lib/incidents/report/statement-types";
import { NOTICE_SELECT, noticeText, statementOf } from "@/lib/services/inbox/internal";
import { GetNoticeInput } from "@/lib/services/inbox/schemas";

export interface InboxNotice {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** False when title and body are the stored English text, whatever the reader's language. */
  fromCatalogue: boolean;
  createdAt: Date;
  readAt: Date | null;
  /** The reader's personal statement of an incident, when the notice carries one. */
  statement: ClientStatement | null;
  /** The incident the notice is about, and whether its post-event report is public yet. */
  incident: { id: string; reportPublished: boolean } | null;
}

/**
 * One notice of the signed-in user's own. Anyone else's id is answered exactly as an id that does not
 * exist, so a guessed id tells nothing. Reading it here changes nothing: markNoticeRead does that.
 */
export async function getNotice({ ctx, input }: { ctx: ServiceContext; input: GetNoticeInput }): Promise<InboxNotice> {
  const actor = authorize(ctx, "inbox.use");
  const { noticeId, locale } = parseInput(GetNoticeInput, input);
  const row = await ctx.db.clientNotice.findFirst({
    where: { id: noticeId, userId: actor.userId },
    select: { ...NOTICE_SELECT, statement: true, incident: { select: { id: true, status: true, publishedAt: true } } },
  });
  if (!row) throw new NotFound(msg("errors.inbox.noticeNotFound"));
  return {
    id: row.id,
    kind: row.kind,
    ...noticeText(row, locale),
    createdAt: row.createdAt,
    readAt: row.readAt,
    statement: statementOf(row.statement),
    incident: row.incident ? { id: row.incident.id, reportPublished: row.incident.status === "published" && row.incident.publishedAt !== null } : null,
  };
}
