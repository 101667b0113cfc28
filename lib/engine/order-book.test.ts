import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadExpectedFinalBook, loadReference, loadWorkload, formatBook, firstDifference, OP_CANCEL, OP_LIMIT } from "../../scripts/bench/workload";
import {
  BUY,
  DUPLICATE_ID,
  FOK,
  GTC,
  IOC,
  OK_FILLED,
  OK_PARTIAL_CANCELLED,
  OK_RESTED,
  OrderBook,
  REJECT_FOK_NOT_FILLABLE,
  REJECT_POST_ONLY_WOULD_CROSS,
  SELL,
  STP_CANCEL_BOTH,
  STP_CANCEL_MAKER,
  STP_CANCEL_TAKER,
  STP_NONE,
  STP_TAKER_CANCELLED,
  type FillListener,
  type RestingOrder,
  type Side,
  type SnapshotRow,
  type TimeInForce,
} from "./order-book";

type Fill = [makerId: number, makerOwner: number, price: number, size: number, makerRemaining: number];

/** A listener that records every fill, plus the array it records into. */
function recorder(): { fills: Fill[]; onFill: FillListener } {
  const fills: Fill[] = [];
  return { fills, onFill: (id, owner, price, size, rem) => void fills.push([id, owner, price, size, rem]) };
}

/** Builds a book from `[id, owner, side, price, size]` resting orders, asserting each one rests. */
function bookWith(rows: Array<[number, number, Side, number, number]>, stpMode?: number): OrderBook {
  const book = new OrderBook(stpMode);
  for (const [id, owner, side, price, size] of rows) {
    expect(book.limit(id, owner, side, price, size)).toBe(OK_RESTED);
  }
  return book;
}

describe("golden replay (order book)", () => {
  it("golden replay: workload-1m ends with the expected book, 460,704 trades and 2,548,124 lots traded", () => {
    const w = loadWorkload();
    const ref = loadReference();
    const book = new OrderBook();
    let trades = 0;
    let qty = 0;
    let missedCancels = 0;
    const onFill: FillListener = (_id, _owner, _price, size) => {
      trades++;
      qty += size;
    };
    for (let i = 0; i < w.count; i++) {
      const t = w.type[i];
      // owner = id: every order has its own owner, so STP never fires but is checked on every op.
      if (t === OP_LIMIT) book.limit(w.id[i], w.id[i], w.side[i] as Side, w.price[i], w.size[i], GTC, false, onFill);
      // Every cancel in the workload targets a resting order.
      else if (t === OP_CANCEL) missedCancels += book.cancel(w.id[i]) > 0 ? 0 : 1;
      else book.market(0, 0, w.side[i] as Side, w.size[i], onFill);
    }
    const actual = formatBook(book.snapshot().map(([id, , side, price, remaining]) => ({ id, side, price, remaining })));
    const expected = loadExpectedFinalBook();
    const diff = firstDifference(actual, expected);
    expect(diff === -1 ? null : { line: diff, actual: actual[diff], expected: expected[diff] }).toBeNull();
    expect(missedCancels).toBe(0);
    expect(actual.length).toBe(ref.finalState.restingOrders);
    expect(trades).toBe(ref.trades);
    expect(qty).toBe(ref.tradedQty);
    expect(book.bestBid()).toBe(ref.finalState.bestBid);
    expect(book.bestAsk()).toBe(ref.finalState.bestAsk);
    expect(book.depth(BUY, 1e9).reduce((s, [, v]) => s + v, 0)).toBe(ref.finalState.bidVolume);
    expect(book.depth(SELL, 1e9).reduce((s, [, v]) => s + v, 0)).toBe(ref.finalState.askVolume);
  });
});

