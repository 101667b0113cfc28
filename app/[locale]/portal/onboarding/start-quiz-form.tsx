"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { startQuizAction } from "./quiz-actions";
import { idleStartQuizState } from "./quiz-state";

/** `notice` says, before the button is pressed, that starting uses one of the attempts the retake limit allows (SUIT-9). */
export function StartQuizForm({ purpose, label, notice }: { purpose: "risk_quiz" | "course_quiz"; label: string; notice: string }) {
  const [state, action, pending] = useActionState(startQuizAction, idleStartQuizState);
  return (
    <form action={action} className="form" aria-label={label}>
      <input type="hidden" name="purpose" value={purpose} />
      {state.message ? (
        <Alert tone="error" as="div">
          {state.message}
        </Alert>
      ) : null}
      <p id={`${purpose}-start-notice`} data-testid={`${purpose}-start-notice`}>
        {notice}
      </p>
      <div>
        <button aria-describedby={`${purpose}-start-notice`} type="submit" className="button" disabled={pending}>
          {label}
        </button>
      </div>
    </form>
  );
}
