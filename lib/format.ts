/**
 * Display formatting without floating point: prices arrive as integer ticks and sizes as integer
 * lots; money as decimal strings of micro-USD. Turning them into decimals is string arithmetic.
 *
 * Figures given as text are formatted in time linear in their length, by slicing and never by a
 * regular expression that can backtrack: a stored figure of a million digits (an absurd deposit
 * accepted before amounts were bounded) renders in milliseconds instead of freezing the server.
 * (formatRatio divides the bigints it is given; its callers pass the engine's own bounded figures.)
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
  const { sign, digits } = integerParts(amount);
  const [whole, fraction] = movePoint(digits, decimals);
  return `${sign}${group(whole)}${decimals ? "." + fraction : ""}`;
}

/** Micro-USD (a decimal string or bigint) as dollars with cents, rounded toward zero: "1,234.56". */
export function formatUsdMicros(micros: string | bigint, decimals = 2): string {
  const { sign, digits } = integerParts(micros);
  const [whole, fraction] = movePoint(digits, 6);
  return `${sign}${group(whole)}${decimals > 0 ? "." + fraction.slice(0, decimals) : ""}`;
}

/** Parts-per-billion rate as a percentage with `decimals` places, e.g. 100000 ppb → "0.0100%". */
export function formatPpbPercent(ppb: string | bigint, decimals = 4): string {
  const { sign, digits } = integerParts(ppb);
  // percent = ppb / 1e7; keep `decimals` places, truncating.
  const [whole, fraction] = movePoint(digits, 7);
  return `${sign}${whole}${decimals ? "." + fraction.padEnd(decimals, "0").slice(0, decimals) : ""}%`;
}

/**
 * The sign ("−" or "") and the digits without leading zeros of an integer given as a bigint or as
 * decimal text. Text is read by slicing rather than converted to a bigint and back, which for a
 * very long figure costs far more than the formatting itself.
 */
function integerParts(value: string | bigint): { sign: string; digits: string } {
  let text = typeof value === "bigint" ? value.toString() : value.trim();
  if (!/^[+-]?\d*$/.test(text)) text = BigInt(text).toString();
  const negative = text.startsWith("-");
  let start = negative || text.startsWith("+") ? 1 : 0;
  while (start < text.length - 1 && text.charCodeAt(start) === 48) start++;
  const digits = text.slice(start) || "0";
  return { sign: negative && digits !== "0" ? "−" : "", digits };
}

/** Digits ÷ 10^places as [whole, fraction], the fraction exactly `places` digits long. */
function movePoint(digits: string, places: number): [string, string] {
  const padded = digits.padStart(places + 1, "0");
  return [padded.slice(0, padded.length - places), padded.slice(padded.length - places)];
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

const ascii = new TextDecoder();

/** Thousands separators in one pass over the digits, written byte by byte (no per-group strings). */
function group(digits: string): string {
  const length = digits.length;
  if (length <= 3) return digits;
  const head = length % 3 || 3;
  const out = new Uint8Array(length + Math.floor((length - 1) / 3));
  let k = 0;
  for (let i = 0; i < length; i++) {
    if (i >= head && (i - head) % 3 === 0) out[k++] = 44; // ","
    out[k++] = digits.charCodeAt(i);
  }
  return ascii.decode(out);
}

/** `text` without trailing "0"s, keeping at least `keep` characters. */
function trimZeros(text: string, keep = 0): string {
  let end = text.length;
  while (end > keep && text.charCodeAt(end - 1) === 48) end--;
  return text.slice(0, end);
}

/**
 * A ppb rate as an exact percentage, trailing zeros trimmed: 5_000_000 → "0.5%", 125_000 →
 * "0.0125%", 2_000_000_000 → "200%". For published parameters, where truncation would misstate them.
 */
export function formatPpbPercentExact(ppb: string | bigint): string {
  const text = formatPpbPercent(ppb, 7);
  const [whole, fraction] = text.slice(0, -1).split(".");
  const kept = trimZeros(fraction);
  return `${whole}${kept ? "." + kept : ""}%`;
}

/** Micro-USD exactly, at least cents, trailing zeros beyond them trimmed: 100 → "0.0001", 250_000_000 → "250.00". */
export function formatUsdMicrosExact(micros: string | bigint): string {
  const text = formatUsdMicros(micros, 6);
  const point = text.indexOf(".");
  return text.slice(0, point + 1) + trimZeros(text.slice(point + 1), 2);
}

/** A ppb quantity as an exact decimal number, trailing zeros trimmed: 128_205_128 → "0.128205128", 1e9 → "1". */
export function formatPpbDecimal(ppb: string | bigint): string {
  const { sign, digits } = integerParts(ppb);
  const [whole, fraction] = movePoint(digits, 9);
  const kept = trimZeros(fraction);
  return `${sign}${group(whole)}${kept ? "." + kept : ""}`;
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
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1_000],
    ["ms", 1],
  ] as const) {
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
  const fraction = trimZeros(digits.slice(digits.length - decimals));
  return `${negative ? "−" : ""}${group(whole)}${fraction ? "." + fraction : ""}${inexact ? "…" : ""}`;
}

/**
 * Times are shown in UTC everywhere (engine time is UTC, and a reader in another zone compares
 * figures with the API's), never in the browser's zone. Each function gives "—" for a value that is
 * not a time, instead of throwing in the middle of a render.
 */
interface UtcParts {
  date: string;
  time: string;
  millis: string;
}

function utcParts(ms: number): UtcParts | null {
  const date = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(date.getTime())) return null;
  const two = (n: number) => String(n).padStart(2, "0");
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, "0") : String(year);
  return {
    date: `${yearText}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`,
    time: `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`,
    millis: String(date.getUTCMilliseconds()).padStart(3, "0"),
  };
}

/** Epoch ms as "2026-01-01 08:00:00 UTC" (with milliseconds when asked). */
export function formatUtc(ms: number, millis = false): string {
  const parts = utcParts(ms);
  return parts ? `${parts.date} ${parts.time}${millis ? `.${parts.millis}` : ""} UTC` : "—";
}

/** Epoch ms as the UTC time of day, "08:00:00 UTC"; `zone` false drops " UTC" (a chart axis that names the zone once). */
export function formatUtcTime(ms: number, zone = true): string {
  const parts = utcParts(ms);
  return parts ? `${parts.time}${zone ? " UTC" : ""}` : "—";
}

/** Epoch ms as UTC month, day and minute, "01-31 08:00": a chart axis over days. */
export function formatUtcDayMinute(ms: number): string {
  const parts = utcParts(ms);
  return parts ? `${parts.date.slice(-5)} ${parts.time.slice(0, 5)}` : "—";
}

/** Epoch ms as the value of an <input type="datetime-local" step="1"> holding that instant in UTC, "2026-01-31T08:00:00"; "" when not a time. */
export function formatUtcInputValue(ms: number): string {
  const parts = utcParts(ms);
  return parts ? `${parts.date}T${parts.time}` : "";
}

/** An integer with thousands separators, e.g. 28800000 → "28,800,000" (bigint-safe). */
export function formatInteger(value: number | bigint | string): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) return value.toLocaleString("en-US");
  const { sign, digits } = integerParts(typeof value === "number" ? BigInt(value) : value);
  return `${sign}${group(digits)}`;
}

/** A configuration or journal value of any kind as text: objects as JSON, never "[object Object]". */
export function valueText(value: unknown): string {
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  if (typeof value === "function" || typeof value === "symbol") return typeof value;
  return String(value);
}
