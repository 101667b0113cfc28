"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { decideReview } from "@/lib/services/suitability/decide-review";
import type { DecideInput } from "@/lib/services/suitability/schemas";
import { runAction } from "@/lib/transport/action";
import type { DecisionFormState } from "./form-state";
import { postedForm } from "@/lib/transport/posted-form";

export async function decideReviewAction(_previous: DecisionFormState, formData: FormData): Promise<DecisionFormState> {
  const form = postedForm(formData);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const values = { decision: field("decision"), reason: field("reason") };
  // Form fields are whatever was posted; the service validates them (a missing decision → its field error).
  const input = { submissionId: field("submissionId"), ...values } as DecideInput;
  const result = await runAction((ctx) => decideReview({ ctx, input }));
  if (!result.ok) return { at: Date.now(), tone: "error", message: result.error, code: result.code, fieldErrors: result.fieldErrors, values };
  revalidatePath("/compliance/reviews");
  revalidatePath(`/compliance/reviews/${input.submissionId}`);
  // The service accepted the id as a UUID, so it is safe in a path. Redirecting (rather than returning a
  // state) means a reload shows the case as it now stands instead of offering to post the decision again.
  redirect(`/compliance/reviews/${input.submissionId}?recorded=${result.data.status}`);
}
