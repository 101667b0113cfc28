"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";

export interface StaffField {
  name: string;
  label: string;
  kind: "text" | "textarea" | "checkboxes";
  maxLength?: number;
  hint?: string;
  options?: { value: string; label: string; checked?: boolean }[];
  defaultValue?: string;
}

/**
 * One step on a complaint (acknowledge, note, root causes, letter, review, close, answer, referral):
 * the fields the page gives it, posted to a server action, so it works without JavaScript. The page
 * words every label.
 */
export function StaffForm({
  action,
  label,
  submit,
  fields,
  hidden = {},
  testId,
  stepUpHref,
  lead,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  label: string;
  submit: string;
  fields: StaffField[];
  hidden?: Record<string, string>;
  testId: string;
  stepUpHref: string;
  lead?: string;
}) {
  const t = useTranslations("complaints.staff.actions");
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM_STATE);
  const link = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  const idOf = (name: string) => `${testId}-${name}`;
  return (
    <form key={state.at} action={formAction} className="form" noValidate aria-label={label} data-testid={testId}>
      {state.tone === "error" ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link })}</> : null}
        </Alert>
      ) : state.tone === "ok" ? (
        <Alert tone="ok">{state.message}</Alert>
      ) : null}
      {lead ? <p>{lead}</p> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const id = idOf(field.name);
        const errors = firstError(state.fieldErrors, field.name);
        if (field.kind === "checkboxes") {
          return (
            <fieldset key={field.name} className="field" aria-describedby={errors ? `${id}-error` : undefined}>
              <legend>{field.label}</legend>
              <div className="checks">
                {field.options?.map((option) => (
                  <label key={option.value}>
                    <input type="checkbox" name={field.name} value={option.value} defaultChecked={option.checked} /> {option.label}
                  </label>
                ))}
              </div>
              {errors ? (
                <span className="field__error" id={`${id}-error`}>
                  {errors.join(" ")}
                </span>
              ) : null}
            </fieldset>
          );
        }
        const common = {
          id,
          name: field.name,
          defaultValue: state.values?.[field.name] ?? field.defaultValue ?? "",
          "aria-invalid": invalid(errors),
          "aria-describedby": describedBy(id, field.hint, errors),
        };
        return (
          <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={errors}>
            {field.kind === "textarea" ? (
              <textarea {...common} rows={6} maxLength={field.maxLength} />
            ) : (
              <input {...common} type="text" maxLength={field.maxLength} />
            )}
          </Field>
        );
      })}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : submit}
        </button>
      </p>
    </form>
  );
}
