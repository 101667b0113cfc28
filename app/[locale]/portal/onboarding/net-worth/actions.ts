"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { NET_WORTH_FIELDS } from "@/lib/suitability/draft-fields";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formTexts } from "@/lib/transport/posted-form";

export async function setNetWorthAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, NET_WORTH_FIELDS, { omitEmpty: true });
  // The service parses the amounts; a missing field is posted as "" so its message says what to enter.
  const result = await runAction((ctx) => setNetWorth({ ctx, input: { netWorthHkd: "", liquidAssetsHkd: "", ...values } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const t = await getTranslations("onboarding.messages");
  return savedState(t("netWorthSaved"));
}
