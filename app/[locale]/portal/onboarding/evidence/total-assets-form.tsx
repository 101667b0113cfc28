"use client";

import { useTranslations } from "next-intl";
import { TOTAL_ASSETS_DOCUMENT_TYPES, TOTAL_ASSETS_LINE_FIELDS } from "@/lib/suitability/draft-fields";
import { CurrencyValueFields, FileField, SelectField, TextField } from "../form-parts";
import { StepForm } from "../step-form";
import { addTotalAssetsLineAction } from "./actions";

/** Evidence for the total-assets test of corporations, partnerships and trust corporations (PI-3). */
export function TotalAssetsLineForm({ assessmentDate, maxBytes, locked }: { assessmentDate: string; maxBytes: number; locked: boolean }) {
  const t = useTranslations("onboarding.evidence.totalAssetsForm");
  const common = useTranslations("onboarding.form");
  const documentType = useTranslations("labels.documentType");
  return (
    <StepForm
      action={addTotalAssetsLineAction}
      label={t("label")}
      locked={locked}
      fields={TOTAL_ASSETS_LINE_FIELDS}
      submit={t("add")}
      submitting={common("adding")}
      maxBytes={maxBytes}
    >
      {(state, fileError) => (
        <>
          <TextField state={state} prefix="total" name="description" label={t("description")} hint={t("descriptionHint")} />
          <SelectField
            state={state}
            prefix="total"
            name="documentType"
            label={common("documentType")}
            hint={t("documentTypeHint")}
            options={TOTAL_ASSETS_DOCUMENT_TYPES.map((value) => ({ value, label: documentType(value) }))}
            placeholder={common("choose")}
          />
          <CurrencyValueFields state={state} prefix="total" valueHint={t("valueHint")} />
          <TextField
            state={state}
            prefix="total"
            name="statementDate"
            label={common("statementDate")}
            type="date"
            max={assessmentDate}
            hint={t("statementDateHint")}
          />
          <FileField
            state={state}
            prefix="total"
            name="document"
            label={common("statementFile")}
            hint={t("fileHint", { max: String(maxBytes / 1024 / 1024) })}
            localError={fileError}
          />
        </>
      )}
    </StepForm>
  );
}
