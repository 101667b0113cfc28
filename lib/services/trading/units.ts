/**
 * Typed decimal inputs → the engine's integer units, exactly (string and bigint arithmetic, never a
 * float): USD prices → ticks, base-asset sizes → lots, collateral amounts → the asset's minor units.
 * A value that is not a whole number of units is refused with a message that says which values
 * would be, rather than rounded behind the client's back.
 */

export type Converted = { ok: true; value: number } | { ok: false; message: string };
export type ConvertedBig = { ok: true; value: bigint } | { ok: false; message: string };

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

function describeProblem(text: string, what: string, example: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return `Enter the ${what}.`;
  if (trimmed.includes(",")) return `Write the ${what} with digits and a decimal point only, without thousands separators (e.g. ${example}).`;
  if (trimmed.startsWith("-")) return `The ${what} must be greater than zero.`;
  if (!DECIMAL.test(trimmed)) return `The ${what} must be a number such as ${example}.`;
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
function toSteps(text: string, step: string, what: string, unit: string, example: string): Converted {
  const problem = describeProblem(text, what, example);
  if (problem) return { ok: false, message: problem };
  const value = parseDecimal(text)!;
  const stepDecimal = parseDecimal(step);
  if (!stepDecimal || stepDecimal.units <= 0n) throw new RangeError(`invalid step ${step}`);
  const scale = Math.max(value.scale, stepDecimal.scale);
  const v = value.units * 10n ** BigInt(scale - value.scale);
  const s = stepDecimal.units * 10n ** BigInt(scale - stepDecimal.scale);
  if (v === 0n) return { ok: false, message: `The ${what} must be greater than zero.` };
  if (v % s !== 0n) {
    const below = (v / s) * s;
    const above = below + s;
    const outScale = stepDecimal.scale;
    const show = (x: bigint) => scaledText(x / 10n ** BigInt(scale - outScale), outScale);
    const nearest = below === 0n ? `${show(above)}` : `${show(below)} or ${show(above)}`;
    return { ok: false, message: `The ${what} ${text.trim()} ${unit} is not a multiple of ${step} ${unit}; use e.g. ${nearest}.` };
  }
  const steps = v / s;
  if (steps > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: `The ${what} is too large.` };
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
  if (problem) return { ok: false, message: problem };
  const value = parseDecimal(text)!;
  if (value.scale > decimals) {
    return { ok: false, message: `${assetLabel} has ${decimals} decimal place${decimals === 1 ? "" : "s"}; the amount ${text.trim()} has ${value.scale}.` };
  }
  const minor = value.units * 10n ** BigInt(decimals - value.scale);
  if (minor === 0n) return { ok: false, message: "The amount must be greater than zero." };
  return { ok: true, value: minor };
}
