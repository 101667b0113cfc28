import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { Alert } from "@/components/ui/alert";
import { formatUtc, valueText } from "@/lib/format";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { formatParameterValue, type MarketUnits } from "@/lib/parameter-format";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getParameters, type ParametersAnswer } from "@/lib/services/public-market-data/get-parameters";
import { PARAMETER_SCOPES } from "@/lib/services/public-market-data/schemas";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { parametersInput, searchParamsOf } from "@/lib/transport/public-query";
import { code, strong } from "../rich-text";
import { ApprovalRecord } from "@/components/market-approval-record";
import { errorText } from "@/lib/transport/messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.parameters");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

type Row = ParametersAnswer["parameters"][number];
type Entry = ParametersAnswer["changeLog"][number];

/** The journal's change kinds, each with the message that names it. */
const KIND_KEY = {
  MarketParametersUpdated: "marketParametersUpdated",
  CollateralAssetUpdated: "collateralAssetUpdated",
  CollateralSuspended: "collateralSuspended",
  CollateralSuspensionLifted: "collateralSuspensionLifted",
} as const;

/**
 * DISC-1: every parameter of the configuration in force with the time it took effect, its previous
 * value and the reason, and the change log, both rebuilt from the engine journal (getParameters, the
 * same answer as GET /api/public/parameters). The filter is a plain GET form, so it works without JavaScript.
 */
