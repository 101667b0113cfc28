"use client";

import type { QueryClient } from "@tanstack/react-query";
import { emptySnapshot, foldedSnapshot, type MarketSnapshot, type PublicMessage } from "@/lib/wire/market-stream";
import { marketStreamHub } from "./market-stream-hub";
import { marketKeys } from "./markets";

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
 * One market's live feed for the life of the page: a subscription to the browser's one shared
 * stream (market-stream-hub.ts), which resumes a dropped connection and reopens one the browser gave
 * up on. Returns the function that ends the subscription.
 */
export function openMarketStream(symbol: string, handlers: MarketStreamHandlers): () => void {
  return marketStreamHub().subscribe(symbol, handlers);
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
