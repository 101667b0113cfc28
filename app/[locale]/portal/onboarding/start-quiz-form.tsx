"use client";

import { useActionState } from "react";
import { startQuizAction } from "./quiz-actions";
import { idleStartQuizState } from "./quiz-state";

export function StartQuizForm({ purpose, label }: { purpose: "risk_quiz" | "course_quiz"; label: string }) {
  const [state, action, pending] = useActionState(startQuizAction, idleStartQuizState);
  return (
    <form action={action} className="form" aria-label={label}>
      <input type="hidden" name="purpose" value={purpose} />
      {state.message ? (
        <div className="alert alert--error" role="alert">
          {state.message}
        </div>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {label}
        </button>
      </div>
    </form>
  );
}
