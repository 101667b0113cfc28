import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { Link } from "@/lib/i18n/navigation";
import type { AppLocale } from "@/lib/i18n/routing";
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from "@/lib/notices/deliveries";
import { isCatalogueNotice, renderNotice } from "@/lib/notices/render";
import { formatHkTime, ServiceError } from "@/lib/services/errors";
import type { DeliveryRecord } from "@/lib/services/notices/internal";
import { listNoticeDeliveries } from "@/lib/services/notices/list-notice-deliveries";
import { errorText } from "@/lib/transport/messages";
import { deliveryFilterFromSearchParams } from "@/lib/transport/notice-deliveries-query";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.notices");
  return { title: t("title") };
}

export default async function NoticeDeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("notices.view");
  const t = await getTranslations("compliance.notices");
  const locale = await getLocale();
  const filter = deliveryFilterFromSearchParams(await searchParams);
  let listing: Awaited<ReturnType<typeof listNoticeDeliveries>> = { rows: [], nextBefore: null };
  let filterError: string | null = null;
  try {
    listing = await listNoticeDeliveries({ ctx, input: filter });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = await errorText(error);
  }
  const query = new URLSearchParams(
    Object.entries({ ...filter, before: undefined }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const older = listing.nextBefore !== null ? `?${new URLSearchParams([...query, ["before", listing.nextBefore]])}` : null;
  const time = (at: Date | null) => (at ? t("hkTime", { time: formatHkTime(at) }) : t("table.none"));
  const statusLabel = (status: string) =>
    (DELIVERY_STATUSES as readonly string[]).includes(status) ? t(`status.${status as (typeof DELIVERY_STATUSES)[number]}`) : status;
  const channelLabel = (channel: string) =>
    (DELIVERY_CHANNELS as readonly string[]).includes(channel) ? t(`channel.${channel as (typeof DELIVERY_CHANNELS)[number]}`) : channel;

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>

      <form className="filters" method="get" aria-label={t("filter.label")}>
        <Field id="status" label={t("filter.status")}>
          <select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("filter.any")}</option>
            {DELIVERY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="channel" label={t("filter.channel")}>
          <select id="channel" name="channel" defaultValue={filter.channel ?? ""}>
            <option value="">{t("filter.any")}</option>
            {DELIVERY_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="client" label={t("filter.client")}>
          <input id="client" name="client" type="text" defaultValue={filter.client ?? ""} />
        </Field>
        <Field id="incident" label={t("filter.incident")}>
          <input id="incident" name="incident" type="text" defaultValue={filter.incident ?? ""} />
        </Field>
        <Field id="from" label={t("filter.from")}>
          <input id="from" name="from" type="date" defaultValue={typeof filter.from === "string" ? filter.from : ""} />
        </Field>
        <Field id="to" label={t("filter.to")}>
          <input id="to" name="to" type="date" defaultValue={typeof filter.to === "string" ? filter.to : ""} />
        </Field>
        <p>
          <button type="submit" className="button">
            {t("filter.submit")}
          </button>{" "}
          <Link href="/compliance/notices">{t("filter.clear")}</Link>
        </p>
      </form>

      {filterError ? <Alert tone="error">{filterError}</Alert> : null}

      <div className="toolbar">
        <span className="muted">{listing.rows.length === 0 ? t("noRecords") : t("showing", { count: String(listing.rows.length) })}</span>
        <a className="button button--quiet" href={`/api/compliance/notices/export?${query}`} download>
          {t("exportCsv")}
        </a>
      </div>

      <TableShell caption={t("table.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("table.client")}</th>
            <th scope="col">{t("table.notice")}</th>
            <th scope="col">{t("table.channel")}</th>
            <th scope="col">{t("table.status")}</th>
            <th scope="col">{t("table.contentHash")}</th>
            <th scope="col">{t("table.times")}</th>
            <th scope="col">{t("table.attempts")}</th>
            <th scope="col">{t("table.lastError")}</th>
          </tr>
        </thead>
        <tbody>
          {listing.rows.map((row) => (
            <tr key={row.id} data-testid="notice-delivery">
              <td>
                {row.clientEmail}
                {row.recipient && row.recipient !== row.clientEmail ? (
                  <>
                    <br />
                    <span className="muted">{t("table.sentTo", { address: row.recipient })}</span>
                  </>
                ) : null}
              </td>
              <td>
                {noticeTitle(row, locale)}
                <br />
                <code className="muted">{row.kind}</code>
                {row.incidentId ? (
                  <>
                    {" "}
                    <span className="muted">{t("table.incident", { id: row.incidentId })}</span>
                  </>
                ) : null}
              </td>
              <td>{channelLabel(row.channel)}</td>
              <td className="nowrap">{statusLabel(row.status)}</td>
              <td>
                <code title={row.contentHash}>{row.contentHash.slice(0, 12)}…</code>
                {row.messageId ? (
                  <>
                    <br />
                    <code className="muted" title={t("table.messageId")}>
                      {row.messageId}
                    </code>
                  </>
                ) : null}
              </td>
              <td className="nowrap">
                <div>{t.rich("table.queued", { time: time(row.queuedAt), muted })}</div>
                <div>{t.rich("table.sent", { time: time(row.sentAt), muted })}</div>
                <div>{t.rich("table.read", { time: time(row.readAt), muted })}</div>
                {row.status === "queued" && row.attempts > 0 ? <div>{t.rich("table.nextAttempt", { time: time(row.nextAttemptAt), muted })}</div> : null}
              </td>
              <td>{row.attempts}</td>
              <td>{row.lastError ?? <span className="muted">{t("table.none")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </TableShell>
      {older ? (
        <p>
          <Link href={`/compliance/notices${older}`}>{t("older")}</Link>
        </p>
      ) : null}
    </article>
  );
}

/** The notice's title in the reader's language; the stored English one for a kind the catalogue does not know. */
function noticeTitle(row: DeliveryRecord, locale: AppLocale): string {
  return isCatalogueNotice(row.kind) ? renderNotice(row.kind, row.params, locale).title : row.title;
}

const muted = (chunks: ReactNode) => <span className="muted">{chunks}</span>;
