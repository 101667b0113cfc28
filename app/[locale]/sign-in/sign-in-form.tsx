"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { safeNext } from "@/lib/auth/safe-next";

/** Email, password and (for staff, or clients with two-factor on) the current TOTP code, through next-auth's Credentials provider. */
export function SignInForm({ next }: { next: string }) {
  const hydrated = useHydrated();
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
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      totp: String(form.get("totp") ?? ""),
    });
    setPending(false);
    if (!result?.error) {
      // A full load so the header and every server component see the new session.
      window.location.assign(safeNext(next));
      return;
    }
    if (result.error === "TOTP_REQUIRED") {
      setNeedsCode(true);
      setError("This account uses two-factor authentication: enter the 6-digit code from your authenticator app.");
      codeRef.current?.focus();
      return;
    }
    setError(result.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? (
        <p id="sign-in-error" className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <div className="field">
        <label htmlFor="totp">Authentication code</label>
        <input
          id="totp"
          name="totp"
          type="text"
          ref={codeRef}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          aria-describedby="totp-hint"
          aria-invalid={needsCode || undefined}
        />
        <span id="totp-hint" className="field__hint">
          6 digits from your authenticator app. Required for staff; for clients only if you set up two-factor authentication.
        </span>
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </p>
    </form>
  );
}
