import { z } from "zod";

/** Query parameters of the public market-data API; pure, so they are unit-tested on their own. */

export const MARK_TRAIL_MAX_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MARK_TRAIL_DEFAULT_WINDOW_MS = 60 * 60 * 1000;
/**
 * Records per mark-trail answer. Each record is parsed, projected and serialised on the web server's
 * event loop (about 0.1 ms each here), so an answer is kept to about 100 ms of it (issue 12 pt 3: at
 * 10,000 one answer stalled the loop for a second); the rest of a window is paged with afterSeq.
 */
export const MARK_TRAIL_MAX_ROWS = 1_000;
export const TRADES_DEFAULT_LIMIT = 100;
export const TRADES_MAX_LIMIT = 1_000;

export const FUNDING_DEFAULT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const FUNDING_MAX_WINDOW_MS = 366 * 24 * 60 * 60 * 1000;
export const FUNDING_MAX_ROWS = 1_000;

/** Ledger lines per market in the insurance-fund answer. */
export const INSURANCE_HISTORY_ROWS = 50;

/** Units of the figures in every public API answer. */
export const UNITS = {
  prices: "integer ticks of the market; USD = ticks × tickSize",
  sizes: "integer lots of the market; base units = lots × lotSize",
  money: "micro-USD (1e-6 USD) as a decimal string",
  rates: "ppb (parts per billion; 1e9 = 100 %) as a decimal string; funding rates are per funding interval",
  times: "epoch milliseconds of engine time",
  durations: "milliseconds",
} as const;

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An instant of engine time: epoch milliseconds, or an ISO 8601 date-time (UTC when it carries no
 * offset) so a plain HTML form with datetime-local inputs can ask for a window without JavaScript.
 * An empty value counts as absent (an empty form field).
 */
const instant = (name: string) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .max(40, `${name} must be epoch milliseconds or an ISO 8601 date-time such as 2026-01-01T08:00:00Z`)
      .transform((text, ctx) => {
        const ms = parseInstant(text);
        if (ms === null) {
          ctx.addIssue({ code: "custom", message: `${name} must be epoch milliseconds or an ISO 8601 date-time such as 2026-01-01T08:00:00Z (UTC unless an offset is given)` });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
  );

/** Epoch ms from "1767225600000" or "2026-01-01T08:00[:00[.000]][Z|±hh:mm]", or null (also for 31 Feb). */
export function parseInstant(text: string): number | null {
  if (/^\d{1,16}$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : null;
  }
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const part = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const milli = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Date.UTC rolls 31 Feb over into March; a real date survives the round trip.
  if (new Date(local).getUTCDate() !== day) return null;
  const zone = m[8];
  const offsetMin = zone === undefined || zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = local - offsetMin * 60_000;
  return ms >= 0 ? ms : null;
}

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

export const rawMarkTrail = z.strictObject(
  {
    from: instant("from"),
    to: instant("to"),
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
 * from/to: epoch ms of engine time (or ISO date-times), inclusive. Defaults: to = the engine's now, from = to − 1 h.
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

export const rawFunding = z.strictObject(
  {
    from: instant("from"),
    to: instant("to"),
    afterSeq: nonNegativeInt("afterSeq").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown query parameter ${issue.keys.join(", ")}; allowed: from, to, afterSeq` : undefined) },
);

export interface FundingHistoryQuery {
  from: number;
  to: number;
  afterSeq: number;
}

/**
 * Funding settlements by settlement time (engine time, inclusive). Defaults: to = the engine's
 * now, from = to − 7 days; the window may span up to 366 days.
 */
export function parseFundingHistoryQuery(params: URLSearchParams, engineNowMs: number): FundingHistoryQuery {
  return rawFunding
    .transform((q) => {
      const to = q.to ?? Math.max(engineNowMs, q.from ?? 0);
      const from = q.from ?? Math.max(0, to - FUNDING_DEFAULT_WINDOW_MS);
      return { from, to, afterSeq: q.afterSeq ?? 0 };
    })
    .refine((q) => q.to >= q.from, { message: "to must be ≥ from", path: ["to"] })
    .refine((q) => q.to - q.from <= FUNDING_MAX_WINDOW_MS, { message: `window must be ≤ 366 days (to − from ≤ ${FUNDING_MAX_WINDOW_MS} ms)`, path: ["to"] })
    .parse(single(params));
}

export const rawTrades = z.strictObject(
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
export function single(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) throw new z.ZodError([{ code: "custom", path: [key], message: `${key} must be given once`, input: values }]);
    out[key] = values[0];
  }
  return out;
}
