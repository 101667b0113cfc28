"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { formatDurationMs } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";

export interface FieldSpec {
  name: string;
  label: string;
  kind: "text" | "textarea" | "date" | "select";
  maxLength?: number;
  hint?: string;
  options?: { value: string; label: string }[];
  defaultValue?: string;
}

/**
 * One register form (record, assess, draft, approve, notify, complete): the fields the page gives it,
 * posted to a server action, so it works without JavaScript. The page words every label.
 */
export function RegisterForm({
  action,
  label,
  submit,
  fields,
  hidden = {},
  testId,
  stepUpHref,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  label: string;
  submit: string;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  testId: string;
  stepUpHref: string;
}) {
  const t = useTranslations("compliance.registers");
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
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const id = idOf(field.name);
        const errors = firstError(state.fieldErrors, field.name);
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
              <textarea {...common} rows={4} maxLength={field.maxLength} />
            ) : field.kind === "select" ? (
              <select {...common}>
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input {...common} type={field.kind} maxLength={field.maxLength} />
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

/** Time left until `dueAtMs`, or how overdue, ticking each second from the server's clock reading. */
export function Countdown({ dueAtMs, renderedAtMs, testId }: { dueAtMs: number; renderedAtMs: number; testId?: string }) {
  const t = useTranslations("compliance.registers");
  const [offsetMs, setOffsetMs] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setOffsetMs(Date.now() - started), 1_000);
    return () => clearInterval(timer);
  }, []);
  const leftMs = dueAtMs - (renderedAtMs + offsetMs);
  const rounded = Math.floor(Math.abs(leftMs) / 1_000) * 1_000;
  return (
    <span data-testid={testId} data-overdue={leftMs < 0 ? "true" : "false"}>
      {leftMs >= 0 ? t("left", { duration: formatDurationMs(rounded) }) : t("overdue", { duration: formatDurationMs(rounded) })}
    </span>
  );
}
