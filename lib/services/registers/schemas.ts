import { z } from "zod";

/**
 * Inputs of the register verbs (RPT-2, RPT-4, RPT-5, RPT-6). The schemas bound what a request may
 * carry; the verbs then apply each field's own limit and say which field was wrong and why.
 */

/** The most any one text field of a request may carry before it is refused unread. */
export const REQUEST_TEXT_MAX = 20_000;

export const INCIDENT_KINDS = ["afmm_breach", "cyber", "operational", "regulatory_breach", "other"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const MATERIALITY = ["material", "not_material"] as const;
export const PERSONNEL_ROLES = ["mic", "ro", "key_person"] as const;
export type PersonnelRole = (typeof PERSONNEL_ROLES)[number];
export const PERSONNEL_CHANGES = ["appointed", "ceased", "changed"] as const;

/** Each field's own limit, in characters after trimming. */
export const LIMITS = {
  title: 200,
  summary: 4_000,
  reason: 2_000,
  draft: 10_000,
  reference: 100,
  evidence: 4_000,
  personName: 200,
  function: 200,
} as const;

const text = z.string().max(REQUEST_TEXT_MAX);
const id = z.string().max(64);

export const RecordIncidentInput = z.object({ kind: text, title: text, summary: text });
export const AssessMaterialityInput = z.object({ id, materiality: text, reason: text });
export const DraftNotificationInput = z.object({ id, text });
export const ApproveNotificationInput = z.object({ id, draftVersion: z.string().max(20) });
export const RecordNotificationInput = z.object({ id, reference: text, evidence: text });
export const RecordPersonnelChangeInput = z.object({ role: text, change: text, personName: text, function: text, effectiveDate: text });
export const CompleteTaskInput = z.object({ id, evidence: text });

export type RecordIncidentRequest = z.input<typeof RecordIncidentInput>;
export type AssessMaterialityRequest = z.input<typeof AssessMaterialityInput>;
export type DraftNotificationRequest = z.input<typeof DraftNotificationInput>;
export type ApproveNotificationRequest = z.input<typeof ApproveNotificationInput>;
export type RecordNotificationRequest = z.input<typeof RecordNotificationInput>;
export type RecordPersonnelChangeRequest = z.input<typeof RecordPersonnelChangeInput>;
export type CompleteTaskRequest = z.input<typeof CompleteTaskInput>;
