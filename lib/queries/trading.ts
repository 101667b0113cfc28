import { queryOptions } from "@tanstack/react-query";
import type { TradingView } from "@/lib/wire/portal-trading";
import { fetchJson } from "./fetch-json";

export const tradingKeys = { view: ["portal", "trading"] as const };

/** How often the positions page re-reads the account, ms: account figures move with every mark tick. */
export const TRADING_REFRESH_MS = 1_500;

export const tradingQueries = {
  /**
   * The signed-in client's account as the positions page shows it. No retries: the next read is
   * due within TRADING_REFRESH_MS anyway, and a failed one should mark the figures stale at once.
   */
  view: () =>
    queryOptions({
      queryKey: tradingKeys.view,
      queryFn: () => fetchJson<TradingView>("/api/portal/trading"),
      refetchInterval: TRADING_REFRESH_MS,
      retry: false,
    }),
};
