import { describe, expect, it } from "vitest";
import {
  emptySnapshot,
  foldedSnapshot,
  foldIntoSnapshot,
  parseMarketSnapshot,
  parsePublicMessage,
  type PublicMessage,
  type PublicMessageOf,
} from "./market-stream";

const NO_FLAGS = { afmm: false, afmmSide: null, liquidation: false, backstop: false, adl: false };
const trade = (id: number): PublicMessageOf<"trade"> => ({
  id,
  market: "BTC-PERP",
  kind: "trade",
  atMs: 1_000 + id,
  data: { price: 650_000 + id, size: 1, aggressor: "buy", flags: NO_FLAGS },
});
const deposit = (id: number): PublicMessage => ({
  id,
  market: "BTC-PERP",
  kind: "insurance",
  atMs: 1_000 + id,
  data: { change: "deposited", delta: "5000000", fundingId: "f-1" },
});

describe("a stream frame is read once, at the edge", () => {
  it("a public message whose kind is its event's name comes back as that message", () => {
    const message = trade(7);
    const parsed = parsePublicMessage("trade", JSON.stringify(message));
    expect(parsed).toEqual(message);
    // The union narrows on kind: no cast between the frame and the figures.
    if (parsed?.kind !== "trade") throw new Error("expected a trade");
    expect(parsed.data.price).toBe(650_007);
  });

  it.each([
    ["a frame under another event's name", "index", JSON.stringify(trade(1))],
    ["an unknown kind", "orders", JSON.stringify({ ...trade(1), kind: "orders" })],
    ["text that is not JSON", "trade", "{not json"],
    ["a message without an id", "trade", JSON.stringify({ ...trade(1), id: "1" })],
    ["a message without data", "trade", JSON.stringify({ ...trade(1), data: null })],
    ["an array", "trade", "[]"],
  ])("%s is ignored", (_name, eventName, text) => expect(parsePublicMessage(eventName, text)).toBeNull());

  it("a snapshot frame is read whole; anything else is not a snapshot", () => {
    const snapshot = foldedSnapshot(emptySnapshot("BTC-PERP"), trade(3));
    expect(parseMarketSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(parseMarketSnapshot(JSON.stringify(trade(3)))).toBeNull();
    expect(parseMarketSnapshot(JSON.stringify({ ...snapshot, trades: {} }))).toBeNull();
    expect(parseMarketSnapshot("")).toBeNull();
  });
});

describe("folding a message into a snapshot (the hub's rule and the browser cache's)", () => {
  it("keeps the latest message of each kind, the newest id and time, and a bounded window of trades", () => {
    const snapshot = emptySnapshot("BTC-PERP");
    for (let id = 1; id <= 5; id++) foldIntoSnapshot(snapshot, trade(id), 3);
    foldIntoSnapshot(snapshot, deposit(6), 3);
    expect(snapshot.id).toBe(6);
    expect(snapshot.atMs).toBe(1_006);
    expect(snapshot.trades.map((message) => message.id)).toEqual([3, 4, 5]);
    expect(snapshot.latest.trade?.id).toBe(5);
    expect(snapshot.latest.insurance?.data.change).toBe("deposited");
  });

  it("an older message does not move the snapshot's id or time back", () => {
    const snapshot = emptySnapshot("BTC-PERP");
    foldIntoSnapshot(snapshot, trade(9));
    foldIntoSnapshot(snapshot, deposit(4));
    expect([snapshot.id, snapshot.atMs]).toEqual([9, 1_009]);
  });

  it("foldedSnapshot leaves the snapshot it was given as it was (query caches compare by reference)", () => {
    const before = foldedSnapshot(emptySnapshot("BTC-PERP"), trade(1));
    const after = foldedSnapshot(before, trade(2));
    expect(before.trades).toHaveLength(1);
    expect(before.latest.trade?.id).toBe(1);
    expect(after.trades.map((message) => message.id)).toEqual([1, 2]);
  });
});
