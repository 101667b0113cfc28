import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { listAttestationStatus } from "@/lib/services/conflicts/list-attestation-status";
import { listConflicts } from "@/lib/services/conflicts/list-conflicts";
import { listStaffOwners } from "@/lib/services/conflicts/list-staff-owners";
import { CONFLICT_STATUSES, type ConflictStatus } from "@/lib/services/conflicts/schemas";
import { ServiceError } from "@/lib/services/errors";
import { errorText } from "@/lib/transport/messages";
import { requirePermission } from "@/lib/transport/session";
import { ConflictForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.conflicts");
  return { title: t("title") };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function ConflictsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("afmm.oversight.view");
  const t = await getTranslations("oversight.conflicts");
  const params = await searchParams;
  const filter = { status: one(params.status), overdue: one(params.overdue) };
  let rows: Awaited<ReturnType<typeof listConflicts>> = [];
  let filterError: string | null = null;
  try {
    rows = await listConflicts({ ctx, input: filter });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = await errorText(error);
  }
  const attestations = await listAttestationStatus({ ctx });
  const manage = can(ctx.actor.roles, "conflicts.manage");
  const owners = manage ? await listStaffOwners({ ctx }) : [];
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== ""));
  const statusLabel = (status: string) => ((CONFLICT_STATUSES as readonly string[]).includes(status) ? t(`status.${status as ConflictStatus}`) : status);

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <p>
          <Link href="/afmm/conflicts/policies">{t("policiesLink")}</Link>
        </p>
      </div>

      {attestations.overdue > 0 ? (
        <Alert tone="warn">
          {t("attestationAlert", { count: attestations.overdue })} <Link href="/afmm/conflicts/policies#status">{t("attestationAlertLink")}</Link>
        </Alert>
      ) : null}

      <form className="filters" method="get" aria-label={t("filter.label")}>
        <Field id="status" label={t("filter.status")}>
          <select id="status" name="status" defaultValue={filter.status}>
            <option value="">{t("filter.any")}</option>
            {CONFLICT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === "1"} /> {t("filter.overdue")}
          </label>
        </p>
        <p>
          <button type="submit" className="button">
            {t("filter.submit")}
          </button>{" "}
          <Link href="/afmm/conflicts">{t("filter.clear")}</Link>
        </p>
      </form>

      {filterError ? <Alert tone="error">{filterError}</Alert> : null}

      <div className="toolbar">
        <span className="muted">{t("count", { count: rows.length })}</span>
        <a className="button button--quiet" href={`/api/afmm/conflicts/export?${query}`} download>
          {t("exportCsv")}
        </a>
      </div>

      <TableShell caption={t("table.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("table.title")}</th>
            <th scope="col">{t("table.status")}</th>
            <th scope="col">{t("table.owner")}</th>
            <th scope="col">{t("table.reviewDate")}</th>
            <th scope="col">{t("table.version")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="conflict-row">
              <td>
                <Link href={`/afmm/conflicts/${row.id}`}>{row.title}</Link>
                {row.sourceReviewId ? (
                  <>
                    {" "}
                    <Badge>{t("table.fromReview")}</Badge>
                  </>
                ) : null}
              </td>
              <td>{statusLabel(row.status)}</td>
              <td>{row.ownerName ?? row.ownerId}</td>
              <td>
                {row.reviewDate}
                {row.reviewOverdue ? (
                  <>
                    {" "}
                    <Badge tone="stale">{t("table.overdue")}</Badge>
                  </>
                ) : null}
              </td>
              <td>{row.version}</td>
            </tr>
          ))}
        </tbody>
      </TableShell>

      {manage ? (
        <section className="stack">
          <h2>{t("form.newTitle")}</h2>
          <ConflictForm initial={{ title: "", description: "", ownerId: "", mitigation: "", status: "OPEN", reviewDate: "" }} owners={owners} />
        </section>
      ) : null}
    </article>
  );
}
