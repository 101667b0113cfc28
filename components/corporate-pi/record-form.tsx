"use client";

import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, FieldErrors, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

export type RecordFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** One field of a record form; every text is already in the reader's language. */
export type RecordField =
  | { kind: "text" | "textarea"; name: string; label: string; hint?: string; maxLength: number; rows?: number }
  | { kind: "radio" | "select"; name: string; label: string; hint?: string; options: readonly { value: string; label: string }[] }
  | { kind: "check"; name: string; label: string; hint?: string };

export interface RecordFormProps {
  action: RecordFormAction;
  /** The form's accessible name. */
  label: string;
  /** Prefix of the field ids, unique on the page. */
  idPrefix: string;
  fields: readonly RecordField[];
  hidden?: Readonly<Record<string, string>>;
  submit: string;
  submitting: string;
  /** Shown above the fields (e.g. that a fresh step-up is needed first). */
  note?: ReactNode;
}

/**
 * The forms of the corporate professional-investor and change-of-circumstances steps: labelled fields,
 * each with its own error after a refusal (the refused values put back), and the answer. Posts to a
 * server action, so it works without JavaScript.
 */
export function RecordForm(props: RecordFormProps) {
  const [state, formAction, pending] = useActionState(props.action, EMPTY_FORM_STATE);
  return <RecordFormBody key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function RecordFormBody({
  label,
  idPrefix,
  fields,
  hidden = {},
  submit,
  submitting,
  note,
  state,
  formAction,
  pending,
}: RecordFormProps & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const shown = new Set(fields.map((f) => f.name));
  const otherErrors = Object.entries(state.fieldErrors ?? {})
    .filter(([name]) => !shown.has(name))
    .flatMap(([, messages]) => messages);
  return (
    <form action={formAction} className="form form--wide" noValidate aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {note}
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const errors = state.fieldErrors?.[field.name]?.slice(0, 1);
        const value = state.values?.[field.name] ?? "";
        if (field.kind === "text" || field.kind === "textarea")
          return (
            <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={errors}>
              {field.kind === "text" ? (
                <input
                  id={id}
                  name={field.name}
                  type="text"
                  maxLength={field.maxLength}
                  defaultValue={value}
                  aria-invalid={invalid(errors)}
                  aria-describedby={describedBy(id, field.hint, errors)}
                />
              ) : (
                <textarea
                  id={id}
                  name={field.name}
                  rows={field.rows ?? 3}
                  maxLength={field.maxLength}
                  defaultValue={value}
                  aria-invalid={invalid(errors)}
                  aria-describedby={describedBy(id, field.hint, errors)}
                />
              )}
            </Field>
          );
        if (field.kind === "select")
          return (
            <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={errors}>
              <select id={id} name={field.name} defaultValue={value} aria-invalid={invalid(errors)} aria-describedby={describedBy(id, field.hint, errors)}>
                <option value="">—</option>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </Field>
          );
        if (field.kind === "check")
          return (
            <div key={field.name} className="field field--check">
              <label htmlFor={id}>
                <input id={id} name={field.name} type="checkbox" {...(errors ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {})} />{" "}
                {field.label}
              </label>
              {field.hint ? <p className="field__hint">{field.hint}</p> : null}
              <FieldErrors id={id} errors={errors} />
            </div>
          );
        if (field.kind !== "radio") return null;
        return (
          <fieldset key={field.name} className="field" {...(errors ? { "aria-describedby": `${id}-error` } : {})}>
            <legend>{field.label}</legend>
            {field.hint ? <p className="field__hint">{field.hint}</p> : null}
            <div className="checks">
              {field.options.map((option) => (
                <label key={option.value}>
                  <input
                    type="radio"
                    name={field.name}
                    value={option.value}
                    defaultChecked={value === option.value}
                    {...(errors ? { "aria-invalid": true as const } : {})}
                  />{" "}
                  {option.label}
                </label>
              ))}
            </div>
            <FieldErrors id={id} errors={errors} />
          </fieldset>
        );
      })}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? submitting : submit}
        </button>
      </p>
      {state.tone ? (
        <Alert tone={state.tone} as="div">
          <p>{state.message}</p>
          {otherErrors.length > 0 ? <p>{otherErrors.join(" ")}</p> : null}
        </Alert>
      ) : null}
    </form>
  );
}
