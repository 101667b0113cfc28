"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { saveStepUpDraft, StepUpDraftRestored, useStepUpDraft } from "@/components/step-up-draft";
import { Field } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { setUserRolesAction } from "./actions";
import { formText } from "@/lib/transport/posted-form";

export function RoleForm({
  userId,
  email,
  current,
  roles,
}: {
  userId: string;
  email: string;
  current: Role[];
  roles: { role: Role; label: string; family: string }[];
}) {
  const t = useTranslations("admin.users.form");
  const [message, setMessage] = useState<{ ok: boolean; text: string; stepUp?: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  // The roles and reason are kept in this tab while the administrator steps up, and put back after.
  const formRef = useRef<HTMLFormElement>(null);
  const draftKey = `user-roles:${userId}`;
  const restored = useStepUpDraft(draftKey, formRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await setUserRolesAction({ userId, roles: form.getAll("roles").map(String) as Role[], reason: formText(form, "reason") });
    setPending(false);
    if (result.ok) return setMessage({ ok: true, text: t("saved") });
    const text =
      result.code === "INVALID_INPUT"
        ? Object.values(result.fieldErrors ?? {})
            .flat()
            .join(" ") || result.error
        : result.error;
    setMessage({ ok: false, text, stepUp: result.code === "STEP_UP_REQUIRED" });
  }

  return (
    <form ref={formRef} className="form form--wide" onSubmit={onSubmit} noValidate aria-label={t("label", { email })}>
      {restored && !message ? <StepUpDraftRestored /> : null}
      {message ? (
        <Alert tone={message.ok ? "ok" : "error"}>
          {message.text}
          {message.stepUp ? (
            <>
              {" "}
              <Link href="/step-up?next=/admin/users" onClick={() => saveStepUpDraft(draftKey, formRef.current)}>
                {t("confirmItIsYou")}
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      <fieldset className="field">
        <legend className="visually-hidden">{t("roles")}</legend>
        <div className="checks">
          {roles.map(({ role, label, family }) => (
            <label key={role} title={family}>
              <input type="checkbox" name="roles" value={role} defaultChecked={current.includes(role)} /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={`reason-${userId}`} label={t("reason")}>
        <input id={`reason-${userId}`} name="reason" type="text" maxLength={500} />
      </Field>
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("saving")} />
    </form>
  );
}
