import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@/prisma/generated/client";
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
  statement?: Prisma.InputJsonValue;
}

export const MAIL_DOMAIN = "notices.perps-portal.invalid";

export function contentHash(subject: string, body: string): string {
  return createHash("sha256").update(subject).update("\n\n").update(body).digest("hex");
}

/** Writes the notices not written before (by dedupeKey); returns how many were new. */
export async function queueNotices(tx: Tx, drafts: readonly NoticeDraft[], now: Date): Promise<number> {
  if (drafts.length === 0) return 0;
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(drafts.map((d) => d.userId))] } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  let written = 0;
  for (let from = 0; from < drafts.length; from += 2_000) {
    const part = drafts.slice(from, from + 2_000);
    const rendered = part.map((d) => ({ draft: d, id: randomUUID(), english: renderNotice(d.kind, d.params, "en") }));
    const created = await tx.clientNotice.createManyAndReturn({
      data: rendered.map(({ draft, id, english }) => ({
        id,
        userId: draft.userId,
        kind: draft.kind,
        title: english.title,
        body: english.body,
        params: draft.params,
        incidentId: draft.incidentId ?? null,
        statement: draft.statement,
        createdAt: now,
        dedupeKey: draft.dedupeKey,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    const fresh = new Set(created.map((c) => c.id));
    const deliveries: Prisma.NoticeDeliveryCreateManyInput[] = [];
    for (const { draft, id, english } of rendered) {
      if (!fresh.has(id)) continue;
      deliveries.push({
        noticeId: id,
        userId: draft.userId,
        channel: "inbox",
        status: "delivered",
        contentHash: contentHash(english.title, english.body),
        queuedAt: now,
        sentAt: now,
      });
      const email = emailOf.get(draft.userId);
      if (email) {
        deliveries.push({
          noticeId: id,
          userId: draft.userId,
          channel: "email",
          status: "queued",
          contentHash: emailHash(draft),
          recipient: email,
          messageId: `<${id}@${MAIL_DOMAIN}>`,
          queuedAt: now,
          nextAttemptAt: now,
        });
      }
    }
    if (deliveries.length > 0) await tx.noticeDelivery.createMany({ data: deliveries });
    written += fresh.size;
  }
  return written;
}

function emailHash(draft: NoticeDraft): string {
  const mail = emailContent(draft.kind, draft.params);
  return contentHash(mail.subject, mail.text);
}