describe("order types", () => {
  it("GTC limit that does not cross rests and reports OK_RESTED", () => {
    const book = new OrderBook();
    expect(book.limit(1, 7, BUY, 100, 5)).toBe(OK_RESTED);
    expect(book.last).toEqual({ filled: 0, rested: 5, cancelled: 0, code: OK_RESTED });
    expect(book.order(1)).toEqual({ id: 1, owner: 7, side: BUY, price: 100, remaining: 5, seq: 1 });
    expect(book.bestBid()).toBe(100);
    expect(book.bestAsk()).toBe(0);
    expect(book.size).toBe(1);
  });

  it("partial fills: a crossing GTC limit trades at maker prices across levels, then rests its rest at its own price", () => {
    const book = bookWith([
      [1, 1, SELL, 101, 3],
      [2, 2, SELL, 102, 4],
      [3, 3, SELL, 104, 9],
    ]);
    const { fills, onFill } = recorder();
    expect(book.limit(10, 9, BUY, 103, 10, GTC, false, onFill)).toBe(OK_RESTED);
    expect(fills).toEqual([
      [1, 1, 101, 3, 0],
      [2, 2, 102, 4, 0],
    ]);
    expect(book.last).toEqual({ filled: 7, rested: 3, cancelled: 0, code: OK_RESTED });
    expect(book.bestBid()).toBe(103);
    expect(book.bestAsk()).toBe(104);
  });

  it("partial fills: a maker partly filled keeps its place and reports its remaining size", () => {
    const book = bookWith([
      [1, 1, SELL, 101, 10],
      [2, 2, SELL, 101, 10],
    ]);
    const { fills, onFill } = recorder();
    expect(book.limit(10, 9, BUY, 101, 4, GTC, false, onFill)).toBe(OK_FILLED);
    expect(fills).toEqual([[1, 1, 101, 4, 6]]);
    expect(book.last).toEqual({ filled: 4, rested: 0, cancelled: 0, code: OK_FILLED });
    expect(book.snapshot()).toEqual([
      [1, 1, SELL, 101, 6],
      [2, 2, SELL, 101, 10],
    ]);
    expect(book.depth(SELL, 5)).toEqual([[101, 16]]);
  });

  it("market order fills across levels at maker prices and drops the unfilled rest (IOC)", () => {
    const book = bookWith([
      [1, 1, BUY, 99, 2],
      [2, 2, BUY, 98, 3],
    ]);
    const { fills, onFill } = recorder();
    expect(book.market(50, 9, SELL, 10, onFill)).toBe(OK_PARTIAL_CANCELLED);
    expect(fills).toEqual([
      [1, 1, 99, 2, 0],
      [2, 2, 98, 3, 0],
    ]);
    expect(book.last).toEqual({ filled: 5, rested: 0, cancelled: 5, code: OK_PARTIAL_CANCELLED });
    expect(book.size).toBe(0);
    expect(book.has(50)).toBe(false);
  });

  it("market order that is fully filled reports OK_FILLED; on an empty book everything is cancelled", () => {
    const book = bookWith([[1, 1, SELL, 105, 8]]);
    expect(book.market(2, 9, BUY, 8)).toBe(OK_FILLED);
    expect(book.last).toEqual({ filled: 8, rested: 0, cancelled: 0, code: OK_FILLED });
    expect(book.market(3, 9, BUY, 4)).toBe(OK_PARTIAL_CANCELLED);
    expect(book.last).toEqual({ filled: 0, rested: 0, cancelled: 4, code: OK_PARTIAL_CANCELLED });
  });

  it("market order with a protective limit price never trades beyond it (buy and sell)", () => {
    const book = bookWith([
      [1, 1, SELL, 101, 2],
      [2, 2, SELL, 103, 2],
      [3, 3, BUY, 99, 2],
      [4, 4, BUY, 97, 2],
    ]);
    const { fills, onFill } = recorder();
    expect(book.market(10, 9, BUY, 5, onFill, 102)).toBe(OK_PARTIAL_CANCELLED);
    expect(book.market(11, 9, SELL, 5, onFill, 98)).toBe(OK_PARTIAL_CANCELLED);
    expect(fills).toEqual([
      [1, 1, 101, 2, 0],
      [3, 3, 99, 2, 0],
    ]);
    expect(book.last).toEqual({ filled: 2, rested: 0, cancelled: 3, code: OK_PARTIAL_CANCELLED });
    expect(book.bestAsk()).toBe(103);
    expect(book.bestBid()).toBe(97);
  });

  it("IOC limit trades what crosses at or better than its price and never rests", () => {
    const book = bookWith([
      [1, 1, SELL, 100, 3],
      [2, 2, SELL, 102, 3],
    ]);
    expect(book.limit(10, 9, BUY, 101, 5, IOC)).toBe(OK_PARTIAL_CANCELLED);
    expect(book.last).toEqual({ filled: 3, rested: 0, cancelled: 2, code: OK_PARTIAL_CANCELLED });
    expect(book.has(10)).toBe(false);
    expect(book.bestBid()).toBe(0);
    expect(book.limit(11, 9, BUY, 99, 5, IOC)).toBe(OK_PARTIAL_CANCELLED);
    expect(book.last).toEqual({ filled: 0, rested: 0, cancelled: 5, code: OK_PARTIAL_CANCELLED });
    expect(book.limit(12, 9, BUY, 102, 3, IOC)).toBe(OK_FILLED);
  });

  it("FOK fillable within its limit price fills completely", () => {
    const book = bookWith([
      [1, 1, SELL, 100, 3],
      [2, 2, SELL, 101, 3],
      [3, 3, SELL, 102, 3],
    ]);
    const { fills, onFill } = recorder();
    expect(book.limit(10, 9, BUY, 101, 6, FOK, false, onFill)).toBe(OK_FILLED);
    expect(fills.map((f) => f[0])).toEqual([1, 2]);
    expect(book.last).toEqual({ filled: 6, rested: 0, cancelled: 0, code: OK_FILLED });
  });

  it("FOK not fillable (liquidity beyond its price does not count) is rejected and the book is untouched", () => {
    const book = bookWith([
      [1, 1, SELL, 100, 3],
      [2, 2, SELL, 101, 3],
      [3, 3, SELL, 102, 3],
    ]);
    const before = book.snapshot();
    const { fills, onFill } = recorder();
    expect(book.limit(10, 9, BUY, 101, 7, FOK, false, onFill)).toBe(REJECT_FOK_NOT_FILLABLE);
    expect(book.last).toEqual({ filled: 0, rested: 0, cancelled: 7, code: REJECT_FOK_NOT_FILLABLE });
    expect(fills).toEqual([]);
    expect(book.snapshot()).toEqual(before);
  });

  it("FOK fillable size excludes same-owner makers: cancel-taker stops at the own maker", () => {
    const rows: Array<[number, number, Side, number, number]> = [
      [1, 1, SELL, 100, 3],
      [2, 9, SELL, 100, 3],
      [3, 2, SELL, 100, 3],
    ];
    const taker = bookWith(rows, STP_CANCEL_TAKER);
    expect(taker.limit(10, 9, BUY, 100, 4, FOK)).toBe(REJECT_FOK_NOT_FILLABLE);
    expect(taker.size).toBe(3);
    expect(taker.limit(11, 9, BUY, 100, 3, FOK)).toBe(OK_FILLED);
    const both = bookWith(rows, STP_CANCEL_BOTH);
    expect(both.limit(10, 9, BUY, 100, 4, FOK)).toBe(REJECT_FOK_NOT_FILLABLE);
    expect(both.size).toBe(3);
  });

  it("FOK fillable size excludes same-owner makers: cancel-maker counts only others, none counts all", () => {
    const rows: Array<[number, number, Side, number, number]> = [
      [1, 1, SELL, 100, 3],
      [2, 9, SELL, 100, 3],
      [3, 2, SELL, 100, 3],
    ];
    const maker = bookWith(rows, STP_CANCEL_MAKER);
    expect(maker.limit(10, 9, BUY, 100, 7, FOK)).toBe(REJECT_FOK_NOT_FILLABLE);
    expect(maker.size).toBe(3);
    expect(maker.limit(11, 9, BUY, 100, 6, FOK)).toBe(OK_FILLED);
    expect(maker.stpCancelledIds).toEqual([2]);
    expect(maker.size).toBe(0);
    const none = bookWith(rows, STP_NONE);
    expect(none.limit(10, 9, BUY, 100, 9, FOK)).toBe(OK_FILLED);
  });

  it("post-only rejects when it would cross (including at the touch price) and rests otherwise", () => {
    const book = bookWith([
      [1, 1, SELL, 101, 3],
      [2, 2, BUY, 99, 3],
    ]);
    expect(book.limit(10, 9, BUY, 101, 1, GTC, true)).toBe(REJECT_POST_ONLY_WOULD_CROSS);
    expect(book.last).toEqual({ filled: 0, rested: 0, cancelled: 1, code: REJECT_POST_ONLY_WOULD_CROSS });
    expect(book.limit(11, 9, SELL, 98, 1, GTC, true)).toBe(REJECT_POST_ONLY_WOULD_CROSS);
    expect(book.size).toBe(2);
    expect(book.limit(12, 9, BUY, 100, 1, GTC, true)).toBe(OK_RESTED);
    expect(book.limit(13, 9, SELL, 102, 1, GTC, true)).toBe(OK_RESTED);
    expect(book.bestBid()).toBe(100);
  });

  it("post-only with IOC or FOK is a caller error", () => {
    const book = new OrderBook();
    expect(() => book.limit(1, 1, BUY, 100, 1, IOC, true)).toThrow(RangeError);
    expect(() => book.limit(1, 1, BUY, 100, 1, FOK, true)).toThrow(RangeError);
  });
});

