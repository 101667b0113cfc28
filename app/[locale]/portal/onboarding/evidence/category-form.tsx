"use client";

import { useTranslations } from "next-intl";
import { CATEGORY_FIELDS, INVESTOR_CATEGORIES } from "@/lib/suitability/draft-fields";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { RadioGroup, TextAreaField } from "../form-parts";
import styles from "../onboarding.module.css";
import { StepForm } from "../step-form";
import { setCategoryAction } from "./actions";

export function CategoryForm({ category, institutionalBasis, locked }: { category: InvestorCategory | null; institutionalBasis: string; locked: boolean }) {
  const t = useTranslations("onboarding.evidence.categoryForm");
  const categoryLabel = useTranslations("labels.category");
  return (
    <StepForm action={setCategoryAction} label={t("label")} locked={locked} fields={CATEGORY_FIELDS} submit={t("save")} submitting={t("saving")}>
      {(state) => (
        <>
          <RadioGroup
            state={state}
            prefix="category"
            name="category"
            label={t("label")}
            hint={t("hint")}
            className={styles.stacked}
            // What each category is tested on (PI Rules ss.4–7; SFO Sch. 1), so the choice is informed.
            options={INVESTOR_CATEGORIES.map((value) => ({ value, label: categoryLabel(value), detail: t("test", { category: value }) }))}
            defaultValue={category}
          />
          <TextAreaField state={state} prefix="category" name="institutionalBasis" label={t("basis")} hint={t("basisHint")} defaultValue={institutionalBasis} />
        </>
      )}
    </StepForm>
  );
}
