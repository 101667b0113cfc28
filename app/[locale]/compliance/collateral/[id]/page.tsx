import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CollateralChangeValue } from "@/components/collateral-change-value";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { formatUsdMicros, formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getCollateralProposal, type CollateralProposalView } from "@/lib/services/collateral-governance/read";
import { REASON_MAX_CHARS, REASON_MIN_CHARS } from "@/lib/services/collateral-governance/schemas";
import { requireStepUp, STEP_UP_WINDOW_MS, type ServiceContext } from "@/lib/services/context";
import { NotFound, StepUpRequired } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import { DecisionForm, WithdrawForm } from "../forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("collateralGovernance");
  return { title: t("metaTitle") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** COL-1, COL-4: one collateral proposal — its diff, its impact on holders, and the second officer's decision after a step-up. */
export default async function CollateralProposalPage({ params, searchParams }: Props) {
  const ctx = await requirePermission("risk.read");
  const { id } = await params;
  let proposal: CollateralProposalView;
  try {
    proposal = await getCollateralProposal({ ctx, input: { proposalId: id } });
  } catch (error) {
    if (error instanceof NotFound || (error instanceof Error && error.name === "ZodError")) notFound();
    throw error;
  }
  const t = await getTranslations("collateralGovernance");
  const done = (await searchParams).done;
  const here = `/compliance/collateral/${proposal.id}`;
  const stepUpHref = `/step-up?next=${here}`;
  const open = proposal.status === "PENDING" || proposal.status === "ACTED_PENDING_APPROVAL";
  const own = proposal.proposedBy?.id === ctx.actor.userId;
  const impact = proposal.impact;
  return (
    <article className="section-page wide-page stack">
      <div>
        <p>
          <Link href="/compliance/collateral">{t("detail.back")}</Link>
        </p>
        <h1>{t("detail.title", { kind: t(`kind.${proposal.kind}`), asset: proposal.subject })}</h1>
        {done === "proposed" ? <Alert tone="ok">{t("forms.done", { id: proposal.id })}</Alert> : null}
        {done === "acted" ? <Alert tone="ok">{t("forms.doneActed", { notices: proposal.noticesQueued ?? 0 })}</Alert> : null}
        {done === "decided" || done === "withdrawn" ? <Alert tone="ok">{t(`detail.done.${done}`)}</Alert> : null}
      </div>

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("detail.facts.title")}</h2>
        <dl className="facts">
          <Fact term={t("detail.facts.status")}>
            <span data-testid="proposal-status">{t(`status.${proposal.status}`)}</span>
          </Fact>
          <Fact term={t("detail.facts.reason")}>{proposal.reason}</Fact>
          <Fact term={t("detail.facts.tightening")}>{proposal.tightening ? t("list.yes") : t("list.no")}</Fact>
          <Fact term={t("detail.facts.proposedBy")}>{proposal.proposedBy ? `${proposal.proposedBy.name} (${proposal.proposedBy.email})` : "—"}</Fact>
          <Fact term={t("detail.facts.proposedAt")}>{formatUtc(proposal.proposedAt.getTime())}</Fact>
          {proposal.decidedBy ? (
            <>
              <Fact term={t("detail.facts.decidedBy")}>{`${proposal.decidedBy.name} (${proposal.decidedBy.email})`}</Fact>
              <Fact term={t("detail.facts.decidedAt")}>{proposal.decidedAt ? formatUtc(proposal.decidedAt.getTime()) : "—"}</Fact>
              <Fact term={t("detail.facts.decisionNote")}>{proposal.decisionNote ?? "—"}</Fact>
            </>
          ) : null}
          {proposal.appliedSeq !== null ? (
            <Fact term={t("detail.facts.applied")}>
              {t("detail.facts.appliedValue", { seq: proposal.appliedSeq, time: proposal.effectiveAtMs === null ? "—" : formatUtc(proposal.effectiveAtMs) })}
            </Fact>
          ) : null}
          {proposal.failure ? <Fact term={t("detail.facts.failure")}>{proposal.failure}</Fact> : null}
          {proposal.noticesQueued !== null ? <Fact term={t("detail.facts.notices")}>{proposal.noticesQueued}</Fact> : null}
        </dl>
      </section>

      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading">{t("detail.diff.title")}</h2>
        <TableShell caption={t("detail.diff.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("detail.diff.field")}</th>
              <th scope="col">{t("detail.diff.before")}</th>
              <th scope="col">{t("detail.diff.after")}</th>
            </tr>
          </thead>
          <tbody>
            {proposal.diff.map((row) => (
              <tr key={row.field} data-testid="diff-row">
                <th scope="row">
                  <code>{row.field}</code>
                </th>
                <td>
                  {row.before === null ? t("detail.diff.new") : <CollateralChangeValue assetId={proposal.subject} field={row.field} value={row.before} />}
                </td>
                <td>{row.after === null ? t("detail.diff.none") : <CollateralChangeValue assetId={proposal.subject} field={row.field} value={row.after} />}</td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      </section>

      <section aria-labelledby="impact-heading">
        <h2 id="impact-heading">{t("detail.impact.title")}</h2>
        {impact === null ? (
          <p>{t("detail.impact.none")}</p>
        ) : (
          <>
            <p data-testid="impact-summary">
              {t("detail.impact.summary", {
                time: formatUtc(impact.atMs),
                holders: impact.holders,
                amount: impact.totalAmountMinor,
                before: formatUsdMicros(impact.valueBeforeUsd),
                after: formatUsdMicros(impact.valueAfterUsd),
                below: impact.belowMaintenanceAfter,
              })}
            </p>
            {impact.accounts.length > 0 ? (
              <TableShell caption={t("detail.impact.caption")}>
                <thead>
                  <tr>
                    {(["account", "amount", "before", "after", "below"] as const).map((column) => (
                      <th key={column} scope="col">
                        {t(`detail.impact.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {impact.accounts.map((row) => (
                    <tr key={row.accountId}>
                      <td>{row.accountId}</td>
                      <td>{row.amountMinor}</td>
                      <td>{formatUsdMicros(row.valueBeforeUsd)}</td>
                      <td>{formatUsdMicros(row.valueAfterUsd)}</td>
                      <td>{row.belowMaintenance ? t("list.yes") : t("list.no")}</td>
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            ) : null}
          </>
        )}
      </section>

      {open && can(ctx.actor.roles, "risk.decide") ? (
        <section className="panel stack" aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("detail.decide.title")}</h2>
          <p>{t("detail.decide.lead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
          {own ? (
            <p>{t("detail.decide.own")}</p>
          ) : stepUpIsFresh(ctx) ? (
            <DecisionForm proposalId={proposal.id} stepUpHref={stepUpHref} min={REASON_MIN_CHARS} max={REASON_MAX_CHARS} />
          ) : (
            <p>
              <Link href={stepUpHref} className="button">
                {t("detail.decide.stepUpFirst")}
              </Link>
            </p>
          )}
        </section>
      ) : null}

      {proposal.status === "PENDING" && own ? (
        <section className="panel stack" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t("detail.withdraw.title")}</h2>
          <p>{t("detail.withdraw.lead")}</p>
          <WithdrawForm proposalId={proposal.id} />
        </section>
      ) : null}
    </article>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
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
