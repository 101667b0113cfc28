"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { sendEmailVerificationAction, verifyEmailAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "@/lib/i18n/navigation";
import { formText } from "@/lib/transport/posted-form";

/** SEC-1: enter the code e-mailed to the address, or ask for a new one (throttled by the service). */
export function EmailVerificationForm() {
  const t = useTranslations("account.clientSecurity.email");
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await verifyEmailAction({ code: formText(form, "code") });
    setPending(false);
    if (result.ok) {
      setMessage({ ok: true, text: t("verified") });
      return router.refresh();
    }
    setFieldError(result.fieldErrors?.code?.[0]);
    setMessage({ ok: false, text: result.error });
  }

  async function resend() {
    setPending(true);
    const result = await sendEmailVerificationAction();
    setPending(false);
    setFieldError(undefined);
    setMessage(result.ok ? { ok: true, text: t("sent", { email: result.data.sentTo }) } : { ok: false, text: result.error });
    if (result.ok) router.refresh();
  }

  return (
    <div className="stack">
      {message ? <Alert tone={message.ok ? "ok" : "error"}>{message.text}</Alert> : null}
      <form className="form" onSubmit={verify} noValidate aria-label={t("formLabel")}>
        <Field id="email-code" label={t("code")} hint={t("codeHint")} errors={fieldError ? [fieldError] : undefined}>
          <input
            id="email-code"
            name="code"
            type="text"
            autoComplete="one-time-code"
            className="mono"
            maxLength={40}
            aria-invalid={fieldError ? true : undefined}
          />
        </Field>
        <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
      </form>
      <p>
        <button type="button" className="button button--quiet" onClick={resend} disabled={pending || !hydrated}>
          {t("resend")}
        </button>
      </p>
    </div>
  );
}
