import type { FeedHub, PublicMessage } from "./public-feed";

/**
 * Resuming a market's public feed after a given message id: what the engine runtime offers every
 * stream, whatever carries it (the SSE route in lib/transport reads it; nothing here knows HTTP).
 */

/**
 * What a resuming client missed: every message after its last id, or TOO_FAR_BEHIND when that is more
 * than one replay reads (the client then gets a fresh snapshot instead of a backlog with a hole).
 */
export const TOO_FAR_BEHIND = "too-far-behind";
export type Replay = PublicMessage[] | typeof TOO_FAR_BEHIND;

/** Journal events one resumption reads at most; a client further behind starts again from a snapshot. */
export const MAX_REPLAY_EVENTS = 5_000;

/** A market feed that can be followed live and resumed: the engine runtime is one. */
export interface FeedSource {
  feed: FeedHub;
  /** Public messages after `afterId` for a market, from memory, else from the journal; TOO_FAR_BEHIND past one replay. */
  replay(market: string, afterId: number): Promise<Replay>;
}

/** Resumption: from the hub's memory when it reaches back far enough, else from the journal. */
export function replayFrom(feed: FeedHub, fromJournal: (market: string, afterId: number) => Promise<Replay>) {
  return async (market: string, afterId: number): Promise<Replay> => feed.recentAfter(market, afterId) ?? fromJournal(market, afterId);
}
