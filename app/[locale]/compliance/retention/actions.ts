"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { placeLegalHold, releaseLegalHold } from "@/lib/services/retention/retention";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

export async function placeLegalHoldAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const subject = formText(form, "subject");
  const recordClass = formText(form, "recordClass");
  const reason = formText(form, "reason");
  const result = await runAction((ctx) => placeLegalHold({ ctx, input: { subject, recordClass, reason } }));
  if (!result.ok) return failedState(result, { subject, recordClass, reason });
  revalidatePath("/compliance/retention");
  const t = await getTranslations("compliance.retention.place");
  return savedState(t("placed"));
}

export async function releaseLegalHoldAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const id = formText(postedForm(formData), "id");
  const result = await runAction((ctx) => releaseLegalHold({ ctx, input: { id } }));
  if (!result.ok) return failedState(result);
  revalidatePath("/compliance/retention");
  const t = await getTranslations("compliance.retention.holds");
  return savedState(t("released"));
}
