import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { requireStepUp, type ServiceContext } from "@/lib/services/context";
import { NotFound, StepUpRequired } from "@/lib/services/errors";
import { getRiskProposal } from "@/lib/services/risk-governance/get-market-governance";
import { requirePermission } from "@/lib/transport/session";
import { publicAnswer } from "../../../../public-answer";
import { DecideProposalForm, WithdrawProposalForm } from "../../governance-forms";
import { StressRunTable } from "./stress-run-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.parameters.governance.detail");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** One market proposal: the diff, its impact, the stress suite's results, and the checker's decision after a step-up. */
export default async function ProposalPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const ctx = await requirePermission("risk.read");
  const { id } = await params;
  const { done } = await searchParams;
  const t = await getTranslations("compliance.parameters.governance");
  const answer = await publicAnswer(async () => {
    try {
      return await getRiskProposal({ ctx, input: { id } });
    } catch (error) {
      if (error instanceof NotFound) notFound();
      throw error;
    }
  });
  if (!answer.ok) return <Alert tone="error">{answer.reason}</Alert>;
  const proposal = answer.data;
  const here = `/compliance/parameters/proposals/${encodeURIComponent(proposal.id)}`;
  const stepUpHref = `/step-up?next=${encodeURIComponent(here)}`;
  const own = proposal.proposedById === ctx.actor.userId;
  const mayDecide = can(ctx.actor.roles, "risk.decide") && !own && proposal.status === "PENDING";
  const stressDone = proposal.kind === "MARKET_APPROVAL" || proposal.stress?.status === "done";
  const impact = proposal.impact;
  return (
    <div className="section-page">
      <p>
        <Link href="/compliance/parameters">{t("detail.back")}</Link>
      </p>
      <h1>{t("detail.heading", { market: proposal.market })}</h1>
      {done === "proposed" || done === "decided" || done === "withdrawn" ? <Alert tone="ok">{t(`detail.done.${done}`)}</Alert> : null}
      <dl className="facts">
        <Fact term={t("detail.status")}>
          <span data-testid="proposal-status">{t(`status.${proposal.status}`)}</span>
        </Fact>
        <Fact term={t("detail.kind")}>{t(`kind.${proposal.kind}`)}</Fact>
        <Fact term={t("detail.proposedBy")}>
          {proposal.proposedBy} · {formatUtc(proposal.proposedAtMs)}
        </Fact>
        <Fact term={t("detail.reason")}>{proposal.reason}</Fact>
        <Fact term={t("detail.effective")}>{proposal.effectiveAtMs === null ? t("proposals.atApproval") : formatUtc(proposal.effectiveAtMs)}</Fact>
        {proposal.tightening ? <Fact term={t("detail.tightening")}>{t("detail.tighteningYes")}</Fact> : null}
        {proposal.decidedBy ? (
          <Fact term={t("detail.decidedBy")}>
            {proposal.decidedBy} · {proposal.decidedAtMs === null ? "" : formatUtc(proposal.decidedAtMs)}
            {proposal.decisionNote ? ` — ${proposal.decisionNote}` : ""}
          </Fact>
        ) : null}
        {proposal.noticesQueued !== null ? <Fact term={t("detail.notices")}>{proposal.noticesQueued}</Fact> : null}
        {proposal.failure ? <Fact term={t("detail.failure")}>{proposal.failure}</Fact> : null}
      </dl>

      <h2>{t("detail.diff")}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="proposal-diff">
          <thead>
            <tr>
              <th scope="col">{t("detail.path")}</th>
              <th scope="col">{t("detail.before")}</th>
              <th scope="col">{t("detail.after")}</th>
            </tr>
          </thead>
          <tbody>
            {proposal.diff.map((row) => (
              <tr key={row.path}>
                <td className="mono">{row.path}</td>
                <td>{row.before || "—"}</td>
                <td>{row.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {proposal.kind === "MARKET_PARAMETERS" ? (
        <>
          <h2>{t("detail.impact.title")}</h2>
          {impact ? (
            <dl className="facts" data-testid="proposal-impact">
              <Fact term={t("detail.impact.holders")}>{count(impact.holders)}</Fact>
              <Fact term={t("detail.impact.belowMaintenance")}>{count(impact.belowMaintenanceAfter)}</Fact>
              <Fact term={t("detail.impact.belowInitial")}>{count(impact.belowInitialAfter)}</Fact>
              <Fact term={t("detail.impact.maintenance")}>
                {t("detail.impact.usd", { before: usd(impact.maintenanceBefore), after: usd(impact.maintenanceAfter) })}
              </Fact>
            </dl>
          ) : (
            <p>{t("detail.impact.none")}</p>
          )}
          <h2>{t("detail.stress.title")}</h2>
          {proposal.stress ? <StressRunTable run={proposal.stress} /> : <p>{t("detail.stress.running")}</p>}
        </>
      ) : null}

      {mayDecide ? (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("decide.title")}</h2>
          {!stressDone ? <Alert tone="warn">{t("detail.stress.waitToApprove")}</Alert> : null}
          {stepUpIsFresh(ctx) ? (
            <DecideProposalForm id={proposal.id} version={proposal.version} stepUpHref={stepUpHref} canApprove={stressDone} />
          ) : (
            <p>
              <Link href={stepUpHref} className="button">
                {t("decide.stepUpFirst")}
              </Link>
            </p>
          )}
        </section>
      ) : proposal.status === "PENDING" && own ? (
        <>
          <Alert tone="warn">{t("detail.ownProposal")}</Alert>
          <WithdrawProposalForm id={proposal.id} version={proposal.version} />
        </>
      ) : null}
    </div>
  );
}

function count(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? String(value) : "—";
}

function usd(micros: unknown): string {
  if (typeof micros !== "string" && typeof micros !== "number") return "—";
  const text = String(micros);
  if (!/^-?\d+$/.test(text)) return "—";
  const value = BigInt(text);
  const whole = value / 1_000_000n;
  return `${whole.toLocaleString("en-US")} USD`;
}

/** The same rule the decision enforces (requireStepUp), asked ahead so the page can offer the step-up first. */
function stepUpIsFresh(ctx: ServiceContext): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
