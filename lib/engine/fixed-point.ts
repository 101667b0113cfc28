/**
 * Units and exact arithmetic for the engine (see docs/engine-design.md, "Units").
 *
 * - money: `bigint` micro-USD (`USD = 1_000_000n`)
 * - rates (margin, funding, fees, haircuts, premium, FX): `bigint` parts per billion (`RATE_ONE`)
 * - prices: safe-integer ticks of a market's `tickSize`; sizes: safe-integer lots of its `lotSize`
 *
 * Nothing here touches floating point: decimal strings are parsed digit by digit, and every
 * division names its rounding. The rounding *policy* (who gets the rounding) lives with the callers:
 * requirements on the client round up, credits to the client round down.
 */

/** One US dollar in micro-USD. */
export const USD = 1_000_000n;
/** Decimal places of the money unit (micro-USD). */
export const MONEY_DECIMALS = 6;
/** A rate of 1 (100 %) in parts per billion. */
export const RATE_ONE = 1_000_000_000n;
/** Decimal places of the rate unit (ppb). */
export const RATE_DECIMALS = 9;
/** 1 % in ppb; handy for writing and reading configuration. */
export const PERCENT = 10_000_000n;

/** Largest price in ticks any market may allow (int32, so typed-array indexes stay possible). */
export const MAX_PRICE_TICKS = 2_147_483_647;
/** Largest order or position size in lots any market may allow (int32). */
export const MAX_LOTS = 2_147_483_647;

/** Rounding mode of a division; always chosen explicitly by the caller. */
export type Rounding = "floor" | "ceil" | "halfEven";

/** Thrown for malformed decimal strings and other unit errors. */
export class FixedPointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FixedPointError";
  }
}

// ---------------------------------------------------------------------------------------------
// Division with named rounding
// ---------------------------------------------------------------------------------------------

/**
 * ⌊n / d⌋ toward −∞ (bigint `/` truncates toward zero, which is wrong for negatives). One bigint
 * division: truncation is already the floor when n and d have the same sign (or n = 0); otherwise
 * shifting n by d ∓ 1 toward the divisor's side turns truncation into the floor.
 */
export function divFloor(n: bigint, d: bigint): bigint {
  if (d > 0n) return n >= 0n ? n / d : (n - d + 1n) / d;
  if (d === 0n) throw new RangeError("division by zero");
  return n <= 0n ? n / d : (n - d - 1n) / d;
}

/** ⌈n / d⌉ toward +∞; one bigint division (see divFloor). */
export function divCeil(n: bigint, d: bigint): bigint {
  if (d > 0n) return n <= 0n ? n / d : (n + d - 1n) / d;
  if (d === 0n) throw new RangeError("division by zero");
  return n >= 0n ? n / d : (n + d + 1n) / d;
}

/** n / d rounded to nearest, ties to even (banker's rounding: no drift over many operations). */
export function divHalfEven(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("division by zero");
  const q = divFloor(n, d);
  // r has the sign of d and |r| < |d|, so 2|r| vs |d| decides.
  const r = n - q * d;
  const twice = abs(2n * r);
  const ad = abs(d);
  if (twice > ad) return q + 1n;
  if (twice < ad) return q;
  return q % 2n === 0n ? q : q + 1n;
}

/** n / d with the named rounding. */
export function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  switch (rounding) {
    case "floor":
      return divFloor(n, d);
    case "ceil":
      return divCeil(n, d);
    case "halfEven":
      return divHalfEven(n, d);
  }
}

/** ⌊a·b / d⌋ (toward −∞), exact: the product is never rounded. */
export function mulDivFloor(a: bigint, b: bigint, d: bigint): bigint {
  return divFloor(a * b, d);
}

/** ⌈a·b / d⌉ (toward +∞), exact. */
export function mulDivCeil(a: bigint, b: bigint, d: bigint): bigint {
  return divCeil(a * b, d);
}

/** a·b / d rounded half-to-even, exact. */
export function mulDivHalfEven(a: bigint, b: bigint, d: bigint): bigint {
  return divHalfEven(a * b, d);
}

/** a·b / d with the named rounding. */
export function mulDiv(a: bigint, b: bigint, d: bigint, rounding: Rounding): bigint {
  return divRound(a * b, d, rounding);
}

/** amount × rate (ppb) in money units with the named rounding; e.g. fee = applyRate(N, taker, "ceil"). */
export function applyRate(amount: bigint, ratePpb: bigint, rounding: Rounding): bigint {
  return divRound(amount * ratePpb, RATE_ONE, rounding);
}

