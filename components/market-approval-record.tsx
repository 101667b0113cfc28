import { getTranslations } from "next-intl/server";
import type { ApprovalView } from "@/lib/wire/market-governance";

/** MRG-5: one market's approval record in force and its envelope (staff page and public registry alike). */
export async function ApprovalRecord({ approval }: { approval: ApprovalView }) {
  const t = await getTranslations("riskGovernance.approvalRecord");
  return (
    <section className="card" aria-label={t("recordOf", { market: approval.market })} data-testid="approval-record">
      <h3>{approval.market}</h3>
      <dl className="facts">
        <div>
          <dt>{t("reference")}</dt>
          <dd data-testid="approval-reference">{approval.reference}</dd>
        </div>
        <div>
          <dt>{t("approvedOn")}</dt>
          <dd>{approval.approvedOn}</dd>
        </div>
        <div>
          <dt>{t("hash")}</dt>
          <dd className="mono" data-testid="approval-hash">
            {approval.parameterHash}
          </dd>
        </div>
      </dl>
      <details>
        <summary>{t("envelope", { count: approval.envelope.length })}</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("path")}</th>
                <th scope="col">{t("min")}</th>
                <th scope="col">{t("max")}</th>
                <th scope="col">{t("current")}</th>
              </tr>
            </thead>
            <tbody>
              {approval.envelope.map((row) => (
                <tr key={row.path}>
                  <td className="mono">{row.path}</td>
                  <td>{row.minShown ?? "—"}</td>
                  <td>{row.maxShown ?? "—"}</td>
                  <td>{row.current ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
