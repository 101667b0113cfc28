"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import type { OnboardingDraft } from "@/lib/suitability/draft";
import { FormMessage, RadioGroup } from "../form-parts";
import styles from "../onboarding.module.css";
import { setDeclarationsAction } from "./actions";

const answer = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** The client's answer per Code 5.1A criterion; a "yes" then needs the records below (SUIT-2). */
export function DeclarationsForm({ declarations, locked }: { declarations: OnboardingDraft["declarations"]; locked: boolean }) {
  const [state, formAction, pending] = useActionState(setDeclarationsAction, EMPTY_FORM_STATE);
  return <DeclarationFields key={state.at} state={state} formAction={formAction} pending={pending} declarations={declarations} locked={locked} />;
}

function DeclarationFields({
  state,
  formAction,
  pending,
  declarations,
  locked,
}: {
  state: FormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  declarations: OnboardingDraft["declarations"];
  locked: boolean;
}) {
  const t = useTranslations("onboarding.knowledge.declarations");
  const common = useTranslations("onboarding.form");
  const yesNo = [
    { value: "yes", label: common("yes") },
    { value: "no", label: common("no") },
  ];
  return (
    <form action={formAction} className="form form--wide" noValidate aria-label={t("label")}>
      <fieldset disabled={locked} className={styles.bare}>
        <RadioGroup
          state={state}
          prefix="declare"
          name="training"
          label={t("training")}
          options={yesNo}
          defaultValue={answer(declarations.training)}
        />
        <RadioGroup
          state={state}
          prefix="declare"
          name="workExperience"
          label={t("workExperience")}
          options={yesNo}
          defaultValue={answer(declarations.workExperience)}
        />
        <RadioGroup
          state={state}
          prefix="declare"
          name="trading"
          label={t("trading")}
          hint={t("tradingHint")}
          options={yesNo}
          defaultValue={answer(declarations.trading)}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? common("saving") : t("save")}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={["training", "workExperience", "trading"]} />
    </form>
  );
}
