import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatUtc } from "@/lib/format";
import type { ReviewCase } from "@/lib/services/suitability/get-review-case";
import { QUIZ_POLICY } from "@/lib/suitability/constants";
import type { QuizTopic } from "@/lib/suitability/quiz-bank";
import styles from "./page.module.css";
import { Check } from "./review-marks";

// The topics the catalogue names (compliance.reviews.quiz.topic.*); a topic a later bank adds shows as it is.
const TOPICS: Record<QuizTopic, true> = { funding: true, leverage: true, liquidation: true, insurance_fund: true, adl: true, afmm_conflicts: true };

export function QuizColumn({ review }: { review: ReviewCase }) {
  const { record, quizShown, disclosureVerified } = review.submission;
  const quiz = record.riskQuiz;
  const t = useTranslations("compliance.reviews.quiz");
  const topic = (name: string) => (Object.hasOwn(TOPICS, name) ? t(`topic.${name as QuizTopic}`) : name);
  return (
    <section className={styles.column} aria-labelledby="quiz-heading">
      <h2 id="quiz-heading">{t("title")}</h2>
      <h3>{t("riskQuiz")}</h3>
      <dl className={styles.kv}>
        <dt>{t("bank")}</dt>
        <dd>{t.rich("bankVersion", { bank: quiz.presented.bankId, version: String(quiz.presented.version), code })}</dd>
        <dt>{t("bankHash")}</dt>
        <dd>
          <code className="hash">{quiz.presented.contentHash}</code>
        </dd>
        <dt>{t("attempt")}</dt>
        <dd>
          {t.rich("attemptSeed", { attempt: quiz.attemptId, seed: String(quiz.presented.seed), hash: (chunks) => <code className="hash">{chunks}</code> })}
        </dd>
        <dt>{t("started")}</dt>
        <dd>{formatUtc(Date.parse(quiz.startedAt))}</dd>
        <dt>{t("submitted")}</dt>
        <dd>{formatUtc(Date.parse(quiz.submittedAt))}</dd>
        <dt>{t("score")}</dt>
        <dd>
          {quiz.total > 0
            ? t("scorePercent", {
                correct: String(quiz.correct),
                total: String(quiz.total),
                percent: String(Math.floor((quiz.correct * 100) / quiz.total)),
                passMark: String(QUIZ_POLICY.PASS_MARK_PCT),
              })
            : t("scoreNoQuestions", { correct: String(quiz.correct), total: String(quiz.total), passMark: String(QUIZ_POLICY.PASS_MARK_PCT) })}{" "}
          <Check ok={quiz.passed} yes={t("passed")} no={t("failed")} />
        </dd>
      </dl>

      <h3>{t("questions")}</h3>
      <ol className={styles.questions}>
        {quizShown.map(({ question, chosenOptionId, correct }) => (
          <li key={question.id}>
            <p className={styles.questionText}>
              <span className="muted">{t("questionTopic", { topic: topic(question.topic) })}</span> {question.text}
            </p>
            <ol className={styles.options}>
              {question.options.map((option) => (
                <li key={option.id} className={option.id === chosenOptionId ? styles.chosen : undefined}>
                  {option.text}
                  {option.id === chosenOptionId ? (
                    <>
                      {" "}
                      <span className="visually-hidden">— </span>
                      <Check ok={correct} yes={t("answerCorrect")} no={t("answerIncorrect")} />
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
            {chosenOptionId === "" ? <p className="pill pill--high">{t("noAnswer")}</p> : null}
          </li>
        ))}
      </ol>

      <h3>{t("disclosure")}</h3>
      <dl className={styles.kv}>
        <dt>{t("version")}</dt>
        <dd>
          <code>{record.disclosure.versionId}</code>
        </dd>
        <dt>{t("contentHash")}</dt>
        <dd>
          <code className="hash">{record.disclosure.contentHash}</code>{" "}
          <Check ok={disclosureVerified} yes={t("disclosureMatches")} no={t("disclosureDiffers")} />
        </dd>
        <dt>{t("acknowledged")}</dt>
        <dd>{formatUtc(Date.parse(record.disclosure.acknowledgedAt))}</dd>
      </dl>
    </section>
  );
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;
