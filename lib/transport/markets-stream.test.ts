import { describe, expect, it } from "vitest";
import { FeedHub, type PublicMessage } from "../simulation/public-feed";
import { replayFrom } from "../simulation/feed-replay";
import { sseEvents, type SseEvent } from "@/test/sse";
import { formatStreamCursor, marketsStreamResponse, parseStreamCursor } from "./market-stream";

const NO_FLAGS = { afmm: false, afmmSide: null, liquidation: false, backstop: false, adl: false };
const trade = (id: number, market: string): PublicMessage & { kind: "trade" } => ({
  id,
  market,
  kind: "trade",
  atMs: 1_000 + id,
  data: { price: 650_000 + id, size: 1, aggressor: "buy", flags: NO_FLAGS },
});

async function readEvents(response: Response, count: number): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of sseEvents(response.body!)) {
    if (event.event) events.push(event);
    if (events.length >= count) break;
  }
  return events;
}

const request = (headers: Record<string, string> = {}, query = "") =>
  new Request(`http://localhost/api/public/stream?markets=BTC-PERP,ETH-PERP${query}`, { headers });
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("DISC-2: several markets over one SSE connection", () => {
  it("one connection carries a snapshot per market, then every market's messages, each id a cursor of all markets", async () => {
    const hub = new FeedHub(["BTC-PERP", "ETH-PERP"]);
    hub.ingest([trade(1, "BTC-PERP"), trade(2, "ETH-PERP")]);
    const response = marketsStreamResponse(request(), ["BTC-PERP", "ETH-PERP"], { feed: hub, replay: async () => [] });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reading = readEvents(response, 4);
    await settle();
    hub.ingest([trade(3, "ETH-PERP"), trade(4, "BTC-PERP")]);
    const events = await reading;
    expect(events.map((event) => [event.event, JSON.parse(event.data!).market, event.id])).toEqual([
      ["snapshot", "BTC-PERP", "BTC-PERP:1"],
      ["snapshot", "ETH-PERP", "BTC-PERP:1;ETH-PERP:2"],
      ["trade", "ETH-PERP", "BTC-PERP:1;ETH-PERP:3"],
      ["trade", "BTC-PERP", "BTC-PERP:4;ETH-PERP:3"],
    ]);
  });

  it("the cursor resumes each market after its own last event; a market it does not name starts from a snapshot", async () => {
    const hub = new FeedHub(["BTC-PERP", "ETH-PERP"]);
    hub.ingest([trade(1, "BTC-PERP"), trade(2, "ETH-PERP"), trade(3, "BTC-PERP"), trade(4, "ETH-PERP")]);
    const source = { feed: hub, replay: replayFrom(hub, async () => []) };
    const resumed = await readEvents(marketsStreamResponse(request({ "last-event-id": "BTC-PERP:1;ETH-PERP:2" }), ["BTC-PERP", "ETH-PERP"], source), 2);
    expect(resumed.map((event) => [event.event, event.id])).toEqual([
      ["trade", "BTC-PERP:3"],
      ["trade", "BTC-PERP:3;ETH-PERP:4"],
    ]);
    // A reopened stream passes the cursor as ?lastEventId= (a new EventSource sends no header).
    const partly = await readEvents(marketsStreamResponse(request({}, "&lastEventId=BTC-PERP:3"), ["BTC-PERP", "ETH-PERP"], source), 1);
    expect(partly.map((event) => [event.event, JSON.parse(event.data!).market])).toEqual([["snapshot", "ETH-PERP"]]);
  });

  it("a hostile cursor is read safely: malformed parts are dropped, the rest resumes", () => {
    expect([...parseStreamCursor("BTC-PERP:5;junk;ETH-PERP:-1;bad market:3;SOL-PERP:7")]).toEqual([
      ["BTC-PERP", 5],
      ["SOL-PERP", 7],
    ]);
    expect(parseStreamCursor(null).size).toBe(0);
    expect(parseStreamCursor("x".repeat(5_000)).size).toBe(0);
    expect(formatStreamCursor(new Map([["BTC-PERP", 9]]))).toBe("BTC-PERP:9");
  });
});
