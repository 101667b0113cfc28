import { QuizForm } from "@/components/quiz-form";
import { formatDurationMs, formatUtc } from "@/lib/format";
import { QUIZ_POLICY } from "@/lib/suitability/constants";
import type { QuizStatus } from "@/lib/services/suitability/quiz-attempts";
import { submitQuizAction } from "./quiz-actions";
import { StartQuizForm } from "./start-quiz-form";

/** The quiz part of a page: the result so far, the open attempt, or the button to start one (or the wait). */
export function QuizSection({ status, startLabel }: { status: QuizStatus; startLabel: string }) {
  const { passed, latestGraded, open, nextAllowedAt } = status;
  return (
    <div className="stack">
      <p>
        Pass mark {QUIZ_POLICY.PASS_MARK_PCT} %. At most {status.maxAttempts} attempts in any {formatDurationMs(status.windowMs)}; you have used{" "}
        {status.attemptsInWindow}. Each attempt draws its questions at random and shuffles the answers; a result says which answers were wrong, not which
        were right.
      </p>
      {passed ? (
        <p className="alert alert--ok" role="status" data-testid={`${status.purpose}-passed`}>
          Passed on {formatUtc(passed.submittedAt.getTime())}: {passed.correct} of {passed.total} correct ({passed.scorePct} %), question set version {passed.bankVersion}.
        </p>
      ) : latestGraded ? (
        <div className="alert alert--error" data-testid={`${status.purpose}-not-passed`}>
          <p>
            Last attempt not passed: {latestGraded.correct} of {latestGraded.total} correct ({latestGraded.scorePct} %) on{" "}
            {formatUtc(latestGraded.submittedAt.getTime())}. Your answers, and whether each was right; the right answers are not shown, so read the course
            or the risk disclosure on the questions you missed before you try again:
          </p>
          <ol>
            {latestGraded.review.map((item) => (
              <li key={item.questionId}>
                {item.text} <em>Your answer: {item.chosenText}</em>{" "}
                <span className={`pill ${item.correct ? "pill--ok" : "pill--high"}`}>{item.correct ? "correct" : "incorrect"}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {open ? (
        <QuizForm key={open.attemptId} attemptId={open.attemptId} questions={open.questions} action={submitQuizAction} submitLabel="Submit answers" />
      ) : nextAllowedAt ? (
        <p className="alert alert--error" role="status">
          You have used all {status.maxAttempts} attempts for now. The next attempt is allowed from {formatUtc(nextAllowedAt.getTime())}.
        </p>
      ) : (
        <StartQuizForm purpose={status.purpose} label={passed ? `${startLabel} again` : startLabel} />
      )}
    </div>
  );
}
