"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { startQuizAction } from "./quiz-actions";
import { idleStartQuizState } from "./quiz-state";

export function StartQuizForm({ purpose, label }: { purpose: "risk_quiz" | "course_quiz"; label: string }) {
  const [state, action, pending] = useActionState(startQuizAction, idleStartQuizState);
  return (
    <form action={action} className="form" aria-label={label}>
      <input type="hidden" name="purpose" value={purpose} />
      {state.message ? (
        <Alert tone="error" as="div">
          {state.message}
        </Alert>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {label}
        </button>
      </div>
    </form>
  );
}
