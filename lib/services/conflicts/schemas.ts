import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/**
 * Client-safe: the inputs of the conflicts-of-interest register and its policies (AFMM-3). Every text
 * field is trimmed and bounded; the form shows each message beside its field.
 */

export const CONFLICT_STATUSES = ["OPEN", "MITIGATED", "CLOSED"] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** The fields a register entry holds, in the order the history compares them. */
export const CONFLICT_FIELDS = ["title", "description", "ownerId", "mitigation", "status", "reviewDate"] as const;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

const text = (max: number, required: Parameters<typeof zodMessage>[0], tooLong: Parameters<typeof zodMessage>[0]) =>
  z
    .string({ error: zodMessage(required) })
    .trim()
    .min(1, zodMessage(required))
    .max(max, zodMessage(tooLong, { max: max.toLocaleString("en") }));

const uuid = z.string().uuid(zodMessage("validation.conflicts.idInvalid"));

/** A calendar day, YYYY-MM-DD, between 2000 and 2099 (the next review of an entry). */
const reviewDate = z
  .string({ error: zodMessage("validation.conflicts.reviewDate") })
  .trim()
  .regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, zodMessage("validation.conflicts.reviewDate"))
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    zodMessage("validation.conflicts.reviewDate"),
  );

export const ConflictFields = z.object({
  title: text(200, "validation.conflicts.titleRequired", "validation.conflicts.titleTooLong"),
  description: text(5_000, "validation.conflicts.descriptionRequired", "validation.conflicts.descriptionTooLong"),
  ownerId: z.string({ error: zodMessage("validation.conflicts.ownerRequired") }).uuid(zodMessage("validation.conflicts.ownerRequired")),
  mitigation: text(5_000, "validation.conflicts.mitigationRequired", "validation.conflicts.mitigationTooLong"),
  status: z.enum(CONFLICT_STATUSES, { error: zodMessage("validation.conflicts.status") }),
  reviewDate,
});

export const CreateConflictInput = ConflictFields;
export type CreateConflictInput = z.input<typeof CreateConflictInput>;

export const UpdateConflictInput = ConflictFields.extend({
  id: uuid,
  /** The version the editor started from: a newer one in the register refuses the edit. */
  version: z.coerce
    .number({ error: zodMessage("validation.conflicts.version") })
    .int()
    .min(1)
    .max(1_000_000),
  changeNote: text(2_000, "validation.conflicts.changeNoteRequired", "validation.conflicts.changeNoteTooLong"),
});
export type UpdateConflictInput = z.input<typeof UpdateConflictInput>;

export const ConflictIdInput = z.object({ id: uuid });
export type ConflictIdInput = z.input<typeof ConflictIdInput>;

// The filter form's "Any" sends an empty value.
export const ListConflictsInput = z
  .object({
    status: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.enum(CONFLICT_STATUSES, { error: zodMessage("validation.conflicts.status") }).optional(),
    ),
    /** "1": only entries whose review date has passed (and are not closed). */
    overdue: z.preprocess((value) => value === "1" || value === true, z.boolean()).optional(),
  })
  .default({});
export type ListConflictsInput = z.input<typeof ListConflictsInput>;

export const PublishPolicyInput = z.object({
  title: text(200, "validation.conflicts.policyTitleRequired", "validation.conflicts.policyTitleTooLong"),
  version: z.coerce
    .number({ error: zodMessage("validation.conflicts.policyVersion") })
    .int(zodMessage("validation.conflicts.policyVersion"))
    .min(1, zodMessage("validation.conflicts.policyVersion"))
    .max(1_000, zodMessage("validation.conflicts.policyVersion")),
  text: text(50_000, "validation.conflicts.policyTextRequired", "validation.conflicts.policyTextTooLong"),
});
export type PublishPolicyInput = z.input<typeof PublishPolicyInput>;

export const AttestPolicyInput = z.object({ policyId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, zodMessage("validation.conflicts.policyMissing")) });
export type AttestPolicyInput = z.input<typeof AttestPolicyInput>;