export function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Clamp x into [lo, hi] (requires lo ≤ hi). */
export function clampBig(x: bigint, lo: bigint, hi: bigint): bigint {
  if (lo > hi) throw new RangeError(`clampBig: lo ${lo} > hi ${hi}`);
  return x < lo ? lo : x > hi ? hi : x;
}

export function pow10(exp: number): bigint {
  if (!Number.isSafeInteger(exp) || exp < 0) throw new RangeError(`pow10: bad exponent ${exp}`);
  return 10n ** BigInt(exp);
}

// ---------------------------------------------------------------------------------------------
// Decimal strings ↔ scaled integers
// ---------------------------------------------------------------------------------------------

// Plain decimal notation only: no exponent, no thousands separators, no leading "+" or ".5",
// so a configuration value reads the same on the methodology page as it does in the code.
const DECIMAL_RE = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** A decimal string split into an integer mantissa and its number of decimal places. */
export interface DecimalParts {
  /** value = units / 10^scale */
  units: bigint;
  scale: number;
}

/**
 * Split a decimal string into `units / 10^scale` with trailing zeros removed, e.g. "0.10" → {1n, 1}.
 * Throws FixedPointError on anything that is not plain decimal notation.
 */
export function decimalParts(str: string): DecimalParts {
  if (typeof str !== "string") throw new FixedPointError(`expected a decimal string, got ${typeof str}`);
  const m = DECIMAL_RE.exec(str);
  if (!m) throw new FixedPointError(`not a plain decimal number: "${str}"`);
  const [, sign, intPart, fracRaw = ""] = m;
  const frac = fracRaw.replace(/0+$/, "");
  let units = BigInt(intPart + frac);
  if (sign === "-") units = -units;
  return { units, scale: frac.length };
}

/**
 * Parse a decimal string to an exact integer at `scale` decimal places, e.g.
 * parseDecimal("0.0004", 9) = 400_000n. Excess precision is an error, never rounded away:
 * parseDecimal("0.1234567", 6) throws. Trailing zeros beyond the scale are accepted ("1.500", 1).
 */
export function parseDecimal(str: string, scale: number): bigint {
  if (!Number.isSafeInteger(scale) || scale < 0) throw new RangeError(`parseDecimal: bad scale ${scale}`);
  const p = decimalParts(str);
  if (p.scale > scale) {
    throw new FixedPointError(`"${str}" has more than ${scale} decimal places`);
  }
  return p.units * pow10(scale - p.scale);
}

/** "12.34" USD → 12_340_000n micro-USD (exact; more than 6 decimals throws). */
export function parseMoney(str: string): bigint {
  return parseDecimal(str, MONEY_DECIMALS);
}

/** A rate written as a fraction, "0.0004" → 400_000n ppb. */
export function parseRate(str: string): bigint {
  return parseDecimal(str, RATE_DECIMALS);
}

/** A rate written in percent, "0.04" (%) → 400_000n ppb. */
export function parsePercent(str: string): bigint {
  return parseDecimal(str, RATE_DECIMALS - 2);
}

/** Whole dollars or a decimal USD string to micro-USD; for writing configuration legibly. */
export function usd(amount: string | number): bigint {
  if (typeof amount === "number") {
    if (!Number.isSafeInteger(amount)) throw new FixedPointError(`usd(): ${amount} is not a safe integer; pass a string`);
    return BigInt(amount) * USD;
  }
  return parseMoney(amount);
}

/** Percent string to ppb; for writing configuration legibly: pct("0.40") = 4_000_000n. */
export function pct(percent: string): bigint {
  return parsePercent(percent);
}

export interface FormatOptions {
  /** Keep at least this many decimals (pads with zeros); trailing zeros beyond it are trimmed. */
  minFractionDigits?: number;
}

/** Format `value / 10^scale` exactly as a decimal string, e.g. formatDecimal(-1_500n, 3) = "-1.5". */
export function formatDecimal(value: bigint, scale: number, opts: FormatOptions = {}): string {
  if (!Number.isSafeInteger(scale) || scale < 0) throw new RangeError(`formatDecimal: bad scale ${scale}`);
  const neg = value < 0n;
  const digits = abs(value)
    .toString()
    .padStart(scale + 1, "0");
  const intPart = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale);
  const minFrac = Math.min(opts.minFractionDigits ?? 0, scale);
  let end = frac.length;
  while (end > minFrac && frac[end - 1] === "0") end--;
  frac = frac.slice(0, end);
  const body = frac.length > 0 ? `${intPart}.${frac}` : intPart;
  return neg && value !== 0n ? `-${body}` : body;
}

