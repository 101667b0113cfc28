"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { changePasswordAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { firstError, InputField } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { formText } from "@/lib/transport/posted-form";

export function PasswordForm({ passwordRules }: { passwordRules: string }) {
  const t = useTranslations("account.password");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    const result = await changePasswordAction({
      currentPassword: formText(form, "currentPassword"),
      newPassword: formText(form, "newPassword"),
      confirmPassword: formText(form, "confirmPassword"),
    });
    setPending(false);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    setMessage(result.ok ? { ok: true, text: t("changed") } : { ok: false, text: result.error });
    if (result.ok) formElement.reset();
  }

  const errorsOf = (name: string) => firstError(fieldErrors, name);
  const rules = t("rules", { rules: passwordRules });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t("formLabel")}>
      {message ? <Alert tone={message.ok ? "ok" : "error"}>{message.text}</Alert> : null}
      <InputField id="currentPassword" label={t("current")} errors={errorsOf("currentPassword")} type="password" autoComplete="current-password" />
      <InputField id="newPassword" label={t("new")} hint={rules} errors={errorsOf("newPassword")} type="password" autoComplete="new-password" />
      <InputField id="confirmPassword" label={t("confirm")} errors={errorsOf("confirmPassword")} type="password" autoComplete="new-password" />
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("pending")} />
    </form>
  );
}