describe("priority, cancel and reduce", () => {
  it("price-time priority at one level: makers fill in arrival order, better prices first", () => {
    const book = bookWith([
      [1, 1, BUY, 100, 2],
      [2, 2, BUY, 100, 2],
      [3, 3, BUY, 101, 2],
      [4, 4, BUY, 100, 2],
    ]);
    const { fills, onFill } = recorder();
    book.market(10, 9, SELL, 7, onFill);
    expect(fills).toEqual([
      [3, 3, 101, 2, 0],
      [1, 1, 100, 2, 0],
      [2, 2, 100, 2, 0],
      [4, 4, 100, 1, 1],
    ]);
  });

  it.each([
    ["head", 1, [2, 3]],
    ["middle", 2, [1, 3]],
    ["tail", 3, [1, 2]],
  ])("cancel of the %s order of a level returns its size and leaves the others in order", (_where, cancelId, rest) => {
    const book = bookWith([
      [1, 1, SELL, 100, 1],
      [2, 2, SELL, 100, 2],
      [3, 3, SELL, 100, 3],
    ]);
    const sizeOf = { 1: 1, 2: 2, 3: 3 } as Record<number, number>;
    expect(book.cancel(cancelId)).toBe(sizeOf[cancelId]);
    expect(book.has(cancelId)).toBe(false);
    expect(book.cancel(cancelId)).toBe(0);
    expect(book.depth(SELL, 10)).toEqual([[100, 6 - sizeOf[cancelId]]]);
    const { fills, onFill } = recorder();
    book.market(10, 9, BUY, 10, onFill);
    expect(fills.map((f) => f[0])).toEqual(rest);
  });

  it("cancel of the last order of the touch level moves the best price; unknown ids cancel nothing", () => {
    const book = bookWith([
      [1, 1, BUY, 101, 1],
      [2, 2, BUY, 100, 1],
      [3, 3, BUY, 99, 1],
    ]);
    expect(book.cancel(2)).toBe(1);
    expect(book.depth(BUY, 10)).toEqual([
      [101, 1],
      [99, 1],
    ]);
    expect(book.cancel(1)).toBe(1);
    expect(book.bestBid()).toBe(99);
    expect(book.cancel(42)).toBe(0);
    expect(book.size).toBe(1);
  });

  it("reduce shrinks in place and keeps time priority; growing or unknown ids are refused; 0 removes", () => {
    const book = bookWith([
      [1, 1, SELL, 100, 5],
      [2, 2, SELL, 100, 5],
    ]);
    expect(book.reduce(1, 2)).toBe(true);
    expect(book.order(1)?.remaining).toBe(2);
    expect(book.depth(SELL, 1)).toEqual([[100, 7]]);
    expect(book.reduce(1, 3)).toBe(false);
    expect(book.reduce(1, 1.5)).toBe(false);
    expect(book.reduce(99, 1)).toBe(false);
    const { fills, onFill } = recorder();
    book.market(10, 9, BUY, 3, onFill);
    expect(fills).toEqual([
      [1, 1, 100, 2, 0],
      [2, 2, 100, 1, 4],
    ]);
    expect(book.reduce(2, 0)).toBe(true);
    expect(book.size).toBe(0);
    expect(book.bestAsk()).toBe(0);
  });

  it("duplicate id of a resting order is rejected without touching the book; the id is free again once it leaves", () => {
    const book = bookWith([[1, 1, SELL, 100, 5]]);
    const { fills, onFill } = recorder();
    expect(book.limit(1, 2, BUY, 100, 5, GTC, false, onFill)).toBe(DUPLICATE_ID);
    expect(book.last).toEqual({ filled: 0, rested: 0, cancelled: 5, code: DUPLICATE_ID });
    expect(fills).toEqual([]);
    expect(book.snapshot()).toEqual([[1, 1, SELL, 100, 5]]);
    book.cancel(1);
    expect(book.limit(1, 2, BUY, 100, 5)).toBe(OK_RESTED);
  });

  it("ordersOf lists an owner's resting orders oldest first and follows fills and cancels", () => {
    const book = bookWith([
      [1, 7, SELL, 102, 1],
      [2, 8, SELL, 101, 1],
      [3, 7, BUY, 99, 1],
      [4, 7, SELL, 101, 1],
    ]);
    expect(book.ordersOf(7)).toEqual([1, 3, 4]);
    book.cancel(3);
    expect(book.ordersOf(7)).toEqual([1, 4]);
    book.market(10, 9, BUY, 2);
    expect(book.ordersOf(7)).toEqual([1]);
    expect(book.ordersOf(8)).toEqual([]);
  });

  it("depth and walk go from the touch outward and walk stops when fn returns false", () => {
    const book = bookWith([
      [1, 1, BUY, 98, 1],
      [2, 1, BUY, 100, 2],
      [3, 1, BUY, 99, 3],
      [4, 1, BUY, 100, 4],
    ]);
    expect(book.depth(BUY, 2)).toEqual([
      [100, 6],
      [99, 3],
    ]);
    const seen: number[] = [];
    book.walk(BUY, (price) => {
      seen.push(price);
      return price > 99;
    });
    expect(seen).toEqual([100, 99]);
    expect(book.depth(SELL, 5)).toEqual([]);
  });

  it("arguments outside the documented integer bounds throw RangeError", () => {
    const book = new OrderBook();
    expect(() => book.limit(1, 1, BUY, 0, 1)).toThrow(RangeError);
    expect(() => book.limit(1, 1, BUY, 2 ** 31, 1)).toThrow(RangeError);
    expect(() => book.limit(1, 1, BUY, 100, 1.5)).toThrow(RangeError);
    expect(() => book.limit(1, 1, 2 as Side, 100, 1)).toThrow(RangeError);
    expect(() => book.limit(-1, 1, BUY, 100, 1)).toThrow(RangeError);
    expect(() => book.market(1, 1, BUY, 0)).toThrow(RangeError);
    expect(() => new OrderBook(4)).toThrow(RangeError);
    expect(book.size).toBe(0);
  });
});

