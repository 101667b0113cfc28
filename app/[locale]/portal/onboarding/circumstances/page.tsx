import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/corporate-pi/record-form";
import { TableShell } from "@/components/ui/table-shell";
import { formatUtc } from "@/lib/format";
import { listOwnCircumstanceChanges } from "@/lib/services/suitability/list-own-circumstance-changes";
import { CIRCUMSTANCE_CATEGORIES } from "@/lib/suitability/corporate-pi";
import { requirePermission } from "@/lib/transport/session";
import { StepIntro } from "../step";
import { reportCircumstanceChangeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.circumstances");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** SUIT-8 (Code 5.1): the client reports a change of circumstances, which a compliance officer re-reviews; the reports and their outcomes. */
export default async function CircumstancesPage() {
  const ctx = await requirePermission("portal.view");
  const reports = await listOwnCircumstanceChanges({ ctx });
  const t = await getTranslations("onboarding.circumstances");
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} />
      <section className="panel" aria-labelledby="report-change">
        <h2 id="report-change">{t("form.title")}</h2>
        <RecordForm
          action={reportCircumstanceChangeAction}
          label={t("form.label")}
          idPrefix="change"
          fields={[
            {
              kind: "select",
              name: "category",
              label: t("form.category"),
              options: CIRCUMSTANCE_CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) })),
            },
            { kind: "textarea", name: "description", label: t("form.description"), hint: t("form.descriptionHint"), maxLength: 2000, rows: 4 },
          ]}
          submit={t("form.submit")}
          submitting={t("form.submitting")}
        />
      </section>
      <section aria-labelledby="your-reports">
        <h2 id="your-reports">{t("list.title")}</h2>
        {reports.length === 0 ? (
          <p>{t("list.none")}</p>
        ) : (
          <TableShell caption={t("list.title")}>
            <thead>
              <tr>
                <th scope="col">{t("list.reported")}</th>
                <th scope="col">{t("list.category")}</th>
                <th scope="col">{t("list.description")}</th>
                <th scope="col">{t("list.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <td className="nowrap">{formatUtc(report.reportedAt.getTime())}</td>
                  <td>{t(`category.${report.category as (typeof CIRCUMSTANCE_CATEGORIES)[number]}`)}</td>
                  <td>{report.description}</td>
                  <td>
                    {report.review
                      ? t("list.decided", {
                          outcome: t(`outcome.${report.review.outcome as "NO_CHANGE_NEEDED" | "INFO_REQUESTED"}`),
                          reason: report.review.reason,
                          at: formatUtc(report.review.decidedAt.getTime()),
                        })
                      : t("list.waiting")}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>
    </article>
  );
}
