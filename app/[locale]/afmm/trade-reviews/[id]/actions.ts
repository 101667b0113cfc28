"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { assignReview } from "@/lib/services/afmm/assign-review";
import { commentReview } from "@/lib/services/afmm/comment-review";
import { decideReview } from "@/lib/services/afmm/decide-review";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** What a successful step reports on the item's page (`?done=`). */
export type ReviewStepDone = "assigned" | "commented" | "decided";

/** After a step, the item's page as it now stands (a redirect, so a reload does not post again). The id was accepted as a UUID by the service. */
async function done(reviewId: string, what: ReviewStepDone): Promise<never> {
  revalidatePath("/afmm/trade-reviews");
  revalidatePath(`/afmm/trade-reviews/${reviewId}`);
  return redirect({ href: `/afmm/trade-reviews/${encodeURIComponent(reviewId)}?done=${what}`, locale: await getLocale() });
}

export async function assignAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const reviewId = formText(form, "reviewId");
  const values = { assigneeId: formText(form, "assigneeId") };
  const result = await runAction((ctx) => assignReview({ ctx, input: { reviewId, ...values } }));
  if (!result.ok) return failedState<object>(result, values);
  return done(reviewId, "assigned");
}

export async function commentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const reviewId = formText(form, "reviewId");
  const values = { body: formText(form, "body") };
  const result = await runAction((ctx) => commentReview({ ctx, input: { reviewId, ...values } }));
  if (!result.ok) return failedState<object>(result, values);
  return done(reviewId, "commented");
}

export async function decideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const reviewId = formText(form, "reviewId");
  const values = { decision: formText(form, "decision"), reason: formText(form, "reason") };
  const result = await runAction((ctx) => decideReview({ ctx, input: { reviewId, decision: values.decision as "NO_ISSUE", reason: values.reason } }));
  if (!result.ok) return failedState<object>(result, values);
  return done(reviewId, "decided");
}
