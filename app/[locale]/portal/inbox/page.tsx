import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { ServiceError } from "@/lib/services/errors";
import { listNotices, type InboxPage } from "@/lib/services/inbox/list-notices";
import { errorText } from "@/lib/transport/messages";
import { requirePermission } from "@/lib/transport/session";
import { MarkAllRead } from "./mark-read";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbox.list");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Longest part of a notice's text shown in the list; the whole text is on the notice's own page. */
const EXCERPT_CHARS = 180;

/**
 * The signed-in user's notices, newest first, a page at a time, optionally only the unread ones. The
 * filter and the pages are plain links and a GET form, so they work without JavaScript.
 */
export default async function InboxListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePermission("inbox.use");
  const [params, locale, t] = await Promise.all([searchParams, getLocale(), getTranslations("inbox.list")]);
  const unreadOnly = one(params.unread) === "1";
  let refused: string | null = null;
  let inbox: InboxPage;
  try {
    inbox = await listNotices({ ctx, input: { page: one(params.page), unreadOnly, locale } });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    // A page number no one could have been sent (edited by hand): say so, and show the first page.
    refused = await errorText(error);
    inbox = await listNotices({ ctx, input: { unreadOnly, locale } });
  }
  const pageHref = (page: number) => ({ pathname: "/portal/inbox", query: { ...(unreadOnly ? { unread: "1" } : {}), ...(page > 1 ? { page } : {}) } });

  return (
    <article className="stack">
      <div className="prose">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <p>
          <strong>{t("unreadSummary", { unread: inbox.unread })}</strong>
        </p>
      </div>
      {refused ? <Alert tone="error">{refused}</Alert> : null}
      <div className="toolbar">
        <form className="filters" method="get" aria-label={t("filtersLabel")}>
          <Field id="unread" label={t("filterLabel")}>
            <select id="unread" name="unread" defaultValue={unreadOnly ? "1" : ""}>
              <option value="">{t("filterAll")}</option>
              <option value="1">{t("filterUnread")}</option>
            </select>
          </Field>
          <p>
            <button type="submit" className="button">
              {t("apply")}
            </button>
          </p>
        </form>
        {inbox.unread > 0 ? <MarkAllRead renderedAtMs={ctx.now().getTime()} /> : null}
      </div>

      {inbox.notices.length === 0 ? (
        <p>
          {inbox.total > 0
            ? t.rich("emptyPage", { link: (chunks: ReactNode) => <Link href={pageHref(1)}>{chunks}</Link> })
            : inbox.unreadOnly
              ? t("emptyUnread")
              : t("empty")}
        </p>
      ) : (
        <ul className="inbox-list" aria-label={t("caption")}>
          {inbox.notices.map((notice) => (
            <li key={notice.id} className={notice.readAt ? "panel inbox-item" : "panel inbox-item inbox-item--unread"}>
              <p className="inbox-item__head">
                {notice.readAt ? null : (
                  <span className="pill pill--warn" aria-hidden="true">
                    {t("unread")}
                  </span>
                )}
                <Link
                  href={`/portal/inbox/${notice.id}`}
                  className="inbox-item__title"
                  aria-label={notice.readAt ? undefined : t("unreadLabel", { title: notice.title })}
                >
                  {notice.title}
                </Link>
              </p>
              <p className="muted">
                <time dateTime={notice.createdAt.toISOString()}>{formatUtc(notice.createdAt.getTime())}</time>
              </p>
              <p>{excerpt(notice.body)}</p>
            </li>
          ))}
        </ul>
      )}

      {inbox.pages > 1 ? (
        <nav aria-label={t("pagination")} className="toolbar">
          {inbox.page > 1 ? <Link href={pageHref(Math.min(inbox.page - 1, inbox.pages))}>{t("newer")}</Link> : null}
          <span>{t("pageOf", { page: inbox.page, pages: inbox.pages })}</span>
          {inbox.page < inbox.pages ? <Link href={pageHref(inbox.page + 1)}>{t("older")}</Link> : null}
        </nav>
      ) : null}
    </article>
  );
}

function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.lastIndexOf(" ", EXCERPT_CHARS);
  return `${text.slice(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS)}…`;
}
