"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { MarketSnapshot } from "@/lib/simulation/public-types";
import { openMarketStream, snapshotCacheEvents } from "./market-event-source";
import { marketQueries } from "./markets";

export interface StreamStatus {
  connected: boolean;
  /** When the stream last dropped (ms since epoch), while it is down; null when live. */
  staleSince: number | null;
}

/**
 * One market's live data: the REST snapshot seeds TanStack Query's cache and the SSE stream folds
 * every message into it, so components read one cache. A dropped stream resumes where it broke
 * (Last-Event-ID); one the browser gave up on is reopened (openMarketStream).
 */
export function useMarketStream(symbol: string): { snapshot: MarketSnapshot | undefined; status: StreamStatus; error: Error | null } {
  const queryClient = useQueryClient();
  const query = useQuery(marketQueries.snapshot(symbol));
  const [status, setStatus] = useState<StreamStatus>({ connected: false, staleSince: null });

  useEffect(() => {
    return openMarketStream(symbol, {
      events: snapshotCacheEvents(queryClient, symbol),
      onOpen: () => setStatus({ connected: true, staleSince: null }),
      onError: () => setStatus((previous) => ({ connected: false, staleSince: previous.staleSince ?? Date.now() })),
    });
  }, [symbol, queryClient]);

  return { snapshot: query.data, status, error: query.error };
}
