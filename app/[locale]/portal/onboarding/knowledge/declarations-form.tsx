"use client";

import { useActionState } from "react";
import type { OnboardingDraft } from "@/lib/suitability/draft";
import { FormMessage, RadioGroup } from "../form-parts";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "../form-state";
import styles from "../onboarding.module.css";
import { setDeclarationsAction } from "./actions";

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

const answer = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** The client's answer per Code 5.1A criterion; a "yes" then needs the records below (SUIT-2). */
export function DeclarationsForm({ declarations, locked }: { declarations: OnboardingDraft["declarations"]; locked: boolean }) {
  const [state, formAction, pending] = useActionState(setDeclarationsAction, EMPTY_WIZARD_STATE);
  return <DeclarationFields key={state.at} state={state} formAction={formAction} pending={pending} declarations={declarations} locked={locked} />;
}

function DeclarationFields({
  state,
  formAction,
  pending,
  declarations,
  locked,
}: {
  state: WizardFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  declarations: OnboardingDraft["declarations"];
  locked: boolean;
}) {
  return (
    <form action={formAction} className="form form--wide" noValidate aria-label="Derivative knowledge answers">
      <fieldset disabled={locked} className={styles.bare}>
        <RadioGroup
          state={state}
          prefix="declare"
          name="training"
          label="(a) Have you had training or attended courses on derivative products?"
          options={YES_NO}
          defaultValue={answer(declarations.training)}
        />
        <RadioGroup
          state={state}
          prefix="declare"
          name="workExperience"
          label="(b) Do you have current or previous work experience related to derivative products?"
          options={YES_NO}
          defaultValue={answer(declarations.workExperience)}
        />
        <RadioGroup
          state={state}
          prefix="declare"
          name="trading"
          label="(c) Have you traded derivative products?"
          hint="It counts with at least 5 transactions in the past 36 months, each listed below."
          options={YES_NO}
          defaultValue={answer(declarations.trading)}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? "Saving…" : "Save answers"}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={["training", "workExperience", "trading"]} />
    </form>
  );
}
