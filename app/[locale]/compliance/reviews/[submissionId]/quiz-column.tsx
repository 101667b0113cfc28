import { formatUtc } from "@/lib/format";
import type { ReviewCase } from "@/lib/services/suitability/review";
import { QUIZ_POLICY } from "@/lib/suitability/constants";
import type { QuizTopic } from "@/lib/suitability/quiz-bank";
import styles from "./page.module.css";
import { Check } from "./review-marks";

const TOPIC_LABELS: Record<QuizTopic, string> = {
  funding: "Funding",
  leverage: "Leverage",
  liquidation: "Liquidation",
  insurance_fund: "Insurance fund",
  adl: "Auto-deleveraging",
  afmm_conflicts: "Affiliated market maker conflicts",
};

export function QuizColumn({ review }: { review: ReviewCase }) {
  const { record, quizShown, disclosureVerified } = review.submission;
  const quiz = record.riskQuiz;
  return (
    <section className={styles.column} aria-labelledby="quiz-heading">
      <h2 id="quiz-heading">Quiz and disclosure</h2>
      <h3>Perps risk quiz</h3>
      <dl className={styles.kv}>
        <dt>Question bank</dt>
        <dd>
          <code>{quiz.presented.bankId}</code> version <code>{quiz.presented.version}</code>
        </dd>
        <dt>Bank hash</dt>
        <dd>
          <code className="hash">{quiz.presented.contentHash}</code>
        </dd>
        <dt>Attempt</dt>
        <dd>
          <code className="hash">{quiz.attemptId}</code> (draw seed {quiz.presented.seed})
        </dd>
        <dt>Started</dt>
        <dd>{formatUtc(Date.parse(quiz.startedAt))}</dd>
        <dt>Submitted</dt>
        <dd>{formatUtc(Date.parse(quiz.submittedAt))}</dd>
        <dt>Score</dt>
        <dd>
          {quiz.correct} of {quiz.total} correct{quiz.total > 0 ? ` (${Math.floor((quiz.correct * 100) / quiz.total)} %)` : ""}; pass mark {QUIZ_POLICY.PASS_MARK_PCT} %{" "}
          <Check ok={quiz.passed} yes="passed" no="failed" />
        </dd>
      </dl>

      <h3>Questions as the client saw them</h3>
      <ol className={styles.questions}>
        {quizShown.map(({ question, chosenOptionId, correct }) => (
          <li key={question.id}>
            <p className={styles.questionText}>
              <span className="muted">{TOPIC_LABELS[question.topic] ?? question.topic}:</span> {question.text}
            </p>
            <ol className={styles.options}>
              {question.options.map((option) => (
                <li key={option.id} className={option.id === chosenOptionId ? styles.chosen : undefined}>
                  {option.text}
                  {option.id === chosenOptionId ? (
                    <>
                      {" "}
                      <span className="visually-hidden">— </span>
                      <Check ok={correct} yes="client's answer, correct" no="client's answer, incorrect" />
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
            {chosenOptionId === "" ? <p className="pill pill--high">No answer recorded for this question</p> : null}
          </li>
        ))}
      </ol>

      <h3>Risk disclosure</h3>
      <dl className={styles.kv}>
        <dt>Version</dt>
        <dd>
          <code>{record.disclosure.versionId}</code>
        </dd>
        <dt>Content hash</dt>
        <dd>
          <code className="hash">{record.disclosure.contentHash}</code>{" "}
          <Check ok={disclosureVerified} yes="matches the published text" no="DOES NOT MATCH the text of that version" />
        </dd>
        <dt>Acknowledged</dt>
        <dd>{formatUtc(Date.parse(record.disclosure.acknowledgedAt))}</dd>
      </dl>
    </section>
  );
}
