import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { hongKongDate } from "@/lib/reports/period";
import { hasFreshStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { listRegulatorExports } from "@/lib/services/reports/regulator-export";
import { requirePermission } from "@/lib/transport/session";
import { RegulatorExportForm } from "./export-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.regulatorExport");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** RPT-10: the regulator export tool and the log of every export made. */
export default async function RegulatorExportPage() {
  const ctx = await requirePermission("compliance.view");
  const t = await getTranslations("compliance.regulatorExport");
  const exports = await listRegulatorExports({ ctx });
  const now = ctx.now().getTime();
  const stepUpFresh = hasFreshStepUp(ctx);
  const stepUpHref = "/step-up?next=/compliance/regulator-export";
  const yesterday = hongKongDate(now - 86_400_000);
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <section aria-labelledby="regulator-export-form">
        <h2 id="regulator-export-form">{t("form.heading")}</h2>
        {!can(ctx.actor.roles, "reports.generate") ? (
          <p>{t("form.noPermission")}</p>
        ) : stepUpFresh ? (
          <RegulatorExportForm defaultFrom={yesterday.slice(0, 8) + "01"} defaultTo={yesterday} />
        ) : (
          <>
            <p>{t("form.stepUpLead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
            <p>
              <Link href={stepUpHref} className="button">
                {t("form.stepUpFirst")}
              </Link>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="regulator-export-log">
        <h2 id="regulator-export-log">{t("log.heading")}</h2>
        {exports.length === 0 ? (
          <p data-testid="regulator-exports-empty">{t("log.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="regulator-exports">
              <caption className="visually-hidden">{t("log.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("log.columns.at")}</th>
                  <th scope="col">{t("log.columns.by")}</th>
                  <th scope="col">{t("log.columns.filter")}</th>
                  <th scope="col">{t("log.columns.manifest")}</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((row) => (
                  <tr key={row.seq}>
                    <th scope="row">{formatUtc(row.atMs)}</th>
                    <td>{row.by ?? "—"}</td>
                    <td>
                      {t("log.filter", {
                        from: row.from ?? "—",
                        to: row.to ?? "—",
                        account: row.account ?? t("log.allAccounts"),
                        market: row.market ?? t("log.allMarkets"),
                      })}
                    </td>
                    <td>
                      <code>{row.manifestSha256?.slice(0, 16)}…</code>
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
