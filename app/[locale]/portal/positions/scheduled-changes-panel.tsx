import { getTranslations } from "next-intl/server";
import { formatUtc } from "@/lib/format";
import type { ServiceContext } from "@/lib/services/context";
import { getMyScheduledChanges } from "@/lib/services/risk-governance/get-my-scheduled-changes";

/**
 * MRG-5 advance notice: approved changes to the markets the client holds, with their own margin ratio
 * and liquidation price now and under the new values. Shown only when there is one.
 */
export async function ScheduledChangesPanel({ ctx }: { ctx: ServiceContext }) {
  const rows = await getMyScheduledChanges({ ctx });
  if (rows.length === 0) return null;
  const t = await getTranslations("riskGovernance.positionsPanel");
  return (
    <section aria-labelledby="scheduled-changes" className="card" data-testid="scheduled-changes-panel">
      <h2 id="scheduled-changes">{t("heading")}</h2>
      <p>{t("lead")}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("change")}</th>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("ratio")}</th>
              <th scope="col">{t("liquidation")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="scheduled-change">
                <td>
                  {row.market}:{" "}
                  {row.diff.map((change) => (
                    <span key={change.path}>
                      <code>{change.path}</code> {change.before} → {change.after}{" "}
                    </span>
                  ))}
                </td>
                <td>{row.effectiveAtMs === null ? t("none") : formatUtc(row.effectiveAtMs)}</td>
                <td>
                  {row.marginRatioBefore} → <strong>{row.marginRatioAfter}</strong>
                </td>
                <td data-testid="future-liquidation-price">
                  {row.liquidationBefore} → <strong>{row.liquidationAfter}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
