"use client";

import { useTranslations } from "next-intl";
import { DECLARATION_FIELDS, type DraftDeclarations } from "@/lib/suitability/draft-fields";
import { RadioGroup } from "../form-parts";
import { StepForm } from "../step-form";
import { setDeclarationsAction } from "./actions";

const answer = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** The client's answer per Code 5.1A criterion; a "yes" then needs the records below (SUIT-2). */
export function DeclarationsForm({ declarations, locked }: { declarations: DraftDeclarations; locked: boolean }) {
  const t = useTranslations("onboarding.knowledge.declarations");
  const common = useTranslations("onboarding.form");
  const yesNo = [
    { value: "yes", label: common("yes") },
    { value: "no", label: common("no") },
  ];
  return (
    <StepForm action={setDeclarationsAction} label={t("label")} locked={locked} fields={DECLARATION_FIELDS} submit={t("save")} submitting={common("saving")}>
      {(state) =>
        DECLARATION_FIELDS.map((name) => (
          <RadioGroup
            key={name}
            state={state}
            prefix="declare"
            name={name}
            label={t(name)}
            hint={name === "trading" ? t("tradingHint") : undefined}
            options={yesNo}
            defaultValue={answer(declarations[name])}
          />
        ))
      }
    </StepForm>
  );
}
