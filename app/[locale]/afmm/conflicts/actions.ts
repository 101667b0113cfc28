"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { attestPolicy } from "@/lib/services/conflicts/attest-policy";
import { createConflict } from "@/lib/services/conflicts/create-conflict";
import { publishPolicy } from "@/lib/services/conflicts/publish-policy";
import { updateConflict } from "@/lib/services/conflicts/update-conflict";
import type { CreateConflictInput, PublishPolicyInput, UpdateConflictInput } from "@/lib/services/conflicts/schemas";
import { runAction } from "@/lib/transport/action";
import { formTexts, postedForm } from "@/lib/transport/posted-form";

const ENTRY_FIELDS = ["title", "description", "ownerId", "mitigation", "status", "reviewDate"] as const;

export async function createConflictAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(postedForm(formData), ENTRY_FIELDS);
  const result = await runAction((ctx) => createConflict({ ctx, input: values as unknown as CreateConflictInput }));
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath("/afmm/conflicts");
  return redirect({ href: `/afmm/conflicts/${result.data.id}?done=created`, locale: await getLocale() });
}

export async function updateConflictAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(postedForm(formData), [...ENTRY_FIELDS, "id", "version", "changeNote"]);
  const result = await runAction((ctx) => updateConflict({ ctx, input: values as unknown as UpdateConflictInput }));
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath("/afmm/conflicts");
  return redirect({ href: `/afmm/conflicts/${result.data.id}?done=saved`, locale: await getLocale() });
}

export async function publishPolicyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(postedForm(formData), ["title", "version", "text"]);
  const result = await runAction((ctx) => publishPolicy({ ctx, input: values as unknown as PublishPolicyInput }));
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath("/afmm/conflicts/policies");
  return savedState((await getTranslations("oversight.conflicts.policies"))("published"));
}

export async function attestPolicyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(postedForm(formData), ["policyId"]);
  const result = await runAction((ctx) => attestPolicy({ ctx, input: { policyId: values.policyId ?? "" } }));
  if (!result.ok) return failedState<object>(result);
  revalidatePath("/afmm/conflicts/policies");
  revalidatePath("/afmm-desk");
  return savedState((await getTranslations("oversight.conflicts.policies"))("attested"));
}
