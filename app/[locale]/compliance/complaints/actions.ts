"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { recordFdrcReferral } from "@/lib/services/complaints/fdrc-referral";
import { acknowledgeComplaint, addComplaintNote, answerEnquiry, setRootCauses } from "@/lib/services/complaints/handling";
import { closeComplaint, draftOutcomeLetter, reviewOutcomeLetter } from "@/lib/services/complaints/outcome";
import { runAction } from "@/lib/transport/action";
import { postedForm, formTexts } from "@/lib/transport/posted-form";

type Saved = "acknowledged" | "noted" | "rootCauses" | "drafted" | "reviewed" | "closed" | "answered";

async function saved(id: string, key: Saved) {
  revalidatePath("/compliance/complaints");
  revalidatePath(`/compliance/complaints/${id}`);
  const t = await getTranslations("complaints.staff.saved");
  return savedState(t(key));
}

export async function acknowledgeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { id = "" } = formTexts(formData, ["id"]);
  const result = await runAction((ctx) => acknowledgeComplaint({ ctx, input: { id } }));
  return result.ok ? saved(id, "acknowledged") : failedState(result);
}

export async function addNoteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "text"]);
  const id = values.id ?? "";
  const result = await runAction((ctx) => addComplaintNote({ ctx, input: { id, text: values.text ?? "" } }));
  return result.ok ? saved(id, "noted") : failedState(result, values);
}

export async function setRootCausesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { id = "" } = formTexts(formData, ["id"]);
  const causes = postedForm(formData)
    .getAll("causes")
    .filter((value): value is string => typeof value === "string");
  const result = await runAction((ctx) => setRootCauses({ ctx, input: { id, causes } }));
  return result.ok ? saved(id, "rootCauses") : failedState(result);
}

export async function draftLetterAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "outcome"]);
  const id = values.id ?? "";
  const result = await runAction((ctx) => draftOutcomeLetter({ ctx, input: { id, outcome: values.outcome ?? "" } }));
  return result.ok ? saved(id, "drafted") : failedState(result, values);
}

export async function reviewLetterAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "letterVersion"]);
  const id = values.id ?? "";
  const result = await runAction((ctx) => reviewOutcomeLetter({ ctx, input: { id, letterVersion: values.letterVersion ?? "" } }));
  return result.ok ? saved(id, "reviewed") : failedState(result);
}

export async function closeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { id = "" } = formTexts(formData, ["id"]);
  const result = await runAction((ctx) => closeComplaint({ ctx, input: { id } }));
  return result.ok ? saved(id, "closed") : failedState(result);
}

export async function answerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "text"]);
  const id = values.id ?? "";
  const result = await runAction((ctx) => answerEnquiry({ ctx, input: { id, text: values.text ?? "" } }));
  return result.ok ? saved(id, "answered") : failedState(result, values);
}

export async function fdrcReferralAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "reference"]);
  const id = values.id ?? "";
  const result = await runAction((ctx) => recordFdrcReferral({ ctx, input: { id, reference: values.reference ?? "" } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/compliance/complaints");
  revalidatePath(`/compliance/complaints/${id}`);
  revalidatePath("/compliance/registers");
  const t = await getTranslations("complaints.staff.saved");
  return savedState(t("referred", { date: result.data.dueDate }));
}
