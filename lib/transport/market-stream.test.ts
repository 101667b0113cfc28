import { describe, expect, it } from "vitest";
import { FeedHub, type PublicMessage } from "../simulation/public-feed";
import { replayFrom, TOO_FAR_BEHIND } from "../simulation/feed-replay";
import { sseEvents, type SseEvent } from "@/test/sse";
import { marketStreamResponse } from "./market-stream";

const NO_FLAGS = { afmm: false, afmmSide: null, liquidation: false, backstop: false, adl: false };
const trade = (id: number, market = "BTC-PERP"): PublicMessage & { kind: "trade" } => ({
  id,
  market,
  kind: "trade",
  atMs: 1_000 + id,
  data: { price: 650_000 + id, size: 1, aggressor: "buy", flags: NO_FLAGS },
});

/** Read SSE events from a Response body until `count` events have arrived (comments skipped), then close it. */
async function readEvents(response: Response, count: number): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  if (count === 0) return events;
  for await (const event of sseEvents(response.body!)) {
    if (event.event) events.push(event);
    if (events.length >= count) break;
  }
  return events;
}

function request(headers: Record<string, string> = {}, controller = new AbortController()) {
  return new Request("http://localhost/api/public/markets/BTC-PERP/stream", { headers, signal: controller.signal });
}

describe("market stream over SSE", () => {
  it("a new connection gets the snapshot first, then live messages with the journal seq as event id", async () => {
    const hub = new FeedHub(["BTC-PERP"]);
    hub.ingest([trade(1), trade(2)]);
    const response = marketStreamResponse(request(), "BTC-PERP", { feed: hub, replay: async () => [] });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const reading = readEvents(response, 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    hub.ingest([trade(3), trade(4)]);
    const events = await reading;
    expect(events.map((event) => [event.event, event.id])).toEqual([
      ["snapshot", "2"],
      ["trade", "3"],
      ["trade", "4"],
    ]);
    expect(JSON.parse(events[0].data!).trades).toHaveLength(2);
  });

  it("Last-Event-ID resumes exactly after that event: nothing lost, nothing repeated", async () => {
    const hub = new FeedHub(["BTC-PERP"]);
    hub.ingest([trade(1), trade(2), trade(3), trade(4)]);
    const response = marketStreamResponse(request({ "last-event-id": "2" }), "BTC-PERP", { feed: hub, replay: replayFrom(hub, async () => []) });
    const reading = readEvents(response, 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    hub.ingest([trade(5)]);
    expect((await reading).map((event) => event.id)).toEqual(["3", "4", "5"]);
  });

  it("resuming from before what memory holds reads the journal (the replay source)", async () => {
    const hub = new FeedHub(["BTC-PERP"], 10);
    hub.ingest([trade(11), trade(12)]);
    const replayedFrom: number[] = [];
    const journal = async (_market: string, afterId: number) => {
      replayedFrom.push(afterId);
      return [trade(6), trade(9), trade(11), trade(12)].filter((message) => message.id > afterId);
    };
    const response = marketStreamResponse(request({ "last-event-id": "5" }), "BTC-PERP", { feed: hub, replay: replayFrom(hub, journal) });
    expect((await readEvents(response, 4)).map((event) => event.id)).toEqual(["6", "9", "11", "12"]);
    expect(replayedFrom).toEqual([5]);
  });

  it("a client further behind than one replay reads gets a fresh snapshot, never a backlog with a hole in it", async () => {
    const hub = new FeedHub(["BTC-PERP"], 10);
    hub.ingest([trade(11), trade(12)]);
    const response = marketStreamResponse(request({ "last-event-id": "1" }), "BTC-PERP", { feed: hub, replay: replayFrom(hub, async () => TOO_FAR_BEHIND) });
    const [first] = await readEvents(response, 1);
    expect(first).toMatchObject({ event: "snapshot", id: String(hub.snapshot("BTC-PERP")!.id) });
  });

  it("a client that stops reading is dropped at its backlog bound and unsubscribed (memory does not grow)", async () => {
    const hub = new FeedHub(["BTC-PERP"]);
    const response = marketStreamResponse(request(), "BTC-PERP", { feed: hub, replay: async () => [] }, { maxBacklogBytes: 20_000 });
    const reader = response.body!.getReader();
    await reader.read(); // the retry line; after this the client never reads again
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hub.subscriberCount()).toBe(1);
    const bulky = { ...trade(0).data, filler: "x".repeat(1_000) };
    for (let id = 1; id <= 200; id++) hub.ingest([{ ...trade(id), data: bulky }]);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("closing the connection unsubscribes", async () => {
    const hub = new FeedHub(["BTC-PERP"]);
    const controller = new AbortController();
    const response = marketStreamResponse(request({}, controller), "BTC-PERP", { feed: hub, replay: async () => [] });
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hub.subscriberCount()).toBe(1);
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hub.subscriberCount()).toBe(0);
  });
});
