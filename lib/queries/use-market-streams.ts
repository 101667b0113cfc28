"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { MarketSnapshot } from "@/lib/simulation/public-types";
import { openMarketStream, snapshotCacheEvents } from "./market-event-source";
import { marketQueries } from "./markets";
import type { StreamStatus } from "./use-market-stream";

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
    const closers = list.split(",").map((symbol) =>
      openMarketStream(symbol, {
        events: snapshotCacheEvents(queryClient, symbol),
        onOpen: () => setStatus((previous) => ({ ...previous, [symbol]: { connected: true, staleSince: null } })),
        onError: () => setStatus((previous) => ({ ...previous, [symbol]: { connected: false, staleSince: previous[symbol]?.staleSince ?? Date.now() } })),
      }),
    );
    return () => closers.forEach((close) => close());
  }, [list, queryClient]);

  return Object.fromEntries(symbols.map((symbol, i) => [symbol, { snapshot: queries[i]?.data, status: status[symbol] ?? { connected: false, staleSince: null } }]));
}
