"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { saveStepUpDraft, StepUpDraftRestored, useStepUpDraft } from "@/components/step-up-draft";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import type { ReviewDecisionName } from "@/lib/services/suitability/review";
import { decideReviewAction } from "./actions";

export interface DecisionFormProps {
  submissionId: string;
  allowed: ReviewDecisionName[];
  /** Whether approving now would override the evaluator (the knowledge criterion unmet with the confirmations so far). */
  approvalOverrides: boolean;
  /** Whether the session has a step-up fresh enough for a decision right now. */
  stepUpFresh: boolean;
  stepUpMinutes: number;
}

/**
 * An officer's decision on a submission. Posts to a server action, so it works without
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
  approvalOverrides,
  stepUpFresh,
  stepUpMinutes,
  state,
  formAction,
  pending,
}: DecisionFormProps & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const t = useTranslations("compliance.reviews");
  const stepUpHref = `/step-up?next=/compliance/reviews/${submissionId}`;
  // The decision and reason are kept in this tab while the officer steps up, and put back here after.
  const formRef = useRef<HTMLFormElement>(null);
  const draftKey = `review-decision:${submissionId}`;
  const restored = useStepUpDraft(draftKey, formRef);
  const stepUpLink = (chunks: ReactNode) => (
    <Link href={stepUpHref} onClick={() => saveStepUpDraft(draftKey, formRef.current)}>
      {chunks}
    </Link>
  );
  const decisionError = state.fieldErrors?.decision?.[0];
  // The first error only, as for the decision: one sentence that says what to fix.
  const reasonErrors = state.fieldErrors?.reason?.slice(0, 1);
  // An error on a field the form does not show (the submission id) still needs saying somewhere.
  const otherErrors = Object.entries(state.fieldErrors ?? {})
    .filter(([name]) => name !== "decision" && name !== "reason")
    .flatMap(([, messages]) => messages);
  // APPROVE is offered only before any approval and CONFIRM_OVERRIDE only after one, so at most one note applies.
  const overrideNote =
    approvalOverrides && allowed.includes("APPROVE")
      ? t("decisionForm.overrideNote")
      : allowed.includes("CONFIRM_OVERRIDE")
        ? t("decisionForm.confirmOverrideNote")
        : null;

  return (
    <form ref={formRef} action={formAction} className="form form--wide" noValidate aria-label={t("decisionForm.label")}>
      <input type="hidden" name="submissionId" value={submissionId} />
      {restored ? <StepUpDraftRestored /> : null}
      {state.tone === "error" ? (
        <Alert tone="error" as="div">
          <p>
            {state.message}
            {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("decisionForm.stepUpAgain", { link: stepUpLink })}</> : null}
          </p>
          {otherErrors.length > 0 ? <p>{otherErrors.join(" ")}</p> : null}
        </Alert>
      ) : null}
      {/* The refusal above already links to the step-up; a second identical link would only repeat it. */}
      {stepUpFresh || state.code === "STEP_UP_REQUIRED" ? null : (
        <Alert tone="warn">{t.rich("decisionForm.stepUpFirst", { minutes: String(stepUpMinutes), link: stepUpLink })}</Alert>
      )}
      {overrideNote ? (
        <Alert tone="warn" id="decision-override-note">
          {overrideNote}
        </Alert>
      ) : null}
      <fieldset className="field" {...(decisionError ? { "aria-describedby": "decision-choice-error" } : {})}>
        <legend>{t("decisionForm.decision")}</legend>
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
              {t(`decision.${decision}`)}
            </label>
          ))}
        </div>
        {decisionError ? (
          <p className="field__error" id="decision-choice-error">
            {decisionError}
          </p>
        ) : null}
      </fieldset>
      <Field id="decision-reason" label={t("decisionForm.reason")} hint={t("decisionForm.reasonHint")} errors={reasonErrors}>
        <textarea
          id="decision-reason"
          name="reason"
          rows={4}
          maxLength={2000}
          required
          defaultValue={state.values?.reason ?? ""}
          aria-describedby={describedBy("decision-reason", t("decisionForm.reasonHint"), reasonErrors)}
          aria-invalid={invalid(reasonErrors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("decisionForm.recording") : t("decisionForm.submit")}
        </button>
      </p>
    </form>
  );
}
