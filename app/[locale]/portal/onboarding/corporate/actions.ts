"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formatUtc } from "@/lib/format";
import { addAuthorisedTrader } from "@/lib/services/suitability/add-authorised-trader";
import { consentCpiNotice } from "@/lib/services/suitability/consent-cpi-notice";
import type { AddTraderInput, ConsentCpiNoticeInput, RemoveTraderInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { removeAuthorisedTrader } from "@/lib/services/suitability/remove-authorised-trader";
import { runAction } from "@/lib/transport/action";
import { clientAddress, UNKNOWN_CLIENT } from "@/lib/transport/client-address";
import { formText, postedForm } from "@/lib/transport/posted-form";

const PAGE = "/portal/onboarding/corporate";

function fields(formData: FormData, names: readonly string[]): Record<string, string> {
  const form = postedForm(formData);
  return Object.fromEntries(names.map((name) => [name, formText(form, name)]));
}

export async function consentCpiNoticeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = fields(formData, ["versionId", "contentHash", "confirmed"]);
  const request = await headers();
  const address = clientAddress(request);
  // Form fields are whatever was posted; the service validates them (an unticked box → its field error).
  const result = await runAction((ctx) =>
    consentCpiNotice({
      ctx,
      input: {
        ...(values as unknown as ConsentCpiNoticeInput),
        channel: "web",
        userAgent: request.get("user-agent"),
        ipAddress: address === UNKNOWN_CLIENT ? null : address,
      },
    }),
  );
  if (!result.ok) return failedState(result);
  revalidatePath(PAGE);
  revalidatePath("/portal/onboarding");
  const t = await getTranslations("onboarding.corporate.consent");
  const { record, created } = result.data;
  return savedState(
    created ? t("recorded", { version: record.versionId }) : t("alreadyRecorded", { version: record.versionId, at: formatUtc(record.consentedAt.getTime()) }),
  );
}

export async function addTraderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = fields(formData, ["name", "position"]);
  const result = await runAction((ctx) => addAuthorisedTrader({ ctx, input: values as AddTraderInput }));
  if (!result.ok) return failedState(result, values);
  revalidatePath(PAGE);
  const t = await getTranslations("onboarding.corporate.addTrader");
  return savedState(result.data.created ? t("added", { name: values.name.trim() }) : t("alreadyAdded", { name: values.name.trim() }));
}

export async function removeTraderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = fields(formData, ["traderId", "reason"]);
  const result = await runAction((ctx) => removeAuthorisedTrader({ ctx, input: values as RemoveTraderInput }));
  if (!result.ok) return failedState(result, values);
  revalidatePath(PAGE);
  const t = await getTranslations("onboarding.corporate.removeTrader");
  return savedState(t("removed"));
}
