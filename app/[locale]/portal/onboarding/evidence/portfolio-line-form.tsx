"use client";

import { useTranslations } from "next-intl";
import { ASSET_CLASSES, EVIDENCE_DOCUMENT_TYPES, PORTFOLIO_LINE_FIELDS } from "@/lib/suitability/draft-fields";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { CurrencyValueFields, FileField, RadioGroup, SelectField, TextField } from "../form-parts";
import styles from "../onboarding.module.css";
import { StepForm } from "../step-form";
import { addPortfolioLineAction } from "./actions";

/** One line of the PI Rules s.2 portfolio with the statement that shows it (PI-2, PI-4, PI-5). */
export function PortfolioLineForm({
  category,
  assessmentDate,
  maxBytes,
  locked,
}: {
  category: InvestorCategory;
  assessmentDate: string;
  maxBytes: number;
  locked: boolean;
}) {
  const t = useTranslations("onboarding.evidence.portfolioForm");
  const common = useTranslations("onboarding.form");
  const assetClass = useTranslations("labels.assetClass");
  const documentType = useTranslations("labels.documentType");
  const individual = category === "individual";
  const ownershipOptions = [
    { value: "sole", label: individual ? t("soleMine") : t("soleOurs") },
    ...(individual ? [{ value: "joint_with_associate", label: t("jointWithAssociate") }] : []),
    { value: "joint_with_non_associates", label: individual ? t("jointWithOthersIndividual") : t("jointWithOthers") },
    { value: "investment_holding_company", label: t("holdingCompany") },
  ];
  return (
    <StepForm
      action={addPortfolioLineAction}
      label={t("label")}
      locked={locked}
      fields={PORTFOLIO_LINE_FIELDS}
      submit={t("add")}
      submitting={common("adding")}
      maxBytes={maxBytes}
    >
      {(state, fileError) => (
        <>
          <SelectField
            state={state}
            prefix="portfolio"
            name="assetClass"
            label={t("assetClass")}
            hint={t("assetClassHint")}
            options={ASSET_CLASSES.map((value) => ({ value, label: assetClass(value) }))}
            placeholder={common("choose")}
          />
          <TextField state={state} prefix="portfolio" name="custodianOrIssuer" label={t("custodianOrIssuer")} hint={t("custodianOrIssuerHint")} />
          <SelectField
            state={state}
            prefix="portfolio"
            name="documentType"
            label={common("documentType")}
            options={EVIDENCE_DOCUMENT_TYPES.map((value) => ({ value, label: documentType(value) }))}
            placeholder={common("choose")}
          />
          <CurrencyValueFields state={state} prefix="portfolio" valueHint={t("valueHint")} />
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
            <RadioGroup
              state={state}
              prefix="portfolio"
              name="ownershipKind"
              label={t("heldHow")}
              options={ownershipOptions}
              defaultValue="sole"
              className={styles.stacked}
            />
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
              <TextField state={state} prefix="portfolio" name="agreedSharePct" label={t("agreedShare")} inputMode="decimal" hint={t("agreedShareHint")} />
            </div>
            <div className={styles.ownCompany}>
              <TextField state={state} prefix="portfolio" name="companyName" label={t("companyName")} />
              <TextField
                state={state}
                prefix="portfolio"
                name="ownershipPct"
                label={t("companyOwnership")}
                inputMode="decimal"
                hint={t("companyOwnershipHint")}
              />
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
            localError={fileError}
          />
        </>
      )}
    </StepForm>
  );
}
