"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { CONFLICT_STATUSES } from "@/lib/services/conflicts/schemas";
import { attestPolicyAction, createConflictAction, publishPolicyAction, updateConflictAction } from "./actions";

export interface ConflictFormValues {
  id?: string;
  version?: number;
  title: string;
  description: string;
  ownerId: string;
  mitigation: string;
  status: string;
  reviewDate: string;
}

function StateAlert({ state }: { state: FormState }) {
  if (state.tone === "error") return <Alert tone="error">{state.message}</Alert>;
  if (state.tone === "ok") return <Alert tone="ok">{state.message}</Alert>;
  return null;
}

/** AFMM-3: a new register entry, or a change to one (which names the version it edits and needs a change note). */
export function ConflictForm({ initial, owners }: { initial: ConflictFormValues; owners: { id: string; name: string; email: string }[] }) {
  const editing = initial.id !== undefined;
  const [state, formAction, pending] = useActionState(editing ? updateConflictAction : createConflictAction, EMPTY_FORM_STATE);
  const t = useTranslations("oversight.conflicts");
  const value = (name: keyof ConflictFormValues | "changeNote") => state.values?.[name] ?? (name === "changeNote" ? "" : String(initial[name] ?? ""));
  const text = (name: "title" | "description" | "mitigation" | "changeNote", rows: number, max: number, hint?: string) => {
    const id = `conflict-${name}`;
    const errors = firstError(state.fieldErrors, name);
    return (
      <Field id={id} label={t(`form.${name}`)} hint={hint} errors={errors}>
        {rows === 1 ? (
          <input
            id={id}
            name={name}
            type="text"
            maxLength={max}
            required
            defaultValue={value(name)}
            aria-invalid={invalid(errors)}
            aria-describedby={describedBy(id, hint, errors)}
          />
        ) : (
          <textarea
            id={id}
            name={name}
            rows={rows}
            maxLength={max}
            required
            defaultValue={value(name)}
            aria-invalid={invalid(errors)}
            aria-describedby={describedBy(id, hint, errors)}
          />
        )}
      </Field>
    );
  };
  const ownerErrors = firstError(state.fieldErrors, "ownerId");
  const statusErrors = firstError(state.fieldErrors, "status");
  const dateErrors = firstError(state.fieldErrors, "reviewDate");
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={editing ? t("form.editTitle") : t("form.newTitle")}>
      <StateAlert state={state} />
      {editing ? (
        <>
          <input type="hidden" name="id" value={initial.id} />
          <input type="hidden" name="version" value={String(initial.version)} />
        </>
      ) : null}
      {text("title", 1, 200)}
      {text("description", 4, 5000)}
      <Field id="conflict-owner" label={t("form.owner")} errors={ownerErrors}>
        <select
          id="conflict-owner"
          name="ownerId"
          defaultValue={value("ownerId")}
          aria-invalid={invalid(ownerErrors)}
          aria-describedby={describedBy("conflict-owner", undefined, ownerErrors)}
        >
          <option value="">{t("form.chooseOwner")}</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name} ({owner.email})
            </option>
          ))}
        </select>
      </Field>
      {text("mitigation", 4, 5000)}
      <Field id="conflict-status" label={t("form.status")} errors={statusErrors}>
        <select id="conflict-status" name="status" defaultValue={value("status") || "OPEN"} aria-invalid={invalid(statusErrors)}>
          {CONFLICT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="conflict-review-date" label={t("form.reviewDate")} errors={dateErrors}>
        <input
          id="conflict-review-date"
          name="reviewDate"
          type="date"
          required
          defaultValue={value("reviewDate")}
          aria-invalid={invalid(dateErrors)}
          aria-describedby={describedBy("conflict-review-date", undefined, dateErrors)}
        />
      </Field>
      {editing ? text("changeNote", 2, 2000, t("form.changeNoteHint")) : null}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("form.saving") : editing ? t("form.save", { version: String((initial.version ?? 0) + 1) }) : t("form.create")}
        </button>
      </p>
    </form>
  );
}

/** AFMM-3: publish a policy version (title, version, text). */
export function PublishPolicyForm() {
  const [state, formAction, pending] = useActionState(publishPolicyAction, EMPTY_FORM_STATE);
  const t = useTranslations("oversight.conflicts.policies");
  const field = (name: "title" | "version" | "text", label: string) => {
    const id = `policy-${name}`;
    const errors = firstError(state.fieldErrors, name);
    const common = {
      id,
      name,
      defaultValue: state.values?.[name] ?? "",
      "aria-invalid": invalid(errors),
      "aria-describedby": describedBy(id, undefined, errors),
    };
    return (
      <Field id={id} label={label} errors={errors}>
        {name === "text" ? (
          <textarea rows={10} maxLength={50_000} required {...common} />
        ) : (
          <input type={name === "version" ? "number" : "text"} min={1} max={1000} required {...common} />
        )}
      </Field>
    );
  };
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("publishTitle")}>
      <StateAlert state={state} />
      {field("title", t("policyTitle"))}
      {field("version", t("policyVersion"))}
      {field("text", t("policyText"))}
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("publishing") : t("publish")}
        </button>
      </p>
    </form>
  );
}

/** AFMM-3: the signed-in member of staff attests to a policy in force. */
export function AttestForm({ policyId }: { policyId: string }) {
  const [state, formAction, pending] = useActionState(attestPolicyAction, EMPTY_FORM_STATE);
  const t = useTranslations("oversight.conflicts.policies");
  return (
    <form action={formAction} aria-label={t("attest")}>
      <StateAlert state={state} />
      <input type="hidden" name="policyId" value={policyId} />
      {state.tone === "ok" ? null : (
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("attesting") : t("attest")}
        </button>
      )}
    </form>
  );
}
