import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { requirePermission } from "@/lib/transport/session";
import { formatHkTime, NotFound } from "@/lib/services/errors";
import { listDemoMailbox } from "@/lib/services/users/list-demo-mailbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.clientSecurity.mailbox");
  return { title: t("title") };
}

/** Demo mode only: the e-mails the portal would have sent to the signed-in user's own address. */
export default async function DemoMailboxPage() {
  const ctx = await requirePermission("account.manage");
  const t = await getTranslations("account.clientSecurity.mailbox");
  let mailbox: Awaited<ReturnType<typeof listDemoMailbox>>;
  try {
    mailbox = await listDemoMailbox({ ctx });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  return (
    <div className="container section">
      <article className="section-page stack">
        <h1>{t("title")}</h1>
        <Alert tone="warn">{t("lead", { email: mailbox.email })}</Alert>
        {mailbox.mails.length === 0 ? <p>{t("empty")}</p> : null}
        {mailbox.mails.map((mail) => (
          <section key={mail.id} className="card stack" aria-label={mail.subject} data-testid="demo-mail">
            <h2>{mail.subject}</h2>
            <p className="muted">
              {t("to")}: {mail.to} · {t("queued", { time: formatHkTime(mail.queuedAt) })} · {t("status", { status: mail.status })}
            </p>
            <pre className="mono demo-mail__text">{mail.text}</pre>
          </section>
        ))}
      </article>
    </div>
  );
}
