import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableShell } from "@/components/ui/table-shell";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { INCIDENT_POLICY } from "@/lib/incidents/policy";
import { listIncidents } from "@/lib/services/incidents/list-incidents";
import { requirePermission } from "@/lib/transport/session";
import { isIncidentStep, isKnownStatus, STATUS_TONE } from "./labels";
import { ReportClock } from "./report-clock";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.incidents.list");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * Default-management incidents and their post-event reports: what is due next first, each with the
 * 24-hour clock running (DISC-7).
 */
export default async function IncidentsPage() {
  const ctx = await requirePermission("incidents.read");
  const [t, items] = await Promise.all([getTranslations("compliance.incidents"), listIncidents({ ctx })]);
  const renderedAtMs = ctx.now().getTime();
  const hours = INCIDENT_POLICY.reportDueMs / 3_600_000;
  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("list.title")}</h1>
        <p className="lead">{t("list.lead", { hours })}</p>
      </div>
      {items.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <TableShell caption={t("list.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("list.columns.incident")}</th>
              <th scope="col">{t("list.columns.market")}</th>
              <th scope="col">{t("list.columns.steps")}</th>
              <th scope="col">{t("list.columns.status")}</th>
              <th scope="col">{t("list.columns.started")}</th>
              <th scope="col">{t("list.columns.deadline")}</th>
              <th scope="col">{t("list.columns.clock")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link href={`/compliance/incidents/${encodeURIComponent(item.id)}`}>{item.id}</Link>
                </td>
                <td>{item.market}</td>
                <td>{item.steps.map((step) => (isIncidentStep(step) ? t(`steps.${step}`) : step)).join(", ")}</td>
                <td>{isKnownStatus(item.status) ? <span className={STATUS_TONE[item.status]}>{t(`status.${item.status}`)}</span> : item.status}</td>
                <td className="nowrap">{formatUtc(item.startedAtMs)}</td>
                <td className="nowrap">{formatUtc(item.deadlineAt.getTime())}</td>
                <td>
                  <ReportClock
                    deadlineMs={item.deadlineAt.getTime()}
                    renderedAtMs={renderedAtMs}
                    publishedAtMs={item.publishedAt?.getTime() ?? null}
                    warnBeforeMs={INCIDENT_POLICY.escalateBeforeDueMs[0]}
                  />{" "}
                  {item.overdueAt ? <span className="pill pill--high">{t("list.overdue")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
    </article>
  );
}
