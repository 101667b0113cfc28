"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { HOLD_SCOPES } from "@/lib/retention/policy";
import { placeLegalHoldAction, releaseLegalHoldAction } from "./actions";

/**
 * REC-2: a hold on one client (by e-mail or id), on one complaint or enquiry (by its reference), or on
 * every client, for a class or all; posted to a server action, so it works without JavaScript.
 */
export function PlaceHoldForm({ stepUpHref, maxReasonChars }: { stepUpHref: string; maxReasonChars: number }) {
  const [state, formAction, pending] = useActionState(placeLegalHoldAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.retention");
  const subjectErrors = firstError(state.fieldErrors, "subject");
  const classErrors = firstError(state.fieldErrors, "recordClass");
  const reasonErrors = firstError(state.fieldErrors, "reason");
  const link = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  const subjectHint = t("place.subjectHint");
  const reasonHint = t("place.reasonHint");
  return (
    <form key={state.at} action={formAction} className="form" noValidate aria-label={t("place.heading")} data-testid="legal-hold-place">
      {state.tone === "error" ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link })}</> : null}
        </Alert>
      ) : state.tone === "ok" ? (
        <Alert tone="ok">{state.message}</Alert>
      ) : null}
      <Field id="hold-subject" label={t("place.subject")} hint={subjectHint} errors={subjectErrors}>
        <input
          id="hold-subject"
          name="subject"
          type="text"
          maxLength={320}
          autoComplete="off"
          defaultValue={state.values?.subject ?? ""}
          aria-describedby={describedBy("hold-subject", subjectHint, subjectErrors)}
          aria-invalid={invalid(subjectErrors)}
        />
      </Field>
      <Field id="hold-class" label={t("place.recordClass")} errors={classErrors}>
        <select
          id="hold-class"
          name="recordClass"
          defaultValue={state.values?.recordClass ?? "all"}
          aria-describedby={describedBy("hold-class", undefined, classErrors)}
          aria-invalid={invalid(classErrors)}
        >
          {HOLD_SCOPES.map((scope) => (
            <option key={scope} value={scope}>
              {t(`classes.${scope}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="hold-reason" label={t("place.reason")} hint={reasonHint} errors={reasonErrors}>
        <textarea
          id="hold-reason"
          name="reason"
          rows={3}
          maxLength={maxReasonChars}
          required
          defaultValue={state.values?.reason ?? ""}
          aria-describedby={describedBy("hold-reason", reasonHint, reasonErrors)}
          aria-invalid={invalid(reasonErrors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("place.pending") : t("place.submit")}
        </button>
      </p>
    </form>
  );
}

export function ReleaseHoldForm({ id, label }: { id: string; label: string }) {
  const t = useTranslations("compliance.retention.holds");
  const [state, formAction, pending] = useActionState(releaseLegalHoldAction, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="inline-form" aria-label={label}>
      <input type="hidden" name="id" value={id} />
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <button type="submit" className="button button--quiet" disabled={pending}>
        {pending ? t("releasing") : t("release")}
      </button>
    </form>
  );
}
