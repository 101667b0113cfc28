"use client";

import type { QueryClient } from "@tanstack/react-query";
import {
  emptySnapshot,
  foldedSnapshot,
  parseMarketSnapshot,
  parsePublicMessage,
  PUBLIC_KINDS,
  type MarketSnapshot,
  type PublicMessage,
} from "@/lib/wire/market-stream";
import { marketKeys } from "./markets";

/** How long to wait before reopening a stream the browser has given up on. */
export const STREAM_REOPEN_DELAY_MS = 10_000;

/** What a reader of one market's stream does with what arrives; every frame is parsed once, here. */
export interface MarketMessageHandlers {
  /** The stream's opening picture: on a fresh connection, and when a resumption is too far behind to replay. */
  onSnapshot?(snapshot: MarketSnapshot): void;
  /** Every later message, in journal order. */
  onMessage?(message: PublicMessage): void;
  /**
   * A new stream was opened after the browser gave up on the last one. It starts with a fresh
   * snapshot, not a replay, so anything kept from individual messages (a ledger, say) should refetch.
   */
  onReopen?(): void;
}

export interface MarketStreamHandlers extends MarketMessageHandlers {
  onOpen(): void;
  onError(): void;
}

/**
 * One market's public SSE stream that stays up for the life of the page. EventSource reconnects by
 * itself (resuming with Last-Event-ID) after a dropped connection, but gives up for good on an answer
 * that is not an event stream — a 429 from the rate limit, a 503 while the engine restarts — so then
 * this opens a new one after a pause. A frame that is not a public message is ignored. Returns the
 * function that closes the stream.
 */
export function openMarketStream(symbol: string, handlers: MarketStreamHandlers): () => void {
  let source: EventSource | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const onSnapshot = (event: MessageEvent<string>) => {
    const snapshot = parseMarketSnapshot(event.data);
    if (snapshot) handlers.onSnapshot?.(snapshot);
  };
  const onMessage = (event: MessageEvent<string>) => {
    const message = parsePublicMessage(event.type, event.data);
    if (message) handlers.onMessage?.(message);
  };

  const open = () => {
    const current = new EventSource(`/api/public/markets/${encodeURIComponent(symbol)}/stream`);
    source = current;
    current.addEventListener("snapshot", onSnapshot);
    for (const kind of PUBLIC_KINDS) current.addEventListener(kind, onMessage);
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
 * Handlers that keep one market's snapshot in TanStack Query's cache: the stream's opening snapshot
 * replaces it and every later message is folded in (the same fold the server's hub uses).
 */
export function snapshotCacheHandlers(queryClient: QueryClient, symbol: string): MarketMessageHandlers {
  const key = marketKeys.snapshot(symbol);
  return {
    onSnapshot: (snapshot) => queryClient.setQueryData(key, snapshot),
    onMessage: (message) => queryClient.setQueryData<MarketSnapshot>(key, (current) => foldedSnapshot(current ?? emptySnapshot(symbol), message)),
  };
}
