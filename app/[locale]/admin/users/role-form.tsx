"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { Role } from "@/lib/auth/permissions";
import { setUserRolesAction } from "./actions";
import { useHydrated } from "@/components/use-hydrated";

export function RoleForm({ userId, email, current, roles }: { userId: string; email: string; current: Role[]; roles: { role: Role; label: string; family: string }[] }) {
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string; stepUp?: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await setUserRolesAction({ userId, roles: form.getAll("roles").map(String) as Role[], reason: String(form.get("reason") ?? "") });
    setPending(false);
    if (result.ok) return setMessage({ ok: true, text: "Roles saved." });
    const text = result.code === "INVALID_INPUT" ? Object.values(result.fieldErrors ?? {}).flat().join(" ") || result.error : result.error;
    setMessage({ ok: false, text, stepUp: result.code === "STEP_UP_REQUIRED" });
  }

  return (
    <form className="form form--wide" onSubmit={onSubmit} noValidate aria-label={`Roles of ${email}`}>
      {message ? (
        <p className={`alert ${message.ok ? "alert--ok" : "alert--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
          {message.stepUp ? (
            <>
              {" "}
              <Link href="/step-up?next=/admin/users">Confirm it is you</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <fieldset className="field">
        <legend className="visually-hidden">Roles</legend>
        <div className="checks">
          {roles.map(({ role, label, family }) => (
            <label key={role} title={family}>
              <input type="checkbox" name="roles" value={role} defaultChecked={current.includes(role)} /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`reason-${userId}`}>Reason for the change</label>
        <input id={`reason-${userId}`} name="reason" type="text" maxLength={500} />
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Saving…" : "Save roles"}
        </button>
      </p>
    </form>
  );
}
