"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { confirmRecordAction } from "./actions";

/**
 * An officer's confirmation of one declared role or external course against its document (SUIT-2),
 * with what the document shows. Posts to a server action, so it works without JavaScript; a refusal
 * comes back with the note.
 */
export function ConfirmRecordForm({ submissionId, kind, index }: { submissionId: string; kind: "role" | "course"; index: number }) {
  const roleText = useTranslations("compliance.reviews.gate.confirmForm");
  const courseText = useTranslations("compliance.reviews.gate.course.confirmForm");
  const t = kind === "role" ? roleText : courseText;
  const [state, formAction, pending] = useActionState(confirmRecordAction, EMPTY_FORM_STATE);
  const number = String(index + 1);
  const id = `confirm-${kind}-${index}-note`;
  const noteErrors = state.fieldErrors?.note?.slice(0, 1);
  return (
    <form key={state.at} action={formAction} className="form" noValidate aria-label={t("label", { number })}>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="index" value={index} />
      {state.tone === "error" && !noteErrors?.length ? (
        <Alert tone="error" as="div">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      {state.tone === "ok" ? <Alert tone="ok">{state.message}</Alert> : null}
      <Field id={id} label={t("note")} hint={t("noteHint")} errors={noteErrors}>
        <textarea
          id={id}
          name="note"
          rows={2}
          maxLength={2000}
          required
          defaultValue={state.values?.note ?? ""}
          aria-describedby={describedBy(id, t("noteHint"), noteErrors)}
          aria-invalid={invalid(noteErrors)}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("confirming") : t("submit", { number })}
        </button>
      </p>
    </form>
  );
}
