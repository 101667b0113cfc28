/**
 * Display formatting without floating point: prices arrive as integer ticks and sizes as integer
 * lots; money as decimal strings of micro-USD. Turning them into decimals is string arithmetic.
 */

/** ticks × tickSize as a decimal string, e.g. formatTicks(650001, "0.1") → "65,000.1". */
export function formatTicks(ticks: number, tickSize: string, grouping = true): string {
  return formatScaled(BigInt(ticks), tickSize, grouping);
}

/** lots × lotSize, e.g. formatLots(15, "0.001") → "0.015". */
export function formatLots(lots: number, lotSize: string): string {
  return formatScaled(BigInt(lots), lotSize, false);
}

/** An amount in an asset's minor units with `decimals` places, e.g. formatMinorUnits("10000050", 2) → "100,000.50". */
export function formatMinorUnits(amount: string | bigint, decimals: number): string {
  return formatScaled(typeof amount === "bigint" ? amount : BigInt(amount), decimals === 0 ? "1" : `0.${"0".repeat(decimals - 1)}1`, true);
}

/** Micro-USD (a decimal string or bigint) as dollars with cents, rounded toward zero: "1,234.56". */
export function formatUsdMicros(micros: string | bigint, decimals = 2): string {
  const value = typeof micros === "bigint" ? micros : BigInt(micros);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, "0").slice(0, decimals);
  return `${negative ? "−" : ""}${group(whole.toString())}${decimals > 0 ? "." + fraction : ""}`;
}

/** Parts-per-billion rate as a percentage with `decimals` places, e.g. 100000 ppb → "0.0100%". */
export function formatPpbPercent(ppb: string | bigint, decimals = 4): string {
  const value = typeof ppb === "bigint" ? ppb : BigInt(ppb);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  // percent = ppb / 1e7; keep `decimals` places, truncating.
  const scaled = (abs * 10n ** BigInt(decimals)) / 10_000_000n;
  const text = scaled.toString().padStart(decimals + 1, "0");
  const whole = text.slice(0, text.length - decimals);
  const fraction = text.slice(text.length - decimals);
  return `${negative ? "−" : ""}${whole}${decimals ? "." + fraction : ""}%`;
}

function formatScaled(units: bigint, step: string, grouping: boolean): string {
  const [intPart, fracPart = ""] = step.split(".");
  const decimals = fracPart.length;
  const stepUnits = BigInt(intPart + fracPart);
  const value = units * stepUnits;
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? "−" : ""}${grouping ? group(whole) : whole}${decimals ? "." + fraction : ""}`;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A ppb rate as an exact percentage, trailing zeros trimmed: 5_000_000 → "0.5%", 125_000 →
 * "0.0125%", 2_000_000_000 → "200%". For published parameters, where truncation would misstate them.
 */
export function formatPpbPercentExact(ppb: string | bigint): string {
  const text = formatPpbPercent(ppb, 7);
  return text.replace(/\.?0+%$/, "%");
}

/** Micro-USD exactly, at least cents, trailing zeros beyond them trimmed: 100 → "0.0001", 250_000_000 → "250.00". */
export function formatUsdMicrosExact(micros: string | bigint): string {
  const text = formatUsdMicros(micros, 6);
  return text.replace(/(\.\d\d\d*?)0+$/, "$1");
}

/** A ppb quantity as an exact decimal number, trailing zeros trimmed: 128_205_128 → "0.128205128", 1e9 → "1". */
export function formatPpbDecimal(ppb: string | bigint): string {
  const value = typeof ppb === "bigint" ? ppb : BigInt(ppb);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const fraction = (abs % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${negative ? "−" : ""}${group((abs / 1_000_000_000n).toString())}${fraction ? "." + fraction : ""}`;
}

/**
 * A duration in ms as its non-zero parts, e.g. 28_800_000 → "8 h", 11_525_000 → "3 h 12 min 5 s",
 * 250 → "250 ms", 0 → "0 s". Integer arithmetic only.
 */
export function formatDurationMs(ms: number): string {
  if (!Number.isSafeInteger(ms)) return "—";
  const negative = ms < 0;
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["min", 60_000], ["s", 1_000], ["ms", 1]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
  }
  if (parts.length === 0) return "0 s";
  return `${negative ? "−" : ""}${parts.join(" ")}`;
}

/**
 * The exact quotient n / d as a decimal, truncated toward zero after `decimals` places, with "…"
 * when digits were cut off: formatRatio(13n, 4n) → "3.25", formatRatio(2n, 3n, 3) → "0.666…".
 */
export function formatRatio(n: bigint, d: bigint, decimals = 4): string {
  if (d === 0n) throw new RangeError("formatRatio: division by zero");
  const negative = n < 0n !== d < 0n && n !== 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const scale = 10n ** BigInt(decimals);
  const scaled = (an * scale) / ad;
  const inexact = (an * scale) % ad !== 0n;
  const digits = scaled.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${negative ? "−" : ""}${group(whole)}${fraction ? "." + fraction : ""}${inexact ? "…" : ""}`;
}

/** Epoch ms as "2026-01-01 08:00:00 UTC" (with milliseconds when asked). */
export function formatUtc(ms: number, millis = false): string {
  return `${new Date(ms).toISOString().replace("T", " ").slice(0, millis ? 23 : 19)} UTC`;
}

/** An integer with thousands separators, e.g. 28800000 → "28,800,000" (bigint-safe). */
export function formatInteger(value: number | bigint | string): string {
  const text = typeof value === "string" ? value : value.toString();
  const negative = text.startsWith("-");
  return `${negative ? "−" : ""}${group(negative ? text.slice(1) : text)}`;
}
