"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { submitOnboardingAction } from "./actions";
import { FormMessage } from "./form-parts";

/** Submit the application for review; disabled, with the reason, until every step is done. */
export function SubmitForm({ canSubmit, blockedReason }: { canSubmit: boolean; blockedReason: string | null }) {
  const t = useTranslations("onboarding.submitForm");
  const [state, formAction, pending] = useActionState(submitOnboardingAction, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="form form--wide" aria-label={t("label")}>
      <p id="submit-explanation">{t("explanation")}</p>
      {!canSubmit && blockedReason ? (
        <Alert tone="warn" id="submit-blocked">
          {blockedReason}
        </Alert>
      ) : null}
      <p>
        <button
          type="submit"
          className="button"
          disabled={!canSubmit || pending}
          aria-describedby={!canSubmit && blockedReason ? "submit-blocked" : "submit-explanation"}
        >
          {pending ? t("submitting") : t("submit")}
        </button>
      </p>
      <FormMessage state={state} />
    </form>
  );
}
