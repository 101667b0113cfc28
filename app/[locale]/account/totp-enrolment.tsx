"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "./actions";
import { useHydrated } from "@/components/use-hydrated";

/** Start → show the secret and otpauth URI once → confirm with a code from the app. */
export function TotpEnrolment() {
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
    const result = await confirmTotpEnrolmentAction({ code: String(form.get("code") ?? "") });
    setPending(false);
    if (!result.ok) return setError((result.code === "INVALID_INPUT" && result.fieldErrors?.code?.[0]) || result.error);
    router.refresh();
  }

  return (
    <div className="stack">
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {!secret ? (
        <div>
          <p>Add this account to an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password and the like).</p>
          <button type="button" className="button" onClick={start} disabled={pending || !hydrated}>
            Set up an authenticator app
          </button>
        </div>
      ) : (
        <form className="form form--wide" onSubmit={confirm} noValidate aria-label="Confirm authenticator app">
          <p>
            In your app, add an account with this setup key, or open the <code>otpauth://</code> link on the device that has
            the app. <strong>It is shown only now</strong>; if you leave this page, start again.
          </p>
          <div className="field">
            <span className="field__hint">Setup key</span>
            <code className="secret" data-testid="totp-secret">
              {secret.secret}
            </code>
          </div>
          <div className="field">
            <span className="field__hint">otpauth URI</span>
            <code className="secret">{secret.uri}</code>
          </div>
          <div className="field">
            <label htmlFor="code">Code from the app</label>
            <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </div>
          <p>
            <button type="submit" className="button" disabled={pending || !hydrated}>
              Turn on two-factor authentication
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
