"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { saveStepUpDraft, StepUpDraftRestored, useStepUpDraft } from "@/components/step-up-draft";
import { Field } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { Link } from "@/lib/i18n/navigation";

export type GovernanceField =
  | { name: string; label: string; kind: "text" | "date" | "email"; hint?: string; maxLength: number }
  | { name: string; label: string; kind: "select"; options: { value: string; label: string }[] }
  | { name: string; label: string; kind: "checkbox" }
  | { name: string; kind: "hidden"; value: string };

type Result = { ok: true } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * One AFMM governance form (AFMM-1, AFMM-4, AFMM-9): posts its fields to a server action and shows the
 * result. A refusal for want of a step-up links to /step-up and keeps what was typed for the way back.
 */
export function GovernanceForm({
  id,
  label,
  fields,
  submit,
  action,
}: {
  id: string;
  label: string;
  fields: GovernanceField[];
  submit: string;
  action: (input: Record<string, string>) => Promise<Result>;
}) {
  const t = useTranslations("afmmGovernance");
  const [message, setMessage] = useState<{ ok: boolean; text: string; stepUp?: boolean } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const draftKey = `afmm-governance:${id}`;
  const restored = useStepUpDraft(draftKey, formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: Record<string, string> = {};
    for (const field of fields) {
      const value = form.get(field.name);
      input[field.name] = typeof value === "string" ? value : "";
    }
    setPending(true);
    const result = await action(input);
    setPending(false);
    if (result.ok) {
      setFieldErrors({});
      formRef.current?.reset();
      return setMessage({ ok: true, text: t("saved") });
    }
    setFieldErrors(result.fieldErrors ?? {});
    setMessage({ ok: false, text: result.error, stepUp: result.code === "STEP_UP_REQUIRED" });
  }

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-label={label}>
      {restored && !message ? <StepUpDraftRestored /> : null}
      {message ? (
        <Alert tone={message.ok ? "ok" : "error"}>
          {message.text}
          {message.stepUp ? (
            <>
              {" "}
              <Link href="/step-up?next=/afmm" onClick={() => saveStepUpDraft(draftKey, formRef.current)}>
                {t("confirmItIsYou")}
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      {fields.map((field) => {
        const fieldId = `${id}-${field.name}`;
        const errors = fieldErrors[field.name];
        if (field.kind === "hidden") return <input key={field.name} type="hidden" name={field.name} value={field.value} />;
        if (field.kind === "checkbox") {
          return (
            <div key={field.name} className="field">
              <label>
                <input type="checkbox" name={field.name} value="on" /> {field.label}
              </label>
            </div>
          );
        }
        return (
          <Field key={field.name} id={fieldId} label={field.label} hint={"hint" in field ? field.hint : undefined} errors={errors}>
            {field.kind === "select" ? (
              <select id={fieldId} name={field.name} aria-invalid={errors?.length ? true : undefined}>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={fieldId}
                name={field.name}
                type={field.kind}
                maxLength={field.maxLength}
                aria-invalid={errors?.length ? true : undefined}
                aria-describedby={field.hint ? `${fieldId}-hint` : undefined}
              />
            )}
          </Field>
        );
      })}
      <ScriptSubmitButton pending={pending} label={submit} pendingLabel={t("saving")} />
    </form>
  );
}
