"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import type { ReviewDecision } from "@/lib/surveillance/review-policy";
import { assignAction, commentAction, decideAction } from "./actions";

/** Assign the item to a compliance officer or Responsible Officer (the reader first in the list). */
export function AssignForm({ reviewId, people, current }: { reviewId: string; people: Array<{ id: string; label: string }>; current: string | null }) {
  const [state, formAction, pending] = useActionState(assignAction, EMPTY_FORM_STATE);
  const t = useTranslations("afmmReviews.detail.assign");
  const errors = firstError(state.fieldErrors, "assigneeId");
  return (
    <form key={state.at} action={formAction} className="form" aria-label={t("title")}>
      <input type="hidden" name="reviewId" value={reviewId} />
      {state.tone === "error" && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="assignee" label={t("label")} errors={errors}>
        <select
          id="assignee"
          name="assigneeId"
          defaultValue={state.values?.assigneeId ?? current ?? people[0]?.id}
          aria-describedby={describedBy("assignee", undefined, errors)}
          aria-invalid={invalid(errors)}
        >
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.label}
            </option>
          ))}
        </select>
      </Field>
      <p>
        <button type="submit" className="button button--quiet" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}

export function CommentForm({ reviewId, maxChars }: { reviewId: string; maxChars: number }) {
  const [state, formAction, pending] = useActionState(commentAction, EMPTY_FORM_STATE);
  const t = useTranslations("afmmReviews.detail.comment");
  const hint = t("hint", { max: maxChars.toLocaleString("en-US") });
  const errors = firstError(state.fieldErrors, "body");
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("title")}>
      <input type="hidden" name="reviewId" value={reviewId} />
      {state.tone === "error" && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="comment-body" label={t("label")} hint={hint} errors={errors}>
        <textarea
          id="comment-body"
          name="body"
          rows={3}
          maxLength={maxChars}
          required
          defaultValue={state.values?.body ?? ""}
          aria-describedby={describedBy("comment-body", hint, errors)}
          aria-invalid={invalid(errors)}
        />
      </Field>
      <p>
        <button type="submit" className="button button--quiet" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}

/** The decision with its reason; posted only with a fresh step-up (the service checks it again). */
export function DecisionForm({
  reviewId,
  options,
  stepUpHref,
  minChars,
  maxChars,
}: {
  reviewId: string;
  options: readonly ReviewDecision[];
  stepUpHref: string;
  minChars: number;
  maxChars: number;
}) {
  const [state, formAction, pending] = useActionState(decideAction, EMPTY_FORM_STATE);
  const t = useTranslations("afmmReviews.detail.decide");
  const hint = t("reasonHint", { min: minChars, max: maxChars.toLocaleString("en-US") });
  const reasonErrors = firstError(state.fieldErrors, "reason");
  const decisionErrors = firstError(state.fieldErrors, "decision");
  const stepUpLink = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  const chosen = state.values?.decision ?? (options.length === 1 ? options[0] : undefined);
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("title")}>
      <input type="hidden" name="reviewId" value={reviewId} />
      {state.tone === "error" && !reasonErrors && !decisionErrors ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link: stepUpLink })}</> : null}
        </Alert>
      ) : null}
      <fieldset className="field" aria-describedby={decisionErrors ? "decision-error" : undefined}>
        <legend>{t("decision")}</legend>
        <div className="checks">
          {options.map((option) => (
            <label key={option}>
              <input type="radio" name="decision" value={option} defaultChecked={chosen === option} /> {t(`options.${option}`)}
            </label>
          ))}
        </div>
        {decisionErrors ? (
          <span className="field__error" id="decision-error">
            {decisionErrors.join(" ")}
          </span>
        ) : null}
      </fieldset>
      <Field id="decision-reason" label={t("reason")} hint={hint} errors={reasonErrors}>
        <textarea
          id="decision-reason"
          name="reason"
          rows={4}
          maxLength={maxChars}
          required
          defaultValue={state.values?.reason ?? ""}
          aria-describedby={describedBy("decision-reason", hint, reasonErrors)}
          aria-invalid={invalid(reasonErrors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}
