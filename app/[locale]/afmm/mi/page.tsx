import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { monthOf } from "@/lib/services/afmm/afmm-mi-model";
import { listAfmmMiReports } from "@/lib/services/afmm/list-afmm-mi-reports";
import { requireStepUp, STEP_UP_WINDOW_MS, type ServiceContext } from "@/lib/services/context";
import { StepUpRequired } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import { GenerateAfmmMiForm } from "./generate-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("afmm.afmmMi");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** AFMM-10, RPT-8: the generated monthly AFMM MI reports, and generating one (compliance officers and ROs, with a fresh second factor). */
export default async function AfmmMiPage() {
  const ctx = await requirePermission("afmm.oversight.view");
  const t = await getTranslations("afmm.afmmMi");
  const reports = await listAfmmMiReports({ ctx });
  const now = ctx.now().getTime();
  // The last full month in Hong Kong time is the usual one to generate.
  const lastMonth = monthOf(Date.UTC(Number(monthOf(now).slice(0, 4)), Number(monthOf(now).slice(5, 7)) - 1, 1) - 86_400_000);
  const stepUpHref = "/step-up?next=/afmm/mi";
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <section aria-labelledby="afmm-mi-generate">
        <h2 id="afmm-mi-generate">{t("generate.heading")}</h2>
        {!can(ctx.actor.roles, "reports.generate") ? (
          <p>{t("generate.noPermission")}</p>
        ) : stepUpIsFresh(ctx) ? (
          <GenerateAfmmMiForm defaultMonth={lastMonth} stepUpHref={stepUpHref} />
        ) : (
          <>
            <p>{t("generate.stepUpLead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
            <p>
              <Link href={stepUpHref} className="button">
                {t("generate.stepUpFirst")}
              </Link>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="afmm-mi-list">
        <h2 id="afmm-mi-list">{t("list.heading")}</h2>
        {reports.length === 0 ? (
          <p data-testid="afmm-mi-empty">{t("list.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="afmm-mi-reports">
              <caption className="visually-hidden">{t("list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.columns.month")}</th>
                  <th scope="col">{t("list.columns.generatedAt")}</th>
                  <th scope="col">{t("list.columns.sha256")}</th>
                  <th scope="col">{t("list.columns.open")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((report) => (
                  <tr key={report.id}>
                    <th scope="row">{report.month}</th>
                    <td>{formatUtc(report.generatedAt.getTime())}</td>
                    <td>
                      <code>{report.sha256.slice(0, 16)}…</code>
                    </td>
                    <td>
                      <Link href={`/afmm/mi/${report.id}`}>{t("list.open")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

/** The rule generation enforces (requireStepUp), asked ahead so the page can offer the step-up first. */
function stepUpIsFresh(ctx: ServiceContext): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}
