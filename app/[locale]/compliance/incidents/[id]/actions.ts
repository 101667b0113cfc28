"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { approveIncidentReport } from "@/lib/services/incidents/approve-incident-report";
import { publishIncidentReport } from "@/lib/services/incidents/publish-incident-report";
import { returnIncidentReport } from "@/lib/services/incidents/return-incident-report";
import { saveIncidentNarrative } from "@/lib/services/incidents/save-incident-narrative";
import { submitIncidentReport } from "@/lib/services/incidents/submit-incident-report";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** What a successful step reports on the incident's page (`?done=`). */
export type IncidentStepDone = "saved" | "submitted" | "returned" | "approved" | "published";

/**
 * After a step, the incident's page as it now stands: a redirect, so a reload does not offer to post
 * the step again. The service accepted the id (letters, digits and a few separators), so it is safe in a path.
 */
async function done(incidentId: string, what: IncidentStepDone): Promise<never> {
  revalidatePath("/compliance/incidents");
  revalidatePath(`/compliance/incidents/${incidentId}`);
  if (what === "published") revalidatePath("/disclosures/incidents");
  return redirect({ href: `/compliance/incidents/${encodeURIComponent(incidentId)}?done=${what}`, locale: await getLocale() });
}

export async function saveNarrativeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const incidentId = formText(form, "incidentId");
  const values = { cause: formText(form, "cause"), impact: formText(form, "impact"), remediation: formText(form, "remediation") };
  const result = await runAction((ctx) => saveIncidentNarrative({ ctx, input: { incidentId, ...values } }));
  if (!result.ok) return failedState<object>(result, values);
  return done(incidentId, "saved");
}

export async function submitReportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const incidentId = formText(postedForm(formData), "incidentId");
  const result = await runAction((ctx) => submitIncidentReport({ ctx, input: { incidentId } }));
  if (!result.ok) return failedState<object>(result);
  return done(incidentId, "submitted");
}

export async function returnReportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const incidentId = formText(form, "incidentId");
  const values = { reason: formText(form, "reason") };
  const result = await runAction((ctx) => returnIncidentReport({ ctx, input: { incidentId, ...values } }));
  if (!result.ok) return failedState<object>(result, values);
  return done(incidentId, "returned");
}

export async function approveReportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const incidentId = formText(postedForm(formData), "incidentId");
  const result = await runAction((ctx) => approveIncidentReport({ ctx, input: { incidentId } }));
  if (!result.ok) return failedState<object>(result);
  return done(incidentId, "approved");
}

export async function publishReportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const incidentId = formText(postedForm(formData), "incidentId");
  const result = await runAction((ctx) => publishIncidentReport({ ctx, input: { incidentId } }));
  if (!result.ok) return failedState<object>(result);
  return done(incidentId, "published");
}
