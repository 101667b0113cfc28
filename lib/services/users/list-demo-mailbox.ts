import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { env } from "@/lib/env";
import { emailContent, isCatalogueNotice, type NoticeParams } from "@/lib/notices/render";

export interface DemoMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  queuedAt: Date;
  status: string;
}

/**
 * Demo mode only (SEC-1, SEC-2): the e-mails the outbox has written to the signed-in user's own address,
 * rendered exactly as the outbox sends them, so a demo without SMTP can still be completed (e-mail
 * verification). Production mode: not found. Never another user's mail.
 */
export async function listDemoMailbox({ ctx }: { ctx: ServiceContext; input?: unknown }): Promise<{ email: string; mails: DemoMail[] }> {
  const actor = authorize(ctx, "account.manage");
  if (env().PORTAL_MODE !== "demo") throw new NotFound(msg("errors.common.notFound"));
  const rows = await ctx.db.noticeDelivery.findMany({
    where: { userId: actor.userId, channel: "email", recipient: actor.email },
    orderBy: { queuedAt: "desc" },
    take: 50,
    select: { id: true, recipient: true, status: true, queuedAt: true, notice: { select: { kind: true, params: true, title: true, body: true } } },
  });
  return {
    email: actor.email,
    mails: rows.map((row) => {
      const { kind, params, title, body } = row.notice;
      const mail = isCatalogueNotice(kind) ? emailContent(kind, (params ?? {}) as NoticeParams) : { subject: title, text: body };
      return { id: row.id, to: row.recipient ?? actor.email, subject: mail.subject, text: mail.text, queuedAt: row.queuedAt, status: row.status };
    }),
  };
}
