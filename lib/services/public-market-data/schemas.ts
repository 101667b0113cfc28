import { z } from "zod";
import { msg, zodIssue, zodMessage, type MessageRef } from "@/lib/i18n/message-ref";
import { TRADE_FLAG_FILTERS } from "@/lib/wire/trade-filter";

/**
 * Inputs of the public market-data services, typed (numbers are numbers): the route handlers read
 * them from the query string (lib/transport/public-query.ts), the disclosure pages pass them
 * directly. Pure, so they are unit-tested on their own. A refusal is a ZodError whose first issue
 * says what is wrong; the public routes answer it with 400 and that message in English (the API's
 * documented words), the disclosure pages show it in the reader's language (validation.publicApi).
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
/**
 * Journal rows one answer reads at most while searching. A rare flag may match nothing for a long
 * stretch; the answer then stops here and hands back a cursor, so a request costs a bounded time and
 * the caller pages on through the whole history.
 */
export const TRADES_SEARCH_MAX_SCANNED = 50_000;

export const FUNDING_DEFAULT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const FUNDING_MAX_WINDOW_MS = 366 * 24 * 60 * 60 * 1000;
export const FUNDING_MAX_ROWS = 1_000;

export const MINUTES_DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MINUTES_MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
/** Minute rows per answer: one day of one market. */
export const MINUTES_MAX_ROWS = 1_440;

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
const NAME_A_MARKET = zodMessage("validation.publicApi.marketRequired");
export const MarketSymbol = z
  .string({ error: NAME_A_MARKET })
  .min(1, NAME_A_MARKET)
  .max(64, zodMessage("validation.publicApi.marketTooLong", { max: 64 }));

/** A whole number in [min, Number.MAX_SAFE_INTEGER], with the one message for every way of missing it. */
const wholeNumber = (message: string, min: number) => z.number({ error: message }).int(message).min(min, message).max(Number.MAX_SAFE_INTEGER, message);

/** An instant of engine time, epoch milliseconds (the query string also takes ISO 8601 date-times; see lib/transport/public-query.ts). */
const instant = (name: "from" | "to") => wholeNumber(zodMessage("validation.publicApi.instant", { name }), 0);

/** A paging cursor: records after this journal seq. */
const afterSeq = wholeNumber(zodMessage("validation.publicApi.afterSeq"), 0);

export const MarkTrailFormat = z.enum(["json", "csv"], { error: zodMessage("validation.publicApi.format") });

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

export const GetMarketMinutesInput = z.object({
  symbol: MarketSymbol,
  /** Engine time, inclusive: the minutes starting in [from, to]. Default: to − 24 h. */
  from: instant("from").optional(),
  /** Default: the engine's now. */
  to: instant("to").optional(),
});
export type GetMarketMinutesInput = z.input<typeof GetMarketMinutesInput>;

export interface Window {
  from: number;
  to: number;
}

/**
 * A history query's window in engine time: `to` defaults to the engine's now (or `from`, when that is
 * later) and `from` to `defaultMs` before `to`; then it must not run backwards or be wider than
 * `maxMs`. Throws a ZodError that says which.
 */
function resolveWindow(query: { from?: number; to?: number }, engineNowMs: number, defaultMs: number, maxMs: number, tooWide: MessageRef): Window {
  const to = query.to ?? Math.max(engineNowMs, query.from ?? 0);
  const from = query.from ?? Math.max(0, to - defaultMs);
  const refuse = (message: MessageRef) => new z.ZodError([{ code: "custom", path: ["to"], input: query, ...zodIssue(message) }]);
  if (to < from) throw refuse(msg("validation.publicApi.windowBackwards"));
  if (to - from > maxMs) throw refuse(tooWide);
  return { from, to };
}

/** The mark-trail window: the last hour by default, at most 24 h. */
export function markTrailWindow(query: { from?: number; to?: number }, engineNowMs: number): Window {
  return resolveWindow(
    query,
    engineNowMs,
    MARK_TRAIL_DEFAULT_WINDOW_MS,
    MARK_TRAIL_MAX_WINDOW_MS,
    msg("validation.publicApi.markTrailWindow", { maxMs: MARK_TRAIL_MAX_WINDOW_MS }),
  );
}

/** The funding-history window: the last 7 days by default, at most 366 days. */
export function fundingWindow(query: { from?: number; to?: number }, engineNowMs: number): Window {
  return resolveWindow(
    query,
    engineNowMs,
    FUNDING_DEFAULT_WINDOW_MS,
    FUNDING_MAX_WINDOW_MS,
    msg("validation.publicApi.fundingWindow", { maxMs: FUNDING_MAX_WINDOW_MS }),
  );
}

/** The minute-series window: the last 24 h by default, at most 31 days. */
export function minutesWindow(query: { from?: number; to?: number }, engineNowMs: number): Window {
  return resolveWindow(
    query,
    engineNowMs,
    MINUTES_DEFAULT_WINDOW_MS,
    MINUTES_MAX_WINDOW_MS,
    msg("validation.publicApi.minutesWindow", { maxMs: MINUTES_MAX_WINDOW_MS }),
  );
}

