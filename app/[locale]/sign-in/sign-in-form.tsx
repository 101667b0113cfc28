"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { safeNext } from "@/lib/auth/safe-next";
import { formText } from "@/lib/transport/posted-form";

/** Email, password and (for staff, or clients with two-factor on) the current TOTP code, through next-auth's Credentials provider. */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("auth.signIn.form");
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [needsCode, setNeedsCode] = useState(false);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: formText(form, "email"),
      password: formText(form, "password"),
      totp: formText(form, "totp"),
      // The service's refusal comes back in the page's language.
      locale,
    });
    setPending(false);
    if (!result?.error) {
      // A full load so the header and every server component see the new session.
      window.location.assign(safeNext(next));
      return;
    }
    if (result.error === "TOTP_REQUIRED") {
      setNeedsCode(true);
      setError(t("codeRequired"));
      codeRef.current?.focus();
      return;
    }
    setError(result.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? (
        <Alert tone="error" id="sign-in-error">
          {error}
        </Alert>
      ) : null}
      <InputField id="email" label={t("email")} type="email" autoComplete="username" required />
      <InputField id="password" label={t("password")} type="password" autoComplete="current-password" required />
      <InputField
        id="totp"
        label={t("code")}
        hint={t("codeHint")}
        type="text"
        ref={codeRef}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        aria-invalid={needsCode || undefined}
      />
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("pending")} />
    </form>
  );
}
