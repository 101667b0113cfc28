import { useTranslations } from "next-intl";
import { QuizForm } from "@/components/quiz-form";
import { Alert } from "@/components/ui/alert";
import { formatDurationMs, formatUtc } from "@/lib/format";
import { QUIZ_POLICY } from "@/lib/suitability/constants";
import type { QuizStatus } from "@/lib/services/suitability/quiz-attempts";
import { submitQuizAction } from "./quiz-actions";
import { StartQuizForm } from "./start-quiz-form";

/** The quiz part of a page: the result so far, the open attempt, or the button to start one (or the wait). */
export function QuizSection({ status }: { status: QuizStatus }) {
  const t = useTranslations("onboarding.quiz");
  const { passed, latestGraded, open, nextAllowedAt } = status;
  const course = status.purpose === "course_quiz";
  const startLabel = passed ? t(course ? "startCourseQuizAgain" : "startRiskQuizAgain") : t(course ? "startCourseQuiz" : "startRiskQuiz");
  return (
    <div className="stack">
      <p>
        {t("policy", {
          passMark: QUIZ_POLICY.PASS_MARK_PCT,
          maxAttempts: status.maxAttempts,
          window: formatDurationMs(status.windowMs),
          used: status.attemptsInWindow,
        })}
      </p>
      {/* Hand-written rather than the shared Alert: tests find these results by their test ids. */}
      {passed ? (
        <p className="alert alert--ok" role="status" data-testid={`${status.purpose}-passed`}>
          {t("passed", {
            at: formatUtc(passed.submittedAt.getTime()),
            correct: passed.correct,
            total: passed.total,
            score: passed.scorePct,
            version: passed.bankVersion,
          })}
        </p>
      ) : latestGraded ? (
        <div className="alert alert--error" data-testid={`${status.purpose}-not-passed`}>
          <p>
            {t("notPassed", {
              correct: latestGraded.correct,
              total: latestGraded.total,
              score: latestGraded.scorePct,
              at: formatUtc(latestGraded.submittedAt.getTime()),
            })}
          </p>
          <ol>
            {latestGraded.review.map((item) => (
              <li key={item.questionId}>
                {item.text} <em>{t("yourAnswer", { answer: item.chosenText })}</em>{" "}
                <span className={`pill ${item.correct ? "pill--ok" : "pill--high"}`}>{item.correct ? t("correct") : t("incorrect")}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {open ? (
        <QuizForm key={open.attemptId} attemptId={open.attemptId} questions={open.questions} action={submitQuizAction} submitLabel={t("submit")} />
      ) : nextAllowedAt ? (
        // A wait, not a failure of what the client just did: announced politely.
        <Alert tone="warn">{t("noAttemptsLeft", { maxAttempts: status.maxAttempts, at: formatUtc(nextAllowedAt.getTime()) })}</Alert>
      ) : (
        <StartQuizForm
          purpose={status.purpose}
          label={startLabel}
          notice={t("start.usesAttempt", {
            quiz: course ? "course" : "risk",
            remaining: status.maxAttempts - status.attemptsInWindow,
            maxAttempts: status.maxAttempts,
            window: formatDurationMs(status.windowMs),
          })}
        />
      )}
    </div>
  );
}
