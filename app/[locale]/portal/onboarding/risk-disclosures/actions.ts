"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { formatUtc } from "@/lib/format";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import type { AcknowledgeDisclosureInput } from "@/lib/services/suitability/schemas";
import { clientAddress, UNKNOWN_CLIENT } from "@/lib/transport/client-address";
import { runAction } from "@/lib/transport/action";
import type { AcknowledgeFormState } from "./form-state";
import { postedForm } from "@/lib/transport/posted-form";

const PAGE = "/portal/onboarding/risk-disclosures";

export async function acknowledgeDisclosureAction(_previous: AcknowledgeFormState, formData: FormData): Promise<AcknowledgeFormState> {
  const form = postedForm(formData);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const request = await headers();
  const address = clientAddress(request);
  // Form fields are whatever was posted; the service validates them (an unticked box → its field error).
  const input = { versionId: field("versionId"), contentHash: field("contentHash"), confirmed: field("confirmed") } as AcknowledgeDisclosureInput;
  const result = await runAction((ctx) =>
    acknowledgeDisclosure({ ctx, input: { ...input, channel: "web", userAgent: request.get("user-agent"), ipAddress: address === UNKNOWN_CLIENT ? null : address } }),
  );
  if (!result.ok) return { at: Date.now(), tone: "error", message: result.error, fieldErrors: result.fieldErrors };
  revalidatePath(PAGE);
  const { record, created } = result.data;
  return {
    at: Date.now(),
    tone: "ok",
    message: `${created ? "Recorded" : "Already recorded"}: you acknowledged version ${record.versionId} at ${formatUtc(record.acknowledgedAt.getTime())}.`,
  };
}
