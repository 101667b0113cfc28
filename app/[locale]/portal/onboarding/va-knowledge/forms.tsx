"use client";

import { useTranslations } from "next-intl";
import { VA_DECLARATION_FIELDS, VA_TRADE_FIELDS, VA_TRAINING_FIELDS, VA_WORK_FIELDS } from "@/lib/suitability/va-knowledge-fields";
import { RadioGroup, TextAreaField, TextField } from "../form-parts";
import { StepForm } from "../step-form";
import { addVaCourseAction, addVaRoleAction, addVaTradeAction, setVaDeclarationsAction } from "./actions";

const answer = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** SUIT-7: the three answers on virtual-asset knowledge; a "no" removes that section's records. */
export function VaDeclarationsForm({ declared, locked }: { declared: Record<(typeof VA_DECLARATION_FIELDS)[number], boolean | null>; locked: boolean }) {
  const t = useTranslations("onboarding.vaKnowledge");
  const common = useTranslations("onboarding.form");
  const yesNo = [
    { value: "yes", label: common("yes") },
    { value: "no", label: common("no") },
  ];
  return (
    <StepForm
      action={setVaDeclarationsAction}
      label={t("answersLabel")}
      locked={locked}
      fields={VA_DECLARATION_FIELDS}
      submit={t("saveAnswers")}
      submitting={common("saving")}
    >
      {(state) =>
        VA_DECLARATION_FIELDS.map((name) => (
          <RadioGroup
            key={name}
            state={state}
            prefix="va-declare"
            name={name}
            label={t(`question.${name}`)}
            options={yesNo}
            defaultValue={answer(declared[name])}
          />
        ))
      }
    </StepForm>
  );
}

export function VaCourseForm({ locked, assessmentDate }: { locked: boolean; assessmentDate: string }) {
  const t = useTranslations("onboarding.vaKnowledge.courseForm");
  const common = useTranslations("onboarding.form");
  return (
    <StepForm action={addVaCourseAction} label={t("label")} locked={locked} fields={VA_TRAINING_FIELDS} submit={t("add")} submitting={common("adding")}>
      {(state) => (
        <>
          <TextField state={state} prefix="va-course" name="provider" label={t("provider")} />
          <TextAreaField state={state} prefix="va-course" name="topics" label={t("topics")} rows={2} />
          <TextField state={state} prefix="va-course" name="completionDate" label={t("completionDate")} type="date" max={assessmentDate} />
        </>
      )}
    </StepForm>
  );
}

export function VaRoleForm({ locked }: { locked: boolean }) {
  const t = useTranslations("onboarding.vaKnowledge.roleForm");
  const common = useTranslations("onboarding.form");
  return (
    <StepForm action={addVaRoleAction} label={t("label")} locked={locked} fields={VA_WORK_FIELDS} submit={t("add")} submitting={common("adding")}>
      {(state) => (
        <>
          <TextField state={state} prefix="va-role" name="employer" label={t("employer")} />
          <TextField state={state} prefix="va-role" name="role" label={t("role")} />
          <TextField state={state} prefix="va-role" name="years" label={t("years")} inputMode="decimal" />
          <TextAreaField state={state} prefix="va-role" name="vaDuties" label={t("duties")} hint={t("dutiesHint")} />
        </>
      )}
    </StepForm>
  );
}

export function VaTradeForm({ locked, assessmentDate }: { locked: boolean; assessmentDate: string }) {
  const t = useTranslations("onboarding.vaKnowledge.tradeForm");
  const common = useTranslations("onboarding.form");
  return (
    <StepForm action={addVaTradeAction} label={t("label")} locked={locked} fields={VA_TRADE_FIELDS} submit={t("add")} submitting={common("adding")}>
      {(state) => (
        <>
          <TextField state={state} prefix="va-trade" name="tradeDate" label={t("tradeDate")} type="date" max={assessmentDate} />
          <TextField state={state} prefix="va-trade" name="asset" label={t("asset")} hint={t("assetHint")} />
          <TextField state={state} prefix="va-trade" name="venueOrBroker" label={t("venueOrBroker")} />
        </>
      )}
    </StepForm>
  );
}
