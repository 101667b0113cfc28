"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/transport/action";
import { addStaffRegistration } from "@/lib/services/afmm/add-staff-registration";
import { designateOfficer } from "@/lib/services/afmm/designate-officer";
import { enableAfmmOrderEntry } from "@/lib/services/afmm/enable-order-entry";
import { endAffiliate } from "@/lib/services/afmm/end-affiliate";
import { endDesignation } from "@/lib/services/afmm/end-designation";
import { endStaffRegistration } from "@/lib/services/afmm/end-staff-registration";
import { recordSfcNotification } from "@/lib/services/afmm/record-sfc-notification";
import { registerAffiliate } from "@/lib/services/afmm/register-affiliate";
import { withdrawSfcNotification } from "@/lib/services/afmm/withdraw-sfc-notification";
import type {
  AddStaffRegistrationInput,
  DesignateOfficerInput,
  EndRecordInput,
  RecordSfcNotificationInput,
  RegisterAffiliateInput,
} from "@/lib/services/afmm/schemas";

// AFMM-1, AFMM-4, AFMM-9: the governance forms of /afmm. Each action calls one verb (which authorizes,
// checks the step-up and validates the input) and returns nothing but success or the refusal.

async function done<T>(run: Promise<{ ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> }>) {
  const result = await run;
  if (result.ok) revalidatePath("/afmm");
  return result.ok ? { ok: true as const, data: null } : result;
}

export async function registerAffiliateAction(input: unknown) {
  return done(runAction((ctx) => registerAffiliate({ ctx, input: input as RegisterAffiliateInput })));
}

export async function endAffiliateAction(input: unknown) {
  return done(runAction((ctx) => endAffiliate({ ctx, input: input as EndRecordInput })));
}

export async function addStaffRegistrationAction(input: unknown) {
  return done(runAction((ctx) => addStaffRegistration({ ctx, input: input as AddStaffRegistrationInput })));
}

export async function endStaffRegistrationAction(input: unknown) {
  return done(runAction((ctx) => endStaffRegistration({ ctx, input: input as EndRecordInput })));
}

export async function designateOfficerAction(input: unknown) {
  return done(runAction((ctx) => designateOfficer({ ctx, input: input as DesignateOfficerInput })));
}

export async function endDesignationAction(input: unknown) {
  return done(runAction((ctx) => endDesignation({ ctx, input: input as EndRecordInput })));
}

export async function recordSfcNotificationAction(input: unknown) {
  return done(runAction((ctx) => recordSfcNotification({ ctx, input: input as RecordSfcNotificationInput })));
}

export async function withdrawSfcNotificationAction(input: unknown) {
  return done(runAction((ctx) => withdrawSfcNotification({ ctx, input: input as EndRecordInput })));
}

export async function enableOrderEntryAction() {
  return done(runAction((ctx) => enableAfmmOrderEntry({ ctx })));
}
