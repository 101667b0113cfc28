"use client";

import { useActionState } from "react";
import { CURRENCIES, DOCUMENT_TYPE_LABELS, TOTAL_ASSETS_DOCUMENT_TYPES } from "@/lib/suitability/draft";
import { FileField, FormMessage, SelectField, TextField } from "../form-parts";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "../form-state";
import styles from "../onboarding.module.css";
import { useUploadGuard } from "../use-upload-guard";
import { addTotalAssetsLineAction } from "./actions";

const FIELDS = ["description", "documentType", "value", "currency", "statementDate", "document"] as const;

interface Props {
  assessmentDate: string;
  maxBytes: number;
  locked: boolean;
}

/** Evidence for the total-assets test of corporations, partnerships and trust corporations (PI-3). */
export function TotalAssetsLineForm(props: Props) {
  const [state, formAction, pending] = useActionState(addTotalAssetsLineAction, EMPTY_WIZARD_STATE);
  return <TotalAssetsFields key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function TotalAssetsFields({ assessmentDate, maxBytes, locked, state, formAction, pending }: Props & { state: WizardFormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const guard = useUploadGuard(maxBytes);
  return (
    <form action={formAction} onSubmit={guard.onSubmit} className="form form--wide" noValidate aria-label="Add a total-assets line">
      <fieldset disabled={locked} className={styles.bare}>
        <TextField state={state} prefix="total" name="description" label="Description" hint="What the document shows, e.g. total assets per the audited accounts for the year to 31 March." />
        <SelectField
          state={state}
          prefix="total"
          name="documentType"
          label="Document type"
          hint="Audited financial statements count if prepared within 16 months; the other documents within 365 days."
          options={TOTAL_ASSETS_DOCUMENT_TYPES.map((value) => ({ value, label: DOCUMENT_TYPE_LABELS[value] }))}
          placeholder="Choose…"
        />
        <div className="ticket-row">
          <TextField state={state} prefix="total" name="value" label="Value" inputMode="decimal" hint="e.g. 40,000,000.00" />
          <SelectField state={state} prefix="total" name="currency" label="Currency" options={CURRENCIES.map((value) => ({ value, label: value }))} defaultValue="HKD" />
        </div>
        <TextField state={state} prefix="total" name="statementDate" label="Statement date" type="date" max={assessmentDate} hint="The date of the statement, certificate or balance sheet; not in the future." />
        <FileField
          state={state}
          prefix="total"
          name="document"
          label="Statement or certificate (PDF, PNG or JPEG)"
          hint={`At most ${maxBytes / 1024 / 1024} MB. It is stored with its SHA-256.`}
          localError={guard.error}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? "Adding…" : "Add total-assets line"}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={FIELDS} localError={guard.error} />
    </form>
  );
}
