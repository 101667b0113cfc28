import { z } from "zod";
import { described, msg, zodMessage, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";

/** Input of a market parameter change: one parameter per request, typed as text by a person. */
const CHOOSE_MARKET = zodMessage("validation.common.chooseMarket");
const PATH_FORMAT = zodMessage("validation.parameters.pathFormat");

export const ChangeMarketParameterInput = z.object({
  market: z.string().trim().min(1, CHOOSE_MARKET).max(32, CHOOSE_MARKET),
  path: z
    .string()
    .trim()
    .min(1, zodMessage("validation.parameters.pathRequired"))
    .max(200, PATH_FORMAT)
    .regex(/^[A-Za-z][A-Za-z0-9]*(\[\d+\])*(\.[A-Za-z][A-Za-z0-9]*(\[\d+\])*)*$/, PATH_FORMAT),
  value: z
    .string()
    .trim()
    .min(1, zodMessage("validation.parameters.valueRequired"))
    .max(200, zodMessage("validation.parameters.valueTooLong", { max: 200 })),
  reason: z
    .string()
    .trim()
    .min(10, zodMessage("validation.parameters.reasonTooShort", { min: 10 }))
    .max(500, zodMessage("validation.common.reasonTooLong", { max: 500 })),
});
export type ChangeMarketParameterInput = z.input<typeof ChangeMarketParameterInput>;

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
