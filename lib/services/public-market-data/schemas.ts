import { z } from "zod";

/**
 * Inputs of the public market-data services, typed (numbers are numbers): the route handlers read
 * them from the query string (lib/transport/public-query.ts), the disclosure pages pass them
 * directly. Pure, so they are unit-tested on their own. A refusal is a ZodError whose first issue
 * says what is wrong; the public routes answer it with 400 and that message.
 */

export const MARK_TRAIL_MAX_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MARK_TRAIL_DEFAULT_WINDOW_MS = 60 * 60 * 1000;
/**
 * Records per mark-trail answer. Each record is parsed, projected and serialised on the web server's
 * event loop (about 0.1 ms each here), so an answer is kept to about 100 ms of it (at 10,000 one
 * answer stalled the loop for a second); the rest of a window is paged with afterSeq.
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

/**
 * A market as named in a path. Any symbol the engine does not run is answered with 404 and the list
 * of markets (marketSpec), so only the length is bounded here.
 */
export const MarketSymbol = z.string({ error: "name a market, such as BTC-PERP" }).min(1, "name a market, such as BTC-PERP").max(64, "a market symbol has at most 64 characters");

/** A whole number in [min, Number.MAX_SAFE_INTEGER], with the one message for every way of missing it. */
const wholeNumber = (message: string, min: number) => z.number({ error: message }).int(message).min(min, message).max(Number.MAX_SAFE_INTEGER, message);

/** An instant of engine time, epoch milliseconds (the query string also takes ISO 8601 date-times; see lib/transport/public-query.ts). */
const instant = (name: string) => wholeNumber(`${name} must be epoch milliseconds or an ISO 8601 date-time such as 2026-01-01T08:00:00Z`, 0);

/** A paging cursor: records after this journal seq. */
const afterSeq = wholeNumber("afterSeq must be a non-negative integer", 0);

export const MarkTrailFormat = z.enum(["json", "csv"], { error: 'format must be "json" or "csv"' });

export const GetMarkTrailInput = z.object({
  symbol: MarketSymbol,
  /** Engine time, inclusive. Default: to − 1 h. */
  from: instant("from").optional(),
  /** Engine time, inclusive. Default: the engine's now. */
  to: instant("to").optional(),
  format: MarkTrailFormat.default("json"),
  afterSeq: afterSeq.optional(),
});
export type GetMarkTrailInput = z.input<typeof GetMarkTrailInput>;

export const GetFundingHistoryInput = z.object({
  symbol: MarketSymbol,
  /** Settlement time, engine time, inclusive. Default: to − 7 days. */
  from: instant("from").optional(),
  /** Default: the engine's now. */
  to: instant("to").optional(),
  afterSeq: afterSeq.optional(),
});
export type GetFundingHistoryInput = z.input<typeof GetFundingHistoryInput>;

export interface Window {
  from: number;
  to: number;
}

/**
 * A history query's window in engine time: `to` defaults to the engine's now (or `from`, when that is
 * later) and `from` to `defaultMs` before `to`; then it must not run backwards or be wider than
 * `maxMs`. Throws a ZodError that says which.
 */
function resolveWindow(query: { from?: number; to?: number }, engineNowMs: number, defaultMs: number, maxMs: number, tooWide: string): Window {
  const to = query.to ?? Math.max(engineNowMs, query.from ?? 0);
  const from = query.from ?? Math.max(0, to - defaultMs);
  const refuse = (message: string) => new z.ZodError([{ code: "custom", path: ["to"], message, input: query }]);
  if (to < from) throw refuse("to must be ≥ from");
  if (to - from > maxMs) throw refuse(tooWide);
  return { from, to };
}

/** The mark-trail window: the last hour by default, at most 24 h. */
export function markTrailWindow(query: { from?: number; to?: number }, engineNowMs: number): Window {
  return resolveWindow(query, engineNowMs, MARK_TRAIL_DEFAULT_WINDOW_MS, MARK_TRAIL_MAX_WINDOW_MS, `window must be ≤ 24 h (to − from ≤ ${MARK_TRAIL_MAX_WINDOW_MS} ms)`);
}

/** The funding-history window: the last 7 days by default, at most 366 days. */
export function fundingWindow(query: { from?: number; to?: number }, engineNowMs: number): Window {
  return resolveWindow(query, engineNowMs, FUNDING_DEFAULT_WINDOW_MS, FUNDING_MAX_WINDOW_MS, `window must be ≤ 366 days (to − from ≤ ${FUNDING_MAX_WINDOW_MS} ms)`);
}

export const ListTradesInput = z.object({
  symbol: MarketSymbol,
  limit: z
    .number({ error: "limit must be a positive integer" })
    .int("limit must be a positive integer")
    .min(1, "limit must be a positive integer")
    .max(TRADES_MAX_LIMIT, `limit must be ≤ ${TRADES_MAX_LIMIT}`)
    .default(TRADES_DEFAULT_LIMIT),
  /** Only trades with a journal seq below this (the next page). */
  before: wholeNumber("before must be a positive integer", 1).optional(),
});
export type ListTradesInput = z.input<typeof ListTradesInput>;

export const SEQ_REQUIRED = "seq is required: the journal event sequence number to recompute at";

export const GetMarketAtInput = z.object({
  symbol: MarketSymbol,
  /** The journal event to recompute the market at. */
  seq: z
    .number({ error: (issue) => (issue.input === undefined ? SEQ_REQUIRED : "seq must be a positive integer") })
    .int("seq must be a positive integer")
    .min(1, "seq must be a positive integer")
    .max(Number.MAX_SAFE_INTEGER, "seq must be a positive integer"),
});
export type GetMarketAtInput = z.input<typeof GetMarketAtInput>;

/** Input of the verbs about one market and nothing else (its parameters, its distance to ADL). */
export const MarketInput = z.object({ symbol: MarketSymbol });
export type MarketInput = z.input<typeof MarketInput>;

export const PARAMETER_SCOPES = ["platform", "market", "collateral"] as const;

export const ParameterScopeFilter = z.enum(PARAMETER_SCOPES, { error: `scope must be one of ${PARAMETER_SCOPES.join(", ")}` });
export const ParameterMarketFilter = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, "market must be a market symbol such as BTC-PERP");

export const GetParametersInput = z
  .object({
    /** Only this market's parameters and changes (implies scope "market"). */
    market: ParameterMarketFilter.optional(),
    scope: ParameterScopeFilter.optional(),
  })
  .refine((v) => !(v.market && v.scope && v.scope !== "market"), { message: "market filters market parameters: leave scope out or set it to market", path: ["scope"] })
  .transform((v) => ({ market: v.market, scope: v.market ? ("market" as const) : v.scope }));
export type GetParametersInput = z.input<typeof GetParametersInput>;
