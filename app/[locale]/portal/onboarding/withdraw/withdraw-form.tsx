"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldErrors } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { withdrawPiConsentAction } from "./actions";

/** PI-7: the confirmation step. The box is checked on the server (noValidate), so the refusal reads the same with or without JavaScript. */
export function WithdrawForm() {
  const t = useTranslations("onboarding.piWithdrawal");
  const [state, formAction, pending] = useActionState(withdrawPiConsentAction, EMPTY_FORM_STATE);
  const confirmError = state.fieldErrors?.confirmed?.[0];
  return (
    <form key={state.at} action={formAction} className="form" noValidate aria-label={t("formLabel")}>
      {state.tone === "error" && !confirmError ? (
        <Alert tone="error" as="div">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      <div className="field field--check">
        <label htmlFor="withdraw-confirmed">
          <input
            id="withdraw-confirmed"
            name="confirmed"
            type="checkbox"
            required
            {...(confirmError ? { "aria-invalid": true as const, "aria-describedby": "withdraw-confirmed-error" } : {})}
          />{" "}
          {t("confirm")}
        </label>
        <FieldErrors id="withdraw-confirmed" errors={confirmError ? [confirmError] : undefined} />
      </div>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("recording") : t("submit")}
        </button>
      </p>
    </form>
  );
}
