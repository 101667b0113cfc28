"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signUpAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { getPathname } from "@/lib/i18n/navigation";
import { formText } from "@/lib/transport/posted-form";

export function SignUpForm({ passwordRules }: { passwordRules: string }) {
  const t = useTranslations("auth.signUp.form");
  const locale = useLocale();
  const hydrated = useHydrated();
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

  // The first problem per field is enough to act on; the rest show once it is fixed.
  const errorsOf = (name: string) => fieldErrors[name]?.slice(0, 1);
  const hint = t("passwordRules", { rules: passwordRules });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="name" label={t("name")} errors={errorsOf("name")}>
        <input id="name" name="name" type="text" autoComplete="name" required aria-invalid={invalid(errorsOf("name"))} aria-describedby={describedBy("name", undefined, errorsOf("name"))} />
      </Field>
      <Field id="email" label={t("email")} errors={errorsOf("email")}>
        <input id="email" name="email" type="email" autoComplete="email" required aria-invalid={invalid(errorsOf("email"))} aria-describedby={describedBy("email", undefined, errorsOf("email"))} />
      </Field>
      <Field id="password" label={t("password")} hint={hint} errors={errorsOf("password")}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={invalid(errorsOf("password"))}
          aria-describedby={describedBy("password", hint, errorsOf("password"))}
        />
      </Field>
      <Field id="confirmPassword" label={t("confirmPassword")} errors={errorsOf("confirmPassword")}>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={invalid(errorsOf("confirmPassword"))}
          aria-describedby={describedBy("confirmPassword", undefined, errorsOf("confirmPassword"))}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? t("pending") : t("submit")}
        </button>
      </p>
    </form>
  );
}
