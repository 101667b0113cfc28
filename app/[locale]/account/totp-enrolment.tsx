"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { OneTimeCodeField } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "@/lib/i18n/navigation";
import { formText } from "@/lib/transport/posted-form";

/** Start → show the secret and otpauth URI once → confirm with a code from the app. */
export function TotpEnrolment() {
  const t = useTranslations("account.totp");
  const router = useRouter();
  const hydrated = useHydrated();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    const result = await startTotpEnrolmentAction();
    setPending(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSecret(result.data);
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await confirmTotpEnrolmentAction({ code: formText(form, "code") });
    setPending(false);
    if (!result.ok) return setError((result.code === "INVALID_INPUT" && result.fieldErrors?.code?.[0]) || result.error);
    router.refresh();
  }

  return (
    <div className="stack">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {!secret ? (
        <div>
          <p>{t("intro")}</p>
          <button type="button" className="button" onClick={start} disabled={pending || !hydrated}>
            {t("start")}
          </button>
        </div>
      ) : (
        <form className="form form--wide" onSubmit={confirm} noValidate aria-label={t("formLabel")}>
          <p>
            {t.rich("instructions", {
              scheme: "otpauth://",
              code: (chunks) => <code>{chunks}</code>,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <div className="field">
            <span className="field__hint">{t("setupKey")}</span>
            <code className="secret" data-testid="totp-secret">
              {secret.secret}
            </code>
          </div>
          <div className="field">
            <span className="field__hint">{t("uri")}</span>
            <code className="secret">{secret.uri}</code>
          </div>
          <OneTimeCodeField label={t("code")} />
          <ScriptSubmitButton pending={pending} label={t("confirm")} />
        </form>
      )}
    </div>
  );
}
