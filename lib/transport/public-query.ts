import { z } from "zod";
import type { TradeFlagFilter } from "@/lib/wire/trade-filter";
import {
  MarkTrailFormat,
  ParameterMarketFilter,
  ParameterScopeFilter,
  SEQ_REQUIRED,
  type GetFundingHistoryInput,
  type GetMarketAtInput,
  type GetMarketMinutesInput,
  type GetMarkTrailInput,
  type GetParametersInput,
  type ListTradesInput,
  type MarketsInput,
} from "@/lib/services/public-market-data/schemas";

/**
 * Query strings of the public API → the typed input of its services. Only what HTTP adds is decided
 * here: each parameter at most once, no unknown parameters, an empty value (an unselected form
 * field) counts as absent, and text becomes numbers (epoch milliseconds or ISO 8601 date-times,
 * integers). What the values may be (ranges, windows, enums) is the service's schema, so a page that
 * calls the service directly is held to the same rules. A refusal is a ZodError whose first issue
 * says what is wrong; withPublicRoute answers it with 400 and that message.
 *
 * The words here are the public API's, in English (a machine interface documented in English), and
 * they name what was sent (a parameter's name), so they are not catalogue messages; a page that reads
 * its query string through here shows them as they are, which only a hand-edited address provokes.
 */

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

/** A page's `searchParams` as a query string, so a page's GET form is read exactly as the API reads it. */
export function searchParamsOf(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

/** Without the parameters left empty (an unselected form field means "no filter"). */
function present(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ""));
}

const unknownKeys = (allowed: string) => (issue: { code: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys" ? `unknown query parameter ${issue.keys!.join(", ")}; allowed: ${allowed}` : undefined;

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

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

/**
 * An instant of engine time as text: epoch milliseconds, or an ISO 8601 date-time (UTC when it
 * carries no offset) so a plain HTML form with datetime-local inputs can ask for a window without
 * JavaScript. An empty value counts as absent (an empty form field).
 */
const instantText = (name: string) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .max(40, `${name} must be epoch milliseconds or an ISO 8601 date-time such as 2026-01-01T08:00:00Z`)
      .transform((text, ctx) => {
        const ms = parseInstant(text);
        if (ms === null) {
          ctx.addIssue({
            code: "custom",
            message: `${name} must be epoch milliseconds or an ISO 8601 date-time such as 2026-01-01T08:00:00Z (UTC unless an offset is given)`,
          });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
  );

/** Digits → a safe integer; the service's schema decides the range. */
const integerText = (name: string, kind: "positive" | "non-negative") =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a ${kind} integer`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n), `${name} must be a ${kind} integer`)
    .optional();

const markTrailQuery = z.strictObject(
  { from: instantText("from"), to: instantText("to"), format: MarkTrailFormat.optional(), afterSeq: integerText("afterSeq", "non-negative") },
  { error: unknownKeys("from, to, format, afterSeq") },
);

/** GET /api/public/markets/{symbol}/mark-trail?from=&to=&format=json|csv&afterSeq= */
export function markTrailInput(symbol: string, params: URLSearchParams): GetMarkTrailInput {
  return { symbol, ...markTrailQuery.parse(single(params)) };
}

const fundingQuery = z.strictObject(
  { from: instantText("from"), to: instantText("to"), afterSeq: integerText("afterSeq", "non-negative") },
  { error: unknownKeys("from, to, afterSeq") },
);

/** GET /api/public/markets/{symbol}/funding?from=&to=&afterSeq= */
export function fundingHistoryInput(symbol: string, params: URLSearchParams): GetFundingHistoryInput {
  return { symbol, ...fundingQuery.parse(single(params)) };
}

const minutesQuery = z.strictObject({ from: instantText("from"), to: instantText("to") }, { error: unknownKeys("from, to") });

/** GET /api/public/markets/{symbol}/minutes?from=&to= */
export function marketMinutesInput(symbol: string, params: URLSearchParams): GetMarketMinutesInput {
  return { symbol, ...minutesQuery.parse(single(params)) };
}

const tradesQuery = z.strictObject(
  {
    limit: integerText("limit", "positive"),
    before: integerText("before", "positive"),
    /** Comma-separated; the service's schema names the allowed flags. */
    flags: z
      .string()
      .max(100, "flags is too long")
      .transform((text) => text.split(",").filter((flag) => flag !== "") as TradeFlagFilter[])
      .optional(),
    side: z.enum(["buy", "sell"], { error: 'side must be "buy" or "sell"' }).optional(),
    minLots: integerText("minLots", "positive"),
    maxLots: integerText("maxLots", "positive"),
    from: instantText("from"),
    to: instantText("to"),
  },
  { error: unknownKeys("limit, before, flags, side, minLots, maxLots, from, to") },
);

/** GET /api/public/markets/{symbol}/trades?limit=&before=&flags=&side=&minLots=&maxLots=&from=&to= */
export function tradesInput(symbol: string, params: URLSearchParams): ListTradesInput {
  return { symbol, ...tradesQuery.parse(present(single(params))) };
}

const marketAtQuery = z.strictObject(
  {
    seq: z
      .string({ error: SEQ_REQUIRED })
      .regex(/^\d{1,15}$/, "seq must be a positive integer")
      .transform(Number),
  },
  { error: unknownKeys("seq") },
);

/** GET /api/public/markets/{symbol}/at?seq= */
export function marketAtInput(symbol: string, params: URLSearchParams): GetMarketAtInput {
  return { symbol, ...marketAtQuery.parse(single(params)) };
}

const parametersQuery = z.strictObject(
  { market: ParameterMarketFilter.optional(), scope: ParameterScopeFilter.optional() },
  { error: unknownKeys("market, scope") },
);

/** GET /api/public/parameters?market=&scope= and the /disclosures/parameters filter form. */
export function parametersInput(params: URLSearchParams): GetParametersInput {
  return parametersQuery.parse(present(single(params)));
}

const streamQuery = z.strictObject(
  {
    markets: z.string({ error: "markets is required: comma-separated market symbols such as BTC-PERP,ETH-PERP" }).max(2_000, "markets is too long"),
    lastEventId: z.string().max(2_000, "lastEventId is too long").optional(),
  },
  { error: unknownKeys("markets, lastEventId") },
);

/** GET /api/public/stream?markets=A,B[&lastEventId=] (the resume cursor is read by the transport). */
export function streamMarketsInput(params: URLSearchParams): MarketsInput {
  const { markets } = streamQuery.parse(single(params));
  return { symbols: markets.split(",").filter((symbol) => symbol !== "") };
}
