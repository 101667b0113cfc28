import { described, msg, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";

/**
 * The typed value of `text` for a parameter whose current value is `current`: the engine compares
 * types exactly, so the text is read in the current value's type — a whole number in the
 * parameter's own unit for bigints (ppb, micro-USD) and integers, the text itself for strings.
 * Objects are refused: change their leaves one by one (e.g. funding.cap.multiple).
 */
export function parseParameterValue(text: string, current: unknown): { ok: true; value: unknown } | ({ ok: false } & Described) {
  const whole = /^-?\d+$/.test(text);
  switch (typeof current) {
    case "bigint":
      return whole ? { ok: true, value: BigInt(text) } : refused("validation.parameters.wholeNumberInUnit", { text });
    case "number":
      return whole && Number.isSafeInteger(Number(text)) ? { ok: true, value: Number(text) } : refused("validation.parameters.wholeNumber", { text });
    case "boolean":
      return text === "true" || text === "false" ? { ok: true, value: text === "true" } : refused("validation.parameters.trueOrFalse");
    case "string":
      return { ok: true, value: text };
    default:
      return refused("validation.parameters.group");
  }
}

/** A refused value: the problem in English (`message`) and in the catalogue (`ref`). */
function refused(key: MessageKey, values?: MessageValues): { ok: false } & Described {
  return described({ ok: false as const }, msg(key, values));
}