describe("self-trade prevention", () => {
  const rows: Array<[number, number, Side, number, number]> = [
    [1, 1, SELL, 100, 2],
    [2, 9, SELL, 100, 3],
    [3, 2, SELL, 101, 4],
  ];

  it("cancel-taker: the taker trades up to its own maker, then its rest is cancelled; the maker stays", () => {
    const book = bookWith(rows, STP_CANCEL_TAKER);
    const { fills, onFill } = recorder();
    expect(book.limit(10, 9, BUY, 101, 8, GTC, false, onFill)).toBe(STP_TAKER_CANCELLED);
    expect(fills).toEqual([[1, 1, 100, 2, 0]]);
    expect(book.last).toEqual({ filled: 2, rested: 0, cancelled: 6, code: STP_TAKER_CANCELLED });
    expect(book.stpCancelledIds).toEqual([]);
    expect(book.snapshot()).toEqual([
      [2, 9, SELL, 100, 3],
      [3, 2, SELL, 101, 4],
    ]);
  });

  it("cancel-maker: the own maker is cancelled and reported, the taker keeps matching and rests", () => {
    const book = bookWith(rows, STP_CANCEL_MAKER);
    const { fills, onFill } = recorder();
    expect(book.limit(10, 9, BUY, 101, 8, GTC, false, onFill)).toBe(OK_RESTED);
    expect(fills).toEqual([
      [1, 1, 100, 2, 0],
      [3, 2, 101, 4, 0],
    ]);
    expect(book.stpCancelledIds).toEqual([2]);
    expect(book.stpCancelledSizes).toEqual([3]);
    expect(book.last).toEqual({ filled: 6, rested: 2, cancelled: 0, code: OK_RESTED });
    expect(book.snapshot()).toEqual([[10, 9, BUY, 101, 2]]);
    book.limit(11, 3, SELL, 105, 1);
    expect(book.stpCancelledIds).toEqual([]);
  });

  it("cancel-both: the own maker and the taker's rest are both cancelled", () => {
    const book = bookWith(rows, STP_CANCEL_BOTH);
    expect(book.market(10, 9, BUY, 8)).toBe(STP_TAKER_CANCELLED);
    expect(book.last).toEqual({ filled: 2, rested: 0, cancelled: 6, code: STP_TAKER_CANCELLED });
    expect(book.stpCancelledIds).toEqual([2]);
    expect(book.snapshot()).toEqual([[3, 2, SELL, 101, 4]]);
  });

  it("none: a taker trades with its own owner's maker", () => {
    const book = bookWith(rows, STP_NONE);
    const { fills, onFill } = recorder();
    expect(book.market(10, 9, BUY, 5, onFill)).toBe(OK_FILLED);
    expect(fills).toEqual([
      [1, 1, 100, 2, 0],
      [2, 9, 100, 3, 0],
    ]);
  });
});

