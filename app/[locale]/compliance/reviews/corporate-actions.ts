"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { assessAuthorisedTrader } from "@/lib/services/suitability/assess-authorised-trader";
import type { AssessTraderInput, DecideCircumstanceChangeInput, RecordCpiAssessmentInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { decideCircumstanceChange } from "@/lib/services/suitability/decide-circumstance-change";
import { recordCpiAssessment } from "@/lib/services/suitability/record-cpi-assessment";
import { runAction } from "@/lib/transport/action";
import { formTexts } from "@/lib/transport/posted-form";

// The officer's corporate-PI (PI-6, SUIT-4) and change-of-circumstances (SUIT-8) forms.

export async function recordCpiAssessmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, [
    "clientUserId",
    "submissionId",
    "hasInvestmentFunction",
    "investmentFunction",
    "decisionMakers",
    "knowledgeAndExperience",
    "conclusion",
    "reason",
  ]);
  const result = await runAction((ctx) => recordCpiAssessment({ ctx, input: values as unknown as RecordCpiAssessmentInput }));
  if (!result.ok) return failedState(result, values);
  if (/^[0-9a-f-]{36}$/i.test(values.submissionId)) revalidatePath(`/compliance/reviews/${values.submissionId}`);
  const t = await getTranslations("compliance.corporatePi.form");
  return savedState(
    result.data.created ? t("recorded", { version: String(result.data.version) }) : t("alreadyRecorded", { version: String(result.data.version) }),
  );
}

export async function assessTraderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["traderId", "submissionId", "hasKnowledge", "reason"]);
  const result = await runAction((ctx) => assessAuthorisedTrader({ ctx, input: values as unknown as AssessTraderInput }));
  if (!result.ok) return failedState(result, values);
  if (/^[0-9a-f-]{36}$/i.test(values.submissionId)) revalidatePath(`/compliance/reviews/${values.submissionId}`);
  const t = await getTranslations("compliance.corporatePi.traders");
  return savedState(t("recorded"));
}

export async function decideCircumstanceChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["changeId", "outcome", "reason"]);
  const result = await runAction((ctx) => decideCircumstanceChange({ ctx, input: values as unknown as DecideCircumstanceChangeInput }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/compliance/reviews");
  const t = await getTranslations("compliance.circumstances");
  return savedState(t("recorded"));
}
