"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { changePasswordAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { formText } from "@/lib/transport/posted-form";

export function PasswordForm({ passwordRules }: { passwordRules: string }) {
  const t = useTranslations("account.password");
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
      currentPassword: formText(form, "currentPassword"),
      newPassword: formText(form, "newPassword"),
      confirmPassword: formText(form, "confirmPassword"),
    });
    setPending(false);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    setMessage(result.ok ? { ok: true, text: t("changed") } : { ok: false, text: result.error });
    if (result.ok) formElement.reset();
  }

  // The first problem per field is enough to act on; the rest show once it is fixed.
  const errorsOf = (name: string) => fieldErrors[name]?.slice(0, 1);
  const rules = t("rules", { rules: passwordRules });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t("formLabel")}>
      {message ? <Alert tone={message.ok ? "ok" : "error"}>{message.text}</Alert> : null}
      <Field id="currentPassword" label={t("current")} errors={errorsOf("currentPassword")}>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          aria-invalid={invalid(errorsOf("currentPassword"))}
          aria-describedby={describedBy("currentPassword", undefined, errorsOf("currentPassword"))}
        />
      </Field>
      <Field id="newPassword" label={t("new")} hint={rules} errors={errorsOf("newPassword")}>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          aria-invalid={invalid(errorsOf("newPassword"))}
          aria-describedby={describedBy("newPassword", rules, errorsOf("newPassword"))}
        />
      </Field>
      <Field id="confirmPassword" label={t("confirm")} errors={errorsOf("confirmPassword")}>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
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
