import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { formatUtc } from "@/lib/format";
import { requireStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { NotFound, StepUpRequired } from "@/lib/services/errors";
import { reviewCase, type ReviewCase } from "@/lib/services/suitability/review";
import { DECISION_LABELS, STATUS_LABELS, statusTone } from "../review-labels";
import { DecisionForm } from "./decision-form";
import { EvaluatorColumn } from "./evaluator-column";
import { EvidenceColumn } from "./evidence-column";
import { IntegrityAndHistory } from "./integrity-and-history";
import styles from "./page.module.css";
import { QuizColumn } from "./quiz-column";

export const metadata: Metadata = { title: "Review" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ submissionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Issue 7 pt 6 and pt 8: one onboarding submission as the client made it (evidence, evaluator result,
 * the quiz as shown and answered, the disclosure acknowledged), every hash re-checked, and the
 * officer's decision. A server component only: the quiz marking comes from the bank, which must never
 * reach a browser bundle.
 */
export default async function ReviewCasePage({ params, searchParams }: Props) {
  const ctx = await requirePermission("compliance.view");
  const { submissionId } = await params;
  let review: ReviewCase;
  try {
    review = await reviewCase(ctx, submissionId);
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const { submission, client } = review;
  const record = submission.record;
  const recorded = (await searchParams).recorded;
  const mayDecide = can(ctx.actor.roles, "reviews.decide");
  const latest = review.history[0];

  return (
    <article className="stack">
      <div>
        <p>
          <Link href="/compliance/reviews">Reviews</Link>
        </p>
        <h1>
          Review: {client.name}, version {submission.version}
        </h1>
        <p className="lead">
          {client.email} · submitted {formatUtc(Date.parse(record.submittedAt))} · assessment date {record.assessmentDate} (Hong Kong)
        </p>
        {typeof recorded === "string" && recorded in STATUS_LABELS ? (
          <p className="alert alert--ok" role="status">
            Your decision is recorded; the case is now {STATUS_LABELS[recorded as keyof typeof STATUS_LABELS].toLowerCase()}.
          </p>
        ) : null}
        <div className={styles.status} data-testid="case-status">
          <strong>Case status:</strong>
          <span className={statusTone(review.status)}>{STATUS_LABELS[review.status]}</span>
          {review.statusReason ? <span>Reason given to the client: {review.statusReason}</span> : null}
        </div>
        {review.isLatest ? null : (
          <p className="alert alert--warn">
            This is an earlier submission, kept as history: a later one replaced it.
            {latest ? (
              <>
                {" "}
                <Link href={`/compliance/reviews/${latest.id}`}>Open version {latest.version}</Link>.
              </>
            ) : null}
          </p>
        )}
      </div>

      <div className={styles.columns}>
        <EvidenceColumn review={review} />
        <EvaluatorColumn record={record} />
        <QuizColumn review={review} />
      </div>

      <IntegrityAndHistory review={review} />

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews of this submission</h2>
        {review.reviews.length === 0 ? (
          <p>No officer has decided on this submission yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Reviews of this submission">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Officer</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Overrides the evaluator</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {review.reviews.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatUtc(entry.decidedAt.getTime())}</td>
                    <td>{entry.officerEmail}</td>
                    <td>{DECISION_LABELS[entry.decision]}</td>
                    <td>{entry.overridesEvaluator ? "Yes" : "No"}</td>
                    <td>{entry.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        {review.blockedReason ? <p className="alert alert--warn">{review.blockedReason}</p> : null}
        {!mayDecide ? (
          <p>Your role can read onboarding reviews but not decide them; a compliance officer or responsible officer decides.</p>
        ) : review.allowed.length === 0 ? null : (
          <DecisionForm
            submissionId={submission.id}
            allowed={review.allowed}
            evaluatorPassed={record.evaluator.passed}
            stepUpFresh={stepUpIsFresh(ctx)}
            stepUpMinutes={STEP_UP_WINDOW_MS / 60_000}
          />
        )}
      </section>
    </article>
  );
}

/** The same rule the decision verb enforces (requireStepUp), asked ahead so the page can offer the step-up first. */
function stepUpIsFresh(ctx: Parameters<typeof requireStepUp>[0]): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}
