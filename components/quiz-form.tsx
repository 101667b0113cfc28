"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
// Type-only: PublicQuestion carries no answer key. Never import a value from quiz-bank.ts or quiz.ts
// here, or the key would ship in the browser bundle (SUIT-9).
import type { PublicQuestion } from "@/lib/suitability/quiz-bank";
import { idleQuizState, type QuizFormState } from "./quiz-form-state";

export type { QuizFormState } from "./quiz-form-state";

export interface QuizFormProps {
  attemptId: string;
  /** Already in display order, with options in display order. */
  questions: PublicQuestion[];
  /** A server action, so the form also submits without JavaScript. */
  action: (state: QuizFormState, formData: FormData) => Promise<QuizFormState>;
  /** The submit button's text; "Submit answers" (in the reader's language) when not given. */
  submitLabel?: string;
}

/**
 * A multiple-choice quiz (the perps course's end quiz and the perps risk quiz). Each question posts
 * `answer:<questionId>` = the chosen option id with the hidden `attemptId`; grading is the server's.
 * The result names right or wrong per question, never the right option (SUIT-9). A graded attempt
 * is closed: a retake is a new attempt with its own id, rendered by the page.
 */
export function QuizForm({ attemptId, questions, action, submitLabel }: QuizFormProps) {
  const t = useTranslations("components.quiz");
  const [state, formAction, pending] = useActionState(action, idleQuizState);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  // React resets a form after its action, checked radios included (controlled ones too, react#31695).
  // Remounting the form on each new answer puts the client's choices back through defaultChecked.
  const [answeredState, setAnsweredState] = useState(state);
  const [round, setRound] = useState(0);
  if (answeredState !== state) {
    setAnsweredState(state);
    setRound(round + 1);
  }
  // The message sits above the questions while the submit button is below them: move the reader there.
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") outcomeRef.current?.focus();
  }, [state]);

  const graded = state.status === "graded" ? state : null;
  const unanswered = new Set(state.status === "error" ? state.unanswered : []);
  const resultOf = new Map(graded ? graded.perQuestion.map((q) => [q.questionId, q.correct]) : []);
  const idOf = (questionId: string) => `quiz-${attemptId}-${questionId}`;
  const numberOf = new Map(questions.map((q, i) => [q.id, i + 1]));

  return (
    <form
      key={round}
      action={formAction}
      className="form form--wide"
      noValidate
      aria-label={t("label")}
      onChange={(event) => {
        const input: EventTarget = event.target;
        if (!(input instanceof HTMLInputElement) || input.type !== "radio" || !input.name.startsWith("answer:")) return;
        const questionId = input.name.slice("answer:".length);
        setAnswers((previous) => ({ ...previous, [questionId]: input.value }));
      }}
    >
      <input type="hidden" name="attemptId" value={attemptId} />

      {state.status === "error" ? (
        <div ref={outcomeRef} tabIndex={-1} className="alert alert--error" role="alert">
          <p>{state.message}</p>
          {state.unanswered.length > 0 ? (
            <ul>
              {state.unanswered.map((questionId) => (
                <li key={questionId}>
                  {t.rich("unanswered", {
                    question: numberOf.has(questionId) ? t("questionNumber", { number: String(numberOf.get(questionId)) }) : questionId,
                    link: (chunks) => <a href={`#${idOf(questionId)}`}>{chunks}</a>,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {graded ? (
        <div ref={outcomeRef} tabIndex={-1} className={`alert ${graded.passed ? "alert--ok" : "alert--error"}`} role="status">
          <p>
            {t.rich("result", {
              passed: graded.passed ? "yes" : "no",
              correct: String(graded.correct),
              total: String(graded.total),
              score: String(graded.scorePct),
              passMark: String(graded.passMarkPct),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <p>{t("resultNote")}</p>
        </div>
      ) : null}

      {questions.map((question, index) => {
        const id = idOf(question.id);
        const missing = unanswered.has(question.id);
        const result = resultOf.get(question.id);
        const noteId = `${id}-note`;
        return (
          <fieldset
            key={question.id}
            id={id}
            className="field"
            role="radiogroup"
            aria-labelledby={`${id}-legend`}
            aria-required="true"
            aria-invalid={missing || undefined}
            aria-describedby={missing || result !== undefined ? noteId : undefined}
            disabled={graded !== null}
          >
            <legend id={`${id}-legend`}>{t("legend", { number: String(index + 1), text: question.text })}</legend>
            <div className="checks" style={{ flexDirection: "column", alignItems: "flex-start" }}>
              {question.options.map((option) => (
                <label key={option.id}>
                  <input type="radio" name={`answer:${question.id}`} value={option.id} defaultChecked={answers[question.id] === option.id} /> {option.text}
                </label>
              ))}
            </div>
            {missing ? (
              <p className="field__error" id={noteId}>
                {t("chooseAnswer")}
              </p>
            ) : null}
            {result !== undefined ? (
              <p id={noteId}>
                <span className={`pill ${result ? "pill--ok" : "pill--high"}`}>{result ? t("correct") : t("incorrect")}</span>
              </p>
            ) : null}
          </fieldset>
        );
      })}

      {graded ? null : (
        <p>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("grading") : (submitLabel ?? t("submit"))}
          </button>
        </p>
      )}
    </form>
  );
}
