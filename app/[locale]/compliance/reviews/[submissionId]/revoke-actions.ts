"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { revokePiStatus } from "@/lib/services/suitability/revoke-pi-status";
import type { RevokePiStatusInput } from "@/lib/services/suitability/pi-status-schemas";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** PI-7: an officer's revocation; a refusal comes back to the form with the reason as typed. */
export async function revokePiStatusAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const values = { reason: formText(form, "reason") };
  const submissionId = formText(form, "submissionId");
  const input: RevokePiStatusInput = { userId: formText(form, "userId"), ...values };
  const result = await runAction((ctx) => revokePiStatus({ ctx, input }));
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath("/compliance/reviews");
  // Only a UUID names a case page; anything else goes back to the queue.
  const back = /^[0-9a-f-]{36}$/i.test(submissionId) ? `/compliance/reviews/${submissionId}?revoked=1` : "/compliance/reviews";
  return redirect({ href: back, locale: await getLocale() });
}
