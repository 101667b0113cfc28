import { MAX_REPLAY_EVENTS } from "@/lib/simulation/feed-replay";
import { PUBLIC_KINDS, RECENT_TRADES } from "@/lib/wire/market-stream";
import { TRADE_FLAG_FILTERS } from "@/lib/wire/trade-filter";
import { LIVE_SNAPSHOT_EVERY_COMMANDS, STATE_AT_LIMITS } from "@/lib/simulation/state-at-limits";
import {
  FUNDING_DEFAULT_WINDOW_MS,
  FUNDING_MAX_ROWS,
  FUNDING_MAX_WINDOW_MS,
  INSURANCE_HISTORY_ROWS,
  MARK_TRAIL_DEFAULT_WINDOW_MS,
  MARK_TRAIL_MAX_ROWS,
  MARK_TRAIL_MAX_WINDOW_MS,
  MINUTES_DEFAULT_WINDOW_MS,
  MINUTES_MAX_ROWS,
  MINUTES_MAX_WINDOW_MS,
  TRADES_DEFAULT_LIMIT,
  TRADES_MAX_LIMIT,
  TRADES_SEARCH_MAX_SCANNED,
  STREAM_MAX_MARKETS,
  UNITS,
} from "@/lib/services/public-market-data/schemas";
import { PUBLIC_API_LIMIT } from "./rate-limit";
import { SSE_HEARTBEAT_MS, SSE_MAX_BACKLOG_BYTES } from "./sse";

/**
 * The public API's reference: what /disclosures/api shows. Every limit is read from
 * the constant the code enforces, and a test checks that each route under app/api/public has exactly
 * one entry here with the rate-limit family its handler uses, so the reference cannot drift from the
 * routes.
 */

export interface ApiParameter {
  name: string;
  description: string;
}

export interface ApiEndpoint {
  /** As documented, with `{symbol}` for the market. */
  path: string;
  /** The route file that serves it. */
  routeFile: string;
  /** The rate-limit family (each family has its own allowance per client). */
  family: string;
  /** What the answer is: JSON, JSON or CSV, or an event stream. */
  format: "JSON" | "JSON or CSV" | "Server-Sent Events";
  summary: string;
  parameters: ApiParameter[];
  returns: string;
  /** Requirement ids the endpoint serves. */
  requirements: string[];
  /** A query string worth trying (appended to the path with the first market's symbol). */
  exampleQuery?: string;
}

const hours = (ms: number) => ms / 3_600_000;
const days = (ms: number) => ms / 86_400_000;
const count = (n: number) => n.toLocaleString("en-US");
const sentence = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}.`;

const WINDOW_INSTANT =
  "engine time, inclusive, as epoch milliseconds or an ISO 8601 date-time such as 2026-01-01T08:00:00Z (UTC unless it carries an offset; encode + as %2B)";

export const PUBLIC_API_RATE_LIMIT = {
  requests: PUBLIC_API_LIMIT.limit,
  windowSeconds: PUBLIC_API_LIMIT.windowMs / 1000,
  text: `At most ${PUBLIC_API_LIMIT.limit} requests per ${PUBLIC_API_LIMIT.windowMs / 1000} seconds per client IP address for each endpoint family (the address the connection comes from, or the one the portal's own reverse proxies report; IPv6 addresses count per /64 network), shared by every web instance of the portal. Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; past the limit the answer is 429 with Retry-After in seconds. For the event stream the limit counts connection attempts; an open stream costs nothing further.`,
};

export const PUBLIC_API_CONVENTIONS: Array<{ term: string; meaning: string }> = [
  { term: "Access", meaning: "Free, no sign-in, no key. Only GET. JSON answers are sent with Cache-Control: no-store." },
  // The same wording every JSON answer carries in its "units" object.
  { term: "Prices", meaning: sentence(UNITS.prices) },
  { term: "Sizes", meaning: sentence(UNITS.sizes) },
  { term: "Money", meaning: sentence(UNITS.money) },
  { term: "Rates", meaning: sentence(UNITS.rates) },
  { term: "Times", meaning: sentence(UNITS.times) },
  {
    term: "Sequence numbers",
    meaning:
      "seq is the engine journal's event number. Every live figure carries the seq it describes, and /markets/{symbol}/at recomputes the market at any seq, so a page or a stream can be checked against the engine's own record.",
  },
  {
    term: "Privacy",
    meaning: "No answer carries an account id. Trades carry counterparty-class flags instead (affiliated market maker, liquidation, backstop, ADL).",
  },
  {
    term: "Errors",
    meaning:
      'A JSON body { "error": "…", "code": "…" }: 400 for a bad query parameter (the message says which and why; an unknown or repeated parameter is refused), 404 for an unknown market (the body lists the markets in "markets"), 422 for a historical query beyond the per-request cost ceiling, 429 past the rate limit, 503 when this web instance runs no engine, the database does not answer, historical recomputation is busy, or too many public API requests are already waiting (then with Retry-After).',
  },
];

