"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { stepUpAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { OneTimeCodeField } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { formText } from "@/lib/transport/posted-form";

export function StepUpForm({ next }: { next: string }) {
  const t = useTranslations("auth.stepUp.form");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    // On success the action redirects to `next`; a result only comes back on failure.
    const result = await stepUpAction({ code: formText(form, "code") }, next);
    setPending(false);
    if (result && !result.ok) setError((result.code === "INVALID_INPUT" && result.fieldErrors?.code?.[0]) || result.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t("label")}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <OneTimeCodeField label={t("code")} />
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("pending")} />
    </form>
  );
}
