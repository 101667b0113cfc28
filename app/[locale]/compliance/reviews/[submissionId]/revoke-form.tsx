"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { revokePiStatusAction } from "./revoke-actions";

/** PI-7: revoke a client's professional-investor status, with the reason the client is told. Works without JavaScript. */
export function RevokeForm({
  userId,
  submissionId,
  stepUpFresh,
  stepUpMinutes,
}: {
  userId: string;
  submissionId: string;
  stepUpFresh: boolean;
  stepUpMinutes: number;
}) {
  const t = useTranslations("compliance.piStatus");
  const [state, formAction, pending] = useActionState(revokePiStatusAction, EMPTY_FORM_STATE);
  const stepUpLink = (chunks: ReactNode) => <Link href={`/step-up?next=/compliance/reviews/${submissionId}`}>{chunks}</Link>;
  const reasonErrors = state.fieldErrors?.reason?.slice(0, 1);
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("formLabel")}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="submissionId" value={submissionId} />
      {state.tone === "error" && !reasonErrors ? (
        <Alert tone="error" as="div">
          <p>
            {state.message}
            {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link: stepUpLink })}</> : null}
          </p>
        </Alert>
      ) : null}
      {stepUpFresh || state.code === "STEP_UP_REQUIRED" ? null : (
        <Alert tone="warn">{t.rich("stepUpFirst", { minutes: String(stepUpMinutes), link: stepUpLink })}</Alert>
      )}
      <Field id="revoke-reason" label={t("reason")} hint={t("reasonHint")} errors={reasonErrors}>
        <textarea
          id="revoke-reason"
          name="reason"
          rows={3}
          maxLength={2000}
          required
          defaultValue={state.values?.reason ?? ""}
          aria-describedby={describedBy("revoke-reason", t("reasonHint"), reasonErrors)}
          aria-invalid={invalid(reasonErrors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("recording") : t("submit")}
        </button>
      </p>
    </form>
  );
}
