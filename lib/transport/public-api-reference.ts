import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { Messages } from "@/lib/i18n/catalogue";
import { MAX_REPLAY_EVENTS } from "@/lib/simulation/feed-replay";
import { PUBLIC_KINDS, RECENT_TRADES } from "@/lib/wire/market-stream";
import { TRADE_FLAG_FILTERS } from "@/lib/wire/trade-filter";
import { LIVE_SNAPSHOT_EVERY_COMMANDS, STATE_AT_LIMITS } from "@/lib/simulation/state-at-limits";
import {
  HISTORY_REFUSALS,
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
} from "@/lib/services/public-market-data/schemas";
import { PUBLIC_API_LIMIT } from "./rate-limit";
import { SSE_HEARTBEAT_MS, SSE_MAX_BACKLOG_BYTES } from "./sse";

/**
 * The public API's reference: what /disclosures/api shows. This module holds its structure and values
 * (paths, route files, rate-limit families, formats, parameter names, requirement ids and every limit,
 * read from the constant the code enforces); its prose is in the message catalogue under
 * `disclosures.api.reference`, in each language, named here by key with the values it needs. A test
 * checks that each route under app/api/public has exactly one entry here with the rate-limit family its
 * handler uses, so the reference cannot drift from the routes, and another that every key it names
 * renders in English and Traditional Chinese with the values given.
 */

type ReferenceMessages = Messages["disclosures"]["api"]["reference"];

/** A message of the reference's namespace (`disclosures.api.reference`), checked at compile time. */
export type ReferenceKey = MessageKeys<ReferenceMessages, NestedKeyOf<ReferenceMessages>>;

/** A sentence of the reference: its catalogue key and the values it needs (a nested text renders in the same language). */
export interface ReferenceText {
  readonly key: ReferenceKey;
  readonly values?: Readonly<Record<string, string | number | ReferenceText>>;
}

const text = (key: ReferenceKey, values?: ReferenceText["values"]): ReferenceText => (values ? { key, values } : { key });

/** One language's translator for the reference's namespace (next-intl's `t` from getTranslations("disclosures.api.reference")). */
export type ReferenceTranslate = (key: ReferenceKey, values?: Record<string, string | number>) => string;

/** A reference text in the translator's language; nested texts are rendered first, with the same translator. */
export function renderReferenceText(reference: ReferenceText, translate: ReferenceTranslate): string {
  if (!reference.values) return translate(reference.key);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reference.values)) values[name] = typeof value === "object" ? renderReferenceText(value, translate) : value;
  return translate(reference.key, values);
}

export interface ApiParameter {
  /** As a client sends it: parameter names, not prose. */
  name: string;
  description: ReferenceText;
}

export type ApiFormat = "JSON" | "JSON or CSV" | "Server-Sent Events";

export interface ApiEndpoint {
  /** As documented, with `{symbol}` for the market. */
  path: string;
  /** The route file that serves it. */
  routeFile: string;
  /** The rate-limit family (each family has its own allowance per client). */
  family: string;
  /** What the answer is: JSON, JSON or CSV, or an event stream (its label in each language: PUBLIC_API_FORMATS). */
  format: ApiFormat;
  summary: ReferenceText;
  parameters: ApiParameter[];
  returns: ReferenceText;
  /** Requirement ids the endpoint serves. */
  requirements: string[];
  /** A query string worth trying (appended to the path with the first market's symbol). */
  exampleQuery?: string;
}

/** How each answer format is named to readers. */
export const PUBLIC_API_FORMATS: Record<ApiFormat, ReferenceText> = {
  JSON: text("formats.json"),
  "JSON or CSV": text("formats.jsonOrCsv"),
  "Server-Sent Events": text("formats.sse"),
};

const hours = (ms: number) => ms / 3_600_000;
const days = (ms: number) => ms / 86_400_000;

/** "inclusive, as epoch milliseconds or an ISO 8601 date-time…": how a window's from and to are written. */
const WINDOW_INSTANT = text("windowInstant");
/** Where a stream's resume cursor goes: the Last-Event-ID header or the lastEventId query parameter. */
const LAST_EVENT_ID = "Last-Event-ID / lastEventId";
const LAST_EVENT_ID_WHERE = text("lastEventId");

/**
 * The 24 h volume's window in whole minutes (VOLUME_WINDOW_MINUTES in public-market-data/figures, a
 * server-only module this reference, read by the end-to-end tests too, cannot import).
 */
const VOLUME_WINDOW_MINUTES = 1_440;

export const PUBLIC_API_RATE_LIMIT = {
  requests: PUBLIC_API_LIMIT.limit,
  windowSeconds: PUBLIC_API_LIMIT.windowMs / 1000,
  description: text("rateLimit", { requests: PUBLIC_API_LIMIT.limit, seconds: PUBLIC_API_LIMIT.windowMs / 1000 }),
};

/**
 * The rules every endpoint follows. Prices, sizes, money, rates and times say in each language what every
 * JSON answer says in English in its "units" object (UNITS; a test checks the English matches).
 */
