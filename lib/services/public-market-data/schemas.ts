import { z } from "zod";

/** Query parameters of the public market-data API; pure, so they are unit-tested on their own. */

export const MARK_TRAIL_MAX_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MARK_TRAIL_DEFAULT_WINDOW_MS = 60 * 60 * 1000;
export const MARK_TRAIL_MAX_ROWS = 10_000;
export const TRADES_DEFAULT_LIMIT = 100;
export const TRADES_MAX_LIMIT = 1_000;

const epochMs = (name: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be an epoch-millisecond integer`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n), `${name} must be an epoch-millisecond integer`);

const positiveInt = (name: string, max?: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a positive integer`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= 1, `${name} must be a positive integer`)
    .refine((n) => max === undefined || n <= max, `${name} must be ≤ ${max}`);

const nonNegativeInt = (name: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a non-negative integer`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n), `${name} must be a non-negative integer`);

const rawMarkTrail = z.strictObject(
  {
    from: epochMs("from").optional(),
    to: epochMs("to").optional(),
    format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv"' }).default("json"),
    afterSeq: nonNegativeInt("afterSeq").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown query parameter ${issue.keys.join(", ")}; allowed: from, to, format, afterSeq` : undefined) },
);

export interface MarkTrailQuery {
  from: number;
  to: number;
  format: "json" | "csv";
  afterSeq: number;
}

/**
 * from/to: epoch ms of engine time, inclusive. Defaults: to = the engine's now, from = to − 1 h.
 * Throws a ZodError whose first issue says what is wrong.
 */
export function parseMarkTrailQuery(params: URLSearchParams, engineNowMs: number): MarkTrailQuery {
  return rawMarkTrail
    .transform((q) => {
      const to = q.to ?? Math.max(engineNowMs, q.from ?? 0);
      const from = q.from ?? Math.max(0, to - MARK_TRAIL_DEFAULT_WINDOW_MS);
      return { from, to, format: q.format, afterSeq: q.afterSeq ?? 0 };
    })
    .refine((q) => q.to >= q.from, { message: "to must be ≥ from", path: ["to"] })
    .refine((q) => q.to - q.from <= MARK_TRAIL_MAX_WINDOW_MS, { message: "window must be ≤ 24 h (to − from ≤ 86400000 ms)", path: ["to"] })
    .parse(single(params));
}

const rawTrades = z.strictObject(
  {
    limit: positiveInt("limit", TRADES_MAX_LIMIT).optional(),
    before: positiveInt("before").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown query parameter ${issue.keys.join(", ")}; allowed: limit, before` : undefined) },
);

export interface TradesQuery {
  limit: number;
  /** Only trades with a journal seq below this. */
  before: number | undefined;
}

export function parseTradesQuery(params: URLSearchParams): TradesQuery {
  const q = rawTrades.parse(single(params));
  return { limit: q.limit ?? TRADES_DEFAULT_LIMIT, before: q.before };
}

/** Query string → object; a parameter given twice is refused rather than silently picked. */
function single(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) throw new z.ZodError([{ code: "custom", path: [key], message: `${key} must be given once`, input: values }]);
    out[key] = values[0];
  }
  return out;
}
