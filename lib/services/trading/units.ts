import { described, msg, type Described, type MessageKey, type MessageValues } from "@/lib/i18n/message-ref";

/**
 * Typed decimal inputs → the engine's integer units, exactly (string and bigint arithmetic, never a
 * float): USD prices → ticks, base-asset sizes → lots, collateral amounts → the asset's minor units.
 * A value that is not a whole number of units is refused with a message that says which values
 * would be, rather than rounded behind the client's back.
 */

/** A refused value: the problem in English (`message`) and in the catalogue (`ref`), for the client's language. */
export interface Refused extends Described {
  ok: false;
}
export type Converted = { ok: true; value: number } | Refused;
export type ConvertedBig = { ok: true; value: bigint } | Refused;

function refused(key: MessageKey, values?: MessageValues): Refused {
  return described({ ok: false as const }, msg(key, values));
}

/** What is typed: a price (USD), a size (base asset) or an amount (collateral). */
type Quantity = "price" | "size" | "amount";

interface Decimal {
  /** The digits without the point, as an integer. */
  units: bigint;
  /** Digits after the point. */
  scale: number;
}

const DECIMAL = /^\d+(\.\d+)?$|^\.\d+$/;

/** "60000.5" → { units: 600005n, scale: 1 }; undefined when the text is not a plain non-negative decimal. */
function parseDecimal(text: string): Decimal | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const [whole, fraction = ""] = trimmed.split(".");
  return { units: BigInt((whole || "0") + fraction), scale: fraction.length };
}

function describeProblem(text: string, what: Quantity, example: string): Refused | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return refused("validation.trading.quantity.missing", { what });
  if (trimmed.includes(",")) return refused("validation.trading.quantity.thousandsSeparator", { what, example });
  if (trimmed.startsWith("-")) return refused("validation.trading.quantity.notPositive", { what });
  if (!DECIMAL.test(trimmed)) return refused("validation.trading.quantity.notANumber", { what, example });
  return undefined;
}

/** a/b as a decimal string with the given scale (b divides exactly into 10^scale steps by construction). */
function scaledText(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, "0");
  return scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/**
 * How many `step`s `text` is, exactly: value / step must be a whole number ≥ 1 and a safe integer.
 * `step` is a decimal string from the market specification (tickSize, lotSize).
 */
function toSteps(text: string, step: string, what: Quantity, unit: string, example: string): Converted {
  const problem = describeProblem(text, what, example);
  if (problem) return problem;
  const value = parseDecimal(text)!;
  const stepDecimal = parseDecimal(step);
  if (!stepDecimal || stepDecimal.units <= 0n) throw new RangeError(`invalid step ${step}`);
  const scale = Math.max(value.scale, stepDecimal.scale);
  const v = value.units * 10n ** BigInt(scale - value.scale);
  const s = stepDecimal.units * 10n ** BigInt(scale - stepDecimal.scale);
  if (v === 0n) return refused("validation.trading.quantity.notPositive", { what });
  if (v % s !== 0n) {
    const below = (v / s) * s;
    const above = below + s;
    const outScale = stepDecimal.scale;
    const show = (x: bigint) => scaledText(x / 10n ** BigInt(scale - outScale), outScale);
    const nearest = below === 0n ? show(above) : msg("validation.trading.quantity.nearestEither", { below: show(below), above: show(above) });
    return refused("validation.trading.quantity.offStep", { what, text: text.trim(), unit, step, nearest });
  }
  const steps = v / s;
  if (steps > BigInt(Number.MAX_SAFE_INTEGER)) return refused("validation.trading.quantity.tooLarge", { what });
  return { ok: true, value: Number(steps) };
}

/** A USD price → ticks of `tickSize`; off-tick prices are refused. */
export function priceToTicks(text: string, tickSize: string): Converted {
  return toSteps(text, tickSize, "price", "USD", "60000.5");
}

/** A size in the base asset → lots of `lotSize`; sizes that are not whole lots are refused. */
export function sizeToLots(text: string, lotSize: string, baseAsset: string): Converted {
  return toSteps(text, lotSize, "size", baseAsset, "0.01");
}

/** An amount of a collateral asset → its minor units (`decimals` places, e.g. cents for 2). */
export function amountToMinorUnits(text: string, decimals: number, assetLabel: string): ConvertedBig {
  const problem = describeProblem(text, "amount", "1000.50");
  if (problem) return problem;
  const value = parseDecimal(text)!;
  if (value.scale > decimals)
    return refused("validation.trading.quantity.tooManyDecimals", { asset: assetLabel, decimals, text: text.trim(), scale: value.scale });
  const minor = value.units * 10n ** BigInt(decimals - value.scale);
  if (minor === 0n) return refused("validation.trading.quantity.notPositive", { what: "amount" });
  return { ok: true, value: minor };
}
