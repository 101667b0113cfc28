import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getReview, type ReviewDetail } from "@/lib/services/afmm/get-review";
import { COMMENT_MAX_CHARS, REASON_MAX_CHARS, REASON_MIN_CHARS } from "@/lib/services/afmm/review-schemas";
import { requireStepUp, STEP_UP_WINDOW_MS, type ServiceContext } from "@/lib/services/context";
import { Invalid, NotFound, StepUpRequired } from "@/lib/services/errors";
import type { ReviewDecision } from "@/lib/surveillance/review-policy";
import type { EvidenceFill } from "@/lib/surveillance/types";
import { requirePermission } from "@/lib/transport/session";
import { ageParts, isReviewDecision, isReviewStatus, isRule, isSeverity, SLA_TONE, STATUS_TONE } from "../labels";
import type { ReviewStepDone } from "./actions";
import { AssignForm, CommentForm, DecisionForm } from "./review-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("afmmReviews.detail");
  return { title: t("metaTitle") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE: readonly ReviewStepDone[] = ["assigned", "commented", "decided"];

/**
 * AFMM-8: one review item — the alert in words with its figures and evidence (orders, fills, the book
 * at the alert, journal positions and times) or the sampled trade, the counterparties as clients (a
 * logged read), comments, and the steps the reader may take: assign, comment, decide after a step-up.
 */
export default async function TradeReviewPage({ params, searchParams }: Props) {
  const ctx = await requirePermission("afmm.oversight.view");
  const { id } = await params;
  let review: ReviewDetail;
  try {
    review = await getReview({ ctx, input: { reviewId: id } });
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) notFound();
    throw error;
  }
  const t = await getTranslations("afmmReviews");
  const done = (await searchParams).done;
  const roles = ctx.actor.roles;
  const alert = review.alert;
  const rule = alert && isRule(alert.rule) ? alert.rule : null;
  const open = review.status !== "closed";
  const here = `/afmm/trade-reviews/${review.id}`;
  const stepUpHref = `/step-up?next=${here}`;
  const isOfficer = review.designatedOfficer?.id === ctx.actor.userId;
  const options: ReviewDecision[] = isOfficer
    ? review.status === "escalated"
      ? ["NO_ISSUE", "BREACH"]
      : ["NO_ISSUE", "ESCALATE", "BREACH"]
    : review.status === "escalated"
      ? []
      : ["ESCALATE"];
  const reviewers = [...review.reviewers].sort((a, b) => (a.id === ctx.actor.userId ? -1 : b.id === ctx.actor.userId ? 1 : a.name.localeCompare(b.name)));

  return (
    <article className="stack">
      <div>
        <p>
          <Link href="/afmm/trade-reviews">{t("detail.back")}</Link>
        </p>
        <h1>{rule ? t("detail.titleAlert", { rule: t(`rules.${rule}.name`), market: review.market }) : t("detail.titleSample", { market: review.market })}</h1>
        <p className="lead">{rule ? t(`rules.${rule}.summary`) : t("sampleSummary")}</p>
        {typeof done === "string" && (DONE as readonly string[]).includes(done) ? <Alert tone="ok">{t(`detail.done.${done as ReviewStepDone}`)}</Alert> : null}
      </div>

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("detail.facts.title")}</h2>
        <dl className="facts">
          <Fact term={t("detail.facts.kind")}>{t(`kind.${review.kind}`)}</Fact>
          <Fact term={t("detail.facts.status")}>
            {isReviewStatus(review.status) ? <span className={STATUS_TONE[review.status]}>{t(`status.${review.status}`)}</span> : review.status}
          </Fact>
          {alert ? <Fact term={t("detail.facts.severity")}>{isSeverity(alert.severity) ? t(`severity.${alert.severity}`) : alert.severity}</Fact> : null}
          <Fact term={t("detail.facts.market")}>{review.market}</Fact>
          <Fact term={t("detail.facts.opened")}>{formatUtc(review.openedAt.getTime())}</Fact>
          <Fact term={t("detail.facts.due")}>{formatUtc(review.dueAt.getTime())}</Fact>
          <Fact term={t("detail.facts.sla")}>
            <span className={SLA_TONE[review.sla]}>{t(`sla.${review.sla}`)}</span>
          </Fact>
          <Fact term={t("detail.facts.age")}>
            {t("age", ageParts(review.ageMs))} ({t(`ageing.${review.ageingBand}`)})
          </Fact>
          <Fact term={t("detail.facts.assignee")}>
            {review.assignee ? `${review.assignee.name} (${review.assignee.email})` : t("queue.unassigned")}
            {review.assignedAt ? <span className="muted"> · {formatUtc(review.assignedAt.getTime())}</span> : null}
          </Fact>
          <Fact term={t("detail.facts.designated")}>
            {review.designatedOfficer ? `${review.designatedOfficer.name} (${review.designatedOfficer.email})` : t("detail.facts.noDesignated")}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t("detail.decisionFacts.title")}</h2>
        {review.decision ? (
          <dl className="facts">
            <Fact term={t("detail.decisionFacts.decision")}>{isReviewDecision(review.decision) ? t(`decision.${review.decision}`) : review.decision}</Fact>
            <Fact term={t("detail.decisionFacts.reason")}>{review.decisionReason}</Fact>
            <Fact term={t("detail.decisionFacts.by")}>{review.decidedBy ? `${review.decidedBy.name} (${review.decidedBy.email})` : "—"}</Fact>
            <Fact term={t("detail.decisionFacts.at")}>{review.decidedAt ? formatUtc(review.decidedAt.getTime()) : "—"}</Fact>
            <Fact term={t("detail.decisionFacts.stepUp")}>{review.stepUpAt ? formatUtc(review.stepUpAt.getTime()) : "—"}</Fact>
            {review.conflictId ? (
              <Fact term={t("detail.decisionFacts.conflict")}>
                <Link href={`/afmm/conflicts/${review.conflictId}`}>{t("detail.decisionFacts.openConflict")}</Link>
              </Fact>
            ) : null}
            {review.complianceIncidentId ? (
              <Fact term={t("detail.decisionFacts.incident")}>{t("detail.decisionFacts.incidentRef", { id: review.complianceIncidentId })}</Fact>
            ) : null}
          </dl>
        ) : (
          <p>{t("detail.decisionFacts.none")}</p>
        )}
      </section>

      <section aria-labelledby="journal-heading">
        <h2 id="journal-heading">{t("detail.journal.title")}</h2>
        <p>{t("detail.journal.lead")}</p>
        <dl className="facts">
          {alert ? (
            <>
              <Fact term={t("detail.journal.alertId")}>
                <code>{alert.id}</code>
              </Fact>
              <Fact term={t("detail.journal.trigger")}>
                {t("detail.journal.triggerValue", { seq: alert.triggerSeq, position: alert.triggerPosition, time: formatUtc(alert.triggerAtMs, true) })}
              </Fact>
              <Fact term={t("detail.journal.window")}>
                {t("detail.journal.windowValue", {
                  from: alert.fromSeq,
                  to: alert.toSeq,
                  fromTime: formatUtc(alert.fromMs, true),
                  toTime: formatUtc(alert.toMs, true),
                })}
              </Fact>
              <Fact term={t("detail.journal.detected")}>{formatUtc(alert.detectedAt.getTime())}</Fact>
            </>
          ) : review.trade ? (
            <Fact term={t("detail.journal.trigger")}>
              {t("detail.journal.tradeValue", { seq: review.trade.seq, position: review.trade.position, time: formatUtc(review.trade.atMs, true) })}
            </Fact>
          ) : null}
        </dl>
      </section>

      {alert ? (
        <>
          <section aria-labelledby="metrics-heading">
            <h2 id="metrics-heading">{t("detail.metrics.title")}</h2>
            <TableShell caption={t("detail.metrics.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("detail.metrics.name")}</th>
                  <th scope="col">{t("detail.metrics.value")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(alert.metrics).map(([name, value]) => (
                  <tr key={name}>
                    <td>
                      <code>{name}</code>
                    </td>
                    <td>{typeof value === "number" ? value.toLocaleString("en-US") : value}</td>
                  </tr>
                ))}
              </tbody>
            </TableShell>
          </section>
          <section aria-labelledby="orders-heading">
            <h2 id="orders-heading">{t("detail.evidence.orders")}</h2>
            {alert.evidence.orders.length === 0 ? (
              <p>{t("detail.evidence.none")}</p>
            ) : (
              <TableShell caption={t("detail.evidence.orders")}>
                <thead>
                  <tr>
                    {(["order", "account", "side", "price", "size", "filled", "accepted", "closed", "reason"] as const).map((c) => (
                      <th key={c} scope="col">
                        {t(`detail.evidence.orderColumns.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {alert.evidence.orders.map((o) => (
                    <tr key={`${o.orderId}-${o.acceptedSeq}`}>
                      <td>{o.orderId}</td>
                      <td>{o.afmm ? t("detail.evidence.afmmAccount", { account: o.accountId }) : o.accountId}</td>
                      <td>{t(`detail.evidence.side.${o.side}`)}</td>
                      <td>{o.price.toLocaleString("en-US")}</td>
                      <td>{o.size.toLocaleString("en-US")}</td>
                      <td>{o.filled.toLocaleString("en-US")}</td>
                      <td className="nowrap">
                        {formatUtc(o.acceptedAtMs, true)} · {o.acceptedSeq}
                      </td>
                      <td className="nowrap">{o.closedAtMs !== null ? `${formatUtc(o.closedAtMs, true)} · ${o.closedSeq}` : t("detail.evidence.open")}</td>
                      <td>{o.closeReason ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            )}
          </section>
          <section aria-labelledby="fills-heading">
            <h2 id="fills-heading">{t("detail.evidence.fills")}</h2>
            <Fills fills={alert.evidence.fills} t={t} />
          </section>
          <section aria-labelledby="book-heading">
            <h2 id="book-heading">{t("detail.evidence.book")}</h2>
            <dl className="facts">
              {(["atSeq", "bestBid", "bestAsk", "bidLots", "askLots", "mark", "index"] as const).map((field) => (
                <Fact key={field} term={t(`detail.evidence.bookFields.${field}`)}>
                  {alert.evidence.book[field].toLocaleString("en-US")}
                </Fact>
              ))}
            </dl>
          </section>
        </>
      ) : review.trade ? (
        <section aria-labelledby="fills-heading">
          <h2 id="fills-heading">{t("detail.evidence.fills")}</h2>
          <Fills fills={[review.trade]} t={t} />
        </section>
      ) : null}

      <section aria-labelledby="counterparties-heading">
        <h2 id="counterparties-heading">{t("detail.counterparties.title")}</h2>
        <p className="muted">{t("detail.counterparties.lead")}</p>
        {review.counterparties.length === 0 ? (
          <p>{t("detail.counterparties.none")}</p>
        ) : (
          <TableShell caption={t("detail.counterparties.title")}>
            <thead>
              <tr>
                <th scope="col">{t("detail.counterparties.account")}</th>
                <th scope="col">{t("detail.counterparties.client")}</th>
              </tr>
            </thead>
            <tbody>
              {review.counterparties.map((c) => (
                <tr key={c.accountId}>
                  <td>{c.accountId}</td>
                  <td>{c.client ? `${c.client.name} (${c.client.email})` : <span className="muted">{t("detail.counterparties.notPortal")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("detail.comments.title")}</h2>
        {review.comments.length === 0 ? (
          <p>{t("detail.comments.none")}</p>
        ) : (
          <ul className="stack">
            {review.comments.map((c) => (
              <li key={c.id}>
                <p className="muted">{t("detail.comments.by", { name: c.author?.name ?? "—", time: formatUtc(c.createdAt.getTime()) })}</p>
                <p>{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {open && can(roles, "afmm.reviews.work") ? (
          <>
            <h3>{t("detail.comment.title")}</h3>
            <CommentForm reviewId={review.id} maxChars={COMMENT_MAX_CHARS} />
          </>
        ) : null}
      </section>

      {open && can(roles, "afmm.reviews.work") ? (
        <section className="panel stack" aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t("detail.assign.title")}</h2>
          <AssignForm
            reviewId={review.id}
            current={review.assignee?.id ?? null}
            people={reviewers.map((p) => ({ id: p.id, label: p.id === ctx.actor.userId ? t("detail.assign.me", { name: p.name }) : `${p.name} (${p.email})` }))}
          />
        </section>
      ) : null}

      {!open ? (
        <p>{t("detail.closed")}</p>
      ) : can(roles, "afmm.reviews.decide") && options.length > 0 ? (
        <section className="panel stack" aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("detail.decide.title")}</h2>
          <p>{t("detail.decide.lead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
          <p>{isOfficer ? t("detail.decide.officerLead") : t("detail.decide.othersLead")}</p>
          {stepUpIsFresh(ctx) ? (
            <DecisionForm reviewId={review.id} options={options} stepUpHref={stepUpHref} minChars={REASON_MIN_CHARS} maxChars={REASON_MAX_CHARS} />
          ) : (
            <p>
              <Link href={stepUpHref} className="button">
                {t("detail.decide.stepUpFirst")}
              </Link>
            </p>
          )}
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

type Translate = Awaited<ReturnType<typeof getTranslations<"afmmReviews">>>;

function Fills({ fills, t }: { fills: EvidenceFill[]; t: Translate }) {
  if (fills.length === 0) return <p>{t("detail.evidence.none")}</p>;
  const account = (id: number, afmm: boolean) => (afmm ? t("detail.evidence.afmmAccount", { account: id }) : String(id));
  return (
    <TableShell caption={t("detail.evidence.fills")}>
      <thead>
        <tr>
          {(["seq", "position", "time", "price", "size", "aggressor", "taker", "maker", "liquidation"] as const).map((c) => (
            <th key={c} scope="col">
              {t(`detail.evidence.fillColumns.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {fills.map((f) => (
          <tr key={f.seq}>
            <td>{f.seq}</td>
            <td>{f.position}</td>
            <td className="nowrap">{formatUtc(f.atMs, true)}</td>
            <td>{f.price.toLocaleString("en-US")}</td>
            <td>{f.size.toLocaleString("en-US")}</td>
            <td>{t(`detail.evidence.side.${f.aggressor}`)}</td>
            <td>{account(f.takerAccountId, f.takerAfmm)}</td>
            <td>{account(f.makerAccountId, f.makerAfmm)}</td>
            <td>{f.liquidation ? t("detail.evidence.yes") : t("detail.evidence.no")}</td>
          </tr>
        ))}
      </tbody>
    </TableShell>
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
