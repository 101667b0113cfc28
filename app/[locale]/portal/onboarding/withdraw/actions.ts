"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { withdrawPiConsent } from "@/lib/services/suitability/withdraw-pi-consent";
import type { WithdrawPiConsentInput } from "@/lib/services/suitability/pi-status-schemas";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

const PAGE = "/portal/onboarding/withdraw";

/** PI-7: the client's withdrawal of consent. A refusal comes back to the form; success shows the page as it now stands. */
export async function withdrawPiConsentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  // The box is checked by the service (an unticked box → its field error), so the refusal reads the same without JavaScript.
  const input = { confirmed: formText(form, "confirmed") } as WithdrawPiConsentInput;
  const result = await runAction((ctx) => withdrawPiConsent({ ctx, input }));
  if (!result.ok) return failedState(result);
  revalidatePath("/portal", "layout");
  const venue =
    result.data.venue.status === "changed" || result.data.venue.status === "in_sync" || result.data.venue.status === "no_account" ? "" : "&venue=pending";
  return redirect({ href: `${PAGE}?withdrawn=1${venue}`, locale: await getLocale() });
}
