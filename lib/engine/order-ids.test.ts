import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, parseSnapshot, restore, serializeSnapshot, snapshot, stateHash, type EngineState, type PlaceOrder } from "./index";
import { ID_FREE, ID_TOO_OLD, ID_USED, ORDER_ID_WINDOW, OrderIdWindow } from "./order-ids";
import { T1 as t, fundedAccount, must, newEngine, orderIdHistory, quotes, restoredFromText } from "./test-helpers";

/** A BTC market with a mark and one funded account; no resting orders, so an IOC bid never fills. */
function engine(): EngineState {
  const s = newEngine();
  quotes(s, "BTC-PERP", 600_000, t);
  fundedAccount(s, 1, 100_000_000n, t);
  return s;
}

const bid = (orderId: number, tif: "IOC" | "GTC" = "IOC"): PlaceOrder => ({
  type: "PlaceOrder",
  nowMs: t,
  accountId: 1,
  orderId,
  market: "BTC-PERP",
  side: "buy",
  orderType: "limit",
  price: 580_000, // inside the price band (mark 60,006.0 USD ± 5 %), below every ask: it never fills
  size: 1,
  tif,
});

function refused(s: EngineState, command: PlaceOrder) {
  const before = stateHash(s);
  const result = apply(s, command);
  expect(result.events).toEqual([]);
  expect(stateHash(s), "a refused order changes nothing").toBe(before);
  return result.rejection;
}

