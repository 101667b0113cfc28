import { TOO_FAR_BEHIND, type FeedSource } from "../simulation/feed-replay";
import type { PublicMessage } from "../simulation/public-feed";
import { STREAM_MAX_MARKETS } from "../services/public-market-data/schemas";
import { encodeFrame, lastEventId, lastEventIdText, sseResponse, type SseOptions } from "./sse";

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

/**
 * Several markets' public streams as ONE SSE connection, so a page (and, through the browser's
 * shared stream, every tab of a browser) holds a single connection whatever it shows. Each
 * message is the single-market stream's message (it names its market); the event id is a cursor
 * of every market's last seq ("BTC-PERP:120;ETH-PERP:118"), so a resumption picks up each market
 * where it broke off. A market the cursor does not name (or one too far behind) starts from a
 * snapshot event.
 */
export function marketsStreamResponse(request: Request, markets: readonly string[], source: FeedSource, options?: SseOptions): Response {
  const resume = parseStreamCursor(lastEventIdText(request));
  return sseResponse(
    request,
    async (sink) => {
      const highest = new Map<string, number>();
      // The id line is per connection (it carries this connection's cursor); the event itself is encoded once for everyone.
      const sendWithCursor = (body: Uint8Array) => sink.sendFrame(idLine(formatStreamCursor(highest))) && sink.sendFrame(body);
      const forward = (message: PublicMessage) => {
        const top = highest.get(message.market) ?? 0;
        if (!STATE_KINDS.has(message.kind) && message.id <= top) return;
        highest.set(message.market, Math.max(top, message.id));
        sendWithCursor(bodyOf(message));
      };
      const unsubscribes: Array<() => void> = [];
      for (const market of markets) {
        let backlogDone = false;
        const held: PublicMessage[] = [];
        unsubscribes.push(source.feed.subscribe(market, (message) => (backlogDone ? forward(message) : held.push(message))));
        const from = resume.get(market);
        const backlog = from === undefined ? TOO_FAR_BEHIND : await source.replay(market, from);
        if (backlog === TOO_FAR_BEHIND) {
          const snapshot = source.feed.snapshot(market);
          if (snapshot) {
            highest.set(market, snapshot.id);
            sendWithCursor(encodeFrame("snapshot", snapshot));
          }
        } else {
          highest.set(market, from!);
          for (const message of backlog) forward(message);
        }
        backlogDone = true;
        for (const message of held.splice(0)) forward(message);
      }
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
    options,
  );
}

const CURSOR_PART = /^([A-Z0-9][A-Z0-9-]{0,31}):(\d{1,15})$/;

/** "BTC-PERP:120;ETH-PERP:118" → market → seq; anything malformed is left out (that market starts from a snapshot). */
export function parseStreamCursor(text: string | null): Map<string, number> {
  const cursor = new Map<string, number>();
  if (!text) return cursor;
  for (const part of text.split(";").slice(0, STREAM_MAX_MARKETS)) {
    const match = CURSOR_PART.exec(part.trim());
    if (match) cursor.set(match[1], Number(match[2]));
  }
  return cursor;
}

export function formatStreamCursor(cursor: ReadonlyMap<string, number>): string {
  return [...cursor].map(([market, seq]) => `${market}:${seq}`).join(";");
}

const bodies = new WeakMap<PublicMessage, Uint8Array>();
const bodyEncoder = new TextEncoder();
/** A message's event and data lines (no id), encoded once for every multiplexed subscriber. */
function bodyOf(message: PublicMessage): Uint8Array {
  let body = bodies.get(message);
  if (!body) {
    body = encodeFrame(message.kind, message);
    bodies.set(message, body);
  }
  return body;
}
const idLine = (id: string) => bodyEncoder.encode(`id: ${id}\n`);
