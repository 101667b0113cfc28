"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { approveReportAction, publishReportAction, returnReportAction, saveNarrativeAction, submitReportAction } from "./actions";

const NARRATIVE_FIELDS = ["cause", "impact", "remediation"] as const;
type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

/**
 * The compliance officer's cause, impact and remediation. Posts to a server action, so it works
 * without JavaScript; success reloads the incident, a refusal comes back with the text as typed.
 */
export function NarrativeForm(props: { incidentId: string; narrative: Record<NarrativeField, string | null>; maxChars: number }) {
  const [state, formAction, pending] = useActionState(saveNarrativeAction, EMPTY_FORM_STATE);
  // Remounted per answer, so the fields show what was submitted (also without JavaScript).
  return <NarrativeFields key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function NarrativeFields({
  incidentId,
  narrative,
  maxChars,
  state,
  formAction,
  pending,
}: {
  incidentId: string;
  narrative: Record<NarrativeField, string | null>;
  maxChars: number;
  state: FormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
}) {
  const t = useTranslations("compliance.incidents.detail.narrative");
  const max = maxChars.toLocaleString("en-US");
  return (
    <form action={formAction} className="form form--wide" noValidate aria-label={t("formLabel")}>
      <input type="hidden" name="incidentId" value={incidentId} />
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      {NARRATIVE_FIELDS.map((field) => {
        const id = `narrative-${field}`;
        const hint = t(`${field}Hint`, { max });
        const errors = firstError(state.fieldErrors, field);
        return (
          <Field key={field} id={id} label={t(field)} hint={hint} errors={errors}>
            <textarea
              id={id}
              name={field}
              rows={5}
              maxLength={maxChars}
              required
              defaultValue={state.values?.[field] ?? narrative[field] ?? ""}
              aria-describedby={describedBy(id, hint, errors)}
              aria-invalid={invalid(errors)}
            />
          </Field>
        );
      })}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </button>
      </p>
    </form>
  );
}

const STEP_ACTIONS = { submit: submitReportAction, approve: approveReportAction, publish: publishReportAction } as const;

/** One button that takes the report a step on (submit, approve, publish); a refusal is shown above it. */
export function StepForm({ step, incidentId, stepUpHref }: { step: keyof typeof STEP_ACTIONS; incidentId: string; stepUpHref?: string }) {
  const [state, formAction, pending] = useActionState(STEP_ACTIONS[step], EMPTY_FORM_STATE);
  const t = useTranslations("compliance.incidents.detail");
  const stepUpLink = (chunks: ReactNode) => (stepUpHref ? <Link href={stepUpHref}>{chunks}</Link> : chunks);
  return (
    <form action={formAction} className="form" aria-label={t(`${step}.title`)}>
      <input type="hidden" name="incidentId" value={incidentId} />
      {state.tone === "error" ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" && stepUpHref ? <> {t.rich("approve.stepUpAgain", { link: stepUpLink })}</> : null}
        </Alert>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t(`${step}.pending`) : t(`${step}.button`)}
        </button>
      </p>
    </form>
  );
}

/** A Responsible Officer sends a submitted report back to draft, saying why. */
export function ReturnForm({ incidentId }: { incidentId: string }) {
  const [state, formAction, pending] = useActionState(returnReportAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.incidents.detail.return");
  const hint = t("reasonHint");
  const errors = firstError(state.fieldErrors, "reason");
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("title")}>
      <input type="hidden" name="incidentId" value={incidentId} />
      {state.tone === "error" && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="return-reason" label={t("reason")} hint={hint} errors={errors}>
        <textarea
          id="return-reason"
          name="reason"
          rows={3}
          maxLength={2000}
          required
          defaultValue={state.values?.reason ?? ""}
          aria-describedby={describedBy("return-reason", hint, errors)}
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