/** micro-USD → "8700.00" (at least two decimals, up to six, exact). */
export function formatMoney(micro: bigint): string {
  return formatDecimal(micro, MONEY_DECIMALS, { minFractionDigits: 2 });
}

/** ppb → fraction string, 400_000n → "0.0004". */
export function formatRate(ppb: bigint): string {
  return formatDecimal(ppb, RATE_DECIMALS);
}

/** ppb → percent string, 400_000n → "0.04%". */
export function formatPercent(ppb: bigint): string {
  return `${formatDecimal(ppb, RATE_DECIMALS - 2)}%`;
}

/** A price in ticks → decimal string in quote currency, formatTicks(650_123, "0.1") = "65012.3". */
export function formatTicks(ticks: number, tickSize: string): string {
  if (!Number.isSafeInteger(ticks)) throw new FixedPointError(`formatTicks: ${ticks} is not a safe integer`);
  const t = decimalParts(tickSize);
  return formatDecimal(BigInt(ticks) * t.units, t.scale, { minFractionDigits: t.scale });
}

/** A size in lots → decimal string in base units, formatLots(1_500, "0.001") = "1.500". */
export function formatLots(lots: number, lotSize: string): string {
  return formatTicks(lots, lotSize);
}

/**
 * Exact decimal string → integer count of `step` (a tick or a lot), e.g. toSteps("65012.3", "0.1")
 * = 650_123. Throws when the value is not an exact multiple of the step: prices off the tick grid are
 * an input error, not something to round silently.
 */
export function toSteps(value: string, step: string): number {
  const v = decimalParts(value);
  const s = decimalParts(step);
  if (s.units <= 0n) throw new FixedPointError(`step must be positive, got "${step}"`);
  const scale = Math.max(v.scale, s.scale);
  const vn = v.units * pow10(scale - v.scale);
  const sn = s.units * pow10(scale - s.scale);
  if (vn % sn !== 0n) throw new FixedPointError(`"${value}" is not a multiple of ${step}`);
  const n = vn / sn;
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new FixedPointError(`"${value}" / ${step} is not a safe integer`);
  }
  return Number(n);
}

/** Decimal price string → ticks (exact multiple required). */
export function priceToTicks(price: string, tickSize: string): number {
  return toSteps(price, tickSize);
}

/** Decimal size string → lots (exact multiple required). */
export function sizeToLots(size: string, lotSize: string): number {
  return toSteps(size, lotSize);
}

// ---------------------------------------------------------------------------------------------
// Market-unit arithmetic
// ---------------------------------------------------------------------------------------------

/**
 * Money value of one tick × one lot in micro-USD, exact, or null when that is not an integer
 * (config validation rejects such a market). BTC-PERP: 0.1 USD × 0.001 = 0.0001 USD = 100n.
 */
export function tickLotValueOf(tickSize: string, lotSize: string): bigint | null {
  const t = decimalParts(tickSize);
  const l = decimalParts(lotSize);
  const num = t.units * l.units * USD;
  const den = pow10(t.scale + l.scale);
  return num % den === 0n ? num / den : null;
}

/**
 * Notional in micro-USD = priceTicks × lots × tickLotValue, exact. `lots` may be signed (a short
 * position's notional is negative); callers that need a magnitude take `abs`.
 */
export function notional(priceTicks: number, lots: number, tickLotValue: bigint): bigint {
  return BigInt(priceTicks) * BigInt(lots) * tickLotValue;
}

/** A valid price: a safe integer in 1 … max (default MAX_PRICE_TICKS). */
export function isSafeTicks(x: unknown, max: number = MAX_PRICE_TICKS): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 1 && x <= max;
}

/** A valid order size: a safe integer in 1 … max (default MAX_LOTS). */
export function isSafeLots(x: unknown, max: number = MAX_LOTS): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 1 && x <= max;
}

/** A bigint-valued rate in [lo, hi] ppb (inclusive). */
export function isRateWithin(x: unknown, lo: bigint, hi: bigint): x is bigint {
  return typeof x === "bigint" && x >= lo && x <= hi;
}

/**
 * A bigint ticks value (from a division) back to a safe-integer price, clamped to 1 … max so a
 * derived price can never leave the book's domain. Clamping is reported to the caller by returning
 * the clamped value; derived prices this far out only arise from absurd inputs.
 */
export function ticksFromBig(x: bigint, max: number = MAX_PRICE_TICKS): number {
  if (x < 1n) return 1;
  if (x > BigInt(max)) return max;
  return Number(x);
}
