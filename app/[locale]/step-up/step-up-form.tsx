"use client";

import { useState, type FormEvent } from "react";
import { stepUpAction } from "./actions";
import { useHydrated } from "@/components/use-hydrated";

export function StepUpForm({ next }: { next: string }) {
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    // On success the action redirects to `next`; a result only comes back on failure.
    const result = await stepUpAction({ code: String(form.get("code") ?? "") }, next);
    setPending(false);
    if (result && !result.ok) setError((result.code === "INVALID_INPUT" && result.fieldErrors?.code?.[0]) || result.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Step-up">
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="code">Authentication code</label>
        <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Checking…" : "Confirm"}
        </button>
      </p>
    </form>
  );
}
