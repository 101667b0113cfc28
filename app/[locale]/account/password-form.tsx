"use client";

import { useState, type FormEvent } from "react";
import { changePasswordAction } from "./actions";
import { useHydrated } from "@/components/use-hydrated";

export function PasswordForm({ passwordRules }: { passwordRules: string }) {
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    const result = await changePasswordAction({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    });
    setPending(false);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    setMessage(result.ok ? { ok: true, text: "Your password has been changed." } : { ok: false, text: result.error });
    if (result.ok) formElement.reset();
  }

  const error = (name: string) => (fieldErrors[name]?.length ? <span className="field__error">{fieldErrors[name][0]}</span> : null);

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Change password">
      {message ? (
        <p className={`alert ${message.ok ? "alert--ok" : "alert--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="currentPassword">Current password</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" aria-invalid={!!fieldErrors.currentPassword || undefined} />
        {error("currentPassword")}
      </div>
      <div className="field">
        <label htmlFor="newPassword">New password</label>
        <span className="field__hint">Use {passwordRules}.</span>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" aria-invalid={!!fieldErrors.newPassword || undefined} />
        {error("newPassword")}
      </div>
      <div className="field">
        <label htmlFor="confirmPassword">Repeat the new password</label>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" aria-invalid={!!fieldErrors.confirmPassword || undefined} />
        {error("confirmPassword")}
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Changing…" : "Change password"}
        </button>
      </p>
    </form>
  );
}
