"use client";

import { useQueries, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { MarketSnapshot } from "@/lib/wire/market-stream";
import { openMarketStream, snapshotCacheHandlers, type MarketMessageHandlers } from "./market-event-source";
import { marketQueries } from "./markets";
import { CONNECTED, CONNECTING, droppedStatus, type StreamStatus } from "./stream-status";

/**
 * One stream per market for the life of the component, what arrives handed to `handlersFor` (a
 * module-level function, so the streams are not reopened on every render). Returns each stream's
 * status by symbol.
 */
export function useMarketStreamStatuses(
  symbols: readonly string[],
  handlersFor: (queryClient: QueryClient, symbol: string) => MarketMessageHandlers,
): Record<string, StreamStatus> {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Record<string, StreamStatus>>({});
  const list = symbols.join(",");

  useEffect(() => {
    if (!list) return;
    const closers = list.split(",").map((symbol) =>
      openMarketStream(symbol, {
        ...handlersFor(queryClient, symbol),
        onOpen: () => setStatus((previous) => ({ ...previous, [symbol]: CONNECTED })),
        onError: () => setStatus((previous) => ({ ...previous, [symbol]: droppedStatus(previous[symbol], Date.now()) })),
      }),
    );
    return () => closers.forEach((close) => close());
  }, [list, queryClient, handlersFor]);

  return Object.fromEntries(symbols.map((symbol) => [symbol, status[symbol] ?? CONNECTING]));
}

export interface MarketStreamState {
  snapshot: MarketSnapshot | undefined;
  status: StreamStatus;
  /** Why the REST snapshot could not be read, while the stream has not delivered one either. */
  error: Error | null;
}

/**
 * Several markets' live data at once: each market's REST snapshot seeds TanStack Query's cache and
 * its SSE stream folds every message into it, so components read one cache. A dropped stream
 * resumes where it broke (Last-Event-ID); one the browser gave up on is reopened (openMarketStream).
 */
export function useMarketStreams(symbols: readonly string[]): Record<string, MarketStreamState> {
  const queries = useQueries({ queries: symbols.map((symbol) => marketQueries.snapshot(symbol)) });
  const status = useMarketStreamStatuses(symbols, snapshotCacheHandlers);
  return Object.fromEntries(
    symbols.map((symbol, i) => [symbol, { snapshot: queries[i]?.data, status: status[symbol] ?? CONNECTING, error: queries[i]?.error ?? null }]),
  );
}
