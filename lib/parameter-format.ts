import { formatDurationMs, formatInteger, formatLots, formatPpbPercentExact, formatTicks, formatUsdMicrosExact, formatUtc, valueText } from "./format";

/**
 * How a published parameter value reads (DISC-1): by its documented unit (MARKET_PARAMETER_DOCS,
 * COLLATERAL_FIELD_DOCS), exactly — rates and money keep every digit. Values arrive as the public API
 * sends them: bigints as decimal strings. Client-safe.
 */

export interface MarketUnits {
  tickSize: string;
  lotSize: string;
  baseAsset: string;
}

/** Paths whose "ms" value is an instant, not a duration. */
const INSTANT = /(FromMs|ToMs|sinceMs)$/;

/** Engine configuration values put in words, so a page never shows the engine's own code (DISC-8). */
const ENUM_WORDS: Readonly<Record<string, string>> = {
  EPOCH_MULTIPLE: "aligned to whole multiples of the interval, counted from the epoch",
  LINEAR_PERPETUAL: "linear perpetual",
  MMR_MULTIPLE: "a multiple of the tier-1 maintenance margin rate",
  FIXED: "a fixed rate",
  FIAT: "fiat currency",
  HKMA_LICENSED_STABLECOIN: "stablecoin licensed by the HKMA",
  AI_TOKENIZED_DEPOSIT: "tokenized deposit of an authorized institution",
  // liquidation.closeOut (LIQ-1)
  full: "full: every position of an account in default is closed",
  partial: "partial: positions are closed until the account is back above maintenance margin",
};

/** An engine enum value in words when there are words for it, else as it is. */
export function enumWords(text: string): string {
  return ENUM_WORDS[text] ?? text;
}

/** A rule object such as the funding cap ({ kind: "MMR_MULTIPLE", multiple } or { kind: "FIXED", rate }) in words. */
function ruleWords(value: object): string | null {
  if (!("kind" in value)) return null;
  const rule = value as { kind: unknown; multiple?: unknown; rate?: unknown };
  if (rule.kind === "MMR_MULTIPLE" && typeof rule.multiple === "string" && /^\d+$/.test(rule.multiple))
    return `± ${formatPpbPercentExact(rule.multiple)} of the tier-1 maintenance margin rate`;
  if (rule.kind === "FIXED" && typeof rule.rate === "string" && /^\d+$/.test(rule.rate)) return `± ${formatPpbPercentExact(rule.rate)}`;
  return null;
}

export function formatParameterValue(value: unknown, unit: string, path: string, market?: MarketUnits): string {
  if (value === null || value === undefined) return path.endsWith("ToMs") ? "open-ended" : "—";
  if (typeof value === "object") {
    const words = ruleWords(value);
    if (words) return words;
  }
  const text = valueText(value);
  const integer = /^-?\d+$/.test(text);
  switch (unit) {
    case "ppb":
      return integer ? formatPpbPercentExact(text) : text;
    case "micro-USD":
      return integer ? `${formatUsdMicrosExact(text)} USD` : text;
    case "ms":
      if (!integer) return text;
      return INSTANT.test(path) ? formatUtc(Number(text)) : formatDurationMs(Number(text));
    case "minor units":
      return integer ? `${formatInteger(text)} minor units` : text;
    case "x (leverage)":
      return `${text}x`;
    case "lots":
      return market && integer
        ? `${Number(text).toLocaleString("en-US")} lots (${formatLots(Number(text), market.lotSize)} ${market.baseAsset})`
        : `${text} lots`;
    case "ticks":
      return market && integer ? `${Number(text).toLocaleString("en-US")} ticks (${formatTicks(Number(text), market.tickSize)} USD)` : `${text} ticks`;
    case "USD (decimal string)":
      return `${text} USD`;
    case "base units (decimal string)":
      return market ? `${text} ${market.baseAsset}` : text;
    case "enum":
      return typeof value === "boolean" ? (value ? "yes" : "no") : enumWords(text);
    default:
      return typeof value === "boolean" ? (value ? "yes" : "no") : text;
  }
}

/** A fraction parameter { numerator, denominator } as "2/3". */
export function formatFraction(value: { numerator: number; denominator: number }): string {
  return `${value.numerator}/${value.denominator}`;
}
