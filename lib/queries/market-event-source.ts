"use client";

import type { QueryClient } from "@tanstack/react-query";
import { emptySnapshot, foldedSnapshot, PUBLIC_KINDS, type MarketSnapshot, type PublicMessage } from "@/lib/simulation/public-types";
import { marketKeys } from "./markets";

/** How long to wait before reopening a stream the browser has given up on. */
export const STREAM_REOPEN_DELAY_MS = 10_000;

export interface MarketStreamHandlers {
  /** Listeners by SSE event name ("snapshot", "trade", "stats", …). */
  events: Record<string, (event: MessageEvent<string>) => void>;
  onOpen(): void;
  onError(): void;
  /**
   * A new stream was opened after the browser gave up on the last one. It starts with a fresh
   * snapshot, not a replay, so anything kept from individual events (a ledger, say) should refetch.
   */
  onReopen?(): void;
}

/**
 * One market's public SSE stream that stays up for the life of the page. EventSource reconnects by
 * itself (resuming with Last-Event-ID) after a dropped connection, but gives up for good on an answer
 * that is not an event stream — a 429 from the rate limit, a 503 while the engine restarts — so then
 * this opens a new one after a pause. Returns the function that closes it.
 */
export function openMarketStream(symbol: string, handlers: MarketStreamHandlers): () => void {
  let source: EventSource | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const open = () => {
    const current = new EventSource(`/api/public/markets/${encodeURIComponent(symbol)}/stream`);
    source = current;
    for (const [name, listener] of Object.entries(handlers.events)) current.addEventListener(name, listener);
    current.onopen = () => handlers.onOpen();
    current.onerror = () => {
      handlers.onError();
      if (current.readyState !== EventSource.CLOSED || closed) return;
      reopenTimer = setTimeout(() => {
        if (closed) return;
        open();
        handlers.onReopen?.();
      }, STREAM_REOPEN_DELAY_MS);
    };
  };

  open();
  return () => {
    closed = true;
    if (reopenTimer) clearTimeout(reopenTimer);
    source?.close();
  };
}

/**
 * Listeners that keep one market's snapshot in TanStack Query's cache: the stream's opening snapshot
 * replaces it and every later message is folded in (the same fold the server's hub uses).
 */
export function snapshotCacheEvents(queryClient: QueryClient, symbol: string): MarketStreamHandlers["events"] {
  const key = marketKeys.snapshot(symbol);
  const onMessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as PublicMessage;
    queryClient.setQueryData<MarketSnapshot>(key, (current) => foldedSnapshot(current ?? emptySnapshot(symbol), message));
  };
  return {
    snapshot: (event) => queryClient.setQueryData(key, JSON.parse(event.data) as MarketSnapshot),
    ...Object.fromEntries(PUBLIC_KINDS.map((kind) => [kind, onMessage])),
  };
}
