import { createTranslator, type MessageKeys, type NestedKeyOf } from "next-intl";
import errors from "@/messages/en/errors.json" with { type: "json" };
import validation from "@/messages/en/validation.json" with { type: "json" };

/**
 * What services, schemas and the pure domain modules tell a user, as a reference into the message
 * catalogue (the `errors` and `validation` namespaces) rather than as English text: the transport that
 * answers the user renders it in their language, while `englishText` gives the English for logs,
 * scripts, tests and the public API. Pure and client-safe (no server imports): lib/suitability uses it.
 */

const ENGLISH = { errors, validation };

/** Every message key of the `errors` and `validation` namespaces, checked at compile time. */
export type MessageKey = MessageKeys<typeof ENGLISH, NestedKeyOf<typeof ENGLISH>>;

export interface MessageRef {
  readonly key: MessageKey;
  readonly values?: MessageValues;
}

/**
 * Arguments of a message. Amounts, dates and other figures are formatted by the code before they are
 * passed, so every language shows them alike; a nested reference is rendered in the same language.
 */
export type MessageValues = Readonly<Record<string, string | number | MessageRef | MessageList>>;

/**
 * Messages rendered one after another, e.g. every problem of an application; `capitalize` starts the
 * result with a capital letter (a clause shown as a sentence; scripts without case are unchanged).
 */
export interface MessageList {
  readonly items: readonly UserMessage[];
  readonly separator: string;
  readonly capitalize?: boolean;
}

/**
 * A catalogue reference, or text shown as it is: zod's own English messages for checks that give
 * none, and words from outside the catalogue (an engine's message, a scenario's problems).
 */
export type UserMessage = MessageRef | string;

export function msg(key: MessageKey, values?: MessageValues): MessageRef {
  return values ? { key, values } : { key };
}

export function messageList(items: readonly UserMessage[], separator = " "): MessageList {
  return { items, separator };
}

/** A clause (a pure module's problem, lower case and without a full stop) as a sentence of its own. */
export function sentence(clause: UserMessage): MessageRef {
  return msg("validation.common.sentence", { clause: { items: [clause], separator: "", capitalize: true } });
}

export function isMessageRef(value: unknown): value is MessageRef {
  return typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
}

/** A problem a pure module reports: its English text, and its catalogue reference for the user's language. */
export interface Described {
  message: string;
  readonly ref: MessageRef;
}

/**
 * `fields` with the problem `ref` describes: `message` is its English text, as such results have
 * always read; `ref` is not enumerable, so the result still compares, logs and serialises as that
 * English, while a caller that answers a user takes `ref`.
 */
export function described<T extends object>(fields: T, ref: MessageRef): T & Described {
  return Object.defineProperty({ ...fields, message: englishText(ref) }, "ref", { value: ref, enumerable: false }) as T & Described;
}

/** One message in one language: `translate` is that language's translator (next-intl's t). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function renderMessage(message: UserMessage, translate: Translate): string {
  if (typeof message === "string") return message;
  if (!message.values) return translate(message.key);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.values)) {
    if (typeof value === "string" || typeof value === "number") values[name] = value;
    else if ("items" in value) values[name] = renderList(value, translate);
    else values[name] = renderMessage(value, translate);
  }
  return translate(message.key, values);
}

function renderList(list: MessageList, translate: Translate): string {
  const text = list.items.map((item) => renderMessage(item, translate)).join(list.separator);
  return list.capitalize ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

const english = createTranslator({ locale: "en", messages: ENGLISH });
const translateEnglish: Translate = (key, values) => english(key, values);

/** The English text of a message. */
export function englishText(message: UserMessage): string {
  return renderMessage(message, translateEnglish);
}

// ---- zod ----
//
// Zod keeps one message string per issue, and tests, scripts and the public API read it in English.
// So a schema's message is its English text, and the reference it came from travels beside it:
// - in a schema's declaration (`.min(1, zodMessage("validation.…"))`), the text is remembered with
//   its reference here, once per distinct text, when the schema is built;
// - in an issue raised while parsing (`ctx.addIssue({ code: "custom", ...zodIssue(ref) })`), where
//   the text may hold what the user typed, the reference rides in the issue's params instead.
// The transport then finds each issue's reference (issueMessage) and renders it in the reader's language.

const declared = new Map<string, MessageRef>();

/** A message for a schema's declaration: its English text, remembered with its reference. */
export function zodMessage(key: MessageKey, values?: MessageValues): string {
  const ref = msg(key, values);
  const text = englishText(ref);
  if (!declared.has(text)) declared.set(text, ref);
  return text;
}

/** The message and params of a custom issue raised while parsing. */
export function zodIssue(message: MessageRef): { message: string; params: { message: MessageRef } } {
  return { message: englishText(message), params: { message } };
}

/** What a zod issue says, as a reference when a schema gave it one, else zod's own (English) text. */
export function issueMessage(issue: { message: string; params?: unknown }): UserMessage {
  const carried = (issue.params as { message?: unknown } | undefined)?.message;
  if (isMessageRef(carried)) return carried;
  return declared.get(issue.message) ?? issue.message;
}

/** Each issue's message under the form field it belongs to (the first path segment, or "form"). */
export function issueMessagesByField(issues: readonly { path: readonly PropertyKey[]; message: string; params?: unknown }[]): Record<string, UserMessage[]> {
  const byField: Record<string, UserMessage[]> = {};
  for (const issue of issues) (byField[String(issue.path[0] ?? "form")] ??= []).push(issueMessage(issue));
  return byField;
}
