"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { formatFileSize } from "@/lib/request-limits.mjs";
import { UPLOAD_ACCEPT } from "@/lib/uploads/file-type";
import { submitComplaintAction, type ComplaintFormState } from "./actions";

/**
 * CMP-1, EDU-2: the public form for a complaint or an enquiry. It posts to a server action, so it
 * works without JavaScript. Its one-time key makes a double send record one complaint; after a
 * complaint is recorded the next form gets a new key. Files may go with it: how many and how large is
 * checked here before sending (a form far over the limits would be refused before the service could
 * say why), and again, with what each file is, by the service.
 */
export function ComplaintForm({
  submissionKey,
  kinds,
  categories,
  textMax,
  emailMax,
  attachmentsMax,
  attachmentMaxBytes,
  signedInClient,
}: {
  submissionKey: string;
  kinds: { value: string; label: string }[];
  categories: { value: string; label: string }[];
  textMax: number;
  emailMax: number;
  attachmentsMax: number;
  attachmentMaxBytes: number;
  signedInClient: boolean;
}) {
  const t = useTranslations("complaints.public.form");
  const [state, formAction, pending] = useActionState<ComplaintFormState, FormData>(submitComplaintAction, EMPTY_FORM_STATE);
  const key = state.nextKey ?? submissionKey;
  const values = state.tone === "error" ? state.values : undefined;
  const errors = (name: string) => firstError(state.fieldErrors, name);
  const textHint = t("textHint", { max: textMax });
  // A refusal found before sending; cleared by the next send.
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const fileErrors = localError ? [localError] : errors("attachments");
  const attachmentsHint = `${t("attachmentsHint", { count: attachmentsMax, max: formatFileSize(attachmentMaxBytes) })}${
    state.tone === "error" || localError ? ` ${t("attachAgain")}` : ""
  }`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("attachments");
    const files = input instanceof HTMLInputElement ? [...(input.files ?? [])] : [];
    const max = formatFileSize(attachmentMaxBytes);
    const tooLarge = files.find((file) => file.size > attachmentMaxBytes);
    const problem =
      files.length > attachmentsMax
        ? t("tooManyFiles", { count: files.length, max: attachmentsMax })
        : tooLarge
          ? t("fileTooLarge", { name: tooLarge.name, size: formatFileSize(tooLarge.size), max })
          : undefined;
    if (problem) event.preventDefault();
    setLocalError(problem);
  };
  return (
    <form key={state.at} action={formAction} onSubmit={onSubmit} className="form" noValidate aria-label={t("label")} data-testid="complaint-form">
      {localError ? (
        <Alert tone="error">{localError}</Alert>
      ) : state.tone === "error" ? (
        <Alert tone="error">{state.message}</Alert>
      ) : state.tone === "ok" ? (
        <Alert tone="ok">{state.message}</Alert>
      ) : null}
      <input type="hidden" name="submissionKey" value={key} />
      <Field id="complaint-kind" label={t("kind")} errors={errors("kind")}>
        <select
          id="complaint-kind"
          name="kind"
          defaultValue={values?.kind ?? "complaint"}
          aria-invalid={invalid(errors("kind"))}
          aria-describedby={describedBy("complaint-kind", undefined, errors("kind"))}
        >
          {kinds.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="complaint-category" label={t("category")} errors={errors("category")}>
        <select
          id="complaint-category"
          name="category"
          defaultValue={values?.category ?? "other"}
          aria-invalid={invalid(errors("category"))}
          aria-describedby={describedBy("complaint-category", undefined, errors("category"))}
        >
          {categories.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="complaint-text" label={t("text")} hint={textHint} errors={errors("text")}>
        <textarea
          id="complaint-text"
          name="text"
          rows={8}
          maxLength={textMax}
          defaultValue={values?.text ?? ""}
          aria-invalid={invalid(errors("text"))}
          aria-describedby={describedBy("complaint-text", textHint, errors("text"))}
        />
      </Field>
      <Field id="complaint-attachments" label={t("attachments")} hint={attachmentsHint} errors={fileErrors}>
        <input
          id="complaint-attachments"
          name="attachments"
          type="file"
          multiple
          accept={UPLOAD_ACCEPT}
          aria-invalid={invalid(fileErrors)}
          aria-describedby={describedBy("complaint-attachments", attachmentsHint, fileErrors)}
        />
      </Field>
      {signedInClient ? null : (
        <Field id="complaint-email" label={t("contactEmail")} hint={t("contactHint")} errors={errors("contactEmail")}>
          <input
            id="complaint-email"
            name="contactEmail"
            type="email"
            autoComplete="email"
            maxLength={emailMax}
            defaultValue={values?.contactEmail ?? ""}
            aria-invalid={invalid(errors("contactEmail"))}
            aria-describedby={describedBy("complaint-email", t("contactHint"), errors("contactEmail"))}
          />
        </Field>
      )}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("submit")}
        </button>
      </p>
    </form>
  );
}
