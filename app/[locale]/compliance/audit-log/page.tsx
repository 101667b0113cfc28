import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { canonicalJson } from "@/lib/audit/chain";
import { describeChainCheck, describeCheckpoints } from "@/lib/audit/verify";
import { AUDIT_ACTIONS } from "@/lib/services/audit";
import { formatHkTime, ServiceError } from "@/lib/services/errors";
import { filterFromSearchParams } from "@/lib/services/audit-log/schemas";
import { listAuditEntries } from "@/lib/services/audit-log/list-audit-entries";
import { verifyAuditLog } from "@/lib/services/audit-log/verify-audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("audit.read");
  const filter = filterFromSearchParams(await searchParams);
  const check = await verifyAuditLog({ ctx });
  let listing: Awaited<ReturnType<typeof listAuditEntries>> = { rows: [], nextBefore: null };
  let filterError: string | null = null;
  try {
    listing = await listAuditEntries({ ctx, input: filter });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = error.message;
  }
  const query = new URLSearchParams(Object.entries({ ...filter, before: undefined }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const older = listing.nextBefore !== null ? `?${new URLSearchParams([...query, ["before", listing.nextBefore.toString()]])}` : null;

  return (
    <article className="stack">
      <div className="section-page">
        <h1>Audit log</h1>
        <p className="lead">
          An append-only record of sign-ins, account and role changes, onboarding steps and review decisions, uploads
          and their deletion, trading instructions, parameter changes and stress scenarios. The database refuses to change or delete entries. Each entry is sealed with a
          keyed hash (HMAC) that also covers the entry before it, under a key the database does not hold, so an edited
          entry no longer matches its seal. Every minute while the log grows, the portal signs a checkpoint of the
          latest entry and keeps it outside the database, so entries removed up to the last checkpoint are detected too.
        </p>
        <div className={`alert ${check.ok ? "alert--ok" : "alert--error"}`} role={check.ok ? "status" : "alert"} data-testid="chain-status">
          {check.ok ? (
            <p>
              <strong>Chain intact: </strong>
              {describeChainCheck(check)}.
            </p>
          ) : (
            <>
              <p>
                <strong>Chain broken: </strong>
                {check.rows} of {check.total} entries verified before the first problem. Found:
              </p>
              <ul>
                {check.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </>
          )}
          <p data-testid="checkpoint-status">
            {capitalize(describeCheckpoints(check, (at) => `${formatHkTime(at)} HKT`))}.
          </p>
        </div>
      </div>

      <form className="filters" method="get" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="actor">Actor (email contains)</label>
          <input id="actor" name="actor" type="text" defaultValue={filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entity">Entity</label>
          <input id="entity" name="entity" type="text" defaultValue={filter.entity ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="from">From (HK date)</label>
          <input id="from" name="from" type="date" defaultValue={typeof filter.from === "string" ? filter.from : ""} />
        </div>
        <div className="field">
          <label htmlFor="to">To (HK date)</label>
          <input id="to" name="to" type="date" defaultValue={typeof filter.to === "string" ? filter.to : ""} />
        </div>
        <p>
          <button type="submit" className="button">
            Filter
          </button>{" "}
          <Link href="/compliance/audit-log">Clear</Link>
        </p>
      </form>

      {filterError ? (
        <p className="alert alert--error" role="alert">
          {filterError}
        </p>
      ) : null}

      <div className="toolbar">
        <span className="muted">
          {listing.rows.length === 0 ? "No entries match." : `Showing ${listing.rows.length} entries, newest first.`}
        </span>
        {can(ctx.actor.roles, "audit.export") ? (
          <a className="button button--quiet" href={`/api/compliance/audit-log/export?${query}`} download>
            Export CSV
          </a>
        ) : null}
      </div>

      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Audit log entries</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (HKT)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Change</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {listing.rows.map((row) => (
              <tr key={row.seq.toString()}>
                <td>{row.seq.toString()}</td>
                <td>{formatHkTime(row.at)}</td>
                <td>{row.actorEmail ?? <span className="muted">system</span>}</td>
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
                  {row.before !== null ? (
                    <div>
                      <span className="muted">before </span>
                      <code>{canonicalJson(row.before)}</code>
                    </div>
                  ) : null}
                  {row.after !== null ? (
                    <div>
                      <span className="muted">after </span>
                      <code>{canonicalJson(row.after)}</code>
                    </div>
                  ) : null}
                  {row.reason ? <div>Reason: {row.reason}</div> : null}
                </td>
                <td>
                  <code title={row.hash}>{row.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {older ? (
        <p>
          <Link href={`/compliance/audit-log${older}`}>Older entries →</Link>
        </p>
      ) : null}
    </article>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
