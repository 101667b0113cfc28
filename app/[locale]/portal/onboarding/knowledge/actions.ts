"use server";

import { revalidatePath } from "next/cache";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import type { KnowledgeSection } from "@/lib/services/suitability/schemas";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { runAction } from "@/lib/transport/action";
import { failedState, postedText, savedState, type WizardFormState } from "../form-state";
import { postedForm } from "@/lib/transport/posted-form";

export async function setDeclarationsAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const values = postedText(formData, ["training", "workExperience", "trading"]);
  const result = await runAction((ctx) => setDeclarations({ ctx, input: values }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  return savedState("Answers saved.");
}

async function addRecord(section: KnowledgeSection, names: readonly string[], formData: FormData, saved: string): Promise<WizardFormState> {
  const values = postedText(formData, names);
  const result = await runAction((ctx) => addKnowledgeRecord({ ctx, input: { section, record: values, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  return savedState(saved);
}

export async function addCourseAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  return addRecord("training", ["provider", "topics", "completionDate"], formData, "Course added; your answer on training is now “yes”.");
}

export async function addRoleAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  return addRecord("workExperience", ["employer", "role", "years", "derivativeDuties"], formData, "Role added; your answer on work experience is now “yes”.");
}

export async function addTradeAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  return addRecord("trading", ["tradeDate", "instrument", "venueOrBroker"], formData, "Trade added; your answer on derivative trading is now “yes”.");
}
