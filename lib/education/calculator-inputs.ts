/**
 * The education calculators' text inputs, read exactly into the engine's integer units: a price into
 * ticks, a size into lots, USD into micro-USD, a percentage into ppb. String and bigint arithmetic
 * only, never a float. A value that is not exactly representable (too many decimals, off the tick or
 * lot grid, beyond the engine's range) is refused with the reason, never rounded. Pure and
 * browser-safe: the calculators run in the reader's browser.
 */

/** Why a typed value was refused; the page words each one in the reader's language. */
export type InputProblem =
  | "missing"
  | "tooLong"
  | "thousandsSeparator"
  | "negative"
  | "notANumber"
  | "zero"
  | "tooManyDecimals"
  | "offStep"
  | "tooLarge"
  | "aboveCap"
  | "aboveLimit";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: InputProblem; limit?: string };

/** Longer text than this is refused before it is read: no figure a calculator takes needs more characters. */
export const MAX_INPUT_LENGTH = 32;

const UNSIGNED_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

interface Decimal {
  negative: boolean;
  /** value = units / 10^scale, units ≥ 0. */
  units: bigint;
  scale: number;
}

/** Plain decimal notation ("60000.5", "-0.01", ".5" is refused); the sign only when `signed`. */
function readDecimal(text: string, signed: boolean): Parsed<Decimal> {
  const trimmed = text.trim();
  if (trimmed === "") return refused("missing");
  if (trimmed.length > MAX_INPUT_LENGTH) return refused("tooLong");
  if (trimmed.includes(",")) return refused("thousandsSeparator");
  const negative = trimmed.startsWith("-") || trimmed.startsWith("−");
  if (negative && !signed) return refused("negative");
  const body = negative || trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  const match = UNSIGNED_DECIMAL.exec(body);
  if (!match) return refused("notANumber");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return { ok: true, value: { negative, units: BigInt(match[1] + fraction), scale: fraction.length } };
}

/**
 * A non-negative quantity as a whole number of `step`s (a tick size or a lot size, e.g. "0.1"),
 * between 1 and `maxSteps`: "60000.1" with step "0.1" → 600001.
 */
export function parseSteps(text: string, step: string, maxSteps: number): Parsed<number> {
  const read = readDecimal(text, false);
  if (!read.ok) return read;
  const stepRead = readDecimal(step, false);
  if (!stepRead.ok || stepRead.value.units === 0n) throw new RangeError(`invalid step ${step}`);
  const scale = Math.max(read.value.scale, stepRead.value.scale);
  const value = read.value.units * 10n ** BigInt(scale - read.value.scale);
  const unit = stepRead.value.units * 10n ** BigInt(scale - stepRead.value.scale);
  if (value === 0n) return refused("zero");
  if (value % unit !== 0n) return refused("offStep", step);
  const steps = value / unit;
  if (steps > BigInt(maxSteps)) return refused("tooLarge");
  return { ok: true, value: Number(steps) };
}

/**
 * A decimal at `scale` places as an integer (USD at 6 → micro-USD; a percentage at 7 → ppb), with
 * |value| ≤ `max` (in the same units) and, unless `signed`, > 0.
 */
export function parseScaled(text: string, scale: number, max: bigint, options: { signed?: boolean } = {}): Parsed<bigint> {
  const read = readDecimal(text, options.signed ?? false);
  if (!read.ok) return read;
  if (read.value.scale > scale) return refused("tooManyDecimals", String(scale));
  const magnitude = read.value.units * 10n ** BigInt(scale - read.value.scale);
  if (magnitude > max) return refused("tooLarge");
  if (magnitude === 0n && !options.signed) return refused("zero");
  return { ok: true, value: read.value.negative ? -magnitude : magnitude };
}

/** A whole count between 1 and `max` ("21"). */
export function parseCount(text: string, max: number): Parsed<number> {
  const read = readDecimal(text, false);
  if (!read.ok) return read;
  if (read.value.scale > 0) return refused("tooManyDecimals", "0");
  if (read.value.units === 0n) return refused("zero");
  if (read.value.units > BigInt(max)) return refused("tooLarge");
  return { ok: true, value: Number(read.value.units) };
}

function refused(problem: InputProblem, limit?: string): { ok: false; problem: InputProblem; limit?: string } {
  return limit === undefined ? { ok: false, problem } : { ok: false, problem, limit };
}
