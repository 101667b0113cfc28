"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { formatUtc } from "@/lib/format";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import type { AcknowledgeDisclosureInput } from "@/lib/services/suitability/schemas";
import { clientAddress, UNKNOWN_CLIENT } from "@/lib/transport/client-address";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formText, postedForm } from "@/lib/transport/posted-form";

const PAGE = "/portal/onboarding/risk-disclosures";

export async function acknowledgeDisclosureAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const field = (name: string) => formText(form, name);
  const request = await headers();
  const address = clientAddress(request);
  // Form fields are whatever was posted; the service validates them (an unticked box → its field error).
  const input = { versionId: field("versionId"), contentHash: field("contentHash"), confirmed: field("confirmed") } as AcknowledgeDisclosureInput;
  const result = await runAction((ctx) =>
    acknowledgeDisclosure({
      ctx,
      input: { ...input, channel: "web", userAgent: request.get("user-agent"), ipAddress: address === UNKNOWN_CLIENT ? null : address },
    }),
  );
  if (!result.ok) return failedState(result);
  revalidatePath(PAGE);
  const { record, created } = result.data;
  const t = await getTranslations("onboarding.messages");
  const acknowledged = { version: record.versionId, at: formatUtc(record.acknowledgedAt.getTime()) };
  return savedState(created ? t("acknowledgementRecorded", acknowledged) : t("acknowledgementAlreadyRecorded", acknowledged));
}
