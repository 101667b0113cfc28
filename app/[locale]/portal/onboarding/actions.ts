"use server";

import { revalidatePath } from "next/cache";
import { removeDraftItem } from "@/lib/services/suitability/remove-draft-item";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { runAction } from "@/lib/transport/action";
import { failedState, postedText, savedState, type WizardFormState } from "./form-state";

export async function submitOnboardingAction(_previous: WizardFormState, _formData: FormData): Promise<WizardFormState> {
  const result = await runAction((ctx) => submitOnboarding({ ctx }));
  if (!result.ok) return failedState(result);
  revalidatePath("/portal/onboarding", "layout");
  const { version, recordHash } = result.data;
  return savedState(`Submitted as version ${version} (record hash ${recordHash.slice(0, 12)}…). A compliance officer will review it; its status is shown at the top of this page.`);
}

/** Shared by every list of the application (portfolio, total assets, courses, roles, trades). */
export async function removeDraftItemAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const values = postedText(formData, ["list", "index", "fingerprint"]);
  // A post without an index must not fall back to 0 (the first line): "none" is refused by the service.
  const result = await runAction((ctx) => removeDraftItem({ ctx, input: { list: values.list ?? "", index: values.index ?? "none", fingerprint: values.fingerprint ?? "" } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const message = {
    deleted: "Removed from your application, with its document.",
    kept: "Removed from your application. Its document stays on file because an earlier submission refers to it.",
    none: "Removed from your application.",
  }[result.data.document];
  return { ...savedState(message), values };
}