export const PUBLIC_API_ENDPOINTS: ApiEndpoint[] = [
  {
    path: "/api/public/markets",
    routeFile: "app/api/public/markets/route.ts",
    family: "markets",
    format: "JSON",
    summary: "Every market's key figures.",
    parameters: [],
    returns:
      "markets[]: symbol, tickSize, lotSize, last, mark, index, bestBid, bestAsk (ticks), predictedFundingRate and lastFundingRate (ppb), nextFundingMs, openInterestLots {long, short}, volume24h {fromMs, toMs, trades, lots, notional} over the last 1,440 minutes of engine time (the current minute included, from the per-minute rollups), insuranceFundBalance.",
    requirements: ["DISC-1", "DISC-2"],
  },
  {
    path: "/api/public/markets/{symbol}",
    routeFile: "app/api/public/markets/[symbol]/route.ts",
    family: "market",
    format: "JSON",
    summary: "One market's parameters with their inputs.",
    parameters: [],
    returns:
      "spec: the market's configuration as the engine runs it (tick, lot, margin tiers with the derived initialMarginRate and maintenanceAmount, funding parameters with the derived capRate and impactNotional, index sources and weights, mark, liquidation and fee parameters); parameterDocs (label, unit and meaning of each parameter); figures (the engine's market view); index: the latest index tick with each source's price, usedPrice, ageMs, weight, status and reason; mark: the latest mark tick with its inputs {index, p1, p2, last, bestBid, bestAsk}, which one was chosen and whether a fallback applied.",
    requirements: ["DISC-1", "DISC-2", "LIQ-3"],
  },
  {
    path: "/api/public/markets/{symbol}/mark-trail",
    routeFile: "app/api/public/markets/[symbol]/mark-trail/route.ts",
    family: "mark-trail",
    format: "JSON or CSV",
    summary: "The audit trail of every index and mark tick in a window, with all their inputs.",
    parameters: [
      {
        name: "from, to",
        description: `${WINDOW_INSTANT}. Default: the last ${hours(MARK_TRAIL_DEFAULT_WINDOW_MS)} hour up to the engine's now; to − from at most ${hours(MARK_TRAIL_MAX_WINDOW_MS)} hours.`,
      },
      { name: "format", description: "json (default) or csv." },
      { name: "afterSeq", description: "Paging cursor: only records after this seq." },
    ],
    returns: `Every IndexTick and MarkTick in the window, oldest first, from the journal. A mark tick carries everything it was computed from (inputs {index, p1, p2, last, bestBid, bestAsk, fundingRate, msToFunding, intervalMs, basisAverage}, chosen, fallback), so anyone can redo it; ticks journaled before the last four inputs were recorded lack them. At most ${count(MARK_TRAIL_MAX_ROWS)} records per answer: truncated: true and next give the next page (on CSV a Link: rel="next" header and X-Truncated). CSV: a header row, then one row per mark tick, per index tick and per index source (kind = mark, index, index_source). When the window reaches into the archived part of the journal, archived {throughSeq, throughMs, note} says which records are not served (null otherwise; on CSV an X-Archived-Through-Seq header); the minute series gives per-minute mark and index for any period.`,
    requirements: ["DISC-2", "LIQ-3"],
    exampleQuery: "?format=csv",
  },
  {
    path: "/api/public/markets/{symbol}/funding",
    routeFile: "app/api/public/markets/[symbol]/funding/route.ts",
    family: "funding",
    format: "JSON",
    summary: "Funding settlements in a window.",
    parameters: [
      {
        name: "from, to",
        description: `Settlement time, ${WINDOW_INSTANT}. Default: the last ${days(FUNDING_DEFAULT_WINDOW_MS)} days; to − from at most ${days(FUNDING_MAX_WINDOW_MS)} days.`,
      },
      { name: "afterSeq", description: "Paging cursor: only settlements after this seq." },
    ],
    returns: `settlements[], oldest first: seq, settledAtMs, intervalEndMs, rate (ppb per interval; positive: longs paid shorts), markPrice (ticks), totalPaid (micro-USD exchanged); plus intervalMs and capRate. Never who paid or received. At most ${count(FUNDING_MAX_ROWS)} per answer, paged like mark-trail.`,
    requirements: ["DISC-2"],
  },
  {
    path: "/api/public/markets/{symbol}/minutes",
    routeFile: "app/api/public/markets/[symbol]/minutes/route.ts",
    family: "minutes",
    format: "JSON",
    summary: "The market minute by minute: mark, index, volume, AFMM share, funding, open interest, insurance fund and liquidations.",
    parameters: [
      {
        name: "from, to",
        description: `${WINDOW_INSTANT}: the minutes starting in the window. Default: the last ${hours(MINUTES_DEFAULT_WINDOW_MS)} hours; to − from at most ${days(MINUTES_MAX_WINDOW_MS)} days.`,
      },
    ],
    returns: `minutes[], oldest first, one per minute with an event in the market: minuteMs (the minute's start), final (the engine clock has left the minute, so it never changes again), throughSeq (the last journal event it includes), mark {open, high, low, close} over the minute's mark ticks (null when none), markClose, indexClose and lastTradeClose (the prices in force at the minute's last event; lastTradeClose 0 before the first trade, null in a minute recorded before it was kept), trades, volumeLots, volumeNotional, afmm {trades, volumeLots, volumeNotional, makerLots, takerLots, shareOfLotsBps}, liquidationTrades and liquidationLots, funding {samples, lastPremium, settlements, lastRate, paid, received}, openInterestLots at the minute's close, insuranceFund {close, inflow, outflow, depletions} and liquidationStages (waterfall stages entered: cancel_orders, book, backstop, insurance_fund, adl). Sums of lots are decimal strings; shares are not additive (sum the lots). At most ${count(MINUTES_MAX_ROWS)} minutes per answer: truncated: true and next give the next page.`,
    requirements: ["DISC-2", "DISC-4", "AFMM-5"],
  },
  {
    path: "/api/public/markets/{symbol}/trades",
    routeFile: "app/api/public/markets/[symbol]/trades/route.ts",
    family: "trades",
    format: "JSON",
    summary: "The trade tape.",
    parameters: [
      { name: "limit", description: `1 to ${count(TRADES_MAX_LIMIT)} (default ${TRADES_DEFAULT_LIMIT}).` },
      { name: "before", description: "Only trades with a seq below this (the next page)." },
      {
        name: "flags",
        description: `Comma-separated, every one must hold: ${TRADE_FLAG_FILTERS.join(", ")} (risk: a liquidation, backstop or ADL fill; afmm: the affiliated market maker was a party).`,
      },
      { name: "side", description: "buy or sell: the aggressor's side." },
      { name: "minLots, maxLots", description: "Size bounds in lots, inclusive." },
      { name: "from, to", description: "Engine time, from inclusive, to exclusive: epoch ms or ISO 8601 (UTC unless an offset is given)." },
    ],
    returns: `trades[], newest first: seq (the trade id), timeMs, price, size, aggressor, flags {afmm, afmmSide, liquidation, backstop, adl}; filter (the filters applied), scanned (journal rows read), nextBefore and next for the next page (next keeps the filters). A filtered search reads at most ${count(TRADES_SEARCH_MAX_SCANNED)} journal rows per answer, so a page may hold fewer than limit trades and still have a next page: follow next to search the whole record. The tape reaches back as far as the journal's tables hold trades (at least the configured hot window); when a page ends there and older trades are archived, archived {throughSeq, throughMs, note} says so (null otherwise), and the minute series gives their per-minute figures.`,
    requirements: ["DISC-4", "AFMM-5"],
    exampleQuery: "?limit=5",
  },
  {
    path: "/api/public/markets/{symbol}/at",
    routeFile: "app/api/public/markets/[symbol]/at/route.ts",
    family: "market-at",
    format: "JSON",
    summary: "The market recomputed from the journal as it stood right after one event.",
    parameters: [{ name: "seq", description: "A journal event sequence number (required)." }],
    returns: `view (the engine's market view), adl (distance to ADL with its curve), stateHash, position, engineTimeMs: the nearest snapshot at or before seq, then the journal replayed up to the command that emitted it. 404 when there is no such event. Limits: the engine stores a snapshot every ${count(LIVE_SNAPSHOT_EVERY_COMMANDS)} journal commands, and an event more than ${count(STATE_AT_LIMITS.maxReplayCommands)} commands after its snapshot is refused with 422 (code REPLAY_TOO_LONG). Recomputations run one at a time, apart from the portal's request handling; at most ${count(STATE_AT_LIMITS.maxWaiting)} queries wait at once, and one still running after ${STATE_AT_LIMITS.jobTimeoutMs / 1000} s is stopped: both answer 503 (HISTORY_BUSY, HISTORY_TIMEOUT) with Retry-After: ${STATE_AT_LIMITS.retryAfterSeconds}. The figures at a seq never change, so the last ${count(STATE_AT_LIMITS.cacheEntries)} answers are kept and a repeated query is answered from memory.`,
    requirements: ["DISC-1", "DISC-5"],
    exampleQuery: "?seq=1",
  },
  {
    path: "/api/public/markets/{symbol}/adl",
    routeFile: "app/api/public/markets/[symbol]/adl/route.ts",
    family: "adl",
    format: "JSON",
    summary: "Distance to auto-deleveraging and its curve.",
    parameters: [],
    returns:
      "adl: mark, fundAvailable, backstopCapacity; down and up (price in ticks and movePpb: the smallest fall or rise of the mark at which ADL would be needed; null beyond the curve); curve[] (shockPct, price, shortfall, inventory, fundRemaining, backstopRemaining, adl); indicator (level low / elevated / high, triggers, coveragePpb, distancePpb, thresholds). Also live in the stream's stats messages (data.adl).",
    requirements: ["DISC-5"],
  },
  {
    path: "/api/public/afmm/arrangements",
    routeFile: "app/api/public/afmm/arrangements/route.ts",
    family: "afmm-arrangements",
    format: "JSON",
    summary:
      "The affiliated market maker's arrangements: who it is, its order entry, its quoting obligations, any preferential terms, how its trades are marked, oversight and surveillance.",
    parameters: [],
    returns:
      "configHash and asOfMs (engine time); lines[]: section, key, text (English), values and paths (the engine-configuration, surveillance-configuration or register paths the line renders), the same lines as the page /disclosures/afmm.",
    requirements: ["AFMM-6"],
  },
  {
    path: "/api/public/insurance-fund",
    routeFile: "app/api/public/insurance-fund/route.ts",
    family: "insurance-fund",
    format: "JSON",
    summary: "Each market's insurance fund and its recent ledger.",
    parameters: [],
    returns: `markets[]: balance, floor, available, depleted, totalIn, totalOut (micro-USD) and history: the latest ${INSURANCE_HISTORY_ROWS} ledger lines, newest first (seq, atMs, change = changed / deposited / depleted, delta, balance, reason, causeSeq).`,
    requirements: ["DISC-3"],
  },
  {
    path: "/api/public/methodology",
    routeFile: "app/api/public/methodology/route.ts",
    family: "methodology",
    format: "JSON",
    summary: "Margin, liquidation, default management and eligible collateral, with live figures.",
    parameters: [],
    returns:
      "configHash (a hash of the configuration the engine runs); platform; per market spec (margin tiers with derived rates and amounts, liquidation, fees, ADL-risk thresholds), example (a worked margin example computed by the engine) and live (mark, insurance fund, ADL figures); backstop {providers, committed, used, remaining}; collateral: the eligible-collateral list with haircut, decimals, deposit limits (maxDepositMinor per deposit and maxAccountMinor per account, in the asset's minor units), status, eligibility dates, regulatory basis, valuation method and the valuation in force; ineligibleExamples; parameterDocs and collateralFieldDocs.",
    requirements: ["DISC-1", "DISC-10", "LIQ-1"],
  },
  {
    path: "/api/public/stress",
    routeFile: "app/api/public/stress/route.ts",
    family: "stress",
    format: "JSON",
    summary: "The standard stress suite's latest results for the parameters in force.",
    parameters: [],
    returns:
      "suiteVersion; per market: market, parameterHash (SHA-256 of the market's parameters in force), status (done, running, failed — retried — or not_run: results exist only for exactly the parameters in force), ranAt, seed and result: scenarios[] (single_source_manipulation, venue_outage, stablecoin_depeg, flash_crash) each with title, description, venues, maxMarkIndexDivergencePpb, maxMarkMovePpb, liquidations, and micro-USD liquidatedNotional, insuranceFundDraw, backstopUsed, plus adlEvents and indexHeldTicks.",
    requirements: ["MRG-5", "DISC-1", "LIQ-1"],
  },
  {
    path: "/api/public/parameters",
    routeFile: "app/api/public/parameters/route.ts",
    family: "parameters",
    format: "JSON",
    summary: "The parameter registry and its change log.",
    parameters: [
      { name: "market", description: "A symbol: only that market's parameters and changes." },
      { name: "scope", description: "platform, market or collateral." },
    ],
    returns:
      "parameters[] (scope, subject, path, value, label, unit, description, requirements, derived, fixed, effectiveFromMs, previous, reason, changeSeq) and changeLog[], newest first (seq, effectiveFromMs, kind, subject, reason, requested[] and changes[] with path, previous and next); configHash and journalConfigHash (the change log replayed onto the genesis configuration: equal unless the two disagree).",
    requirements: ["DISC-1"],
    exampleQuery: "?scope=market",
  },
  {
    path: "/api/public/markets/{symbol}/snapshot",
    routeFile: "app/api/public/markets/[symbol]/snapshot/route.ts",
    family: "snapshot",
    format: "JSON",
    summary: "The stream's current picture in one answer.",
    parameters: [],
    returns: `market, id (the latest seq folded in), atMs, latest: the latest message of each kind (${PUBLIC_KINDS.join(", ")}), and trades: the last ${RECENT_TRADES} trades.`,
    requirements: ["DISC-2"],
  },
  {
    path: "/api/public/markets/{symbol}/stream",
    routeFile: "app/api/public/markets/[symbol]/stream/route.ts",
    family: "stream",
    format: "Server-Sent Events",
    summary: "Every public message of one market as it happens.",
    parameters: [
      {
        name: "Last-Event-ID (header) or lastEventId",
        description: `Resume after this seq: the messages missed are replayed from memory or the journal instead of a fresh snapshot; a client more than ${count(MAX_REPLAY_EVENTS)} of the market's events behind gets a fresh snapshot instead, so nothing is skipped silently.`,
      },
    ],
    returns: `First a snapshot event (as /snapshot answers), then one event per message, named by its kind (${PUBLIC_KINDS.join(", ")}), each { id, market, kind, atMs, data } with the journal seq as the SSE id. A comment line every ${SSE_HEARTBEAT_MS / 1000} seconds keeps idle connections open; a client whose unread backlog passes ${count(SSE_MAX_BACKLOG_BYTES)} bytes is disconnected (reconnect with Last-Event-ID).`,
    requirements: ["DISC-2", "DISC-3", "DISC-4", "DISC-5"],
  },
  {
    path: "/api/public/stream",
    routeFile: "app/api/public/stream/route.ts",
    family: "streams",
    format: "Server-Sent Events",
    summary: "Several markets' public messages on one connection (what the portal's pages use).",
    parameters: [
      { name: "markets", description: `Comma-separated market symbols, at most ${STREAM_MAX_MARKETS}, each once.` },
      {
        name: "Last-Event-ID (header) or lastEventId",
        description:
          "Resume: the id of the last event received, a cursor of each market's last seq (BTC-PERP:120;ETH-PERP:118). Each market it names resumes after its seq as the single-market stream does; any other starts from a snapshot.",
      },
    ],
    returns: `A snapshot event per market (as /snapshot answers), then each market's messages as the single-market stream sends them (every message names its market); each event's SSE id is the cursor after it. Heartbeats and the per-connection backlog bound as for the single-market stream.`,
    requirements: ["DISC-2", "DISC-3", "DISC-4", "DISC-5"],
  },
];
