"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { generateAfmmMiAction } from "./actions";

/** The month to generate, posted to a server action (works without JavaScript); a refusal comes back with the month as typed. */
export function GenerateAfmmMiForm({ defaultMonth, stepUpHref }: { defaultMonth: string; stepUpHref: string }) {
  const [state, formAction, pending] = useActionState(generateAfmmMiAction, EMPTY_FORM_STATE);
  const t = useTranslations("afmm.afmmMi.generate");
  const hint = t("hint");
  const errors = firstError(state.fieldErrors, "month");
  const link = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  return (
    <form key={state.at} action={formAction} className="form" noValidate aria-label={t("heading")}>
      {state.tone === "error" ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link })}</> : null}
        </Alert>
      ) : null}
      <Field id="afmm-mi-month" label={t("month")} hint={hint} errors={errors}>
        <input
          id="afmm-mi-month"
          name="month"
          type="text"
          inputMode="numeric"
          pattern="\d{4}-\d{2}"
          maxLength={7}
          required
          defaultValue={state.values?.month ?? defaultMonth}
          aria-describedby={describedBy("afmm-mi-month", hint, errors)}
          aria-invalid={invalid(errors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("submit")}
        </button>
      </p>
    </form>
  );
}
