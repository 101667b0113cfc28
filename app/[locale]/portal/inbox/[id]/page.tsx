import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ClientStatementView } from "@/components/incidents/client-statement";
import { ContractNoteLinks, MonthlyStatementView } from "@/components/statements/monthly-statement";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { Invalid, NotFound } from "@/lib/services/errors";
import { getNotice, type InboxNotice } from "@/lib/services/inbox/get-notice";
import { getMonthlyStatement } from "@/lib/services/statements/get-monthly-statement";
import type { ServiceContext } from "@/lib/services/context";
import { requirePermission } from "@/lib/transport/session";
import type { AppLocale } from "@/lib/i18n/routing";
import { MarkReadOnView } from "../mark-read";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbox.list");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** A notice that is not the reader's own, and an id that is no notice's, are the same not-found page. */
async function noticeOrNotFound(ctx: ServiceContext, noticeId: string, locale: AppLocale): Promise<InboxNotice> {
  try {
    return await getNotice({ ctx, input: { noticeId, locale } });
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) notFound();
    throw error;
  }
}

/**
 * One notice in the reader's language, with the personal statement it carries (HTML here, PDF to
 * download) and a link to the published post-event report of the incident it is about.
 */
export default async function NoticePage({ params }: Params) {
  const ctx = await requirePermission("inbox.use");
  const [{ id }, locale, t] = await Promise.all([params, getLocale(), getTranslations("inbox.detail")]);
  const notice = await noticeOrNotFound(ctx, id, locale);
  const monthly = notice.kind === "monthlyStatement" ? (await getMonthlyStatement({ ctx, input: { noticeId: notice.id } })).statement : null;
  const tm = monthly ? await getTranslations("inbox.statements.detail") : null;
  return (
    <article className="stack">
      <p>
        <Link href="/portal/inbox">{t("back")}</Link>
      </p>
      <div className="prose">
        <h1>{notice.title}</h1>
        <dl className="facts">
          <div>
            <dt>{t("received")}</dt>
            <dd>
              <time dateTime={notice.createdAt.toISOString()}>{formatUtc(notice.createdAt.getTime())}</time>
            </dd>
          </div>
          <div>
            <dt>{t("status")}</dt>
            <dd>{notice.readAt ? t("readAt", { time: formatUtc(notice.readAt.getTime()) }) : t("unread")}</dd>
          </div>
        </dl>
        {notice.readAt ? null : <MarkReadOnView noticeId={notice.id} />}
        {locale !== "en" && !notice.fromCatalogue ? <p className="muted">{t("storedInEnglish")}</p> : null}
        {notice.body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
        {notice.incident ? (
          <p>{notice.incident.reportPublished ? <Link href={`/disclosures/incidents/${notice.incident.id}`}>{t("reportLink")}</Link> : t("reportPending")}</p>
        ) : null}
      </div>
      {notice.statement ? (
        <section aria-labelledby="statement-heading" className="stack">
          <h2 id="statement-heading">{t("statementTitle")}</h2>
          <p>{t("statementLead")}</p>
          <p>
            <a className="button button--quiet" href={`/api/portal/inbox/${notice.id}/statement?locale=${locale}`} download>
              {t("statementPdf")}
            </a>
          </p>
          <ClientStatementView statement={notice.statement} />
        </section>
      ) : null}
      {monthly && tm ? (
        <section aria-labelledby="monthly-statement-heading" className="stack">
          <h2 id="monthly-statement-heading">{tm("title")}</h2>
          <p>{tm("lead")}</p>
          <p>
            <a className="button button--quiet" href={`/api/portal/inbox/${notice.id}/monthly-statement?locale=${locale}`} download>
              {tm("pdf")}
            </a>
          </p>
          <MonthlyStatementView statement={monthly} level={2} />
          <ContractNoteLinks statement={monthly} locale={locale} />
        </section>
      ) : null}
    </article>
  );
}
