import { queryOptions } from "@tanstack/react-query";
import type { FundingHistory, MarketList } from "@/lib/wire/public-api";
import { fetchJson } from "./fetch-json";

/** Queries of the public market list and funding history (answer shapes in lib/wire/public-api.ts). */

export const publicMarketKeys = {
  list: ["public-markets", "list"] as const,
  funding: (symbol: string) => ["public-markets", symbol, "funding"] as const,
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
};