describe("snapshot and restore", () => {
  it("snapshot lists resting orders in time priority and restore reproduces matching exactly", () => {
    const book = bookWith([
      [5, 1, SELL, 101, 2],
      [3, 2, SELL, 100, 2],
      [9, 3, SELL, 100, 2],
      [1, 4, BUY, 98, 2],
    ]);
    book.reduce(3, 1);
    const rows = book.snapshot();
    expect(rows).toEqual([
      [5, 1, SELL, 101, 2],
      [3, 2, SELL, 100, 1],
      [9, 3, SELL, 100, 2],
      [1, 4, BUY, 98, 2],
    ]);
    const copy = OrderBook.restore(rows);
    const a = recorder();
    const b = recorder();
    book.market(10, 9, BUY, 4, a.onFill);
    copy.market(10, 9, BUY, 4, b.onFill);
    expect(b.fills).toEqual(a.fills);
    expect(a.fills.map((f) => f[0])).toEqual([3, 9, 5]);
    expect(copy.snapshot()).toEqual(book.snapshot());
  });

  it("restore rejects duplicate ids and rows that cross", () => {
    expect(() =>
      OrderBook.restore([
        [1, 1, BUY, 100, 1],
        [1, 2, SELL, 101, 1],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      OrderBook.restore([
        [1, 1, BUY, 100, 1],
        [2, 2, SELL, 100, 1],
      ]),
    ).toThrow(RangeError);
    expect(() => OrderBook.restore([[1, 1, BUY, 100, 0]])).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests against a naive reference book.

type Op =
  | { k: "limit"; reuse: boolean; pick: number; owner: number; side: Side; offset: number; size: number; tif: TimeInForce; postOnly: boolean }
  | { k: "market"; owner: number; side: Side; size: number; limitPrice: number }
  | { k: "cancel"; known: boolean; pick: number }
  | { k: "reduce"; known: boolean; pick: number; cut: number };

interface Step {
  result: number | boolean;
  last?: { filled: number; rested: number; cancelled: number; code: number };
  fills: Fill[];
  stpCancelled: Array<[number, number]>;
}

/** The reference book keeps the same record the book reports for a resting order. */
type RefOrder = RestingOrder;

/**
 * Deliberately simple model: a flat array of orders, the maker queue re-sorted for every fill, and
 * FOK decided by matching on a copy and keeping it only if the copy filled everything.
 */
class RefBook {
  orders: RefOrder[] = [];
  seq = 0;
  constructor(readonly stp: number) {}

  submit(id: number, owner: number, side: Side, bound: number | null, size: number, kind: "gtc" | "ioc" | "fok" | "post" | "market"): Step {
    const step: Step = { result: 0, fills: [], stpCancelled: [] };
    const done = (code: number, filled: number, rested: number, cancelled: number): Step => {
      step.result = code;
      step.last = { filled, rested, cancelled, code };
      return step;
    };
    if (kind !== "market" && this.orders.some((o) => o.id === id)) return done(DUPLICATE_ID, 0, 0, size);
    if (kind === "post") {
      const crosses = this.orders.some((o) => o.side !== side && (side === BUY ? o.price <= (bound as number) : o.price >= (bound as number)));
      if (crosses) return done(REJECT_POST_ONLY_WOULD_CROSS, 0, 0, size);
      this.rest(id, owner, side, bound as number, size);
      return done(OK_RESTED, 0, size, 0);
    }
    const working = kind === "fok" ? this.copy() : this;
    const { left, stopped } = working.match(owner, side, bound, size, step);
    if (kind === "fok") {
      if (left > 0) {
        step.fills = [];
        step.stpCancelled = [];
        return done(REJECT_FOK_NOT_FILLABLE, 0, 0, size);
      }
      this.orders = working.orders;
    }
    if (left === 0) return done(OK_FILLED, size, 0, 0);
    if (stopped) return done(STP_TAKER_CANCELLED, size - left, 0, left);
    if (kind === "gtc") {
      this.rest(id, owner, side, bound as number, left);
      return done(OK_RESTED, size - left, left, 0);
    }
    return done(OK_PARTIAL_CANCELLED, size - left, 0, left);
  }

  match(owner: number, side: Side, bound: number | null, size: number, step: Step): { left: number; stopped: boolean } {
    let left = size;
    while (left > 0) {
      const queue = this.orders
        .filter((o) => o.side !== side && (bound === null || (side === BUY ? o.price <= bound : o.price >= bound)))
        .sort((a, b) => (side === BUY ? a.price - b.price : b.price - a.price) || a.seq - b.seq);
      if (queue.length === 0) break;
      const m = queue[0];
      if (this.stp !== STP_NONE && m.owner === owner) {
        if (this.stp === STP_CANCEL_TAKER) return { left, stopped: true };
        step.stpCancelled.push([m.id, m.remaining]);
        this.orders = this.orders.filter((o) => o !== m);
        if (this.stp === STP_CANCEL_BOTH) return { left, stopped: true };
        continue;
      }
      const t = Math.min(left, m.remaining);
      m.remaining -= t;
      left -= t;
      step.fills.push([m.id, m.owner, m.price, t, m.remaining]);
      if (m.remaining === 0) this.orders = this.orders.filter((o) => o !== m);
    }
    return { left, stopped: false };
  }

  cancel(id: number): number {
    const o = this.orders.find((x) => x.id === id);
    if (!o) return 0;
    this.orders = this.orders.filter((x) => x !== o);
    return o.remaining;
  }

  reduce(id: number, n: number): boolean {
    const o = this.orders.find((x) => x.id === id);
    if (!o || n < 0 || n > o.remaining) return false;
    if (n === 0) this.cancel(id);
    else o.remaining = n;
    return true;
  }

  snapshot(): SnapshotRow[] {
    return [...this.orders].sort((a, b) => a.seq - b.seq).map((o) => [o.id, o.owner, o.side, o.price, o.remaining]);
  }

  private rest(id: number, owner: number, side: Side, price: number, size: number): void {
    this.orders.push({ id, owner, side, price, remaining: size, seq: ++this.seq });
  }

  private copy(): RefBook {
    const c = new RefBook(this.stp);
    c.orders = this.orders.map((o) => ({ ...o }));
    c.seq = this.seq;
    return c;
  }
}

/**
 * Limit prices are MID ∓ offset (buys below, sells above) with offsets from −2, so most orders rest
 * and build a few levels per side while a steady share crosses.
 */
const MID = 100;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant("limit" as const),
      reuse: fc.boolean(),
      pick: fc.nat(1000),
      owner: fc.integer({ min: 1, max: 3 }),
      side: fc.constantFrom<Side>(BUY, SELL),
      offset: fc.integer({ min: -2, max: 5 }),
      size: fc.integer({ min: 1, max: 10 }),
      tif: fc.constantFrom<TimeInForce>(GTC, GTC, GTC, IOC, FOK),
      postOnly: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("market" as const),
      owner: fc.integer({ min: 1, max: 3 }),
      side: fc.constantFrom<Side>(BUY, SELL),
      size: fc.integer({ min: 1, max: 12 }),
      limitPrice: fc.oneof(fc.constant(0), fc.integer({ min: MID - 5, max: MID + 5 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("cancel" as const), known: fc.boolean(), pick: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("reduce" as const), known: fc.boolean(), pick: fc.nat(1000), cut: fc.integer({ min: -1, max: 10 }) }) },
);

/** Applies one abstract op to both books; ids are resolved against the reference's resting orders. */
class Pair {
  nextId = 1;
  constructor(
    readonly book: OrderBook,
    readonly ref: RefBook,
  ) {}

  apply(op: Op): { ours: Step; theirs: Step } {
    const resting = this.ref.snapshot().map((r) => r[0]);
    const pickId = (known: boolean, pick: number) => (known && resting.length > 0 ? resting[pick % resting.length] : 100_000 + pick);
    const rec = recorder();
    const ours: Step = { result: 0, fills: rec.fills, stpCancelled: [] };
    let theirs: Step;
    switch (op.k) {
      case "limit": {
        const id = op.reuse && op.pick % 8 === 0 && resting.length > 0 ? resting[op.pick % resting.length] : this.nextId++;
        const postOnly = op.postOnly && op.tif === GTC && op.pick % 3 === 0;
        const price = op.side === BUY ? MID - op.offset : MID + op.offset;
        ours.result = this.book.limit(id, op.owner, op.side, price, op.size, op.tif, postOnly, rec.onFill);
        const kind = postOnly ? "post" : op.tif === GTC ? "gtc" : op.tif === IOC ? "ioc" : "fok";
        theirs = this.ref.submit(id, op.owner, op.side, price, op.size, kind);
        break;
      }
      case "market":
        ours.result = this.book.market(this.nextId++, op.owner, op.side, op.size, rec.onFill, op.limitPrice);
        theirs = this.ref.submit(0, op.owner, op.side, op.limitPrice === 0 ? null : op.limitPrice, op.size, "market");
        break;
      case "cancel": {
        const id = pickId(op.known, op.pick);
        ours.result = this.book.cancel(id);
        theirs = { result: this.ref.cancel(id), fills: [], stpCancelled: [] };
        return { ours, theirs };
      }
      case "reduce": {
        const id = pickId(op.known, op.pick);
        const current = this.ref.snapshot().find((r) => r[0] === id)?.[4] ?? 5;
        const n = Math.max(-1, current - op.cut);
        ours.result = this.book.reduce(id, n);
        theirs = { result: this.ref.reduce(id, n), fills: [], stpCancelled: [] };
        return { ours, theirs };
      }
    }
    ours.last = { ...this.book.last };
    ours.stpCancelled = this.book.stpCancelledIds.map((id, i) => [id, this.book.stpCancelledSizes[i]]);
    return { ours, theirs };
  }
}

/**
 * Structural invariants checked through the public API only. Values are gathered first and compared
 * in a few deep comparisons, because per-element `expect` calls would dominate the property's run time.
 */
function checkInvariants(book: OrderBook, everUsedIds: Iterable<number>): void {
  const rows = book.snapshot();
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (bid !== 0 && ask !== 0 && bid >= ask) expect.fail(`crossed book: bid ${bid} >= ask ${ask}`);

  for (const side of [BUY, SELL] as const) {
    const fromOrders = new Map<number, number>();
    for (const [, , s, price, rem] of rows) if (s === side) fromOrders.set(price, (fromOrders.get(price) ?? 0) + rem);
    const bestFirst = [...fromOrders].sort(([a], [b]) => (side === BUY ? b - a : a - b));
    const walked: Array<[number, number]> = [];
    book.walk(side, (price, size) => void walked.push([price, size]));
    same(
      { depth: book.depth(side, Number.MAX_SAFE_INTEGER), walked, best: side === BUY ? bid : ask },
      { depth: bestFirst, walked: bestFirst, best: bestFirst.length === 0 ? 0 : bestFirst[0][0] },
    );
  }

  const resting = new Set(rows.map((r) => r[0]));
  const ids = [...everUsedIds];
  const seqs = rows.map((r) => (book.order(r[0]) as { seq: number }).seq);
  same(
    {
      size: book.size,
      distinct: resting.size,
      has: ids.map((id) => book.has(id)),
      orders: rows.map(([id]) => {
        const o = book.order(id);
        return o && [o.id, o.owner, o.side, o.price, o.remaining];
      }),
      seqIncreasing: seqs.every((q, i) => i === 0 || q > seqs[i - 1]),
      owners: [1, 2, 3].map((owner) => book.ordersOf(owner)),
    },
    {
      size: rows.length,
      distinct: rows.length,
      has: ids.map((id) => resting.has(id)),
      orders: rows,
      seqIncreasing: true,
      owners: [1, 2, 3].map((owner) => rows.filter((r) => r[1] === owner).map((r) => r[0])),
    },
  );
}

/** Deep equality with a cheap pre-check; falls back to `toEqual` (and its diff) only on a mismatch. */
function same(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

const scenarioArb = fc.record({
  stp: fc.constantFrom(STP_CANCEL_TAKER, STP_CANCEL_MAKER, STP_CANCEL_BOTH, STP_NONE),
  ops: fc.array(opArb, { minLength: 1, maxLength: 150, size: "max" }),
});

describe("property tests (fast-check, seeded)", () => {
  it("random op sequences: matches equal a naive reference book; never crossed; level volumes and id index stay consistent", () => {
    fc.assert(
      fc.property(scenarioArb, ({ stp, ops }) => {
        const pair = new Pair(new OrderBook(stp), new RefBook(stp));
        const used = new Set<number>();
        for (const op of ops) {
          const { ours, theirs } = pair.apply(op);
          same(ours, theirs);
          for (const r of pair.ref.snapshot()) used.add(r[0]);
          same(pair.book.snapshot(), pair.ref.snapshot());
          checkInvariants(pair.book, used);
        }
      }),
      { seed: 20240601, numRuns: 2000 },
    );
  });

  it("snapshot -> restore -> continue behaves exactly like continuing the original book", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ stp, ops }, cutAt) => {
        const cut = cutAt % (ops.length + 1);
        const original = new Pair(new OrderBook(stp), new RefBook(stp));
        for (const op of ops.slice(0, cut)) original.apply(op);
        const restored = new Pair(OrderBook.restore(original.book.snapshot(), stp), new RefBook(stp));
        // The twin's reference is rebuilt from the same rows so that both pairs resolve op ids identically.
        for (const [id, owner, side, price, remaining] of original.book.snapshot()) {
          restored.ref.submit(id, owner, side, price, remaining, "post");
        }
        restored.nextId = original.nextId;
        expect(restored.book.snapshot()).toEqual(original.book.snapshot());
        for (const op of ops.slice(cut)) {
          const a = original.apply(op);
          const b = restored.apply(op);
          same(b.ours, a.ours);
          same(restored.book.snapshot(), original.book.snapshot());
          same(restored.book.depth(BUY, 100), original.book.depth(BUY, 100));
          same(restored.book.depth(SELL, 100), original.book.depth(SELL, 100));
        }
      }),
      { seed: 20240602, numRuns: 1000 },
    );
  });
});
