"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { addVaKnowledgeRecord } from "@/lib/services/suitability/add-va-knowledge-record";
import { setVaKnowledgeDeclarations } from "@/lib/services/suitability/set-va-knowledge-declarations";
import { VA_DECLARATION_FIELDS, VA_TRADE_FIELDS, VA_TRAINING_FIELDS, VA_WORK_FIELDS, type VaSection } from "@/lib/suitability/va-knowledge-fields";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formTexts } from "@/lib/transport/posted-form";

export async function setVaDeclarationsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, VA_DECLARATION_FIELDS, { omitEmpty: true });
  const result = await runAction((ctx) => setVaKnowledgeDeclarations({ ctx, input: values }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  return savedState((await getTranslations("onboarding.vaKnowledge"))("saved"));
}

async function addRecord(section: VaSection, names: readonly string[], formData: FormData): Promise<FormState> {
  const values = formTexts(formData, names, { omitEmpty: true });
  const result = await runAction((ctx) => addVaKnowledgeRecord({ ctx, input: { section, record: values } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  return savedState((await getTranslations("onboarding.vaKnowledge"))("added"));
}

export async function addVaCourseAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("training", VA_TRAINING_FIELDS, formData);
}

export async function addVaRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("workExperience", VA_WORK_FIELDS, formData);
}

export async function addVaTradeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("trading", VA_TRADE_FIELDS, formData);
}
