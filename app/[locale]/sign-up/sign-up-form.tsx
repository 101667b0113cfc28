"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signUpAction } from "./actions";
import { useHydrated } from "@/components/use-hydrated";

export function SignUpForm({ passwordRules }: { passwordRules: string }) {
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
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
    window.location.assign(signedIn?.error ? "/sign-in?reason=sign-up" : "/account?welcome=1");
  }

  const fieldError = (name: string) =>
    fieldErrors[name]?.length ? (
      <span id={`${name}-error`} className="field__error">
        {fieldErrors[name][0]}
      </span>
    ) : null;
  const invalid = (name: string) => (fieldErrors[name]?.length ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="name">Full name</label>
        <input id="name" name="name" type="text" autoComplete="name" required {...invalid("name")} />
        {fieldError("name")}
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required {...invalid("email")} />
        {fieldError("email")}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <span className="field__hint" id="password-rules">
          Use {passwordRules}.
        </span>
        <input id="password" name="password" type="password" autoComplete="new-password" required {...invalid("password")} />
        {fieldError("password")}
      </div>
      <div className="field">
        <label htmlFor="confirmPassword">Repeat the password</label>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required {...invalid("confirmPassword")} />
        {fieldError("confirmPassword")}
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Opening your account…" : "Open account"}
        </button>
      </p>
    </form>
  );
}
