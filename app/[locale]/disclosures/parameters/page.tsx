import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { formatUtc } from "@/lib/format";
import { formatParameterValue, type MarketUnits } from "@/lib/parameter-format";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getParameters, type ParametersAnswer } from "@/lib/services/public-market-data/get-parameters";
import { PARAMETER_SCOPES } from "@/lib/services/public-market-data/parameters-query";

export const metadata: Metadata = { title: "Parameter registry and change log" };
export const dynamic = "force-dynamic";

type Row = ParametersAnswer["parameters"][number];
type Entry = ParametersAnswer["changeLog"][number];

const SCOPE_LABEL: Record<string, string> = { platform: "Platform", market: "Markets", collateral: "Collateral" };
const KIND_LABEL: Record<string, string> = {
  MarketParametersUpdated: "Market parameters changed",
  CollateralAssetUpdated: "Collateral registry entry changed",
  CollateralSuspended: "Collateral circuit breaker set",
  CollateralSuspensionLifted: "Collateral circuit breaker lifted",
};

/**
 * Issue 6 pt 8 / DISC-1: every parameter of the configuration in force with the time it took effect,
 * its previous value and the reason, and the change log, both rebuilt from the engine journal
 * (getParameters, the same answer as GET /api/public/parameters). The filter is a plain GET form,
 * so it works without JavaScript.
 */
