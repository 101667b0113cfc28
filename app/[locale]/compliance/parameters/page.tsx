import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { formatParameterValue } from "@/lib/parameter-format";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getParameters, type ParametersAnswer } from "@/lib/services/public-market-data/get-parameters";
import { ParameterForm, type ChangeableParameter } from "./parameter-form";

export const metadata: Metadata = { title: "Parameter changes" };
export const dynamic = "force-dynamic";

/**
 * Issue 6 pt 8: where a Responsible Officer changes a market parameter (after a step-up; audited).
 * Compliance officers and auditors see the same page without the form.
 */
export default async function ComplianceParametersPage() {
  const ctx = await requirePermission("compliance.view");
  const mayChange = can(ctx.actor.roles, "parameters.change");
  let data: ParametersAnswer;
  try {
    data = await getParameters(new URLSearchParams("scope=market"));
  } catch (error) {
    if (!(error instanceof PublicApiError)) throw error;
    return (
      <div className="section-page">
        <h1>Parameter changes</h1>
        <p className="alert alert--error" role="alert">
          Parameters cannot be changed right now: {error.message}.
        </p>
      </div>
    );
  }
  const units = new Map(data.markets.map((market) => [market.symbol, market]));
  const parameters: ChangeableParameter[] = data.parameters
    .filter((row) => !row.derived && row.fixed === null && row.value !== null && typeof row.value !== "object")
    .map((row) => ({ market: row.subject, path: row.path, label: row.label, unit: row.unit, shown: formatParameterValue(row.value, row.unit, row.path, units.get(row.subject)), raw: String(row.value) }));
  return (
    <div className="section-page">
      <h1>Parameter changes</h1>
      <p className="lead">
        Change a market parameter while the market runs: margin tiers, liquidation and fee parameters, funding limits, index
        weights and bands, and the ADL risk thresholds. The exchange engine checks the change with the same validation it applies at
        start-up and refuses anything invalid; an accepted change is in force at once and appears, with its previous value and your
        reason, in the public <Link href="/disclosures/parameters">parameter registry and change log</Link>. Contract terms that
        existing positions and orders depend on (tick and lot size, funding schedule, index constituents) cannot change here.
      </p>
      {mayChange ? (
        <ParameterForm parameters={parameters} markets={data.markets.map((market) => market.symbol)} />
      ) : (
        <p className="alert alert--warn">Only a Responsible Officer can change parameters; this page is read-only for your role.</p>
      )}
      <h2>Recent changes</h2>
      {data.changeLog.length === 0 ? (
        <p>No market parameter has changed since the engine started.</p>
      ) : (
        <ul>
          {data.changeLog.slice(0, 10).map((entry) => (
            <li key={entry.seq}>
              {new Date(entry.effectiveFromMs).toISOString().replace("T", " ").slice(0, 19)} UTC, {entry.subject}:{" "}
              {entry.requested.map((change) => change.path).join(", ")} — {entry.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
