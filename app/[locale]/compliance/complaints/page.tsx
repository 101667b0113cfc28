import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AGEING_BANDS, COMPLAINT_POLICY, isComplaintCategory } from "@/lib/complaints/policy";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { readComplaints, type ComplaintsOverview } from "@/lib/services/complaints/read-complaints";
import { requirePermission } from "@/lib/transport/session";
import { stateWords, type ComplaintsT } from "./state-words";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("complaints.staff");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

type T = ComplaintsT;
type Row = ComplaintsOverview["open"][number];

/**
 * CMP-1, CMP-3, EDU-2, RPT-9: the MIC's and officers' view of complaints and enquiries: ageing of what
 * is open, themes over the whole log, the open and recently closed with their deadlines and flags,
 * and the FDRC referrals with their SFC notification tasks.
 */
export default async function ComplaintsDashboard() {
  const ctx = await requirePermission("compliance.view");
  const t = await getTranslations("complaints");
  const overview = await readComplaints({ ctx });
  const link = (chunks: ReactNode) => <Link href="/compliance/reports">{chunks}</Link>;

  return (
    <article className="section-page wide-page">
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.lead", { acknowledgeDays: COMPLAINT_POLICY.acknowledgeBusinessDays, responseDays: COMPLAINT_POLICY.finalResponseDays })}</p>
      <p>{t.rich("staff.reportsLink", { link })}</p>

      <section aria-labelledby="complaints-open">
        <h2 id="complaints-open">{t("staff.openHeading")}</h2>
        {overview.open.length === 0 ? (
          <p data-testid="complaints-open-empty">{t("staff.openEmpty")}</p>
        ) : (
          <ComplaintTable rows={overview.open} caption={t("staff.openCaption")} testId="complaints-open" t={t} />
        )}
      </section>

      <section aria-labelledby="complaints-ageing">
        <h2 id="complaints-ageing">{t("staff.ageingHeading")}</h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="complaints-ageing">
            <caption className="visually-hidden">{t("staff.ageingCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.columns.band")}</th>
                <th scope="col">{t("staff.columns.complaints")}</th>
                <th scope="col">{t("staff.columns.enquiries")}</th>
              </tr>
            </thead>
            <tbody>
              {AGEING_BANDS.map((band) => (
                <tr key={band.key}>
                  <th scope="row">{t(`staff.bands.${band.key}`)}</th>
                  <td>{overview.ageing[band.key].complaint}</td>
                  <td>{overview.ageing[band.key].enquiry}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="complaints-themes">
        <h2 id="complaints-themes">{t("staff.themesHeading")}</h2>
        <p>{t("staff.themesLead")}</p>
        <div className="table-wrap">
          <table className="data-table" data-testid="complaints-categories">
            <caption>{t("staff.categoriesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.columns.category")}</th>
                <th scope="col">{t("staff.columns.complaints")}</th>
                <th scope="col">{t("staff.columns.enquiries")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.themes.categories.map((row) => (
                <tr key={row.category}>
                  <th scope="row">{t(`categories.${row.category}`)}</th>
                  <td>{row.complaints}</td>
                  <td>{row.enquiries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table className="data-table" data-testid="complaints-root-causes">
            <caption>{t("staff.rootCausesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.columns.rootCause")}</th>
                <th scope="col">{t("staff.columns.complaints")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.themes.rootCauses.map((row) => (
                <tr key={row.cause}>
                  <th scope="row">{t(`rootCauses.${row.cause}`)}</th>
                  <td>{row.complaints}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="complaints-fdrc">
        <h2 id="complaints-fdrc">{t("staff.fdrcHeading")}</h2>
        <p>{t("staff.fdrcLead", { days: COMPLAINT_POLICY.fdrcNotificationBusinessDays })}</p>
        {overview.referrals.length === 0 ? (
          <p>{t("staff.fdrcEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="complaints-referrals">
              <caption className="visually-hidden">{t("staff.fdrcCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staff.columns.reference")}</th>
                  <th scope="col">{t("staff.columns.referred")}</th>
                  <th scope="col">{t("staff.columns.task")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.referrals.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link href={`/compliance/complaints/${row.id}`}>{row.reference}</Link>
                    </th>
                    <td>{formatUtc(row.referredAtMs)}</td>
                    <td>{row.taskDone ? t("staff.taskDone") : row.taskDueDate ? t("staff.taskDue", { date: row.taskDueDate }) : t("staff.notApplicable")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="complaints-closed">
        <h2 id="complaints-closed">{t("staff.closedHeading")}</h2>
        {overview.closed.length === 0 ? (
          <p>{t("staff.closedEmpty")}</p>
        ) : (
          <ComplaintTable rows={overview.closed} caption={t("staff.closedCaption")} testId="complaints-closed" t={t} />
        )}
      </section>
    </article>
  );
}

function ComplaintTable({ rows, caption, testId, t }: { rows: Row[]; caption: string; testId: string; t: T }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.columns.reference")}</th>
            <th scope="col">{t("staff.columns.kind")}</th>
            <th scope="col">{t("staff.columns.category")}</th>
            <th scope="col">{t("staff.columns.received")}</th>
            <th scope="col">{t("staff.columns.daysOpen")}</th>
            <th scope="col">{t("staff.columns.acknowledge")}</th>
            <th scope="col">{t("staff.columns.respond")}</th>
            <th scope="col">{t("staff.columns.state")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid="complaint-row"
              data-reference={row.reference}
              data-overdue={row.acknowledgeOverdue || row.responseOverdue ? "true" : "false"}
              data-escalated={row.escalated ? "true" : "false"}
            >
              <th scope="row">
                <Link href={`/compliance/complaints/${row.id}`}>{row.reference}</Link>
              </th>
              <td>{t(row.kind === "enquiry" ? "kinds.enquiry" : "kinds.complaint")}</td>
              <td>{isComplaintCategory(row.category) ? t(`categories.${row.category}`) : row.category}</td>
              <td>{formatUtc(row.receivedAtMs)}</td>
              <td>{row.daysOpen}</td>
              <td>{row.acknowledgeDueDate ? t("staff.dueBy", { date: row.acknowledgeDueDate }) : t("staff.notApplicable")}</td>
              <td>{t("staff.dueBy", { date: row.responseDueDate })}</td>
              <td>{stateWords(row, t).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
