"use server";

import { revalidatePath } from "next/cache";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { runAction } from "@/lib/transport/action";
import { failedState, postedText, savedState, type WizardFormState } from "../form-state";

export async function setNetWorthAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const values = postedText(formData, ["netWorthHkd", "liquidAssetsHkd"]);
  // The service parses the amounts; a missing field is posted as "" so its message says what to enter.
  const result = await runAction((ctx) => setNetWorth({ ctx, input: { netWorthHkd: "", liquidAssetsHkd: "", ...values } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  return savedState("Net worth and liquid assets saved. Your exposure cap below is recalculated from them.");
}
