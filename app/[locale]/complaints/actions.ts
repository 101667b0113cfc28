"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { failedState, type FormState } from "@/lib/form-state";
import { hongKongDate } from "@/lib/reports/period";
import { ATTACHMENTS_FIELD } from "@/lib/services/complaints/attachments";
import { submitComplaint } from "@/lib/services/complaints/submit-complaint";
import { runAction } from "@/lib/transport/action";
import { limitComplaintSubmission } from "@/lib/transport/complaint-limits";
import { formTexts, postedForm } from "@/lib/transport/posted-form";

/** What the form shows after a send: the answer, and a fresh one-time key for the next form once one was recorded. */
export type ComplaintFormState = FormState<{ nextKey: string }>;

const FIELDS = ["kind", "category", "text", "contactEmail", "submissionKey"] as const;

export async function submitComplaintAction(_previous: ComplaintFormState, formData: FormData): Promise<ComplaintFormState> {
  const values = formTexts(formData, FIELDS);
  // The chosen files (a browser cannot be given them back: after a refusal the form asks for them again).
  const attachments = postedForm(formData).getAll(ATTACHMENTS_FIELD);
  const requestHeaders = await headers();
  const locale = await getLocale();
  const result = await runAction(async (ctx) => {
    await limitComplaintSubmission(requestHeaders);
    return submitComplaint({
      ctx,
      input: {
        kind: values.kind ?? "",
        category: values.category ?? "",
        text: values.text ?? "",
        contactEmail: values.contactEmail,
        submissionKey: values.submissionKey ?? "",
        locale,
        attachments,
      },
    });
  });
  if (!result.ok) return failedState(result, values);
  const t = await getTranslations("complaints.public.form");
  const { reference, acknowledgeDueAtMs, responseDueAtMs, repeated } = result.data;
  // A due instant is the start of the next Hong Kong day; the date it is due by is the day before.
  const day = (ms: number) => hongKongDate(ms - 1);
  const message = repeated
    ? t("repeated", { reference })
    : acknowledgeDueAtMs !== null
      ? t("receivedComplaint", { reference, acknowledgeDate: day(acknowledgeDueAtMs), responseDate: day(responseDueAtMs) })
      : t("receivedEnquiry", { reference, responseDate: day(responseDueAtMs) });
  return { at: Date.now(), tone: "ok", message, nextKey: crypto.randomUUID() };
}
