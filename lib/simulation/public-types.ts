/**
 * The public market feed's wire shapes and the one rule for folding a message into a snapshot,
 * shared by the server's hub and the browser's query cache so both hold the same picture.
 * Client-safe: no engine or server imports.
 */

/** Every kind of public message, which is also its SSE event name. */
export const PUBLIC_KINDS = ["trade", "index", "mark", "funding", "insurance", "liquidation", "book", "stats"] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

export interface PublicMessage {
  /** The journal event sequence number (the SSE event id; derived messages carry the batch's last seq). */
  id: number;
  market: string;
  kind: PublicKind;
  atMs: number;
  data: Record<string, unknown>;
}

/** The REST snapshot of one market's stream: the latest message of each kind plus recent trades. */
export interface MarketSnapshot {
  market: string;
  id: number;
  atMs: number;
  latest: Partial<Record<PublicKind, PublicMessage>>;
  trades: PublicMessage[];
}

export const RECENT_TRADES = 100;

export function emptySnapshot(market: string): MarketSnapshot {
  return { market, id: 0, atMs: 0, latest: {}, trades: [] };
}

/** Fold one message into a snapshot in place (the hub) — see foldedSnapshot for an immutable copy. */
export function foldIntoSnapshot(snapshot: MarketSnapshot, message: PublicMessage, recentTrades = RECENT_TRADES): void {
  snapshot.id = Math.max(snapshot.id, message.id);
  snapshot.atMs = Math.max(snapshot.atMs, message.atMs);
  snapshot.latest[message.kind] = message;
  if (message.kind === "trade") {
    snapshot.trades.push(message);
    if (snapshot.trades.length > recentTrades) snapshot.trades.splice(0, snapshot.trades.length - recentTrades);
  }
}

/** A new snapshot with the message folded in (React state and query caches want new objects). */
export function foldedSnapshot(snapshot: MarketSnapshot, message: PublicMessage, recentTrades = RECENT_TRADES): MarketSnapshot {
  const next: MarketSnapshot = { ...snapshot, latest: { ...snapshot.latest }, trades: [...snapshot.trades] };
  foldIntoSnapshot(next, message, recentTrades);
  return next;
}
