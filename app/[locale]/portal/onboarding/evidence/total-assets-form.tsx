"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { CURRENCIES, DOCUMENT_TYPE_LABELS, TOTAL_ASSETS_DOCUMENT_TYPES } from "@/lib/suitability/draft";
import { FileField, FormMessage, SelectField, TextField } from "../form-parts";
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
  const [state, formAction, pending] = useActionState(addTotalAssetsLineAction, EMPTY_FORM_STATE);
  return <TotalAssetsFields key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function TotalAssetsFields({ assessmentDate, maxBytes, locked, state, formAction, pending }: Props & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const t = useTranslations("onboarding.evidence.totalAssetsForm");
  const common = useTranslations("onboarding.form");
  const guard = useUploadGuard(maxBytes);
  return (
    <form action={formAction} onSubmit={guard.onSubmit} className="form form--wide" noValidate aria-label={t("label")}>
      <fieldset disabled={locked} className={styles.bare}>
        <TextField state={state} prefix="total" name="description" label={t("description")} hint={t("descriptionHint")} />
        <SelectField
          state={state}
          prefix="total"
          name="documentType"
          label={common("documentType")}
          hint={t("documentTypeHint")}
          options={TOTAL_ASSETS_DOCUMENT_TYPES.map((value) => ({ value, label: DOCUMENT_TYPE_LABELS[value] }))}
          placeholder={common("choose")}
        />
        <div className="ticket-row">
          <TextField state={state} prefix="total" name="value" label={common("value")} inputMode="decimal" hint={t("valueHint")} />
          <SelectField state={state} prefix="total" name="currency" label={common("currency")} options={CURRENCIES.map((value) => ({ value, label: value }))} defaultValue="HKD" />
        </div>
        <TextField state={state} prefix="total" name="statementDate" label={common("statementDate")} type="date" max={assessmentDate} hint={t("statementDateHint")} />
        <FileField
          state={state}
          prefix="total"
          name="document"
          label={common("statementFile")}
          hint={t("fileHint", { max: String(maxBytes / 1024 / 1024) })}
          localError={guard.error}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? common("adding") : t("add")}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={FIELDS} localError={guard.error} />
    </form>
  );
}
