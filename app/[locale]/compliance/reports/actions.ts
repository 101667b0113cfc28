"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { cancelReportPack, fileReportPack, requestReportPack } from "@/lib/services/reports/report-packs";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** Queue a report pack for the posted period and reports; the list below the form shows its progress. */
export async function requestReportPackAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const from = formText(form, "from");
  const to = formText(form, "to");
  const reports = form.getAll("reports").filter((value): value is string => typeof value === "string");
  const result = await runAction((ctx) => requestReportPack({ ctx, input: { from, to, reports } }));
  if (!result.ok) return failedState(result, { from, to, reports: reports.join(",") });
  revalidatePath("/compliance/reports");
  const t = await getTranslations("compliance.reports.request");
  return savedState(t("queued"));
}

export async function cancelReportPackAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const id = formText(postedForm(formData), "id");
  const result = await runAction((ctx) => cancelReportPack({ ctx, input: { id } }));
  if (!result.ok) return failedState(result);
  revalidatePath("/compliance/reports");
  const t = await getTranslations("compliance.reports.packs");
  return savedState(result.data.status === "cancelled" ? t("cancelled") : t("cancelling"));
}

export async function fileReportPackAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const id = formText(form, "id");
  const reference = formText(form, "reference");
  const result = await runAction((ctx) => fileReportPack({ ctx, input: { id, reference } }));
  if (!result.ok) return failedState(result, { reference });
  revalidatePath("/compliance/reports");
  const t = await getTranslations("compliance.reports.packs");
  return savedState(t("filedSaved", { reference: result.data.reference }));
}
