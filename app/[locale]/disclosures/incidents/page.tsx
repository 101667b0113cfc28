import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableShell } from "@/components/ui/table-shell";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { INCIDENT_POLICY } from "@/lib/incidents/policy";
import { PUBLISHED_REPORT_SCHEMA_PATH } from "@/lib/incidents/published-report";
import { listPublishedIncidents } from "@/lib/services/incidents/list-published-incidents";
import { anonymousContext } from "@/lib/transport/anonymous-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.incidents.list");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** Public, no sign-in: every published post-event report, newest first (DISC-7). */
export default async function IncidentReportsPage() {
  const [t, items] = await Promise.all([getTranslations("disclosures.incidents"), listPublishedIncidents({ ctx: anonymousContext() })]);
  return (
    <article className="section-page">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead", { hours: INCIDENT_POLICY.reportDueMs / 3_600_000 })}</p>
      <p>{t.rich("list.schema", { link: (chunks) => <a href={PUBLISHED_REPORT_SCHEMA_PATH}>{chunks}</a> })}</p>
      {items.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <TableShell caption={t("list.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("list.columns.market")}</th>
              <th scope="col">{t("list.columns.started")}</th>
              <th scope="col">{t("list.columns.published")}</th>
              <th scope="col">{t("list.columns.report")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td id={`incident-${item.id}`}>{item.market}</td>
                <td className="nowrap">{formatUtc(item.startedAtMs)}</td>
                <td className="nowrap">{formatUtc(item.publishedAt.getTime())}</td>
                <td>
                  <Link href={`/disclosures/incidents/${encodeURIComponent(item.id)}`} aria-describedby={`incident-${item.id}`}>
                    {t("list.read")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
    </article>
  );
}
