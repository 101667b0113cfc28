import { createHash, randomUUID } from "node:crypto";
import type { Tx } from "@/lib/services/context";
import { emailContent, renderNotice, type NoticeKind, type NoticeParams } from "@/lib/notices/render";

/**
 * Writing a notice: the inbox row, and one delivery record per channel (REC-6). Inbox deliveries are
 * delivered by being written; e-mail deliveries enter the outbox as `queued` with a Message-ID fixed
 * now, for the outbox worker. Everything goes in the caller's transaction, and `dedupeKey` makes a
 * replayed caller (the journal projector after a crash) write nothing twice.
 */

export interface NoticeDraft {
  userId: string;
  kind: NoticeKind;
  params: NoticeParams;
  dedupeKey: string;
  incidentId?: string;
  /** JSON-serialisable data shown with the notice (a personal statement). */
  statement?: unknown;
}

export const MAIL_DOMAIN = "notices.perps-portal.invalid";

export function contentHash(subject: string, body: string): string {
  return createHash("sha256").update(subject).update("\n\n").update(body).digest("hex");
}

const CHUNK = 5_000;

/**
 * Writes the notices not written before (by dedupeKey); returns how many were new. A broadcast can
 * reach every client at once, so rows go in with one statement per chunk (arrays unnested by
 * PostgreSQL): ten thousand notices and their deliveries take a few statements, not thirty thousand.
 */
export async function queueNotices(tx: Tx, drafts: readonly NoticeDraft[], now: Date): Promise<number> {
  if (drafts.length === 0) return 0;
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(drafts.map((d) => d.userId))] } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  // A broadcast sends the same text to every recipient: render and hash each distinct notice once.
  const texts = new Map<string, { english: { title: string; body: string }; inboxHash: string; emailHash: string }>();
  const textOf = (draft: NoticeDraft) => {
    const textKey = `${draft.kind}\u0000${JSON.stringify(draft.params)}`;
    let text = texts.get(textKey);
    if (!text) {
      const english = renderNotice(draft.kind, draft.params, "en");
      const mail = emailContent(draft.kind, draft.params);
      texts.set(textKey, (text = { english, inboxHash: contentHash(english.title, english.body), emailHash: contentHash(mail.subject, mail.text) }));
    }
    return text;
  };
  let written = 0;
  for (let from = 0; from < drafts.length; from += CHUNK) {
    const part = drafts.slice(from, from + CHUNK).map((draft) => ({ draft, id: randomUUID(), ...textOf(draft) }));
    const created = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `INSERT INTO "ClientNotice" ("id", "userId", "kind", "title", "body", "params", "incidentId", "statement", "createdAt", "dedupeKey")
       SELECT id, "userId", kind, title, body, params::jsonb, "incidentId", statement::jsonb, $9::timestamp(3), "dedupeKey"
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $10::text[])
         AS t(id, "userId", kind, title, body, params, "incidentId", statement, "dedupeKey")
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING "id"`,
      part.map((p) => p.id),
      part.map((p) => p.draft.userId),
      part.map((p) => p.draft.kind),
      part.map((p) => p.english.title),
      part.map((p) => p.english.body),
      part.map((p) => JSON.stringify(p.draft.params)),
      part.map((p) => p.draft.incidentId ?? null),
      part.map((p) => (p.draft.statement === undefined ? null : JSON.stringify(p.draft.statement))),
      utcTimestamp(now),
      part.map((p) => p.draft.dedupeKey),
    );
    const fresh = new Set(created.map((c) => c.id));
    const rows: Array<{
      noticeId: string;
      userId: string;
      channel: string;
      status: string;
      contentHash: string;
      recipient: string | null;
      messageId: string | null;
      sentAt: boolean;
    }> = [];
    for (const p of part) {
      if (!fresh.has(p.id)) continue;
      rows.push({
        noticeId: p.id,
        userId: p.draft.userId,
        channel: "inbox",
        status: "delivered",
        contentHash: p.inboxHash,
        recipient: null,
        messageId: null,
        sentAt: true,
      });
      const email = emailOf.get(p.draft.userId);
      if (email) {
        rows.push({
          noticeId: p.id,
          userId: p.draft.userId,
          channel: "email",
          status: "queued",
          contentHash: p.emailHash,
          recipient: email,
          messageId: `<${p.id}@${MAIL_DOMAIN}>`,
          sentAt: false,
        });
      }
    }
    if (rows.length > 0) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "NoticeDelivery" ("id", "noticeId", "userId", "channel", "status", "contentHash", "recipient", "messageId", "queuedAt", "nextAttemptAt", "sentAt")
         SELECT id, "noticeId", "userId", channel, status, "contentHash", recipient, "messageId", $9::timestamp(3), $9::timestamp(3),
                CASE WHEN sent THEN $9::timestamp(3) END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $10::boolean[])
           AS t(id, "noticeId", "userId", channel, status, "contentHash", recipient, "messageId", sent)`,
        rows.map(() => randomUUID()),
        rows.map((r) => r.noticeId),
        rows.map((r) => r.userId),
        rows.map((r) => r.channel),
        rows.map((r) => r.status),
        rows.map((r) => r.contentHash),
        rows.map((r) => r.recipient),
        rows.map((r) => r.messageId),
        utcTimestamp(now),
        rows.map((r) => r.sentAt),
      );
    }
    written += fresh.size;
  }
  return written;
}

/** Prisma stores DateTime as UTC `timestamp(3)`; a hand-written insert must pass the same wall-clock text. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
