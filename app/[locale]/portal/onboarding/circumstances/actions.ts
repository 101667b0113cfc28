"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { reportCircumstanceChange } from "@/lib/services/suitability/report-circumstance-change";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

export async function reportCircumstanceChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const values = { category: formText(form, "category"), description: formText(form, "description") };
  const result = await runAction((ctx) => reportCircumstanceChange({ ctx, input: values }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding/circumstances");
  revalidatePath("/portal/inbox");
  const t = await getTranslations("onboarding.circumstances.form");
  return savedState(result.data.created ? t("recorded") : t("alreadyRecorded"));
}
