"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { confirmKnowledgeRecord } from "@/lib/services/suitability/confirm-knowledge-record";
import type { ConfirmKnowledgeRecordInput, DecideInput } from "@/lib/services/suitability/schemas";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

export async function decideReviewAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const field = (name: string) => formText(form, name);
  const values = { decision: field("decision"), reason: field("reason") };
  // Form fields are whatever was posted; the service validates them (a missing decision → its field error).
  const input = { submissionId: field("submissionId"), ...values } as DecideInput;
  const result = await runAction((ctx) => decideReview({ ctx, input }));
  // Extra named: left to inference from the async return type it would pick up a callable `then`.
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath("/compliance/reviews");
  revalidatePath(`/compliance/reviews/${input.submissionId}`);
  // The service accepted the id as a UUID, so it is safe in a path. Redirecting (rather than returning a
  // state) means a reload shows the case as it now stands instead of offering to post the decision again.
  return redirect({ href: `/compliance/reviews/${input.submissionId}?recorded=${result.data.status}`, locale: await getLocale() });
}

/** An officer confirms a declared role or external course against its document (SUIT-2); the page then shows it confirmed. */
export async function confirmRecordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const field = (name: string) => formText(form, name);
  const values = { note: field("note") };
  // Whatever was posted; the service validates the kind and index.
  const input = {
    submissionId: field("submissionId"),
    kind: field("kind"),
    index: field("index"),
    note: values.note,
  } as unknown as ConfirmKnowledgeRecordInput;
  const result = await runAction((ctx) => confirmKnowledgeRecord({ ctx, input }));
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath(`/compliance/reviews/${input.submissionId}`);
  const t = await getTranslations("compliance.reviews.gate");
  const number = String(result.data.index + 1);
  return savedState(result.data.kind === "role" ? t("roleConfirmed", { number }) : t("course.confirmed", { number }));
}
