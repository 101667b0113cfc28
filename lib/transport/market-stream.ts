import { TOO_FAR_BEHIND, type FeedSource } from "../simulation/feed-replay";
import type { PublicMessage } from "../simulation/public-feed";
import { encodeFrame, lastEventId, sseResponse, type SseOptions } from "./sse";

/** Each message is encoded once and the same bytes go to every subscriber. */
const frames = new WeakMap<PublicMessage, Uint8Array>();
function frameOf(message: PublicMessage): Uint8Array {
  let frame = frames.get(message);
  if (!frame) {
    frame = encodeFrame(message.kind, message, message.id);
    frames.set(message, frame);
  }
  return frame;
}

/** Events are sent once; states (book, stats) describe "now" and are always worth sending. */
const STATE_KINDS = new Set(["book", "stats"]);

/**
 * One market's public stream as SSE: the snapshot (or, with Last-Event-ID, everything after it from
 * memory or the journal; a fresh snapshot when that is too much to replay, so a client never
 * silently misses events), then live messages, each with the journal seq as its id. Shared by the
 * route handler and the fan-out benchmark so both measure the same code.
 */
export function marketStreamResponse(request: Request, market: string, source: FeedSource, options?: SseOptions): Response {
  const resumeFrom = lastEventId(request);
  return sseResponse(
    request,
    async (sink) => {
      // Subscribe first and hold live messages while the backlog is read, so nothing falls between.
      let backlogDone = false;
      let highestSent = resumeFrom ?? 0;
      const held: PublicMessage[] = [];
      const forward = (message: PublicMessage) => {
        if (!STATE_KINDS.has(message.kind) && message.id <= highestSent) return;
        if (sink.sendFrame(frameOf(message))) highestSent = Math.max(highestSent, message.id);
      };
      const unsubscribe = source.feed.subscribe(market, (message) => (backlogDone ? forward(message) : held.push(message)));
      const backlog = resumeFrom === null ? TOO_FAR_BEHIND : await source.replay(market, resumeFrom);
      if (backlog === TOO_FAR_BEHIND) {
        const snapshot = source.feed.snapshot(market);
        if (snapshot) {
          sink.send("snapshot", snapshot, snapshot.id);
          highestSent = snapshot.id;
        }
      } else {
        for (const message of backlog) forward(message);
      }
      backlogDone = true;
      for (const message of held.splice(0)) forward(message);
      return unsubscribe;
    },
    options,
  );
}
