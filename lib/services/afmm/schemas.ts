import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";
import { STAFF_CAPACITIES } from "@/lib/services/afmm/gates";

// Inputs of the AFMM governance verbs (AFMM-1, AFMM-4, AFMM-9). Every text is bounded; dates are
// calendar days (YYYY-MM-DD, read as midnight UTC).

/** Engine account ids below this are reserved for the platform's own accounts (the portal's clients start here). */
export const RESERVED_ACCOUNT_ID_LIMIT = 1_000_000;
export const MAX_ENGINE_ACCOUNTS = 20;

const RecordId = z.uuid({ error: zodMessage("validation.afmmGovernance.recordMissing") });

function text(min: number, max: number, key: "legalName" | "relationship" | "agreementRef" | "reason" | "reference" | "reportRef" | "approvalRef") {
  const message = zodMessage(`validation.afmmGovernance.${key}`, { min, max });
  return z.string({ error: message }).trim().min(min, message).max(max, message);
}

const Day = z
  .string({ error: zodMessage("validation.afmmGovernance.day") })
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("validation.afmmGovernance.day"))
  .transform((value, ctx) => {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) {
      ctx.addIssue({ code: "custom", message: zodMessage("validation.afmmGovernance.day") });
      return z.NEVER;
    }
    return date;
  });

const Sha256 = z
  .string({ error: zodMessage("validation.afmmGovernance.sha256") })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, zodMessage("validation.afmmGovernance.sha256"));

/** "1, 2" or [1, 2]: positive integers below the reserved limit, no repeats. */
const EngineAccountIds = z
  .union([z.string().max(200), z.array(z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().max(12)])).max(MAX_ENGINE_ACCOUNTS)], {
    error: zodMessage("validation.afmmGovernance.engineAccounts", { max: RESERVED_ACCOUNT_ID_LIMIT - 1 }),
  })
  .transform((value, ctx) => {
    const parts = (typeof value === "string" ? value.split(/[\s,]+/) : value.map(String)).map((part) => part.trim()).filter(Boolean);
    const ids = parts.map((part) => (/^\d{1,7}$/.test(part) ? Number(part) : NaN));
    const ok = ids.length > 0 && ids.length <= MAX_ENGINE_ACCOUNTS && ids.every((id) => Number.isInteger(id) && id >= 1 && id < RESERVED_ACCOUNT_ID_LIMIT);
    if (!ok || new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: "custom", message: zodMessage("validation.afmmGovernance.engineAccounts", { max: RESERVED_ACCOUNT_ID_LIMIT - 1 }) });
      return z.NEVER;
    }
    return ids.sort((a, b) => a - b);
  });

/** A checkbox ("on") or a boolean. */
const Checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("")])
  .optional()
  .transform((value) => value === true || value === "on");

export const RegisterAffiliateInput = z
  .object({
    legalName: text(2, 200, "legalName"),
    relationship: text(5, 500, "relationship"),
    agreementRef: text(2, 100, "agreementRef"),
    agreementDate: Day,
    engineAccountIds: EngineAccountIds,
    approved: Checkbox,
    /** AFMM-1: the SFC's permission (letter or licence condition reference); required when approved. */
    approvalRef: z.string().trim().max(200).optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.approved && value.approvalRef.length < 3) {
      ctx.addIssue({ code: "custom", path: ["approvalRef"], message: zodMessage("validation.afmmGovernance.approvalRef", { min: 3, max: 200 }) });
    }
  });
export type RegisterAffiliateInput = z.input<typeof RegisterAffiliateInput>;

export const EndRecordInput = z.object({ id: RecordId, reason: text(5, 1000, "reason") });
export type EndRecordInput = z.input<typeof EndRecordInput>;

export const AddStaffRegistrationInput = z.object({
  email: z.email({ error: zodMessage("validation.afmmGovernance.email") }).max(320, zodMessage("validation.afmmGovernance.email")),
  capacity: z.enum(STAFF_CAPACITIES, { error: zodMessage("validation.afmmGovernance.capacity") }),
  reference: text(2, 100, "reference"),
  effectiveFrom: Day,
});
export type AddStaffRegistrationInput = z.input<typeof AddStaffRegistrationInput>;

export const DesignateOfficerInput = z.object({ registrationId: RecordId });
export type DesignateOfficerInput = z.input<typeof DesignateOfficerInput>;

export const RecordSfcNotificationInput = z.object({
  notifiedOn: Day,
  thirdPartyReportRef: text(2, 200, "reportRef"),
  thirdPartyReportSha256: Sha256,
  micDeclarationSha256: Sha256,
});
export type RecordSfcNotificationInput = z.input<typeof RecordSfcNotificationInput>;
