import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import type { ReviewCase } from "@/lib/services/suitability/get-review-case";
import { normaliseDraft } from "@/lib/suitability/draft";
import { ConfirmRecordForm } from "./confirm-record-form";
import styles from "./page.module.css";
import { Check } from "./review-marks";

/**
 * The gate the decision rests on (PI-2 … PI-5, SUIT-1, SUIT-2, SUIT-3): the objective tests, and each
 * declared external course, role and trade with whether it counts and why. An external course with its
 * certificate, and a role that states derivative duties and has its document, can be confirmed here,
 * against that document, by an officer who may decide; the platform course counts with its end quiz.
 */
export function KnowledgeGate({
  review,
  mayConfirm,
  stepUpFresh,
  stepUpMinutes,
}: {
  review: ReviewCase;
  mayConfirm: boolean;
  stepUpFresh: boolean;
  stepUpMinutes: number;
}) {
  const t = useTranslations("compliance.reviews.gate");
  const course = useTranslations("compliance.reviews.gate.course");
  const instrumentType = useTranslations("labels.instrumentType");
  const record = review.submission.record;
  const draft = normaliseDraft(record.draft);
  const knowledge = review.knowledgeNow;
  const confirmationOf = (kind: "role" | "course", index: number) => review.confirmations.find((c) => c.kind === kind && c.index === index);
  const open = review.isLatest && (review.status === "SUBMITTED" || review.status === "PENDING_SECOND_APPROVAL");
  const stepUpLink = (chunks: ReactNode) => <Link href={`/step-up?next=/compliance/reviews/${review.submission.id}`}>{chunks}</Link>;
  const confirmedBy = (confirmation: ReviewCase["confirmations"][number] | undefined) =>
    confirmation ? (
      <p>
        {t("confirmedBy", {
          officer: confirmation.officerEmail,
          at: formatUtc(confirmation.confirmedAt.getTime()),
          hash: confirmation.documentSha256,
          note: confirmation.note,
        })}
      </p>
    ) : null;
  const confirmControl = (kind: "role" | "course", index: number, awaiting: boolean) =>
    mayConfirm && open && awaiting ? (
      stepUpFresh ? (
        <ConfirmRecordForm submissionId={review.submission.id} kind={kind} index={index} />
      ) : (
        <p>
          {kind === "role"
            ? t.rich("confirmForm.stepUp", { minutes: String(stepUpMinutes), link: stepUpLink })
            : course.rich("confirmForm.stepUp", { minutes: String(stepUpMinutes), link: stepUpLink })}
        </p>
      )
    ) : null;
  return (
    <section className="panel" aria-labelledby="knowledge-gate-heading" data-testid="knowledge-gate">
      <h2 id="knowledge-gate-heading">{t("title")}</h2>
      <p>{t("objective")}</p>
      <dl className={styles.kv}>
        <dt>{t("piTest")}</dt>
        <dd>
          <Check ok={review.gate.piPassed} yes={t("met")} no={t("notMet")} />
        </dd>
        <dt>{t("riskQuiz")}</dt>
        <dd>
          <Check ok={review.gate.quizPassed} yes={t("met")} no={t("notMet")} />
        </dd>
        <dt>{t("knowledgeNow")}</dt>
        <dd>
          <Check ok={review.gate.knowledgePassed} yes={t("met")} no={t("notMet")} />
        </dd>
      </dl>
      <p>{t("lead")}</p>

      <h3>{course("heading")}</h3>
      {record.platformCourse ? (
        <p data-testid="platform-course">{course("platform", { version: record.platformCourse.courseVersion, date: record.platformCourse.completionDate })}</p>
      ) : null}
      {draft.training.length === 0 ? (
        <p>{course("none")}</p>
      ) : (
        <ol className={styles.items} aria-label={course("heading")}>
          {draft.training.map((item, index) => {
            // External courses come first in the assessment's training list, in draft order.
            const status = knowledge?.training.courses[index];
            const standing =
              status && (status.standing === "no_document" || status.standing === "awaiting_confirmation" || status.standing === "confirmed")
                ? status.standing
                : null;
            return (
              <li key={index} data-testid={`course-${index + 1}`}>
                <p className={styles.itemTitle}>
                  {course("item", { number: String(index + 1), provider: item.provider, topics: item.topics.join(", "), date: item.completionDate })}
                </p>
                <dl className={styles.kv}>
                  <dt>{t("standing")}</dt>
                  <dd>
                    {standing ? <Check ok={standing === "confirmed"} yes={course(`standing.${standing}`)} no={course(`standing.${standing}`)} /> : "—"}
                    {confirmedBy(confirmationOf("course", index))}
                  </dd>
                </dl>
                {confirmControl("course", index, standing === "awaiting_confirmation")}
              </li>
            );
          })}
        </ol>
      )}

      <h3>{t("roles")}</h3>
      {draft.workExperience.length === 0 ? (
        <p>{t("noRoles")}</p>
      ) : (
        <ol className={styles.items} aria-label={t("roles")}>
          {draft.workExperience.map((role, index) => {
            const status = knowledge?.workExperience.roles[index];
            return (
              <li key={index} data-testid={`role-${index + 1}`}>
                <p className={styles.itemTitle}>{t("role", { number: String(index + 1), role: role.role, employer: role.employer })}</p>
                <dl className={styles.kv}>
                  <dt>{t("duties")}</dt>
                  <dd>{role.derivativeDuties || "—"}</dd>
                  <dt>{t("standing")}</dt>
                  <dd>
                    {status ? (
                      <Check ok={status.standing === "confirmed"} yes={t(`roleStanding.${status.standing}`)} no={t(`roleStanding.${status.standing}`)} />
                    ) : (
                      "—"
                    )}
                    {confirmedBy(confirmationOf("role", index))}
                  </dd>
                </dl>
                {confirmControl("role", index, status?.standing === "awaiting_confirmation")}
              </li>
            );
          })}
        </ol>
      )}

      <h3>{t("trades")}</h3>
      {draft.trades.length === 0 ? (
        <p>{t("noTrades")}</p>
      ) : (
        <ol className={styles.items} aria-label={t("trades")}>
          {draft.trades.map((trade, index) => {
            const status = knowledge?.trading.trades[index];
            return (
              <li key={index} data-testid={`trade-${index + 1}`}>
                <p className={styles.itemTitle}>
                  {t("trade", { number: String(index + 1), date: trade.tradeDate, instrument: trade.instrument, venue: trade.venueOrBroker })}
                </p>
                <dl className={styles.kv}>
                  <dt>{t("instrumentType")}</dt>
                  <dd>{trade.instrumentType ? instrumentType(trade.instrumentType) : t("typeNotGiven")}</dd>
                  <dt>{t("evidence")}</dt>
                  <dd>
                    {status?.evidence?.kind === "own_document"
                      ? t("ownDocument")
                      : status?.evidence?.kind === "statement"
                        ? t("byStatement", { number: String(status.evidence.index + 1) })
                        : t("noEvidence")}
                  </dd>
                  <dt>{t("standing")}</dt>
                  <dd>
                    {status ? (
                      <Check
                        ok={status.standing === "counted"}
                        yes={t("tradeStanding.counted")}
                        no={t(`tradeStanding.${status.standing}`, { number: String((status.duplicateOf ?? 0) + 1) })}
                      />
                    ) : (
                      "—"
                    )}
                  </dd>
                </dl>
              </li>
            );
          })}
        </ol>
      )}
      {draft.brokerStatements.length > 0 ? (
        <>
          <h3>{t("statements")}</h3>
          <ol className={styles.items} aria-label={t("statements")}>
            {draft.brokerStatements.map((statement, index) => (
              <li key={index}>{t("statement", { number: String(index + 1), broker: statement.broker, from: statement.periodFrom, to: statement.periodTo })}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
