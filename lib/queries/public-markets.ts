import { queryOptions } from "@tanstack/react-query";
import type { FundingHistory, MarketList, MarketMinutes } from "@/lib/wire/public-api";
import { windowStart } from "@/lib/market-history";
import { fetchJson } from "./fetch-json";

/** Queries of the public market list and funding history (answer shapes in lib/wire/public-api.ts). */

export const publicMarketKeys = {
  list: ["public-markets", "list"] as const,
  funding: (symbol: string) => ["public-markets", symbol, "funding"] as const,
  minutes: (symbol: string, windowMs: number) => ["public-markets", symbol, "minutes", windowMs] as const,
};

export const publicMarketQueries = {
  /** The list carries the 24 h volume, which no stream message does: re-read it every 30 s. */
  list: () =>
    queryOptions({
      queryKey: publicMarketKeys.list,
      queryFn: async () => (await fetchJson<MarketList>("/api/public/markets")).markets,
      refetchInterval: 30_000,
    }),
  funding: (symbol: string) =>
    queryOptions({
      queryKey: publicMarketKeys.funding(symbol),
      queryFn: () => fetchJson<FundingHistory>(`/api/public/markets/${encodeURIComponent(symbol)}/funding`),
    }),
  /**
   * The minute rollups of the last `windowMs` of engine time (the engine's clock, not the browser's:
   * `engineNowMs` is read when the query runs). The charts add the live stream's figures minute by
   * minute (useLiveTrail), so a window is read once; the re-read every 5 min only closes gaps left
   * while the stream was down.
   */
  minutes: (symbol: string, windowMs: number, engineNowMs: () => number) =>
    queryOptions({
      queryKey: publicMarketKeys.minutes(symbol, windowMs),
      queryFn: () => fetchJson<MarketMinutes>(`/api/public/markets/${encodeURIComponent(symbol)}/minutes?from=${windowStart(engineNowMs(), windowMs)}`),
      staleTime: 5 * 60_000,
      refetchInterval: 5 * 60_000,
    }),
};