const LIMIT_POSITIVE = zodMessage("validation.publicApi.limit");

export const ListTradesInput = z
  .object({
    symbol: MarketSymbol,
    limit: z
      .number({ error: LIMIT_POSITIVE })
      .int(LIMIT_POSITIVE)
      .min(1, LIMIT_POSITIVE)
      .max(TRADES_MAX_LIMIT, zodMessage("validation.publicApi.limitTooLarge", { max: TRADES_MAX_LIMIT }))
      .default(TRADES_DEFAULT_LIMIT),
    /** Only trades with a journal seq below this (the next page). */
    before: wholeNumber(zodMessage("validation.publicApi.before"), 1).optional(),
    /** Every flag named must hold (lib/wire/trade-filter.ts). */
    flags: z
      .array(z.enum(TRADE_FLAG_FILTERS, { error: zodMessage("validation.publicApi.tradeFlag", { flags: TRADE_FLAG_FILTERS.join(", ") }) }))
      .max(TRADE_FLAG_FILTERS.length, zodMessage("validation.publicApi.tradeFlag", { flags: TRADE_FLAG_FILTERS.join(", ") }))
      .default([]),
    side: z.enum(["buy", "sell"], { error: zodMessage("validation.publicApi.side") }).optional(),
    minLots: wholeNumber(zodMessage("validation.publicApi.lots", { name: "minLots" }), 1).optional(),
    maxLots: wholeNumber(zodMessage("validation.publicApi.lots", { name: "maxLots" }), 1).optional(),
    /** Engine time: from inclusive, to exclusive. */
    from: instant("from").optional(),
    to: instant("to").optional(),
  })
  .refine((input) => input.minLots === undefined || input.maxLots === undefined || input.minLots <= input.maxLots, {
    message: zodMessage("validation.publicApi.lotsBackwards"),
    path: ["maxLots"],
  })
  .refine((input) => input.from === undefined || input.to === undefined || input.from < input.to, {
    message: zodMessage("validation.publicApi.tradesWindowBackwards"),
    path: ["to"],
  });
export type ListTradesInput = z.input<typeof ListTradesInput>;

export const SEQ_REQUIRED = zodMessage("validation.publicApi.seqRequired");
const SEQ_POSITIVE = zodMessage("validation.publicApi.seq");

export const GetMarketAtInput = z.object({
  symbol: MarketSymbol,
  /** The journal event to recompute the market at. */
  seq: z
    .number({ error: (issue) => (issue.input === undefined ? SEQ_REQUIRED : SEQ_POSITIVE) })
    .int(SEQ_POSITIVE)
    .min(1, SEQ_POSITIVE)
    .max(Number.MAX_SAFE_INTEGER, SEQ_POSITIVE),
});
export type GetMarketAtInput = z.input<typeof GetMarketAtInput>;

/** Input of the verbs about one market and nothing else (its parameters, its distance to ADL). */
export const MarketInput = z.object({ symbol: MarketSymbol });
export type MarketInput = z.input<typeof MarketInput>;

/** The most markets one multiplexed stream follows (more than the platform lists). */
export const STREAM_MAX_MARKETS = 32;

export const MarketsInput = z.object({
  symbols: z
    .array(MarketSymbol)
    .min(1, NAME_A_MARKET)
    .max(STREAM_MAX_MARKETS, zodMessage("validation.publicApi.tooManyMarkets", { max: STREAM_MAX_MARKETS }))
    .refine((symbols) => new Set(symbols).size === symbols.length, zodMessage("validation.publicApi.marketRepeated")),
});
export type MarketsInput = z.input<typeof MarketsInput>;

export const PARAMETER_SCOPES = ["platform", "market", "collateral"] as const;

export const ParameterScopeFilter = z.enum(PARAMETER_SCOPES, { error: zodMessage("validation.publicApi.scope", { scopes: PARAMETER_SCOPES.join(", ") }) });
export const ParameterMarketFilter = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, zodMessage("validation.publicApi.marketFilter"));

export const GetParametersInput = z
  .object({
    /** Only this market's parameters and changes (implies scope "market"). */
    market: ParameterMarketFilter.optional(),
    scope: ParameterScopeFilter.optional(),
  })
  .refine((v) => !(v.market && v.scope && v.scope !== "market"), { message: zodMessage("validation.publicApi.marketWithScope"), path: ["scope"] })
  .transform((v) => ({ market: v.market, scope: v.market ? ("market" as const) : v.scope }));
export type GetParametersInput = z.input<typeof GetParametersInput>;

/** How the historical recomputation (/markets/{symbol}/at) refuses, as the API answers and its reference documents it. */
export const HISTORY_REFUSALS = {
  "too-far": { status: 422, code: "REPLAY_TOO_LONG" },
  busy: { status: 503, code: "HISTORY_BUSY" },
  timeout: { status: 503, code: "HISTORY_TIMEOUT" },
  unavailable: { status: 503, code: "HISTORY_UNAVAILABLE" },
} as const;
