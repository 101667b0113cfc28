import "server-only";
import type { MessageKey } from "@/lib/i18n/message-ref";
import { checkChoice, checkId, formFields } from "@/lib/services/form-fields";
import { LIMITS, REQUEST_TEXT_MAX } from "./schemas";

/**
 * Field checks shared by the register verbs. Each refusal names the field and what was wrong with it
 * (missing, too long, not one of the choices), so the form can put the message beside the field.
 */

type Field = keyof typeof LIMITS;

const FIELD_LABEL: Record<Field, MessageKey> = {
  title: "errors.registers.fields.title",
  summary: "errors.registers.fields.summary",
  reason: "errors.registers.fields.reason",
  draft: "errors.registers.fields.draft",
  reference: "errors.registers.fields.reference",
  evidence: "errors.registers.fields.evidence",
  personName: "errors.registers.fields.personName",
  function: "errors.registers.fields.function",
};

export const { readRequest, checkText } = formFields(
  LIMITS,
  FIELD_LABEL,
  { badRequest: "errors.registers.badRequest", required: "errors.registers.required", tooLong: "errors.registers.tooLong" },
  REQUEST_TEXT_MAX,
);
export { checkChoice, checkId };
