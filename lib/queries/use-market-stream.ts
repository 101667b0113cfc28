"use client";

import { useMarketStreams, type MarketStreamState } from "./use-market-streams";

/** One market's live data: useMarketStreams for a single market. */
export function useMarketStream(symbol: string): MarketStreamState {
  return useMarketStreams([symbol])[symbol];
}
