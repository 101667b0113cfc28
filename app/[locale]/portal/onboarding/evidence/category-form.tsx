"use client";

import { useActionState } from "react";
import { CATEGORY_LABELS, INVESTOR_CATEGORIES } from "@/lib/suitability/draft";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { FormMessage, RadioGroup, TextAreaField } from "../form-parts";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "../form-state";
import styles from "../onboarding.module.css";
import { setCategoryAction } from "./actions";

/** What each category is tested on (PI Rules ss.4–7; SFO Sch. 1), so the choice is informed. */
const CATEGORY_TESTS: Record<InvestorCategory, string> = {
  individual: "portfolio of at least HK$8,000,000",
  corporation: "portfolio of at least HK$8,000,000, or total assets of at least HK$40,000,000",
  partnership: "portfolio of at least HK$8,000,000, or total assets of at least HK$40,000,000",
  trust_corporation: "total assets entrusted of at least HK$40,000,000",
  institutional: "no monetary test: the paragraph of the SFO definition that applies",
};

const FIELDS = ["category", "institutionalBasis"] as const;

export function CategoryForm({ category, institutionalBasis, locked }: { category: InvestorCategory | null; institutionalBasis: string; locked: boolean }) {
  const [state, formAction, pending] = useActionState(setCategoryAction, EMPTY_WIZARD_STATE);
  return <CategoryFields key={state.at} state={state} formAction={formAction} pending={pending} category={category} institutionalBasis={institutionalBasis} locked={locked} />;
}

function CategoryFields({
  state,
  formAction,
  pending,
  category,
  institutionalBasis,
  locked,
}: {
  state: WizardFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  category: InvestorCategory | null;
  institutionalBasis: string;
  locked: boolean;
}) {
  return (
    <form action={formAction} className="form form--wide" noValidate aria-label="Investor category">
      <fieldset disabled={locked} className={styles.bare}>
        <RadioGroup
          state={state}
          prefix="category"
          name="category"
          label="Investor category"
          hint="Which evidence counts depends on it."
          className={styles.stacked}
          options={INVESTOR_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value], detail: CATEGORY_TESTS[value] }))}
          defaultValue={category}
        />
        <TextAreaField
          state={state}
          prefix="category"
          name="institutionalBasis"
          label="Basis for institutional status"
          hint="Institutional professional investors only: which paragraph (a)–(i) of the SFO Schedule 1 definition applies to you, and why."
          defaultValue={institutionalBasis}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? "Saving…" : "Save category"}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={FIELDS} />
    </form>
  );
}