export default async function ParametersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  let data: ParametersAnswer;
  try {
    data = await getParameters(params);
  } catch (error) {
    if (!(error instanceof PublicApiError) && !(error instanceof ZodError)) throw error;
    const message = error instanceof ZodError ? (error.issues[0]?.message ?? "invalid filter") : error.message;
    return (
      <article className="section-page">
        <h1>Parameter registry and change log</h1>
        <p className="alert alert--error" role="alert">
          {message}. <Link href="/disclosures/parameters">Show every parameter</Link>.
        </p>
      </article>
    );
  }
  const unitsOf = new Map<string, MarketUnits>(data.markets.map((market) => [market.symbol, market]));
  const rowOf = new Map(data.parameters.map((row) => [`${row.scope}|${row.subject}|${row.path}`, row]));
  const subjects = [...new Set(data.parameters.map((row) => `${row.scope}|${row.subject}`))];
  const value = (scope: string, subject: string, path: string, v: unknown) => {
    const row = rowOf.get(`${scope}|${subject}|${path}`);
    return row ? formatParameterValue(v, row.unit, path, unitsOf.get(subject)) : v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v);
  };
  return (
    <article className="section-page wide-page">
      <h1>Parameter registry and change log</h1>
      <p className="lead">
        Every parameter the exchange engine runs with — each market&apos;s contract terms, margin tiers, funding, index, liquidation,
        fee and ADL-risk parameters (with the values derived from them), the eligible-collateral registry and the platform settings —
        with the time it took effect, its previous value and the reason it changed. Both are rebuilt from the engine&apos;s journal of
        record.
      </p>
      <dl className="facts">
        <div>
          <dt>Configuration hash</dt>
          <dd>
            <code data-testid="config-hash">{data.configHash}</code>
            <br />
            <span className="muted" data-testid="journal-hash-check">
              {data.journalConfigHash === data.configHash
                ? "Replaying every change in the log onto the starting configuration gives exactly this configuration."
                : `Warning: replaying the change log gives a different configuration (hash ${data.journalConfigHash}).`}
            </span>
          </dd>
        </div>
        <div>
          <dt>Engine started</dt>
          <dd>{formatUtc(data.genesisMs)} (parameters never changed are in force since then)</dd>
        </div>
      </dl>

      <form className="filters" method="get" action="/disclosures/parameters" aria-label="Filter parameters">
        <div className="field">
          <label htmlFor="filter-market">Market</label>
          <select id="filter-market" name="market" defaultValue={data.filter.market ?? ""}>
            <option value="">All</option>
            {data.markets.map((market) => (
              <option key={market.symbol} value={market.symbol}>
                {market.symbol}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-scope">Kind</label>
          <select id="filter-scope" name="scope" defaultValue={data.filter.market ? "" : (data.filter.scope ?? "")}>
            <option value="">All</option>
            {PARAMETER_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {SCOPE_LABEL[scope]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </form>

      <section aria-labelledby="change-log">
        <h2 id="change-log">Change log</h2>
        {data.changeLog.length === 0 ? (
          <p data-testid="change-log-empty">No parameter in this selection has changed since the engine started.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="change-log">
              <caption className="visually-hidden">Parameter changes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Effective (engine time)</th>
                  <th scope="col">Applies to</th>
                  <th scope="col">Change</th>
                  <th scope="col">Before → after</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Journal seq</th>
                </tr>
              </thead>
              <tbody>
                {data.changeLog.map((entry) => (
                  <ChangeRow key={entry.seq} entry={entry} value={value} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="registry">
        <h2 id="registry">Registry</h2>
        {subjects.map((key) => {
          const [scope, subject] = key.split("|");
          const rows = data.parameters.filter((row) => row.scope === scope && row.subject === subject);
          return <RegistryTable key={key} scope={scope} subject={subject} rows={rows} units={unitsOf.get(subject)} />;
        })}
      </section>
      <p className="muted">
        Machine-readable: <code>GET /api/public/parameters?market=&amp;scope=</code> (README, &quot;Public API&quot;). How the parameters are
        used: <Link href="/disclosures/methodology">margin, liquidation and default management</Link>.
      </p>
    </article>
  );
}

function ChangeRow({ entry, value }: { entry: Entry; value: (scope: string, subject: string, path: string, v: unknown) => string }) {
  const requested = new Set(entry.requested.map((change) => change.path));
  return (
    <tr data-testid="change-row">
      <td>{formatUtc(entry.effectiveFromMs)}</td>
      <td>{entry.subject}</td>
      <td>{KIND_LABEL[entry.kind] ?? entry.kind}</td>
      <td>
        <ul>
          {entry.changes.map((change) => (
            <li key={change.path}>
              <code>{change.path}</code>
              {requested.has(change.path) || entry.kind !== "MarketParametersUpdated" ? "" : " (derived)"}: {value(entry.scope, entry.subject, change.path, change.previous)} →{" "}
              <strong>{value(entry.scope, entry.subject, change.path, change.next)}</strong>
            </li>
          ))}
        </ul>
      </td>
      <td>{entry.reason ?? "—"}</td>
      <td>{entry.seq}</td>
    </tr>
  );
}

function RegistryTable({ scope, subject, rows, units }: { scope: string; subject: string; rows: Row[]; units: MarketUnits | undefined }) {
  const id = `registry-${scope}-${subject}`;
  const title = scope === "platform" ? "Platform" : scope === "collateral" ? `Collateral: ${subject}` : subject;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="table-wrap">
        <table className="data-table" data-testid={`registry-${subject}`}>
          <caption className="visually-hidden">{title} parameters</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
              <th scope="col">In force since (engine time)</th>
              <th scope="col">Previous value</th>
              <th scope="col">Reason for the last change</th>
              <th scope="col">Can change while trading</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.path} data-testid="parameter-row" data-path={row.path}>
                <th scope="row">
                  {row.label}
                  <br />
                  <code className="parameter-path">{row.path}</code>
                </th>
                <td data-testid="parameter-value">{formatParameterValue(row.value, row.unit, row.path, units)}</td>
                <td data-testid="parameter-effective">{formatUtc(row.effectiveFromMs)}</td>
                <td>{row.changeSeq === null ? "— (starting value)" : formatParameterValue(row.previous, row.unit, row.path, units)}</td>
                <td>{row.reason ?? "—"}</td>
                <td>{row.derived ? "derived from other parameters" : row.fixed ? `no: it ${row.fixed}` : "yes (every change is logged here)"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