export default async function ParametersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, t, locale] = await Promise.all([searchParams, getTranslations("disclosures.parameters"), getLocale()]);
  const params = searchParamsOf(raw);
  let data: ParametersAnswer;
  try {
    data = await getParameters({ ctx: anonymousContext(), input: parametersInput(params) });
  } catch (error) {
    if (!(error instanceof PublicApiError) && !(error instanceof ZodError)) throw error;
    const message = error instanceof ZodError && !error.issues[0] ? t("invalidFilter") : await errorText(error);
    return (
      <article className="section-page">
        <h1>{t("title")}</h1>
        <Alert tone="error">{t.rich("refused", { reason: message, link: (chunks) => <Link href="/disclosures/parameters">{chunks}</Link> })}</Alert>
      </article>
    );
  }
  const unitsOf = new Map<string, MarketUnits>(data.markets.map((market) => [market.symbol, market]));
  const rowOf = new Map(data.parameters.map((row) => [`${row.scope}|${row.subject}|${row.path}`, row]));
  const subjects = [...new Set(data.parameters.map((row) => `${row.scope}|${row.subject}`))];
  const value = (scope: string, subject: string, path: string, v: unknown) => {
    const row = rowOf.get(`${scope}|${subject}|${path}`);
    return row ? formatParameterValue(v, row.unit, path, unitsOf.get(subject)) : v === null ? "—" : valueText(v);
  };
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <dl className="facts">
        <div>
          <dt>{t("configHash")}</dt>
          <dd>
            <code data-testid="config-hash">{data.configHash}</code>
            <br />
            <span className="muted" data-testid="journal-hash-check">
              {data.journalConfigHash === data.configHash ? t("journalAgrees") : t("journalDiffers", { hash: data.journalConfigHash })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("engineStarted")}</dt>
          <dd>{t("engineStartedAt", { time: formatUtc(data.genesisMs) })}</dd>
        </div>
      </dl>

      <form className="filters" method="get" action={getPathname({ href: "/disclosures/parameters", locale })} aria-label={t("filter.label")}>
        <div className="field">
          <label htmlFor="filter-market">{t("filter.market")}</label>
          <select id="filter-market" name="market" defaultValue={data.filter.market ?? ""}>
            <option value="">{t("filter.all")}</option>
            {data.markets.map((market) => (
              <option key={market.symbol} value={market.symbol}>
                {market.symbol}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-scope">{t("filter.kind")}</label>
          <select id="filter-scope" name="scope" defaultValue={data.filter.market ? "" : (data.filter.scope ?? "")}>
            <option value="">{t("filter.all")}</option>
            {PARAMETER_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {t(`scopes.${scope}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("filter.submit")}
        </button>
      </form>

      <ScheduledChanges scheduled={data.scheduled} />

      <section aria-labelledby="change-log">
        <h2 id="change-log">{t("changeLog.heading")}</h2>
        {data.changeLog.length === 0 ? (
          <p data-testid="change-log-empty">{t("changeLog.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="change-log">
              <caption className="visually-hidden">{t("changeLog.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("changeLog.columns.effective")}</th>
                  <th scope="col">{t("changeLog.columns.appliesTo")}</th>
                  <th scope="col">{t("changeLog.columns.change")}</th>
                  <th scope="col">{t("changeLog.columns.beforeAfter")}</th>
                  <th scope="col">{t("changeLog.columns.reason")}</th>
                  <th scope="col">{t("changeLog.columns.seq")}</th>
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

      <PublicApprovals approvals={data.approvals} />

      <section aria-labelledby="registry">
        <h2 id="registry">{t("registry.heading")}</h2>
        {subjects.map((key) => {
          const [scope, subject] = key.split("|");
          const rows = data.parameters.filter((row) => row.scope === scope && row.subject === subject);
          return <RegistryTable key={key} scope={scope} subject={subject} rows={rows} units={unitsOf.get(subject)} />;
        })}
      </section>
      <p className="muted">
        {t.rich("footer", {
          endpoint: "GET /api/public/parameters?market=&scope=",
          code,
          link: (chunks) => <Link href="/disclosures/methodology">{chunks}</Link>,
        })}
      </p>
    </article>
  );
}

function ChangeRow({ entry, value }: { entry: Entry; value: (scope: string, subject: string, path: string, v: unknown) => string }) {
  const t = useTranslations("disclosures.parameters.changeLog");
  const requested = new Set(entry.requested.map((change) => change.path));
  const kind = Object.hasOwn(KIND_KEY, entry.kind) ? KIND_KEY[entry.kind] : undefined;
  return (
    <tr data-testid="change-row">
      <td>{formatUtc(entry.effectiveFromMs)}</td>
      <td>{entry.subject}</td>
      <td>{kind ? t(`kinds.${kind}`) : entry.kind}</td>
      <td>
        <ul>
          {entry.changes.map((change) => (
            <li key={change.path}>
              {t.rich("change", {
                path: change.path,
                derived: requested.has(change.path) || entry.kind !== "MarketParametersUpdated" ? "no" : "yes",
                before: value(entry.scope, entry.subject, change.path, change.previous),
                after: value(entry.scope, entry.subject, change.path, change.next),
                code,
                strong,
              })}
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
  const t = useTranslations("disclosures.parameters.registry");
  const id = `registry-${scope}-${subject}`;
  const title = scope === "platform" ? t("platform") : scope === "collateral" ? t("collateral", { subject }) : subject;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="table-wrap">
        <table className="data-table" data-testid={`registry-${subject}`}>
          <caption className="visually-hidden">{t("caption", { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.parameter")}</th>
              <th scope="col">{t("columns.value")}</th>
              <th scope="col">{t("columns.since")}</th>
              <th scope="col">{t("columns.previous")}</th>
              <th scope="col">{t("columns.reason")}</th>
              <th scope="col">{t("columns.changeable")}</th>
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
                <td>{row.changeSeq === null ? t("startingValue") : formatParameterValue(row.previous, row.unit, row.path, units)}</td>
                <td>{row.reason ?? "—"}</td>
                <td>{row.derived ? t("derived") : row.fixed ? t("fixed", { why: row.fixed }) : t("changeable")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** DISC-1, MRG-5: approved changes waiting for their effective time. */
async function ScheduledChanges({ scheduled }: { scheduled: ParametersAnswer["scheduled"] }) {
  const t = await getTranslations("riskGovernance.scheduled");
  return (
    <section aria-labelledby="scheduled-changes">
      <h2 id="scheduled-changes">{t("heading")}</h2>
      <p>{t("lead")}</p>
      {scheduled.length === 0 ? (
        <p data-testid="scheduled-empty">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="scheduled-changes">
            <thead>
              <tr>
                <th scope="col">{t("effective")}</th>
                <th scope="col">{t("market")}</th>
                <th scope="col">{t("change")}</th>
                <th scope="col">{t("reason")}</th>
              </tr>
            </thead>
            <tbody>
              {scheduled.map((row) => (
                <tr key={row.id} data-testid="scheduled-row">
                  <td>
                    {row.effectiveAtMs === null ? "—" : formatUtc(row.effectiveAtMs)} <span className="pill">{t("status")}</span>
                  </td>
                  <td>{row.market}</td>
                  <td>
                    {row.diff.map((change) => (
                      <div key={change.path}>
                        <code>{change.path}</code>: {change.before} → {change.after}
                      </div>
                    ))}
                  </td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** MRG-5: each market's approval record in force. */
async function PublicApprovals({ approvals }: { approvals: ParametersAnswer["approvals"] }) {
  const t = await getTranslations("riskGovernance.publicApprovals");
  if (approvals.length === 0) return null;
  return (
    <section aria-labelledby="approval-records">
      <h2 id="approval-records">{t("heading")}</h2>
      <p>{t("lead")}</p>
      {approvals.map((approval) => (
        <ApprovalRecord key={approval.market} approval={approval} />
      ))}
    </section>
  );
}
