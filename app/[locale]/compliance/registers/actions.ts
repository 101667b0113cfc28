"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { approveNotification, assessMateriality, draftNotification, recordIncident, recordNotification } from "@/lib/services/registers/incident-register";
import { recordPersonnelChange } from "@/lib/services/registers/personnel-register";
import { completeTask } from "@/lib/services/registers/tasks";
import { runAction } from "@/lib/transport/action";
import { formTexts } from "@/lib/transport/posted-form";

const PAGE = "/compliance/registers";

async function saved(key: "incidentRecorded" | "assessed" | "drafted" | "approved" | "notified" | "taskDone") {
  revalidatePath(PAGE);
  const t = await getTranslations("compliance.registers.saved");
  return savedState(t(key));
}

export async function recordIncidentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["kind", "title", "summary"]);
  const result = await runAction((ctx) =>
    recordIncident({ ctx, input: { kind: values.kind ?? "", title: values.title ?? "", summary: values.summary ?? "" } }),
  );
  return result.ok ? saved("incidentRecorded") : failedState(result, values);
}

export async function assessMaterialityAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "materiality", "reason"]);
  const result = await runAction((ctx) =>
    assessMateriality({ ctx, input: { id: values.id ?? "", materiality: values.materiality ?? "", reason: values.reason ?? "" } }),
  );
  return result.ok ? saved("assessed") : failedState(result, values);
}

export async function draftNotificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "text"]);
  const result = await runAction((ctx) => draftNotification({ ctx, input: { id: values.id ?? "", text: values.text ?? "" } }));
  return result.ok ? saved("drafted") : failedState(result, values);
}

export async function approveNotificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "draftVersion"]);
  const result = await runAction((ctx) => approveNotification({ ctx, input: { id: values.id ?? "", draftVersion: values.draftVersion ?? "" } }));
  return result.ok ? saved("approved") : failedState(result);
}

export async function recordNotificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "reference", "evidence"]);
  const result = await runAction((ctx) =>
    recordNotification({ ctx, input: { id: values.id ?? "", reference: values.reference ?? "", evidence: values.evidence ?? "" } }),
  );
  return result.ok ? saved("notified") : failedState(result, values);
}

export async function recordPersonnelChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["role", "change", "personName", "function", "effectiveDate"]);
  const result = await runAction((ctx) =>
    recordPersonnelChange({
      ctx,
      input: {
        role: values.role ?? "",
        change: values.change ?? "",
        personName: values.personName ?? "",
        function: values.function ?? "",
        effectiveDate: values.effectiveDate ?? "",
      },
    }),
  );
  if (!result.ok) return failedState(result, values);
  revalidatePath(PAGE);
  const t = await getTranslations("compliance.registers.saved");
  return savedState(t("personnelRecorded", { date: result.data.dueDate }));
}

export async function completeTaskAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["id", "evidence"]);
  const result = await runAction((ctx) => completeTask({ ctx, input: { id: values.id ?? "", evidence: values.evidence ?? "" } }));
  if (!result.ok) return failedState(result, values);
  // An incident's SFC notification is also recorded from the incident's own page, which shows the send.
  revalidatePath("/[locale]/compliance/incidents/[id]", "page");
  return saved("taskDone");
}
