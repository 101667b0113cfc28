"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { emptySnapshot, foldedSnapshot, type MarketSnapshot, type PublicKind, type PublicMessage } from "@/lib/simulation/public-types";
import { marketKeys, marketQueries } from "./markets";
import type { StreamStatus } from "./use-market-stream";

const KINDS: PublicKind[] = ["trade", "index", "mark", "funding", "insurance", "liquidation", "book", "stats"];

/**
 * Several markets' live data at once (pages that show every market side by side): each market's
 * REST snapshot seeds TanStack Query's cache and its SSE stream folds every message into it, exactly
 * as useMarketStream does for one. Returns the snapshot and stream status per symbol.
 */
export function useMarketStreams(symbols: readonly string[]): Record<string, { snapshot: MarketSnapshot | undefined; status: StreamStatus }> {
  const queryClient = useQueryClient();
  const queries = useQueries({ queries: symbols.map((symbol) => marketQueries.snapshot(symbol)) });
  const [status, setStatus] = useState<Record<string, StreamStatus>>({});
  const list = symbols.join(",");

  useEffect(() => {
    if (!list) return;
    const sources = list.split(",").map((symbol) => {
      const source = new EventSource(`/api/public/markets/${encodeURIComponent(symbol)}/stream`);
      const key = marketKeys.snapshot(symbol);
      source.addEventListener("snapshot", (event: MessageEvent<string>) => queryClient.setQueryData(key, JSON.parse(event.data) as MarketSnapshot));
      const onMessage = (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as PublicMessage;
        queryClient.setQueryData<MarketSnapshot>(key, (current) => foldedSnapshot(current ?? emptySnapshot(symbol), message));
      };
      for (const kind of KINDS) source.addEventListener(kind, onMessage);
      source.onopen = () => setStatus((previous) => ({ ...previous, [symbol]: { connected: true, staleSince: null } }));
      source.onerror = () => setStatus((previous) => ({ ...previous, [symbol]: { connected: false, staleSince: previous[symbol]?.staleSince ?? Date.now() } }));
      return source;
    });
    return () => sources.forEach((source) => source.close());
  }, [list, queryClient]);

  return Object.fromEntries(symbols.map((symbol, i) => [symbol, { snapshot: queries[i]?.data, status: status[symbol] ?? { connected: false, staleSince: null } }]));
}
