import { canonicalJson, docPathOf, fixedReason, flattenParameters, MARKET_PARAMETER_DOCS, type MarketSpecInput } from "../../engine/index";
import { formatParameterValue } from "../../parameter-format";

/**
 * MRG-5: the envelope a market's approval record carries — per changeable parameter, the bounds the
 * regulator approved. Values are text typed like the parameter (a bigint or an integer), so a bound
 * compares exactly with the value it bounds. Pure: the services, the seed and the pages share it.
 */

// Type aliases (not interfaces), so an envelope is assignable to a JSON column as it is.
export type EnvelopeBound = {
  min?: string;
  max?: string;
};
export type Envelope = Record<string, EnvelopeBound>;

export interface EnvelopeBreach {
  path: string;
  bound: "min" | "max";
  /** The value and the bound as the registry shows them (units applied). */
  shown: string;
  limitShown: string;
}

const WHOLE = /^-?\d{1,40}$/;

/** Numeric leaves of a spec's inputs that may change at runtime: what an envelope may bound. */
export function boundableParameters(input: MarketSpecInput): Map<string, bigint | number> {
  const out = new Map<string, bigint | number>();
  for (const [path, value] of flattenParameters(input)) {
    if (fixedReason(path) !== undefined) continue;
    if (typeof value === "bigint" || typeof value === "number") out.set(path, value);
  }
  return out;
}

const compare = (value: bigint | number, limit: string): number => {
  const a = typeof value === "bigint" ? value : BigInt(value);
  const b = BigInt(limit);
  return a < b ? -1 : a > b ? 1 : 0;
};

export function shownValue(path: string, value: unknown): string {
  const unit = MARKET_PARAMETER_DOCS[docPathOf(path)]?.unit ?? "";
  return formatParameterValue(typeof value === "bigint" ? value.toString() : value, unit, path);
}

/** Every bound of `envelope` the spec breaks, in the envelope's path order. */
export function envelopeBreaches(input: MarketSpecInput, envelope: Envelope): EnvelopeBreach[] {
  const values = boundableParameters(input);
  const out: EnvelopeBreach[] = [];
  for (const [path, bound] of Object.entries(envelope)) {
    const value = values.get(path);
    if (value === undefined) continue;
    if (bound.min !== undefined && compare(value, bound.min) < 0)
      out.push({ path, bound: "min", shown: shownValue(path, value), limitShown: shownValue(path, bound.min) });
    if (bound.max !== undefined && compare(value, bound.max) > 0)
      out.push({ path, bound: "max", shown: shownValue(path, value), limitShown: shownValue(path, bound.max) });
  }
  return out;
}

export type EnvelopeProblem =
  | { kind: "unknownPath"; path: string }
  | { kind: "notWhole"; path: string; text: string }
  | { kind: "minAboveMax"; path: string }
  | { kind: "empty"; path: string };

/**
 * Reads an envelope typed by an officer ([{ path, min?, max? }]) against the market's inputs: each path
 * must be a changeable numeric parameter, each bound a whole number in the parameter's unit, min ≤ max.
 */
export function parseEnvelope(
  input: MarketSpecInput,
  rows: ReadonlyArray<{ path: string; min?: string | null; max?: string | null }>,
): { ok: true; envelope: Envelope } | { ok: false; problems: EnvelopeProblem[] } {
  const values = boundableParameters(input);
  const envelope: Envelope = {};
  const problems: EnvelopeProblem[] = [];
  for (const row of rows) {
    const min = row.min?.trim() || undefined;
    const max = row.max?.trim() || undefined;
    if (!values.has(row.path) || Object.prototype.hasOwnProperty.call(envelope, row.path)) {
      problems.push({ kind: "unknownPath", path: row.path });
      continue;
    }
    if (min === undefined && max === undefined) {
      problems.push({ kind: "empty", path: row.path });
      continue;
    }
    const bad = [min, max].find((text) => text !== undefined && !WHOLE.test(text));
    if (bad !== undefined) {
      problems.push({ kind: "notWhole", path: row.path, text: bad });
      continue;
    }
    if (min !== undefined && max !== undefined && BigInt(min) > BigInt(max)) {
      problems.push({ kind: "minAboveMax", path: row.path });
      continue;
    }
    envelope[row.path] = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  }
  return problems.length ? { ok: false, problems } : { ok: true, envelope };
}

/** The envelope as stored (JSON), read back defensively: anything malformed is dropped, never trusted. */
export function envelopeOf(json: unknown): Envelope {
  const out: Envelope = {};
  if (json === null || typeof json !== "object" || Array.isArray(json)) return out;
  for (const [path, bound] of Object.entries(json as Record<string, unknown>)) {
    if (bound === null || typeof bound !== "object") continue;
    const { min, max } = bound as { min?: unknown; max?: unknown };
    const entry: EnvelopeBound = {};
    if (typeof min === "string" && WHOLE.test(min)) entry.min = min;
    if (typeof max === "string" && WHOLE.test(max)) entry.max = max;
    if (entry.min !== undefined || entry.max !== undefined) out[path] = entry;
  }
  return out;
}

/**
 * An envelope around a spec's values: each named parameter may move from `downPct` percent below to
 * `upPct` percent above its value (a negative value the other way round). Zero values stay unbounded.
 * The demo seed's envelopes are built with it.
 */
export function envelopeAround(input: MarketSpecInput, paths: readonly string[], downPct: bigint, upPct: bigint): Envelope {
  const values = boundableParameters(input);
  const envelope: Envelope = {};
  for (const path of paths) {
    const value = values.get(path);
    if (value === undefined || value === 0 || value === 0n) continue;
    const v = typeof value === "bigint" ? value : BigInt(value);
    const a = (v * (100n - downPct)) / 100n;
    const b = (v * (100n + upPct)) / 100n;
    envelope[path] = { min: (a < b ? a : b).toString(), max: (a < b ? b : a).toString() };
  }
  return envelope;
}

/** MRG-5: the canonical JSON a parameter hash is taken over (SHA-256 of this text). */
export function parameterHashText(input: MarketSpecInput): string {
  return canonicalJson(input);
}
