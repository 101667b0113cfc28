import { z } from "zod";

/** Input of a market parameter change (issue 6 pt 8): one parameter per request, typed as text by a person. */
export const ChangeMarketParameterInput = z.object({
  market: z.string().trim().min(1, "Choose a market.").max(32, "Choose a market."),
  path: z
    .string()
    .trim()
    .min(1, "Choose the parameter to change.")
    .max(200, "Write the parameter path as the registry shows it, e.g. fees.takerFeeRate.")
    .regex(/^[A-Za-z][A-Za-z0-9]*(\[\d+\])*(\.[A-Za-z][A-Za-z0-9]*(\[\d+\])*)*$/, "Write the parameter path as the registry shows it, e.g. fees.takerFeeRate."),
  value: z.string().trim().min(1, "Enter the new value.").max(200, "Keep the value under 200 characters."),
  reason: z.string().trim().min(10, "Say why the parameter changes (at least 10 characters); the reason is published in the change log.").max(500, "Keep the reason under 500 characters."),
});
export type ChangeMarketParameterInput = z.input<typeof ChangeMarketParameterInput>;

/**
 * The typed value of `text` for a parameter whose current value is `current`: the engine compares
 * types exactly, so the text is read in the current value's type — a whole number in the
 * parameter's own unit for bigints (ppb, micro-USD) and integers, the text itself for strings.
 * Objects are refused: change their leaves one by one (e.g. funding.cap.multiple).
 */
export function parseParameterValue(text: string, current: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const whole = /^-?\d+$/.test(text);
  switch (typeof current) {
    case "bigint":
      return whole ? { ok: true, value: BigInt(text) } : { ok: false, message: `Enter a whole number in the parameter's unit (e.g. ppb or micro-USD), got "${text}".` };
    case "number":
      return whole && Number.isSafeInteger(Number(text)) ? { ok: true, value: Number(text) } : { ok: false, message: `Enter a whole number, got "${text}".` };
    case "boolean":
      return text === "true" || text === "false" ? { ok: true, value: text === "true" } : { ok: false, message: 'Enter "true" or "false".' };
    case "string":
      return { ok: true, value: text };
    default:
      return { ok: false, message: "This parameter is a group of values: change its parts one by one (for example funding.cap.multiple)." };
  }
}
