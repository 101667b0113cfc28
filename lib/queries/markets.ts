import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { MarketSnapshot } from "@/lib/wire/market-stream";
import type { TradesPage } from "@/lib/wire/public-api";
import { NO_TRADE_FILTER, tradeFilterQuery, type TradeFilter } from "@/lib/wire/trade-filter";
import { fetchJson } from "./fetch-json";

export const marketKeys = {
  all: ["markets"] as const,
  snapshot: (symbol: string) => ["markets", symbol, "snapshot"] as const,
  /** Trades strictly older than `before` (a trade seq), page by page; null: from the newest. */
  tradesBefore: (symbol: string, before: number | null) => ["markets", symbol, "trades", "before", before] as const,
  /** A filtered search of the whole record, from the newest trade back. */
  tradeSearch: (symbol: string, filter: TradeFilter) => ["markets", symbol, "trades", "search", tradeFilterQuery(filter)] as const,
};

/** Trades per page of the tape's history. */
export const TRADES_PAGE_SIZE = 100;

const marketPath = (symbol: string) => `/api/public/markets/${encodeURIComponent(symbol)}`;

function tradesPageUrl(symbol: string, before: number | null, filter: TradeFilter = NO_TRADE_FILTER): string {
  const query = new URLSearchParams({ limit: String(TRADES_PAGE_SIZE), ...tradeFilterQuery(filter) });
  if (before !== null) query.set("before", String(before));
  return `${marketPath(symbol)}/trades?${query.toString()}`;
}

export const marketQueries = {
  /** One market's stream snapshot; the stream keeps it current (lib/queries/market-event-source.ts). */
  snapshot: (symbol: string) =>
    queryOptions({ queryKey: marketKeys.snapshot(symbol), queryFn: () => fetchJson<MarketSnapshot>(`${marketPath(symbol)}/snapshot`) }),
  /**
   * The trade record below `before`, newest first, one page at a time. The journal does not change
   * below a seq, so pages never go stale.
   */
  tradesBefore: (symbol: string, before: number | null, enabled: boolean) =>
    infiniteQueryOptions({
      queryKey: marketKeys.tradesBefore(symbol, before),
      queryFn: ({ pageParam }) => fetchJson<TradesPage>(tradesPageUrl(symbol, pageParam)),
      initialPageParam: before,
      getNextPageParam: (last: TradesPage) => last.nextBefore ?? undefined,
      enabled,
      staleTime: Infinity,
    }),
  /**
   * The trades matching `filter`, searched on the server from the newest back, one page at a time
   * (a page may hold fewer than a full page of matches and still have more after it). The live
   * stream adds newer matches on the page, so the first page is not refetched while it is shown.
   */
  tradeSearch: (symbol: string, filter: TradeFilter) =>
    infiniteQueryOptions({
      queryKey: marketKeys.tradeSearch(symbol, filter),
      queryFn: ({ pageParam }) => fetchJson<TradesPage>(tradesPageUrl(symbol, pageParam, filter)),
      initialPageParam: null as number | null,
      getNextPageParam: (last: TradesPage) => last.nextBefore ?? undefined,
      staleTime: Infinity,
    }),
};
