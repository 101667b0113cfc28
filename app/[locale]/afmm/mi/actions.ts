"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { generateAfmmMi } from "@/lib/services/afmm/generate-afmm-mi";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** Generate the monthly AFMM MI for the posted month, then open it (a redirect, so a reload does not generate again). */
export async function generateAfmmMiAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const month = formText(postedForm(formData), "month");
  const result = await runAction((ctx) => generateAfmmMi({ ctx, input: { month } }));
  if (!result.ok) return failedState<object>(result, { month });
  revalidatePath("/afmm/mi");
  return redirect({ href: `/afmm/mi/${result.data.id}`, locale: await getLocale() });
}
