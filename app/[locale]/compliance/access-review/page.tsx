import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { generateAccessReview, type AccessReview } from "@/lib/services/access-review/generate-access-review";
import { quarterOf } from "@/lib/services/access-review/schemas";
import { formatHkTime, ServiceError } from "@/lib/services/errors";
import { errorText } from "@/lib/transport/messages";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.accessReview");
  return { title: t("title") };
}

export default async function AccessReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("access_review.read");
  const t = await getTranslations("oversight.accessReview");
  const params = await searchParams;
  const quarter = typeof params.quarter === "string" && params.quarter !== "" ? params.quarter : quarterOf(ctx.now());
  let review: AccessReview | null = null;
  let problem: string | null = null;
  try {
    review = await generateAccessReview({ ctx, input: { quarter } });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    problem = await errorText(error);
  }
  const when = (iso: string) => formatHkTime(new Date(iso));

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>
      <form className="filters" method="get" aria-label={t("quarter")}>
        <Field id="quarter" label={t("quarter")}>
          <input id="quarter" name="quarter" type="text" pattern="20[0-9]{2}-Q[1-4]" defaultValue={quarter} />
        </Field>
        <p>
          <button type="submit" className="button">
            {t("show")}
          </button>
        </p>
      </form>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {review ? (
        <>
          <div className="toolbar">
            <span className="muted">
              {t("period", { quarter: review.quarter, from: when(review.from), to: when(review.to), at: when(review.generatedAt) })}
            </span>
            <a className="button button--quiet" href={`/api/compliance/access-review/export?quarter=${encodeURIComponent(review.quarter)}`} download>
              {t("exportCsv")}
            </a>
          </div>

          <section className="stack">
            <h2>{t("afmmReadsTitle")}</h2>
            {review.afmmReads.length === 0 ? (
              <Alert tone="ok">{t("afmmReadsNone")}</Alert>
            ) : (
              <>
                <Alert tone="error">{t("afmmReadsFound", { count: review.afmmReads.length })}</Alert>
                <TableShell caption={t("afmmReadsTitle")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("table.at")}</th>
                      <th scope="col">{t("table.user")}</th>
                      <th scope="col">{t("table.resource")}</th>
                      <th scope="col">{t("table.subject")}</th>
                      <th scope="col">{t("table.purpose")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {review.afmmReads.map((row, index) => (
                      <tr key={index} data-testid="afmm-read">
                        <td>{when(row.at)}</td>
                        <td>{row.userEmail ?? row.userId}</td>
                        <td>{row.resource}</td>
                        <td>{row.subjectUserId ?? row.subjectRef ?? "—"}</td>
                        <td>{row.purpose}</td>
                      </tr>
                    ))}
                  </tbody>
                </TableShell>
              </>
            )}
          </section>

          <section className="stack">
            <h2>{t("afmmActivityTitle")}</h2>
            <p className="muted">{t("afmmActivityLead", { users: review.afmmUsers })}</p>
            {review.afmmActivity.length === 0 ? (
              <p className="muted">{t("afmmActivityNone")}</p>
            ) : (
              <TableShell caption={t("afmmActivityTitle")}>
                <thead>
                  <tr>
                    <th scope="col">{t("table.at")}</th>
                    <th scope="col">{t("table.user")}</th>
                    <th scope="col">{t("table.action")}</th>
                    <th scope="col">{t("table.entity")}</th>
                  </tr>
                </thead>
                <tbody>
                  {review.afmmActivity.map((row) => (
                    <tr key={row.seq}>
                      <td>{when(row.at)}</td>
                      <td>{row.actorEmail ?? "—"}</td>
                      <td>{row.action}</td>
                      <td>
                        {row.entity}
                        {row.entityId ? ` ${row.entityId}` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            )}
          </section>

          <section className="stack">
            <h2>{t("staffTitle")}</h2>
            <p className="muted">{t("staffLead", { count: review.totalReads })}</p>
            {review.staffSummary.length > 0 ? (
              <TableShell caption={t("staffTitle")}>
                <thead>
                  <tr>
                    <th scope="col">{t("table.user")}</th>
                    <th scope="col">{t("table.family")}</th>
                    <th scope="col">{t("table.resource")}</th>
                    <th scope="col">{t("table.reads")}</th>
                    <th scope="col">{t("table.first")}</th>
                    <th scope="col">{t("table.last")}</th>
                  </tr>
                </thead>
                <tbody>
                  {review.staffSummary.map((row) => (
                    <tr key={`${row.userId}-${row.resource}-${row.family}`}>
                      <td>{row.userEmail ?? row.userId}</td>
                      <td>{row.family}</td>
                      <td>{row.resource}</td>
                      <td>{row.reads}</td>
                      <td>{row.first ? when(row.first) : "—"}</td>
                      <td>{row.last ? when(row.last) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            ) : null}
          </section>
        </>
      ) : null}
    </article>
  );
}
