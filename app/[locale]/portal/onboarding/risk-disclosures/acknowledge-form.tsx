"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldErrors } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { acknowledgeDisclosureAction } from "./actions";

/**
 * The acknowledgement (DISC-8). The version id and content hash travel with the form, so the server
 * records the text this page showed, and refuses it if a newer version took effect meanwhile.
 * The box is checked on the server (noValidate), so the refusal reads the same with or without JavaScript.
 */
export function AcknowledgeForm({ versionId, contentHash }: { versionId: string; contentHash: string }) {
  const t = useTranslations("onboarding.riskDisclosures.form");
  const [state, formAction, pending] = useActionState(acknowledgeDisclosureAction, EMPTY_FORM_STATE);
  const confirmError = state.fieldErrors?.confirmed?.[0];
  return (
    <section className="panel" aria-labelledby="acknowledge">
      <h2 id="acknowledge">{t("title", { version: versionId })}</h2>
      <form key={state.at} action={formAction} className="form" noValidate aria-label={t("label")}>
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="contentHash" value={contentHash} />
        {/* A checkbox inside its label, with the hint after it: not the standard label-then-control Field. */}
        <div className="field field--check">
          <label htmlFor="ack-confirmed">
            <input
              id="ack-confirmed"
              name="confirmed"
              type="checkbox"
              required
              {...(confirmError ? { "aria-invalid": true as const, "aria-describedby": "ack-confirmed-error" } : {})}
            />{" "}
            {t("confirm")}
          </label>
          <p className="field__hint">{t("confirmHint", { version: versionId })}</p>
          <FieldErrors id="ack-confirmed" errors={confirmError ? [confirmError] : undefined} />
        </div>
        <p>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("recording") : t("acknowledge")}
          </button>
        </p>
      </form>
      {state.tone ? (
        <Alert tone={state.tone} as="div">
          <p>{state.message}</p>
        </Alert>
      ) : null}
    </section>
  );
}
