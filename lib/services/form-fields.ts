import "server-only";
import { msg, type MessageKey } from "@/lib/i18n/message-ref";
import { Invalid, NotFound } from "@/lib/services/errors";

/**
 * Field checks for the verbs behind staff and public forms (the registers, complaints). Each refusal
 * names the field and what was wrong with it (missing, too long, not one of the choices), so the form
 * puts the message beside the field. One rule for every form; each feature brings its limits, its
 * field labels and the words of its refusals.
 */

type Schema<T> = {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
};

export interface FormFieldWords {
  /** The request could not be read at all (a tampered or stale form). */
  badRequest: MessageKey;
  /** "Give the {field}." */
  required: MessageKey;
  /** "The {field} is too long: at most {max} characters." */
  tooLong: MessageKey;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An id that is not a UUID is the same not-found as an unknown one. */
export function checkId(id: string, notFound: MessageKey): string {
  if (!isUuid(id)) throw new NotFound(msg(notFound));
  return id;
}

export function checkChoice<T extends string>(value: string, name: string, choices: readonly T[], key: MessageKey): T {
  const trimmed = value.trim();
  if ((choices as readonly string[]).includes(trimmed)) return trimmed as T;
  const problem = msg(key, { value: trimmed.slice(0, 40) });
  throw new Invalid(problem, { [name]: [problem] });
}

/**
 * The text checks of one feature's forms. `requestTextMax` is what the schema lets through at most,
 * so a "too long" message never states more than the request could carry.
 */
export function formFields<Field extends string>(
  limits: Record<Field, number>,
  labels: Record<Field, MessageKey>,
  words: FormFieldWords,
  requestTextMax: number,
) {
  const tooLong = (name: string, field: Field): Invalid => {
    const problem = msg(words.tooLong, { field: msg(labels[field]), max: Math.min(limits[field], requestTextMax) });
    return new Invalid(problem, { [name]: [problem] });
  };
  return {
    /** The request as the schema read it; a refusal by the schema is reported against the first field it names. */
    readRequest<T>(schema: Schema<T>, input: unknown, formField: Partial<Record<string, Field>> = {}): T {
      const parsed = schema.safeParse(input ?? {});
      if (parsed.success) return parsed.data;
      const name = String(parsed.error.issues[0]?.path[0] ?? "");
      const field = formField[name];
      if (field) throw tooLong(name, field);
      throw new Invalid(msg(words.badRequest));
    },
    /** Trimmed text within the field's limit; `required` refuses an empty one. */
    checkText(value: string, name: string, field: Field, { required }: { required: boolean }): string {
      const trimmed = value.trim();
      if (required && trimmed.length === 0) {
        const problem = msg(words.required, { field: msg(labels[field]) });
        throw new Invalid(problem, { [name]: [problem] });
      }
      if (trimmed.length > limits[field]) throw tooLong(name, field);
      return trimmed;
    },
  };
}
