import "server-only";
import { msg, type MessageKey } from "@/lib/i18n/message-ref";
import { Invalid, NotFound } from "@/lib/services/errors";
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

/** The request as the schema read it; a refusal by the schema is reported as the first field it names. */
export function readRequest<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } } },
  input: unknown,
  formField: Partial<Record<string, Field>> = {},
): T {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const name = String(parsed.error.issues[0]?.path[0] ?? "");
  const field = formField[name];
  if (field) throw tooLong(name, field);
  throw new Invalid(msg("errors.registers.badRequest"));
}

/** Trimmed text within the field's limit; `required` refuses an empty one. */
export function checkText(value: string, name: string, field: Field, { required }: { required: boolean }): string {
  const trimmed = value.trim();
  if (required && trimmed.length === 0) {
    const problem = msg("errors.registers.required", { field: msg(FIELD_LABEL[field]) });
    throw new Invalid(problem, { [name]: [problem] });
  }
  if (trimmed.length > LIMITS[field]) throw tooLong(name, field);
  return trimmed;
}

export function checkChoice<T extends string>(value: string, name: string, choices: readonly T[], key: MessageKey): T {
  const trimmed = value.trim();
  if ((choices as readonly string[]).includes(trimmed)) return trimmed as T;
  const problem = msg(key, { value: trimmed.slice(0, 40) });
  throw new Invalid(problem, { [name]: [problem] });
}

export function checkId(id: string, notFound: MessageKey): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFound(msg(notFound));
  return id;
}

function tooLong(name: string, field: Field): Invalid {
  const problem = msg("errors.registers.tooLong", { field: msg(FIELD_LABEL[field]), max: Math.min(LIMITS[field], REQUEST_TEXT_MAX) });
  return new Invalid(problem, { [name]: [problem] });
}
