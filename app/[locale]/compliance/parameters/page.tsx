import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getMarketGovernance } from "@/lib/services/risk-governance/get-market-governance";
import { requirePermission } from "@/lib/transport/session";
import { publicAnswer } from "../../public-answer";
import { ApprovalRecord } from "@/components/market-approval-record";
import { ProposeApprovalForm, ProposeParametersForm } from "./governance-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.parameters");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * Market parameter governance (MRG-5): each market's approval record and envelope, the proposals, and
 * for officers who may propose, the forms. Nobody changes a parameter alone: a second Responsible
 * Officer decides each proposal on its own page after a step-up.
 */
export default async function ComplianceParametersPage() {
  const ctx = await requirePermission("risk.read");
  const t = await getTranslations("compliance.parameters");
  const g = await getTranslations("compliance.parameters.governance");
  const mayPropose = can(ctx.actor.roles, "risk.propose");
  const answer = await publicAnswer(() => getMarketGovernance({ ctx }));
  if (!answer.ok) {
    return (
      <div className="section-page">
        <h1>{t("title")}</h1>
        <Alert tone="error">{t("unavailable", { reason: answer.reason })}</Alert>
      </div>
    );
  }
  const data = answer.data;
  const noticeMinutes = Math.round(data.minimumNoticeMs / 60_000);
  const envelopes = Object.fromEntries(
    data.approvals.map((approval) => [approval.market, approval.envelope.map((row) => `${row.path} ${row.min ?? "-"} ${row.max ?? "-"}`).join("\n")]),
  );
  return (
    <div className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{g.rich("lead", { registry: (chunks) => <Link href="/disclosures/parameters">{chunks}</Link>, minutes: noticeMinutes })}</p>

      <h2>{g("proposals.title")}</h2>
      {data.proposals.length === 0 ? (
        <p>{g("proposals.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="proposals">
            <thead>
              <tr>
                <th scope="col">{g("proposals.status")}</th>
                <th scope="col">{g("proposals.market")}</th>
                <th scope="col">{g("proposals.change")}</th>
                <th scope="col">{g("proposals.effective")}</th>
                <th scope="col">{g("proposals.proposedBy")}</th>
                <th scope="col">{g("proposals.open")}</th>
              </tr>
            </thead>
            <tbody>
              {data.proposals.map((proposal) => (
                <tr key={proposal.id} data-testid="proposal-row">
                  <td>{g(`status.${proposal.status}`)}</td>
                  <td>{proposal.market}</td>
                  <td>
                    {proposal.kind === "MARKET_APPROVAL"
                      ? g("proposals.approvalRecord")
                      : proposal.diff.map((row) => `${row.path}: ${row.before} → ${row.after}`).join("; ")}
                  </td>
                  <td>{proposal.effectiveAtMs === null ? g("proposals.atApproval") : formatUtc(proposal.effectiveAtMs)}</td>
                  <td>{proposal.proposedBy}</td>
                  <td>
                    <Link href={`/compliance/parameters/proposals/${proposal.id}`}>{g("proposals.view")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {mayPropose ? (
        <>
          <h2>{g("propose.title")}</h2>
          <p>{g("propose.lead", { now: formatUtc(data.nowMs) })}</p>
          <ProposeParametersForm parameters={data.parameters} noticeMinutes={noticeMinutes} earliestText={formatUtc(data.nowMs + data.minimumNoticeMs)} />
        </>
      ) : (
        <Alert tone="warn">{g("readOnly")}</Alert>
      )}

      <h2>{g("approvals.title")}</h2>
      <p>{g("approvals.lead")}</p>
      {data.markets.map((market) => {
        const approval = data.approvals.find((row) => row.market === market);
        return approval ? (
          <ApprovalRecord key={market} approval={approval} />
        ) : (
          <Alert key={market} tone="error">
            {g("approvals.missing", { market })}
          </Alert>
        );
      })}
      {mayPropose ? (
        <>
          <h3>{g("approvalForm.title")}</h3>
          <p>{g("approvalForm.lead")}</p>
          <ProposeApprovalForm markets={data.markets} envelopes={envelopes} />
        </>
      ) : null}
    </div>
  );
}
