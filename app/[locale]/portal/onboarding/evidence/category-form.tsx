"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { CATEGORY_LABELS, INVESTOR_CATEGORIES } from "@/lib/suitability/draft";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { FormMessage, RadioGroup, TextAreaField } from "../form-parts";
import styles from "../onboarding.module.css";
import { setCategoryAction } from "./actions";

const FIELDS = ["category", "institutionalBasis"] as const;

export function CategoryForm({ category, institutionalBasis, locked }: { category: InvestorCategory | null; institutionalBasis: string; locked: boolean }) {
  const [state, formAction, pending] = useActionState(setCategoryAction, EMPTY_FORM_STATE);
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
  state: FormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  category: InvestorCategory | null;
  institutionalBasis: string;
  locked: boolean;
}) {
  const t = useTranslations("onboarding.evidence.categoryForm");
  return (
    <form action={formAction} className="form form--wide" noValidate aria-label={t("label")}>
      <fieldset disabled={locked} className={styles.bare}>
        <RadioGroup
          state={state}
          prefix="category"
          name="category"
          label={t("label")}
          hint={t("hint")}
          className={styles.stacked}
          // What each category is tested on (PI Rules ss.4–7; SFO Sch. 1), so the choice is informed.
          options={INVESTOR_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value], detail: t("test", { category: value }) }))}
          defaultValue={category}
        />
        <TextAreaField
          state={state}
          prefix="category"
          name="institutionalBasis"
          label={t("basis")}
          hint={t("basisHint")}
          defaultValue={institutionalBasis}
        />
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? t("saving") : t("save")}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={FIELDS} />
    </form>
  );
}
