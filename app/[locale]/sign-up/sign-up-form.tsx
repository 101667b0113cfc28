"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signUpAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { firstError, InputField } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { getPathname } from "@/lib/i18n/navigation";
import { formText } from "@/lib/transport/posted-form";

export function SignUpForm({ passwordRules }: { passwordRules: string }) {
  const t = useTranslations("auth.signUp.form");
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: formText(form, "name"),
      email: formText(form, "email"),
      password: formText(form, "password"),
      confirmPassword: formText(form, "confirmPassword"),
    };
    setPending(true);
    const result = await signUpAction(input);
    if (!result.ok) {
      setPending(false);
      setFieldErrors(result.fieldErrors ?? {});
      setError(result.error);
      return;
    }
    const signedIn = await signIn("credentials", { redirect: false, email: input.email, password: input.password });
    const href = signedIn?.error ? { pathname: "/sign-in", query: { reason: "sign-up" } } : { pathname: "/account", query: { welcome: "1" } };
    window.location.assign(getPathname({ href, locale }));
  }

  const errorsOf = (name: string) => firstError(fieldErrors, name);
  const hint = t("passwordRules", { rules: passwordRules });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <InputField id="name" label={t("name")} errors={errorsOf("name")} type="text" autoComplete="name" required />
      <InputField id="email" label={t("email")} errors={errorsOf("email")} type="email" autoComplete="email" required />
      <InputField id="password" label={t("password")} hint={hint} errors={errorsOf("password")} type="password" autoComplete="new-password" required />
      <InputField id="confirmPassword" label={t("confirmPassword")} errors={errorsOf("confirmPassword")} type="password" autoComplete="new-password" required />
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("pending")} />
    </form>
  );
}
