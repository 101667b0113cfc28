"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import type { KnowledgeSection } from "@/lib/services/suitability/schemas";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { BROKER_STATEMENT_FIELDS, DECLARATION_FIELDS, TRADE_RECORD_FIELDS, TRAINING_RECORD_FIELDS, WORK_RECORD_FIELDS } from "@/lib/suitability/draft-fields";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formTexts, postedForm } from "@/lib/transport/posted-form";

export async function setDeclarationsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, DECLARATION_FIELDS, { omitEmpty: true });
  const result = await runAction((ctx) => setDeclarations({ ctx, input: values }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const t = await getTranslations("onboarding.messages");
  return savedState(t("answersSaved"));
}

/** The confirmation for each kind of record: adding one turns the section's answer to "yes". */
type RecordSaved = "courseAdded" | "roleAdded" | "tradeAdded" | "statementAdded";

async function addRecord(section: KnowledgeSection, names: readonly string[], formData: FormData, saved: RecordSaved): Promise<FormState> {
  const values = formTexts(formData, names, { omitEmpty: true });
  const result = await runAction((ctx) => addKnowledgeRecord({ ctx, input: { section, record: values, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  if (saved === "statementAdded") return savedState((await getTranslations("onboarding.knowledge.gate"))("statementAdded"));
  const t = await getTranslations("onboarding.messages");
  return savedState(t(saved));
}

export async function addCourseAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("training", TRAINING_RECORD_FIELDS, formData, "courseAdded");
}

export async function addRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("workExperience", WORK_RECORD_FIELDS, formData, "roleAdded");
}

export async function addTradeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("trading", TRADE_RECORD_FIELDS, formData, "tradeAdded");
}

export async function addStatementAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return addRecord("statements", BROKER_STATEMENT_FIELDS, formData, "statementAdded");
}
