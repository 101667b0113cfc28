import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/transport/session";
import { requestMessages } from "@/lib/transport/messages";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { requireStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { NotFound, StepUpRequired } from "@/lib/services/errors";
import { getReviewCase, type ReviewCase } from "@/lib/services/suitability/get-review-case";
import { isOnboardingStatus, statusTone } from "../review-labels";
import { DecisionForm } from "./decision-form";
import { EvaluatorColumn } from "./evaluator-column";
import { EvidenceColumn } from "./evidence-column";
import { IntegrityAndHistory } from "./integrity-and-history";
import { KnowledgeGate } from "./knowledge-gate";
import styles from "./page.module.css";
import { QuizColumn } from "./quiz-column";
import { PiStatusSection } from "./pi-status-section";
import { getPiStatus } from "@/lib/services/suitability/get-pi-status";
import { CorporatePiPanel } from "./corporate-pi-panel";
import { ReReviewFlag } from "../circumstance-changes";
import { VaKnowledgeSection } from "./va-knowledge-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.reviews.case");
  return { title: t("metaTitle") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ submissionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * One onboarding submission as the client made it (evidence, evaluator result,
 * the quiz as shown and answered, the disclosure acknowledged), every hash re-checked, and the
 * officer's decision. A server component only: the quiz marking comes from the bank, which must never
 * reach a browser bundle.
 */
export default async function ReviewCasePage({ params, searchParams }: Props) {
  const ctx = await requirePermission("compliance.view");
  const { submissionId } = await params;
  let review: ReviewCase;
  try {
    review = await getReviewCase({ ctx, input: { submissionId } });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const { submission, client } = review;
  const record = submission.record;
  const recorded = (await searchParams).recorded;
  const mayDecide = can(ctx.actor.roles, "reviews.decide");
  const latest = review.history[0];
  const t = await getTranslations("compliance.reviews");
  const text = await requestMessages();

  return (
    <article className="stack">
      <div>
        <p>
          <Link href="/compliance/reviews">{t("case.back")}</Link>
        </p>
        <h1>{t("case.title", { name: client.name, version: String(submission.version) })}</h1>
        <p className="lead">
          {t("case.lead", { email: client.email, submittedAt: formatUtc(Date.parse(record.submittedAt)), assessmentDate: record.assessmentDate })}
        </p>
        {isOnboardingStatus(recorded) ? <Alert tone="ok">{t("case.recorded", { status: recorded })}</Alert> : null}
        <div className={styles.status} data-testid="case-status">
          <strong>{t("case.status")}</strong>
          <span className={statusTone(review.status)}>{t(`status.${review.status}`)}</span>
          {review.statusReason ? <span>{t("case.statusReason", { reason: review.statusReason })}</span> : null}
        </div>
        {review.isLatest ? null : (
          <Alert tone="warn">
            {latest
              ? t.rich("case.earlierWithLatest", {
                  version: String(latest.version),
                  link: (chunks) => <Link href={`/compliance/reviews/${latest.id}`}>{chunks}</Link>,
                })
              : t("case.earlier")}
          </Alert>
        )}
      </div>

      <div className={styles.columns}>
        <EvidenceColumn review={review} />
        <EvaluatorColumn record={record} />
        <QuizColumn review={review} />
      </div>

      <KnowledgeGate review={review} mayConfirm={mayDecide} stepUpFresh={stepUpIsFresh(ctx)} stepUpMinutes={STEP_UP_WINDOW_MS / 60_000} />
      <VaKnowledgeSection record={record} />

      <IntegrityAndHistory review={review} />

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("case.reviews.title")}</h2>
        {review.reviews.length === 0 ? (
          <p>{t("case.reviews.none")}</p>
        ) : (
          <TableShell caption={t("case.reviews.title")}>
            <thead>
              <tr>
                <th scope="col">{t("case.reviews.when")}</th>
                <th scope="col">{t("case.reviews.officer")}</th>
                <th scope="col">{t("case.reviews.decision")}</th>
                <th scope="col">{t("case.reviews.overrides")}</th>
                <th scope="col">{t("case.reviews.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {review.reviews.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatUtc(entry.decidedAt.getTime())}</td>
                  <td>{entry.officerEmail}</td>
                  <td>{t(`decision.${entry.decision}`)}</td>
                  <td>{entry.overridesEvaluator ? t("case.reviews.yes") : t("case.reviews.no")}</td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>

      <PiStatusSection
        status={await getPiStatus({ ctx, input: { userId: client.userId } })}
        userId={client.userId}
        submissionId={submission.id}
        mayRevoke={mayDecide}
        revoked={(await searchParams).revoked === "1"}
        stepUpFresh={stepUpIsFresh(ctx)}
        stepUpMinutes={STEP_UP_WINDOW_MS / 60_000}
      />
      <ReReviewFlag ctx={ctx} clientUserId={client.userId} />
      <CorporatePiPanel ctx={ctx} clientUserId={client.userId} submissionId={submission.id} />

      <section className="panel" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t("case.decision.title")}</h2>
        {review.blockedReason ? <Alert tone="warn">{text(review.blockedReason)}</Alert> : null}
        {!mayDecide ? (
          <p>{t("case.decision.readOnly")}</p>
        ) : review.allowed.length === 0 ? null : (
          <DecisionForm
            submissionId={submission.id}
            allowed={review.allowed}
            approvalOverrides={!review.gate.knowledgePassed}
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
