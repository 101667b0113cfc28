import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { hongKongDate, previousMonthWindow } from "@/lib/reports/period";
import { REPORT_IDS } from "@/lib/reports/types";
import { hasFreshStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { listReportPacks } from "@/lib/services/reports/report-packs";
import { requirePermission } from "@/lib/transport/session";
import { RecordLocationFacts } from "../record-location";
import { ReportPackList } from "./pack-list";
import { RequestReportPackForm } from "./request-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.reports");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** RPT-1, RPT-3, RPT-8, REC-5: the report catalogue, asking for a pack, and the packs with their progress. */
export default async function ReportsPage() {
  const ctx = await requirePermission("compliance.view");
  const t = await getTranslations("compliance.reports");
  const packs = await listReportPacks({ ctx });
  const now = ctx.now().getTime();
  const lastMonth = previousMonthWindow(now);
  const stepUpFresh = hasFreshStepUp(ctx);
  const stepUpHref = "/step-up?next=/compliance/reports";
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <RecordLocationFacts />

      <section aria-labelledby="reports-catalogue">
        <h2 id="reports-catalogue">{t("catalogueHeading")}</h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="report-catalogue">
            <caption className="visually-hidden">{t("catalogueCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("catalogueColumns.report")}</th>
                <th scope="col">{t("catalogueColumns.contents")}</th>
              </tr>
            </thead>
            <tbody>
              {REPORT_IDS.map((id) => (
                <tr key={id}>
                  <th scope="row">{t(`catalogue.${id}.title`)}</th>
                  <td>{t(`catalogue.${id}.description`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t("formats")}</p>
      </section>

      <section aria-labelledby="reports-request">
        <h2 id="reports-request">{t("request.heading")}</h2>
        {!can(ctx.actor.roles, "reports.generate") ? (
          <p>{t("request.noPermission")}</p>
        ) : stepUpFresh ? (
          <RequestReportPackForm defaultFrom={hongKongDate(lastMonth.fromMs)} defaultTo={hongKongDate(lastMonth.toMs - 1)} stepUpHref={stepUpHref} />
        ) : (
          <>
            <p>{t("request.stepUpLead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
            <p>
              <Link href={stepUpHref} className="button">
                {t("request.stepUpFirst")}
              </Link>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="reports-packs">
        <h2 id="reports-packs">{t("packs.heading")}</h2>
        <p>{t("packs.lead")}</p>
        <ReportPackList initial={packs} renderedAt={now} canGenerate={can(ctx.actor.roles, "reports.generate")} />
      </section>
    </article>
  );
}
