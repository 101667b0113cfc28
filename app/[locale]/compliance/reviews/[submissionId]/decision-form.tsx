"use client";

import Link from "next/link";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import type { ReviewDecisionName } from "@/lib/services/suitability/review";
import { DECISION_LABELS } from "../review-labels";
import { decideReviewAction } from "./actions";

export interface DecisionFormProps {
  submissionId: string;
  allowed: ReviewDecisionName[];
  evaluatorPassed: boolean;
  /** Whether the session has a step-up fresh enough for a decision right now. */
  stepUpFresh: boolean;
  stepUpMinutes: number;
}

/**
 * An officer's decision on a submission (issue 7 pt 6). Posts to a server action, so it works without
 * JavaScript; success redirects to the case, a refusal comes back here with the fields as submitted.
 */
export function DecisionForm(props: DecisionFormProps) {
  const [state, formAction, pending] = useActionState(decideReviewAction, EMPTY_FORM_STATE);
  // Remounted per answer, so the fields show what was submitted (also without JavaScript).
  return <DecisionFields key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function DecisionFields({
  submissionId,
  allowed,
  evaluatorPassed,
  stepUpFresh,
  stepUpMinutes,
  state,
  formAction,
  pending,
}: DecisionFormProps & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const stepUpHref = `/step-up?next=/compliance/reviews/${submissionId}`;
  const decisionError = state.fieldErrors?.decision?.[0];
  const reasonError = state.fieldErrors?.reason?.[0];
  // An error on a field the form does not show (the submission id) still needs saying somewhere.
  const otherErrors = Object.entries(state.fieldErrors ?? {})
    .filter(([name]) => name !== "decision" && name !== "reason")
    .flatMap(([, messages]) => messages);
  // APPROVE is offered only before any approval and CONFIRM_OVERRIDE only after one, so at most one note applies.
  const overrideNote =
    !evaluatorPassed && allowed.includes("APPROVE")
      ? "The evaluator did not pass this submission. Approving it is an override of the evaluator: the case then waits for a second compliance officer to confirm or reject it, and the client gets no access until then."
      : allowed.includes("CONFIRM_OVERRIDE")
        ? "Another officer approved this submission against the evaluator. Confirming the override approves the client; it is recorded as an override, with your name and reason."
        : null;

  return (
    <form action={formAction} className="form form--wide" noValidate aria-label="Record a decision">
      <input type="hidden" name="submissionId" value={submissionId} />
      {state.tone === "error" ? (
        <div className="alert alert--error" role="alert">
          <p>
            {state.message}
            {state.code === "STEP_UP_REQUIRED" ? (
              <>
                {" "}
                <Link href={stepUpHref}>Confirm it is you</Link>, then record the decision again.
              </>
            ) : null}
          </p>
          {otherErrors.length > 0 ? <p>{otherErrors.join(" ")}</p> : null}
        </div>
      ) : null}
      {/* The refusal above already links to the step-up; a second identical link would only repeat it. */}
      {stepUpFresh || state.code === "STEP_UP_REQUIRED" ? null : (
        <p className="alert alert--warn">
          Recording a decision needs a code from your authenticator app confirmed in the last {stepUpMinutes} minutes.{" "}
          <Link href={stepUpHref}>Confirm it is you</Link> first; you come back to this page.
        </p>
      )}
      {overrideNote ? (
        <p className="alert alert--warn" id="decision-override-note">
          {overrideNote}
        </p>
      ) : null}
      <fieldset className="field" {...(decisionError ? { "aria-describedby": "decision-choice-error" } : {})}>
        <legend>Your decision</legend>
        <div className="checks">
          {allowed.map((decision) => (
            <label key={decision}>
              <input
                type="radio"
                name="decision"
                value={decision}
                defaultChecked={state.values?.decision === decision}
                {...(overrideNote && (decision === "APPROVE" || decision === "CONFIRM_OVERRIDE") ? { "aria-describedby": "decision-override-note" } : {})}
                {...(decisionError ? { "aria-invalid": true as const } : {})}
              />{" "}
              {DECISION_LABELS[decision]}
            </label>
          ))}
        </div>
        {decisionError ? (
          <p className="field__error" id="decision-choice-error">
            {decisionError}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="decision-reason">Reason</label>
        <textarea
          id="decision-reason"
          name="reason"
          rows={4}
          maxLength={2000}
          required
          defaultValue={state.values?.reason ?? ""}
          aria-describedby={`decision-reason-hint${reasonError ? " decision-reason-error" : ""}`}
          {...(reasonError ? { "aria-invalid": true as const } : {})}
        />
        <p className="field__hint" id="decision-reason-hint">
          Required, at least 10 characters. The client sees it with the decision, and it is kept in the review record and the audit log.
        </p>
        {reasonError ? (
          <p className="field__error" id="decision-reason-error">
            {reasonError}
          </p>
        ) : null}
      </div>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Recording…" : "Record decision"}
        </button>
      </p>
    </form>
  );
}
