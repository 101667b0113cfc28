"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { removeDraftItem } from "@/lib/services/suitability/remove-draft-item";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formTexts } from "@/lib/transport/posted-form";

export async function submitOnboardingAction(_previous: FormState, _formData: FormData): Promise<FormState> {
  const result = await runAction((ctx) => submitOnboarding({ ctx }));
  if (!result.ok) return failedState(result);
  revalidatePath("/portal/onboarding", "layout");
  const { version, recordHash } = result.data;
  const t = await getTranslations("onboarding.messages");
  return savedState(t("submitted", { version: String(version), hash: recordHash.slice(0, 12) }));
}

/** Shared by every list of the application (portfolio, total assets, courses, roles, trades). */
export async function removeDraftItemAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["list", "index", "fingerprint"], { omitEmpty: true });
  // A post without an index must not fall back to 0 (the first line): "none" is refused by the service.
  const result = await runAction((ctx) =>
    removeDraftItem({ ctx, input: { list: values.list ?? "", index: values.index ?? "none", fingerprint: values.fingerprint ?? "" } }),
  );
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const t = await getTranslations("onboarding.messages");
  const message = { deleted: t("removedWithDocument"), kept: t("removedDocumentKept"), none: t("removed") }[result.data.document];
  return { ...savedState(message), values };
}