export const PUBLIC_API_CONVENTIONS: Array<{ id: string; term: ReferenceText; meaning: ReferenceText }> = (
  ["access", "prices", "sizes", "money", "rates", "times", "sequence", "privacy", "errors"] as const
).map((id) => ({ id, term: text(`conventions.${id}.term`), meaning: text(`conventions.${id}.meaning`) }));

export const PUBLIC_API_ENDPOINTS: ApiEndpoint[] = [
  {
    path: "/api/public/markets",
    routeFile: "app/api/public/markets/route.ts",
    family: "markets",
    format: "JSON",
    summary: text("endpoints.markets.summary"),
    parameters: [],
    returns: text("endpoints.markets.returns", { minutes: VOLUME_WINDOW_MINUTES }),
    requirements: ["DISC-1", "DISC-2"],
  },
  {
    path: "/api/public/markets/{symbol}",
    routeFile: "app/api/public/markets/[symbol]/route.ts",
    family: "market",
    format: "JSON",
    summary: text("endpoints.market.summary"),
    parameters: [],
    returns: text("endpoints.market.returns"),
    requirements: ["DISC-1", "DISC-2", "LIQ-3"],
  },
  {
    path: "/api/public/markets/{symbol}/mark-trail",
    routeFile: "app/api/public/markets/[symbol]/mark-trail/route.ts",
    family: "mark-trail",
    format: "JSON or CSV",
    summary: text("endpoints.markTrail.summary"),
    parameters: [
      {
        name: "from, to",
        description: text("endpoints.markTrail.parameters.window", {
          instant: WINDOW_INSTANT,
          defaultHours: hours(MARK_TRAIL_DEFAULT_WINDOW_MS),
          maxHours: hours(MARK_TRAIL_MAX_WINDOW_MS),
        }),
      },
      { name: "format", description: text("endpoints.markTrail.parameters.format") },
      { name: "afterSeq", description: text("endpoints.markTrail.parameters.afterSeq") },
    ],
    returns: text("endpoints.markTrail.returns", { maxRows: MARK_TRAIL_MAX_ROWS }),
    requirements: ["DISC-2", "LIQ-3"],
    exampleQuery: "?format=csv",
  },
  {
    path: "/api/public/markets/{symbol}/funding",
    routeFile: "app/api/public/markets/[symbol]/funding/route.ts",
    family: "funding",
    format: "JSON",
    summary: text("endpoints.funding.summary"),
    parameters: [
      {
        name: "from, to",
        description: text("endpoints.funding.parameters.window", {
          instant: WINDOW_INSTANT,
          defaultDays: days(FUNDING_DEFAULT_WINDOW_MS),
          maxDays: days(FUNDING_MAX_WINDOW_MS),
        }),
      },
      { name: "afterSeq", description: text("endpoints.funding.parameters.afterSeq") },
    ],
    returns: text("endpoints.funding.returns", { maxRows: FUNDING_MAX_ROWS }),
    requirements: ["DISC-2"],
  },
  {
    path: "/api/public/markets/{symbol}/minutes",
    routeFile: "app/api/public/markets/[symbol]/minutes/route.ts",
    family: "minutes",
    format: "JSON",
    summary: text("endpoints.minutes.summary"),
    parameters: [
      {
        name: "from, to",
        description: text("endpoints.minutes.parameters.window", {
          instant: WINDOW_INSTANT,
          defaultHours: hours(MINUTES_DEFAULT_WINDOW_MS),
          maxDays: days(MINUTES_MAX_WINDOW_MS),
        }),
      },
    ],
    returns: text("endpoints.minutes.returns", { maxRows: MINUTES_MAX_ROWS }),
    requirements: ["DISC-2", "DISC-4", "AFMM-5"],
  },
  {
    path: "/api/public/markets/{symbol}/trades",
    routeFile: "app/api/public/markets/[symbol]/trades/route.ts",
    family: "trades",
    format: "JSON",
    summary: text("endpoints.trades.summary"),
    parameters: [
      { name: "limit", description: text("endpoints.trades.parameters.limit", { max: TRADES_MAX_LIMIT, defaultLimit: TRADES_DEFAULT_LIMIT }) },
      { name: "before", description: text("endpoints.trades.parameters.before") },
      { name: "flags", description: text("endpoints.trades.parameters.flags", { flags: TRADE_FLAG_FILTERS.join(", ") }) },
      { name: "side", description: text("endpoints.trades.parameters.side") },
      { name: "minLots, maxLots", description: text("endpoints.trades.parameters.sizeBounds") },
      { name: "from, to", description: text("endpoints.trades.parameters.window") },
    ],
    returns: text("endpoints.trades.returns", { maxScanned: TRADES_SEARCH_MAX_SCANNED }),
    requirements: ["DISC-4", "AFMM-5"],
    exampleQuery: "?limit=5",
  },
  {
    path: "/api/public/markets/{symbol}/at",
    routeFile: "app/api/public/markets/[symbol]/at/route.ts",
    family: "market-at",
    format: "JSON",
    summary: text("endpoints.at.summary"),
    parameters: [{ name: "seq", description: text("endpoints.at.parameters.seq") }],
    returns: text("endpoints.at.returns", {
      snapshotEvery: LIVE_SNAPSHOT_EVERY_COMMANDS,
      maxReplay: STATE_AT_LIMITS.maxReplayCommands,
      maxWaiting: STATE_AT_LIMITS.maxWaiting,
      timeoutSeconds: STATE_AT_LIMITS.jobTimeoutMs / 1000,
      // A header's value as a client reads it, not a figure to format.
      retryAfter: String(STATE_AT_LIMITS.retryAfterSeconds),
      cacheEntries: STATE_AT_LIMITS.cacheEntries,
      tooFarCode: HISTORY_REFUSALS["too-far"].code,
      busyCode: HISTORY_REFUSALS.busy.code,
      timeoutCode: HISTORY_REFUSALS.timeout.code,
    }),
    requirements: ["DISC-1", "DISC-5"],
    exampleQuery: "?seq=1",
  },
  {
    path: "/api/public/markets/{symbol}/adl",
    routeFile: "app/api/public/markets/[symbol]/adl/route.ts",
    family: "adl",
    format: "JSON",
    summary: text("endpoints.adl.summary"),
    parameters: [],
    returns: text("endpoints.adl.returns"),
    requirements: ["DISC-5"],
  },
  {
    path: "/api/public/afmm/arrangements",
    routeFile: "app/api/public/afmm/arrangements/route.ts",
    family: "afmm-arrangements",
    format: "JSON",
    summary: text("endpoints.afmmArrangements.summary"),
    parameters: [],
    returns: text("endpoints.afmmArrangements.returns"),
    requirements: ["AFMM-6"],
  },
  {
    path: "/api/public/insurance-fund",
    routeFile: "app/api/public/insurance-fund/route.ts",
    family: "insurance-fund",
    format: "JSON",
    summary: text("endpoints.insuranceFund.summary"),
    parameters: [],
    returns: text("endpoints.insuranceFund.returns", { rows: INSURANCE_HISTORY_ROWS }),
    requirements: ["DISC-3"],
  },
  {
    path: "/api/public/methodology",
    routeFile: "app/api/public/methodology/route.ts",
    family: "methodology",
    format: "JSON",
    summary: text("endpoints.methodology.summary"),
    parameters: [],
    returns: text("endpoints.methodology.returns"),
    requirements: ["DISC-1", "DISC-10", "LIQ-1"],
  },
  {
    path: "/api/public/stress",
    routeFile: "app/api/public/stress/route.ts",
    family: "stress",
    format: "JSON",
    summary: text("endpoints.stress.summary"),
    parameters: [],
    returns: text("endpoints.stress.returns"),
    requirements: ["MRG-5", "DISC-1", "LIQ-1"],
  },
  {
    path: "/api/public/parameters",
    routeFile: "app/api/public/parameters/route.ts",
    family: "parameters",
    format: "JSON",
    summary: text("endpoints.parameters.summary"),
    parameters: [
      { name: "market", description: text("endpoints.parameters.parameters.market") },
      { name: "scope", description: text("endpoints.parameters.parameters.scope") },
    ],
    returns: text("endpoints.parameters.returns"),
    requirements: ["DISC-1"],
    exampleQuery: "?scope=market",
  },
  {
    path: "/api/public/markets/{symbol}/snapshot",
    routeFile: "app/api/public/markets/[symbol]/snapshot/route.ts",
    family: "snapshot",
    format: "JSON",
    summary: text("endpoints.snapshot.summary"),
    parameters: [],
    returns: text("endpoints.snapshot.returns", { kinds: PUBLIC_KINDS.join(", "), recentTrades: RECENT_TRADES }),
    requirements: ["DISC-2"],
  },
  {
    path: "/api/public/markets/{symbol}/stream",
    routeFile: "app/api/public/markets/[symbol]/stream/route.ts",
    family: "stream",
    format: "Server-Sent Events",
    summary: text("endpoints.stream.summary"),
    parameters: [
      {
        name: LAST_EVENT_ID,
        description: text("endpoints.stream.parameters.lastEventId", { header: LAST_EVENT_ID_WHERE, maxReplay: MAX_REPLAY_EVENTS }),
      },
    ],
    returns: text("endpoints.stream.returns", {
      kinds: PUBLIC_KINDS.join(", "),
      heartbeatSeconds: SSE_HEARTBEAT_MS / 1000,
      maxBacklogBytes: SSE_MAX_BACKLOG_BYTES,
    }),
    requirements: ["DISC-2", "DISC-3", "DISC-4", "DISC-5"],
  },
  {
    path: "/api/public/stream",
    routeFile: "app/api/public/stream/route.ts",
    family: "streams",
    format: "Server-Sent Events",
    summary: text("endpoints.streams.summary"),
    parameters: [
      { name: "markets", description: text("endpoints.streams.parameters.markets", { max: STREAM_MAX_MARKETS }) },
      { name: LAST_EVENT_ID, description: text("endpoints.streams.parameters.lastEventId", { header: LAST_EVENT_ID_WHERE }) },
    ],
    returns: text("endpoints.streams.returns"),
    requirements: ["DISC-2", "DISC-3", "DISC-4", "DISC-5"],
  },
];