describe("duplicate order-id protection in bounded memory", () => {
  it("regression: the snapshot does not grow with the number of orders accepted (1,000,000 orders)", () => {
    const s = engine();
    for (let id = 1; id <= 1_000; id++) must(s, bid(id));
    const early = serializeSnapshot(snapshot(s)).length;
    for (let id = 1_001; id <= 1_000_000; id++) apply(s, bid(id));
    expect(s.commandCount).toBe(1_000_000 + 4);
    const late = serializeSnapshot(snapshot(s)).length;
    // Only counters (seq, commandCount, the window's high-water mark) gain digits.
    expect(late - early, `snapshot grew from ${early} to ${late} characters`).toBeLessThan(100);
    expect(snapshot(s).orderIds.used.length).toBe(Math.ceil(ORDER_ID_WINDOW / 8 / 3) * 4);
  });

  it("an id reused inside the window is refused as DUPLICATE_ORDER_ID, resting or not", () => {
    const s = engine();
    must(s, bid(1, "GTC"));
    must(s, bid(2));
    expect(refused(s, bid(1))).toMatchObject({ code: "DUPLICATE_ORDER_ID", message: "order id 1 was already used" });
    expect(refused(s, bid(2))).toMatchObject({ code: "DUPLICATE_ORDER_ID" });
  });

  it("an id that arrives after higher ones (a client's, behind the simulation's) is accepted once", () => {
    const s = engine();
    // The host handed out 10 to a client, then 11 … 1,010 to the simulation, whose orders got in first.
    for (let id = 11; id <= 1_010; id++) must(s, bid(id));
    expect(apply(s, bid(10)).rejection).toBeUndefined();
    expect(refused(s, bid(10))).toMatchObject({ code: "DUPLICATE_ORDER_ID" });
    // A late id never used anywhere in the window is accepted too, down to the window's edge.
    const oldest = 1_010 - ORDER_ID_WINDOW + 1;
    expect(oldest).toBeLessThan(1);
    expect(apply(s, bid(1)).rejection).toBeUndefined();
  });

  it("an id at or below highest − ORDER_ID_WINDOW is refused as ORDER_ID_TOO_OLD, used or not", () => {
    const s = engine();
    must(s, bid(1));
    const high = ORDER_ID_WINDOW + 6;
    must(s, bid(high));
    const edge = high - ORDER_ID_WINDOW;
    expect(refused(s, bid(edge))).toMatchObject({
      code: "ORDER_ID_TOO_OLD",
      message: `order id ${edge} is too old: only ids above ${edge} are accepted (the engine keeps exact track of the ${ORDER_ID_WINDOW} ids up to the highest it accepted, ${high}); place the order with a new id`,
    });
    expect(refused(s, bid(1)), "id 1 was used: still refused, now as too old").toMatchObject({ code: "ORDER_ID_TOO_OLD" });
    expect(apply(s, bid(edge + 1)).rejection, "the oldest id inside the window, never used").toBeUndefined();
    expect(refused(s, bid(edge + 1))).toMatchObject({ code: "DUPLICATE_ORDER_ID" });
  });

  it("the window equals a set of every accepted id, for ids inside it (random id streams, with snapshots)", () => {
    const W = ORDER_ID_WINDOW;
    const step = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant("next" as const), n: fc.integer({ min: 1, max: 40 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("jump" as const), n: fc.integer({ min: 1, max: 3 * W }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("late" as const), n: fc.integer({ min: 0, max: W + 50 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("image" as const), n: fc.constant(0) }) },
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), (steps) => {
        let window = new OrderIdWindow();
        const used = new Set<number>();
        let high = 0;
        const expected = (id: number) => (id > high ? ID_FREE : id <= high - W ? ID_TOO_OLD : used.has(id) ? ID_USED : ID_FREE);
        for (const { kind, n } of steps) {
          if (kind === "image") {
            window = OrderIdWindow.fromImage(parseSnapshotImage(window));
            continue;
          }
          const id = kind === "late" ? Math.max(1, high - n) : high + n;
          const status = window.status(id);
          expect(status, `id ${id} at high ${high}`).toBe(expected(id));
          if (status === ID_FREE) {
            window.add(id);
            used.add(id);
            high = Math.max(high, id);
          }
          expect(window.high).toBe(high);
          // Neighbours of the id and the window's edges agree with the set too.
          for (const probe of [id - 1, id + 1, high - W, high - W + 1, high - W + 2])
            if (probe >= 1) expect(window.status(probe), `probe ${probe}`).toBe(expected(probe));
        }
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  it("a snapshot restores the window exactly, and replay after it stays deterministic", () => {
    const s = engine();
    for (const id of [5, 7, 9, 70_000, 70_001, 69_990]) must(s, bid(id, id === 70_000 ? "GTC" : "IOC"));
    const r = restoredFromText(s);
    expect(stateHash(r)).toBe(stateHash(s));
    for (const id of [69_995, 69_990, 70_001, 4_464, 4_465, 70_002]) {
      const a = apply(s, bid(id));
      const b = apply(r, bid(id));
      expect(b).toEqual(a);
    }
    expect(stateHash(r)).toBe(stateHash(s));
  });

  it("a window image of another size is converted by its ids", () => {
    // A 64-id window at high 100 with ids 40, 41 and 100 used.
    const bytes = new Uint8Array(8);
    for (const id of [40, 41, 100]) bytes[(id & 63) >>> 3] |= 1 << (id & 7);
    const w = OrderIdWindow.fromImage({ high: 100, window: 64, used: btoa(String.fromCharCode(...bytes)) });
    expect(w.high).toBe(100);
    expect([40, 41, 100].map((id) => w.status(id))).toEqual([ID_USED, ID_USED, ID_USED]);
    expect([37, 39, 99].map((id) => w.status(id))).toEqual([ID_FREE, ID_FREE, ID_FREE]);
    expect(() => OrderIdWindow.fromImage({ high: 100, window: 64, used: "not base64!" })).toThrow(/not base64/);
    expect(() => OrderIdWindow.fromImage({ high: 100, window: 100, used: "" })).toThrow(/malformed/);
  });

  it("a version 2 snapshot (every id listed, as demo databases hold) restores into the window", () => {
    // Written by the engine at 8eb71bf (before the window) from orderIdHistory(): ids 1 … 40 and 100,000 … 100,040.
    const text = fs.readFileSync(path.join(import.meta.dirname, "fixtures/snapshot-v2.json"), "utf8").trim();
    const legacy = parseSnapshot(text);
    expect(legacy.version).toBe(2);
    const r = restore(legacy);
    // The same as an engine of this version that accepted the same ids.
    // Its config as upgraded on restore (deposit limits added to a registry that predates them).
    const native = newEngine(r.config);
    for (const command of orderIdHistory()) must(native, command);
    expect(stateHash(r)).toBe(stateHash(native));
    expect(snapshot(r)).toMatchObject({ version: 3, orderIds: { high: 100_040, window: ORDER_ID_WINDOW } });
    expect(snapshot(r)).not.toHaveProperty("usedOrderIds");

    const high = 100_040;
    const order = (orderId: number): PlaceOrder => ({ ...bid(orderId), accountId: 2, side: "sell", price: 700_000 });
    expect(refused(r, order(100_010))).toMatchObject({ code: "DUPLICATE_ORDER_ID" });
    expect(refused(r, order(10)), "used, and now below the window").toMatchObject({ code: "ORDER_ID_TOO_OLD" });
    expect(refused(r, order(high - ORDER_ID_WINDOW)), "never used, below the window").toMatchObject({ code: "ORDER_ID_TOO_OLD" });
    expect(apply(r, order(high - ORDER_ID_WINDOW + 1)).rejection).toBeUndefined();
    expect(apply(r, order(99_999)).rejection).toBeUndefined();
    expect(apply(r, order(high + 1)).rejection).toBeUndefined();
  });
});

/** The window's snapshot image as it comes back from the stored text (canonical JSON round trip). */
function parseSnapshotImage(window: OrderIdWindow) {
  return JSON.parse(JSON.stringify(window.toImage())) as ReturnType<OrderIdWindow["toImage"]>;
}
