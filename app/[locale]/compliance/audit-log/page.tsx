import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { requirePermission } from "@/lib/transport/session";
import { can } from "@/lib/auth/permissions";
import { canonicalJson } from "@/lib/audit/chain";
import { describeChainCheck, describeCheckpoints } from "@/lib/audit/verify";
import { AUDIT_ACTIONS } from "@/lib/services/audit";
import { formatHkTime, ServiceError } from "@/lib/services/errors";
import { filterFromSearchParams } from "@/lib/transport/audit-log-query";
import { listAuditEntries } from "@/lib/services/audit-log/list-audit-entries";
import { verifyAuditLog } from "@/lib/services/audit-log/verify-audit-log";
import { Link } from "@/lib/i18n/navigation";
import { errorText } from "@/lib/transport/messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.auditLog");
  return { title: t("title") };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("audit.read");
  const t = await getTranslations("compliance.auditLog");
  const filter = filterFromSearchParams(await searchParams);
  const check = await verifyAuditLog({ ctx });
  let listing: Awaited<ReturnType<typeof listAuditEntries>> = { rows: [], nextBefore: null };
  let filterError: string | null = null;
  try {
    listing = await listAuditEntries({ ctx, input: filter });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = await errorText(error);
  }
  const query = new URLSearchParams(
    Object.entries({ ...filter, before: undefined }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const older = listing.nextBefore !== null ? `?${new URLSearchParams([...query, ["before", listing.nextBefore.toString()]])}` : null;

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <div data-testid="chain-status">
          <Alert tone={check.ok ? "ok" : "error"} as="div">
            {check.ok ? (
              <p>{t.rich("chainIntact", { summary: describeChainCheck(check), strong })}</p>
            ) : (
              <>
                <p>{t.rich("chainBroken", { verified: String(check.rows), total: String(check.total), strong })}</p>
                <ul>
                  {check.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </>
            )}
            <p data-testid="checkpoint-status">
              {t("checkpoints", { description: capitalize(describeCheckpoints(check, (at) => t("hkTime", { time: formatHkTime(at) }))) })}
            </p>
          </Alert>
        </div>
      </div>

      <form className="filters" method="get" aria-label={t("filter.label")}>
        <Field id="actor" label={t("filter.actor")}>
          <input id="actor" name="actor" type="text" defaultValue={filter.actor ?? ""} />
        </Field>
        <Field id="action" label={t("filter.action")}>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("filter.anyAction")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </Field>
        <Field id="entity" label={t("filter.entity")}>
          <input id="entity" name="entity" type="text" defaultValue={filter.entity ?? ""} />
        </Field>
        <Field id="from" label={t("filter.from")}>
          <input id="from" name="from" type="date" defaultValue={typeof filter.from === "string" ? filter.from : ""} />
        </Field>
        <Field id="to" label={t("filter.to")}>
          <input id="to" name="to" type="date" defaultValue={typeof filter.to === "string" ? filter.to : ""} />
        </Field>
        <p>
          <button type="submit" className="button">
            {t("filter.submit")}
          </button>{" "}
          <Link href="/compliance/audit-log">{t("filter.clear")}</Link>
        </p>
      </form>

      {filterError ? <Alert tone="error">{filterError}</Alert> : null}

      <div className="toolbar">
        <span className="muted">{listing.rows.length === 0 ? t("noEntries") : t("showing", { count: String(listing.rows.length) })}</span>
        {can(ctx.actor.roles, "audit.export") ? (
          <a className="button button--quiet" href={`/api/compliance/audit-log/export?${query}`} download>
            {t("exportCsv")}
          </a>
        ) : null}
      </div>

      <TableShell caption={t("table.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("table.seq")}</th>
            <th scope="col">{t("table.when")}</th>
            <th scope="col">{t("table.actor")}</th>
            <th scope="col">{t("table.action")}</th>
            <th scope="col">{t("table.entity")}</th>
            <th scope="col">{t("table.change")}</th>
            <th scope="col">{t("table.hash")}</th>
          </tr>
        </thead>
        <tbody>
          {listing.rows.map((row) => (
            <tr key={row.seq.toString()}>
              <td>{row.seq.toString()}</td>
              <td>{formatHkTime(row.at)}</td>
              <td>{row.actorEmail ?? <span className="muted">{t("table.system")}</span>}</td>
              <td className="nowrap">
                <code>{row.action}</code>
              </td>
              <td>
                {row.entity}
                {row.entityId ? (
                  <>
                    <br />
                    <code className="muted">{row.entityId}</code>
                  </>
                ) : null}
              </td>
              <td>
                {row.before !== null ? <div>{t.rich("table.before", { json: canonicalJson(row.before), muted, code })}</div> : null}
                {row.after !== null ? <div>{t.rich("table.after", { json: canonicalJson(row.after), muted, code })}</div> : null}
                {row.reason ? <div>{t("table.reason", { reason: row.reason })}</div> : null}
              </td>
              <td>
                <code title={row.hash}>{row.hash.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </TableShell>
      {older ? (
        <p>
          <Link href={`/compliance/audit-log${older}`}>{t("older")}</Link>
        </p>
      ) : null}
    </article>
  );
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
const muted = (chunks: ReactNode) => <span className="muted">{chunks}</span>;
const code = (chunks: ReactNode) => <code>{chunks}</code>;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
