import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { MarketSnapshot } from "@/lib/wire/market-stream";
import type { TradesPage } from "@/lib/wire/public-api";
import { fetchJson } from "./fetch-json";

export const marketKeys = {
  all: ["markets"] as const,
  snapshot: (symbol: string) => ["markets", symbol, "snapshot"] as const,
  /** Trades strictly older than `before` (a trade seq), page by page; null: from the newest. */
  tradesBefore: (symbol: string, before: number | null) => ["markets", symbol, "trades", "before", before] as const,
};

/** Trades per page of the tape's history. */
export const TRADES_PAGE_SIZE = 100;

const marketPath = (symbol: string) => `/api/public/markets/${encodeURIComponent(symbol)}`;

function tradesPageUrl(symbol: string, before: number | null): string {
  const query = new URLSearchParams({ limit: String(TRADES_PAGE_SIZE) });
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
};
