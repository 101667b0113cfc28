import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { listAttestationStatus } from "@/lib/services/conflicts/list-attestation-status";
import { listMyPolicies } from "@/lib/services/conflicts/list-my-policies";
import { formatHkTime } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import { PublishPolicyForm } from "../forms";
import { MyPolicies } from "../my-policies";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.conflicts.policies");
  return { title: t("title") };
}

export default async function ConflictPoliciesPage() {
  const ctx = await requirePermission("afmm.oversight.view");
  const t = await getTranslations("oversight.conflicts.policies");
  const back = await getTranslations("oversight.conflicts");
  const [mine, status] = await Promise.all([
    can(ctx.actor.roles, "policies.attest") ? listMyPolicies({ ctx }) : Promise.resolve([]),
    listAttestationStatus({ ctx }),
  ]);
  const manage = can(ctx.actor.roles, "conflicts.manage");
  return (
    <article className="stack">
      <p>
        <Link href="/afmm/conflicts">{back("entry.back")}</Link>
      </p>
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>

      <MyPolicies policies={mine} />

      <section className="stack" id="status">
        <h2>{t("statusTitle", { year: String(status.year) })}</h2>
        <p className="muted">{t("statusLead")}</p>
        <TableShell caption={t("statusCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("person")}</th>
              <th scope="col">{t("side")}</th>
              <th scope="col">{t("policy")}</th>
              <th scope="col">{t("attestedThisYear")}</th>
              <th scope="col">{t("due")}</th>
              <th scope="col">{t("state")}</th>
            </tr>
          </thead>
          <tbody>
            {status.rows.map((row) => (
              <tr key={`${row.userId}-${row.policyId}`} data-testid="attestation-status" data-overdue={row.overdue ? "true" : "false"}>
                <td>
                  {row.name} ({row.email})
                </td>
                <td>{t(`side_${row.family}`)}</td>
                <td>
                  {row.policyTitle} v{row.policyVersion}
                </td>
                <td>{row.attestedThisYearAt ? formatHkTime(new Date(row.attestedThisYearAt)) : "—"}</td>
                <td>{formatHkTime(new Date(row.dueAt))}</td>
                <td>{row.overdue ? <strong>{t("stateOverdue")}</strong> : row.attestedThisYearAt ? t("stateDone") : t("stateDue")}</td>
              </tr>
            ))}
          </tbody>
        </TableShell>
        {status.rows.length === 0 ? <p className="muted">{t("noStaff")}</p> : null}
      </section>

      {manage ? (
        <section className="stack">
          <h2>{t("publishTitle")}</h2>
          <p className="muted">{t("publishLead")}</p>
          <PublishPolicyForm />
        </section>
      ) : null}
    </article>
  );
}
