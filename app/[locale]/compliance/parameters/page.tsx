import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/transport/session";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { formatParameterValue } from "@/lib/parameter-format";
import { getParameters } from "@/lib/services/public-market-data/get-parameters";
import { ParameterForm, type ChangeableParameter } from "./parameter-form";
import { publicAnswer } from "../../public-answer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.parameters");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * Where a Responsible Officer changes a market parameter (after a step-up; audited).
 * Compliance officers and auditors see the same page without the form.
 */
export default async function ComplianceParametersPage() {
  const ctx = await requirePermission("compliance.view");
  const t = await getTranslations("compliance.parameters");
  const mayChange = can(ctx.actor.roles, "parameters.change");
  const answer = await publicAnswer(() => getParameters({ ctx, input: { scope: "market" } }));
  if (!answer.ok) {
    return (
      <div className="section-page">
        <h1>{t("title")}</h1>
        <Alert tone="error">{t("unavailable", { reason: answer.reason })}</Alert>
      </div>
    );
  }
  const data = answer.data;
  const units = new Map(data.markets.map((market) => [market.symbol, market]));
  const parameters: ChangeableParameter[] = data.parameters
    .filter((row) => !row.derived && row.fixed === null && row.value !== null && typeof row.value !== "object")
    .map((row) => ({
      market: row.subject,
      path: row.path,
      label: row.label,
      unit: row.unit,
      shown: formatParameterValue(row.value, row.unit, row.path, units.get(row.subject)),
      raw: String(row.value),
    }));
  return (
    <div className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t.rich("lead", { registry: (chunks) => <Link href="/disclosures/parameters">{chunks}</Link> })}</p>
      {mayChange ? <ParameterForm parameters={parameters} markets={data.markets.map((market) => market.symbol)} /> : <Alert tone="warn">{t("readOnly")}</Alert>}
      <h2>{t("recent.title")}</h2>
      {data.changeLog.length === 0 ? (
        <p>{t("recent.none")}</p>
      ) : (
        <ul>
          {data.changeLog.slice(0, 10).map((entry) => (
            <li key={entry.seq}>
              {t("recent.entry", {
                at: formatUtc(entry.effectiveFromMs),
                market: entry.subject,
                paths: entry.requested.map((change) => change.path).join(", "),
                reason: entry.reason ?? "",
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
