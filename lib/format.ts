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
