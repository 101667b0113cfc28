"use client";

import { useActionState } from "react";
import { ASSET_CLASSES, ASSET_CLASS_LABELS, CURRENCIES, DOCUMENT_TYPE_LABELS, EVIDENCE_DOCUMENT_TYPES } from "@/lib/suitability/draft";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { FileField, FormMessage, RadioGroup, SelectField, TextField } from "../form-parts";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "../form-state";
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
  const [state, formAction, pending] = useActionState(addPortfolioLineAction, EMPTY_WIZARD_STATE);
  return <PortfolioLineFields key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function PortfolioLineFields({ category, assessmentDate, maxBytes, locked, state, formAction, pending }: Props & { state: WizardFormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const guard = useUploadGuard(maxBytes);
  const individual = category === "individual";
  const ownershipOptions = [
    { value: "sole", label: individual ? "In my sole name" : "In our sole name" },
    ...(individual ? [{ value: "joint_with_associate", label: "Jointly with my spouse or child" }] : []),
    { value: "joint_with_non_associates", label: individual ? "Jointly with others (not my spouse or child)" : "Jointly with others" },
    { value: "investment_holding_company", label: "Through an investment-holding company" },
  ];
  return (
    <form action={formAction} onSubmit={guard.onSubmit} className="form form--wide" noValidate aria-label="Add a portfolio line">
      <fieldset disabled={locked} className={styles.bare}>
        <SelectField
          state={state}
          prefix="portfolio"
          name="assetClass"
          label="Asset class"
          hint="Only securities, certificates of deposit and money held by a custodian count (PI Rules s.2). Other assets may be listed; they are shown but count zero."
          options={ASSET_CLASSES.map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }))}
          placeholder="Choose…"
        />
        <TextField state={state} prefix="portfolio" name="custodianOrIssuer" label="Custodian or issuer" hint="As named on the statement or certificate." />
        <SelectField
          state={state}
          prefix="portfolio"
          name="documentType"
          label="Document type"
          options={EVIDENCE_DOCUMENT_TYPES.map((value) => ({ value, label: DOCUMENT_TYPE_LABELS[value] }))}
          placeholder="Choose…"
        />
        <div className="ticket-row">
          <TextField state={state} prefix="portfolio" name="value" label="Value" inputMode="decimal" hint="As shown on the statement, e.g. 8,000,000.00. No more decimals than the currency has." />
          <SelectField state={state} prefix="portfolio" name="currency" label="Currency" options={CURRENCIES.map((value) => ({ value, label: value }))} defaultValue="HKD" />
        </div>
        <TextField
          state={state}
          prefix="portfolio"
          name="statementDate"
          label="Statement date"
          type="date"
          max={assessmentDate}
          hint="The date the statement or certificate was issued; it counts for 365 days and cannot be in the future."
        />
        <div className={styles.ownership}>
          <RadioGroup state={state} prefix="portfolio" name="ownershipKind" label="How the account is held" options={ownershipOptions} defaultValue="sole" className={styles.stacked} />
          {individual ? (
            <div className={styles.ownAssociate}>
              <RadioGroup
                state={state}
                prefix="portfolio"
                name="associate"
                label="The joint holder is my"
                hint="A joint account with your spouse or child counts in full (PI Rules s.5)."
                options={[
                  { value: "spouse", label: "Spouse" },
                  { value: "child", label: "Child" },
                ]}
              />
            </div>
          ) : null}
          <div className={styles.ownJoint}>
            <TextField state={state} prefix="portfolio" name="holders" label="Number of account holders, including you" inputMode="numeric" hint="At least 2." />
            <TextField
              state={state}
              prefix="portfolio"
              name="agreedSharePct"
              label="Agreed share (%)"
              inputMode="decimal"
              hint="Only if a written agreement sets your share, e.g. 40. Without one, an equal share among the holders counts."
            />
          </div>
          <div className={styles.ownCompany}>
            <TextField state={state} prefix="portfolio" name="companyName" label="Company name" />
            <TextField state={state} prefix="portfolio" name="ownershipPct" label="Ownership of the company (%)" inputMode="decimal" hint="Only a wholly owned (100 %) company counts." />
            <RadioGroup
              state={state}
              prefix="portfolio"
              name="principalBusinessIsHoldingInvestments"
              label="Is the company's principal business holding investments?"
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
            />
          </div>
        </div>
        <FileField
          state={state}
          prefix="portfolio"
          name="document"
          label="Statement or certificate (PDF, PNG or JPEG)"
          hint={`At most ${maxBytes / 1024 / 1024} MB. It is stored with its SHA-256, so what the officer reviews is exactly what you uploaded.`}
          localError={guard.error}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? "Adding…" : "Add portfolio line"}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={FIELDS} localError={guard.error} />
    </form>
  );
}
