"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { emptySnapshot, foldedSnapshot, type MarketSnapshot, type PublicKind, type PublicMessage } from "@/lib/simulation/public-types";
import { marketKeys, marketQueries } from "./markets";

const KINDS: PublicKind[] = ["trade", "index", "mark", "funding", "insurance", "liquidation", "book", "stats"];

export interface StreamStatus {
  connected: boolean;
  /** When the stream last dropped (ms since epoch), while it is down; null when live. */
  staleSince: number | null;
}

/**
 * One market's live data: the REST snapshot seeds TanStack Query's cache and the SSE stream folds
 * every message into it, so components read one cache. EventSource reconnects by itself and sends
 * Last-Event-ID, so the server resumes exactly where the stream broke.
 */
export function useMarketStream(symbol: string): { snapshot: MarketSnapshot | undefined; status: StreamStatus; error: Error | null } {
  const queryClient = useQueryClient();
  const query = useQuery(marketQueries.snapshot(symbol));
  const [status, setStatus] = useState<StreamStatus>({ connected: false, staleSince: null });

  useEffect(() => {
    const source = new EventSource(`/api/public/markets/${encodeURIComponent(symbol)}/stream`);
    const key = marketKeys.snapshot(symbol);
    const onSnapshot = (event: MessageEvent<string>) => queryClient.setQueryData(key, JSON.parse(event.data) as MarketSnapshot);
    const onMessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as PublicMessage;
      queryClient.setQueryData<MarketSnapshot>(key, (current) => foldedSnapshot(current ?? emptySnapshot(symbol), message));
    };
    source.addEventListener("snapshot", onSnapshot);
    for (const kind of KINDS) source.addEventListener(kind, onMessage);
    source.onopen = () => setStatus({ connected: true, staleSince: null });
    source.onerror = () => setStatus((previous) => ({ connected: false, staleSince: previous.staleSince ?? Date.now() }));
    return () => source.close();
  }, [symbol, queryClient]);

  return { snapshot: query.data, status, error: query.error };
}
