"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { ASSET_CLASSES, ASSET_CLASS_LABELS, CURRENCIES, DOCUMENT_TYPE_LABELS, EVIDENCE_DOCUMENT_TYPES } from "@/lib/suitability/draft";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { FileField, FormMessage, RadioGroup, SelectField, TextField } from "../form-parts";
import styles from "../onboarding.module.css";
import { useUploadGuard } from "../use-upload-guard";
import { addPortfolioLineAction } from "./actions";

const FIELDS = [
  "assetClass",
  "custodianOrIssuer",
  "documentType",
  "value",
  "currency",
  "statementDate",
  "ownershipKind",
  "associate",
  "holders",
  "agreedSharePct",
  "companyName",
  "ownershipPct",
  "principalBusinessIsHoldingInvestments",
  "document",
] as const;

interface Props {
  category: InvestorCategory;
  assessmentDate: string;
  maxBytes: number;
  locked: boolean;
}

/** One line of the PI Rules s.2 portfolio with the statement that shows it (PI-2, PI-4, PI-5). */
export function PortfolioLineForm(props: Props) {
  const [state, formAction, pending] = useActionState(addPortfolioLineAction, EMPTY_FORM_STATE);
  return <PortfolioLineFields key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function PortfolioLineFields({ category, assessmentDate, maxBytes, locked, state, formAction, pending }: Props & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const t = useTranslations("onboarding.evidence.portfolioForm");
  const common = useTranslations("onboarding.form");
  const guard = useUploadGuard(maxBytes);
  const individual = category === "individual";
  const ownershipOptions = [
    { value: "sole", label: individual ? t("soleMine") : t("soleOurs") },
    ...(individual ? [{ value: "joint_with_associate", label: t("jointWithAssociate") }] : []),
    { value: "joint_with_non_associates", label: individual ? t("jointWithOthersIndividual") : t("jointWithOthers") },
    { value: "investment_holding_company", label: t("holdingCompany") },
  ];
  return (
    <form action={formAction} onSubmit={guard.onSubmit} className="form form--wide" noValidate aria-label={t("label")}>
      <fieldset disabled={locked} className={styles.bare}>
        <SelectField
          state={state}
          prefix="portfolio"
          name="assetClass"
          label={t("assetClass")}
          hint={t("assetClassHint")}
          options={ASSET_CLASSES.map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }))}
          placeholder={common("choose")}
        />
        <TextField state={state} prefix="portfolio" name="custodianOrIssuer" label={t("custodianOrIssuer")} hint={t("custodianOrIssuerHint")} />
        <SelectField
          state={state}
          prefix="portfolio"
          name="documentType"
          label={common("documentType")}
          options={EVIDENCE_DOCUMENT_TYPES.map((value) => ({ value, label: DOCUMENT_TYPE_LABELS[value] }))}
          placeholder={common("choose")}
        />
        <div className="ticket-row">
          <TextField state={state} prefix="portfolio" name="value" label={common("value")} inputMode="decimal" hint={t("valueHint")} />
          <SelectField state={state} prefix="portfolio" name="currency" label={common("currency")} options={CURRENCIES.map((value) => ({ value, label: value }))} defaultValue="HKD" />
        </div>
        <TextField
          state={state}
          prefix="portfolio"
          name="statementDate"
          label={common("statementDate")}
          type="date"
          max={assessmentDate}
          hint={t("statementDateHint")}
        />
        <div className={styles.ownership}>
          <RadioGroup state={state} prefix="portfolio" name="ownershipKind" label={t("heldHow")} options={ownershipOptions} defaultValue="sole" className={styles.stacked} />
          {individual ? (
            <div className={styles.ownAssociate}>
              <RadioGroup
                state={state}
                prefix="portfolio"
                name="associate"
                label={t("associate")}
                hint={t("associateHint")}
                options={[
                  { value: "spouse", label: t("spouse") },
                  { value: "child", label: t("child") },
                ]}
              />
            </div>
          ) : null}
          <div className={styles.ownJoint}>
            <TextField state={state} prefix="portfolio" name="holders" label={t("holders")} inputMode="numeric" hint={t("holdersHint")} />
            <TextField
              state={state}
              prefix="portfolio"
              name="agreedSharePct"
              label={t("agreedShare")}
              inputMode="decimal"
              hint={t("agreedShareHint")}
            />
          </div>
          <div className={styles.ownCompany}>
            <TextField state={state} prefix="portfolio" name="companyName" label={t("companyName")} />
            <TextField state={state} prefix="portfolio" name="ownershipPct" label={t("companyOwnership")} inputMode="decimal" hint={t("companyOwnershipHint")} />
            <RadioGroup
              state={state}
              prefix="portfolio"
              name="principalBusinessIsHoldingInvestments"
              label={t("companyHoldsInvestments")}
              options={[
                { value: "yes", label: common("yes") },
                { value: "no", label: common("no") },
              ]}
            />
          </div>
        </div>
        <FileField
          state={state}
          prefix="portfolio"
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
