/**
 * Price-time priority limit order book for one market (ADR 0001, "Order book contract").
 *
 * Units: prices are integer ticks of the market's tick size, sizes are integer lots of its lot size.
 * Both are plain `number`s in 1 … {@link MAX_PRICE_TICKS} / {@link MAX_SIZE_LOTS} (2^31 − 1), so every
 * comparison and subtraction on them is exact integer arithmetic. Aggregates (level volume, fill
 * totals) are sums of such values and stay exact while below 2^53.
 *
 * Layout (chosen for the hot path, see ENGINE-ANCHORS §2.4):
 * - per side, an array of price levels sorted so that the best level is the last element, which makes
 *   "take the touch" and "drop the emptied touch" an array read and a `pop()`;
 * - a `Map<price, Level>` per side for O(1) lookup when an order joins an existing level;
 * - per level, an intrusive doubly linked FIFO of orders, so a cancel unlinks in O(1) without
 *   scanning the level and without leaving tombstones that matching must skip;
 * - an id → order index (int-map.ts IntMap: open addressing on an Int32Array, so the insert and
 *   delete per resting order allocate nothing and leave no tombstones) for O(1) cancel/reduce;
 *   global time priority is each order's `seq`, which `snapshot()` sorts by;
 * - per owner, an intrusive list threaded through the orders (head kept in an IntMap by owner),
 *   so `ordersOf(owner)` costs O(owner's orders) and maintaining it allocates nothing.
 *
 * Emptied levels and filled/cancelled orders go to free lists and are reused, so steady-state
 * matching allocates nothing. Nothing here reads a clock or a random source: time priority is the
 * arrival order of calls.
 */

import { IntMap } from "./int-map";

/** Side of an order: bid. */
export const BUY = 0;
/** Side of an order: ask. */
export const SELL = 1;
/** 0 = {@link BUY}, 1 = {@link SELL}. */
export type Side = typeof BUY | typeof SELL;

/** Time in force: good till cancelled — the unfilled rest of a limit order rests on the book. */
export const GTC = 0;
/** Time in force: immediate or cancel — fill what crosses now, drop the rest. */
export const IOC = 1;
/** Time in force: fill or kill — fill the whole size now or do nothing at all. */
export const FOK = 2;
/** 0 = {@link GTC}, 1 = {@link IOC}, 2 = {@link FOK}. */
export type TimeInForce = typeof GTC | typeof IOC | typeof FOK;

/** Self-trade prevention: on meeting a same-owner maker, cancel the taker's unfilled rest. */
export const STP_CANCEL_TAKER = 0;
/** Self-trade prevention: cancel each same-owner maker met (whole remaining size) and keep matching. */
export const STP_CANCEL_MAKER = 1;
/** Self-trade prevention: cancel the same-owner maker met and the taker's unfilled rest. */
export const STP_CANCEL_BOTH = 2;
/** Self-trade prevention off: a taker may trade with its own owner's makers. */
export const STP_NONE = 3;
/** One of the `STP_*` modes. */
export type StpMode = typeof STP_CANCEL_TAKER | typeof STP_CANCEL_MAKER | typeof STP_CANCEL_BOTH | typeof STP_NONE;

/** Outcome: the order (or its unfilled rest) now rests on the book; `last.filled` may be > 0. */
export const OK_RESTED = 0;
/** Outcome: the whole size traded. */
export const OK_FILLED = 1;
/** Outcome: IOC/market — what crossed traded (possibly nothing), the unfilled rest was dropped. */
export const OK_PARTIAL_CANCELLED = 2;
/** Outcome: post-only order rejected because it would have traded as a taker; the book is untouched. */
export const REJECT_POST_ONLY_WOULD_CROSS = 3;
/** Outcome: FOK order rejected because the book cannot fill all of it; the book is untouched. */
export const REJECT_FOK_NOT_FILLABLE = 4;
/** Outcome: matching stopped at a same-owner maker (STP cancel-taker/cancel-both); the rest was cancelled. */
export const STP_TAKER_CANCELLED = 5;
/** Outcome: an order with this id is already resting; the book is untouched. */
export const DUPLICATE_ID = 6;

/** Largest accepted price, in ticks (2^31 − 1). */
export const MAX_PRICE_TICKS = 0x7fffffff;
/** Largest accepted order size, in lots (2^31 − 1). */
export const MAX_SIZE_LOTS = 0x7fffffff;

/**
 * Called synchronously once per maker fill, in match order, while the taker call is still running.
 * `price` is the maker's price (ticks), `size` the traded lots, `makerRemaining` the maker's lots left
 * after this fill (0 = it left the book). The listener must not call mutating methods of the book.
 */
export interface FillListener {
  (makerId: number, makerOwner: number, price: number, size: number, makerRemaining: number): void;
}

/** Read-only copy of a resting order. `price` in ticks, `remaining` in lots, `seq` = time priority (smaller = older). */
export interface RestingOrder {
  id: number;
  owner: number;
  side: Side;
  price: number;
  remaining: number;
  seq: number;
}

/** Result of the last `limit`/`market` call. Invariant: `filled + rested + cancelled` = the order's size (lots). */
export interface LastOutcome {
  /** Lots the taker traded. */
  filled: number;
  /** Lots left resting on the book (GTC and post-only only). */
  rested: number;
  /** Lots dropped: IOC/market rest, STP-cancelled rest, or the whole size of a rejected order. */
  cancelled: number;
  /** One of the outcome constants (`OK_*`, `REJECT_*`, `STP_TAKER_CANCELLED`, `DUPLICATE_ID`). */
  code: number;
}

/** Snapshot row: `[id, owner, side, price (ticks), remaining (lots)]`. */
export type SnapshotRow = [id: number, owner: number, side: Side, price: number, remaining: number];

/**
 * Cap on each free list, so that a book that once held a huge number of orders does not keep them
 * all alive after it drains; beyond the cap, released objects are left to the GC.
 */
const FREE_LIST_MAX = 65_536;

class Order {
  id = 0;
  owner = 0;
  side: Side = BUY;
  price = 0;
  remaining = 0;
  seq = 0;
  level: Level | null = null;
  prev: Order | null = null;
  next: Order | null = null;
  ownerPrev: Order | null = null;
  ownerNext: Order | null = null;
}

class Level {
  price = 0;
  /** Sum of `remaining` over the level's orders, in lots. */
  volume = 0;
  count = 0;
  head: Order | null = null;
  tail: Order | null = null;
}

/**
 * One market's order book. Validation of prices against the market spec (tick bounds, bands) and
 * reduce-only rules belong to the engine core; the book only enforces the integer bounds above and
 * throws `RangeError` on arguments outside them (a programming error, not an expected outcome).
 */
export class OrderBook {
  /** Outcome of the last `limit`/`market` call. Reused object: copy the fields if you need to keep them. */
  readonly last: LastOutcome = { filled: 0, rested: 0, cancelled: 0, code: OK_RESTED };
  /**
   * Ids of same-owner makers cancelled by STP (cancel-maker / cancel-both) during the last
   * `limit`/`market` call, in match order, with their cancelled lots at the same index in
   * {@link stpCancelledSizes}. Reused arrays, cleared at the start of each call.
   */
  readonly stpCancelledIds: number[] = [];
  /** Lots cancelled for each id in {@link stpCancelledIds}. */
  readonly stpCancelledSizes: number[] = [];
  /** The self-trade prevention mode fixed at construction. */
  readonly stpMode: StpMode;

  /** Best bid last (ascending prices). */
  private readonly bids: Level[] = [];
  /** Best ask last (descending prices). */
  private readonly asks: Level[] = [];
  private readonly bidLevels = new Map<number, Level>();
  private readonly askLevels = new Map<number, Level>();
  private readonly byId = new IntMap<Order>();
  private readonly ownerHead = new IntMap<Order>(64);
  private readonly freeOrders: Order[] = [];
  private readonly freeLevels: Level[] = [];
  private seq = 0;
  /** Set by `match` when STP stopped the taker; read by the caller right after. */
  private takerStopped = false;

  /** @param stpMode one of the `STP_*` constants; defaults to {@link STP_CANCEL_TAKER}. */
  constructor(stpMode: number = STP_CANCEL_TAKER) {
    if (stpMode !== STP_CANCEL_TAKER && stpMode !== STP_CANCEL_MAKER && stpMode !== STP_CANCEL_BOTH && stpMode !== STP_NONE) {
      throw new RangeError(`invalid stpMode ${stpMode}`);
    }
    this.stpMode = stpMode;
  }

  /** Number of resting orders. */
  get size(): number {
    return this.byId.size;
  }

  /**
   * Submits a limit order: it trades against the opposite side at the makers' prices while they are
   * at or better than `price`, then rests (GTC), drops (IOC) its rest, or — FOK — fills completely
   * or is rejected without touching the book. A post-only order that would trade is rejected.
   *
   * @param id order id, a non-negative safe integer, unique among resting orders
   * @param owner account id (non-negative safe integer) used for self-trade prevention and `ordersOf`
   * @param side {@link BUY} or {@link SELL}
   * @param price limit price in ticks, 1 … {@link MAX_PRICE_TICKS}
   * @param size lots, 1 … {@link MAX_SIZE_LOTS}
   * @param tif {@link GTC} (default), {@link IOC} or {@link FOK}
   * @param postOnly if true, reject instead of trading; requires `tif` = GTC
   * @param onFill receives every maker fill of this call, in match order
   * @returns outcome code; details in {@link last}
   */
  limit(id: number, owner: number, side: Side, price: number, size: number, tif: TimeInForce = GTC, postOnly = false, onFill?: FillListener): number {
    checkId(id, "id");
    checkId(owner, "owner");
    checkSide(side);
    checkPositiveInt32(price, "price");
    checkPositiveInt32(size, "size");
    if (tif !== GTC && tif !== IOC && tif !== FOK) throw new RangeError(`invalid tif ${tif}`);
    if (postOnly && tif !== GTC) throw new RangeError("postOnly requires tif GTC");
    this.clearStpReport();
    if (this.byId.has(id)) return this.finish(DUPLICATE_ID, 0, 0, size);
    if (postOnly) {
      if (this.crosses(side, price)) return this.finish(REJECT_POST_ONLY_WOULD_CROSS, 0, 0, size);
      this.rest(id, owner, side, price, size);
      return this.finish(OK_RESTED, 0, size, 0);
    }
    if (tif === FOK && !this.fillable(owner, side, price, size)) {
      return this.finish(REJECT_FOK_NOT_FILLABLE, 0, 0, size);
    }
    const left = this.match(owner, side, price, size, onFill);
    if (left === 0) return this.finish(OK_FILLED, size, 0, 0);
    if (this.takerStopped) return this.finish(STP_TAKER_CANCELLED, size - left, 0, left);
    if (tif === GTC) {
      this.rest(id, owner, side, price, left);
      return this.finish(OK_RESTED, size - left, left, 0);
    }
    return this.finish(OK_PARTIAL_CANCELLED, size - left, 0, left);
  }

  /**
   * Submits a market order: IOC with no price limit, or with a protective limit — a buy never pays
   * more than `limitPrice`, a sell never receives less. The unfilled rest is dropped; it never rests.
   *
   * @param id order id, only echoed for the caller's bookkeeping (a market order never rests, so it
   *   is not checked against resting ids)
   * @param owner account id for self-trade prevention
   * @param side {@link BUY} or {@link SELL}
   * @param size lots, 1 … {@link MAX_SIZE_LOTS}
   * @param onFill receives every maker fill of this call, in match order
   * @param limitPrice protective limit in ticks; 0 (default) = none
   * @returns {@link OK_FILLED}, {@link OK_PARTIAL_CANCELLED} or {@link STP_TAKER_CANCELLED}; details in {@link last}
   */
  market(id: number, owner: number, side: Side, size: number, onFill?: FillListener, limitPrice = 0): number {
    checkId(id, "id");
    checkId(owner, "owner");
    checkSide(side);
    checkPositiveInt32(size, "size");
    if (limitPrice !== 0) checkPositiveInt32(limitPrice, "limitPrice");
    this.clearStpReport();
    // A sell limit of 0 never stops matching (prices are ≥ 1); a buy needs a bound above every price.
    const bound = side === SELL ? limitPrice : limitPrice === 0 ? MAX_PRICE_TICKS : limitPrice;
    const left = this.match(owner, side, bound, size, onFill);
    if (left === 0) return this.finish(OK_FILLED, size, 0, 0);
    if (this.takerStopped) return this.finish(STP_TAKER_CANCELLED, size - left, 0, left);
    return this.finish(OK_PARTIAL_CANCELLED, size - left, 0, left);
  }

  /** Cancels a resting order in O(1). @returns its remaining lots, or 0 if `id` is not resting. */
  cancel(id: number): number {
    const o = this.byId.get(id);
    if (o === undefined) return 0;
    const remaining = o.remaining;
    this.remove(o);
    return remaining;
  }

  /**
   * Shrinks a resting order to `newRemaining` lots in place, keeping its time priority (growing
   * would jump the queue, so it is refused). `newRemaining` = 0 removes the order like `cancel`.
   * @returns false if `id` is not resting or `newRemaining` is not an integer in 0 … remaining
   */
  reduce(id: number, newRemaining: number): boolean {
    const o = this.byId.get(id);
    if (o === undefined) return false;
    if (!Number.isInteger(newRemaining) || newRemaining < 0 || newRemaining > o.remaining) return false;
    if (newRemaining === 0) {
      this.remove(o);
      return true;
    }
    (o.level as Level).volume -= o.remaining - newRemaining;
    o.remaining = newRemaining;
    return true;
  }

  /** Whether an order with this id is resting. */
  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** A copy of the resting order, or undefined. */
  order(id: number): RestingOrder | undefined {
    const o = this.byId.get(id);
    if (o === undefined) return undefined;
    return { id: o.id, owner: o.owner, side: o.side, price: o.price, remaining: o.remaining, seq: o.seq };
  }

  /** Highest bid price in ticks, 0 when there are no bids. */
  bestBid(): number {
    const n = this.bids.length;
    return n === 0 ? 0 : this.bids[n - 1].price;
  }

  /** Lowest ask price in ticks, 0 when there are no asks. */
  bestAsk(): number {
    const n = this.asks.length;
    return n === 0 ? 0 : this.asks[n - 1].price;
  }

  /** Up to `maxLevels` levels of one side from the touch outward, as `[price ticks, volume lots]`. */
  depth(side: Side, maxLevels: number): Array<[price: number, size: number]> {
    const levels = side === BUY ? this.bids : this.asks;
    const out: Array<[number, number]> = [];
    for (let i = levels.length - 1; i >= 0 && out.length < maxLevels; i--) {
      out.push([levels[i].price, levels[i].volume]);
    }
    return out;
  }

  /**
   * Calls `fn(price ticks, volume lots)` for each level of one side from the touch outward until it
   * returns false. `fn` must not mutate the book.
   */
  walk(side: Side, fn: (price: number, size: number) => boolean | void): void {
    const levels = side === BUY ? this.bids : this.asks;
    for (let i = levels.length - 1; i >= 0; i--) {
      if (fn(levels[i].price, levels[i].volume) === false) return;
    }
  }

  /**
   * What `match` would do for a taker, without doing it: calls `fn(price, lots)` for each fill in
   * match order (one call per maker order) and returns the lots left unfilled. Same stopping rules:
   * the touch beyond `bound` (0 for a sell, or a buy with no limit, means none), and a same-owner
   * maker under cancel-taker / cancel-both ends it (`stopped`); under cancel-maker that maker is
   * skipped. Reads only: the book is unchanged.
   */
  simulate(owner: number, side: Side, bound: number, qty: number, fn: (price: number, lots: number) => void): { left: number; stopped: boolean } {
    const levels = side === BUY ? this.asks : this.bids;
    const stp = this.stpMode;
    const limit = side === BUY && bound === 0 ? MAX_PRICE_TICKS : bound;
    for (let i = levels.length - 1; i >= 0 && qty > 0; i--) {
      const level = levels[i];
      if (side === BUY ? level.price > limit : level.price < limit) break;
      for (let o = level.head; o !== null && qty > 0; o = o.next) {
        if (o.owner === owner && stp !== STP_NONE) {
          if (stp === STP_CANCEL_TAKER || stp === STP_CANCEL_BOTH) return { left: qty, stopped: true };
          continue;
        }
        const traded = qty < o.remaining ? qty : o.remaining;
        qty -= traded;
        fn(level.price, traded);
      }
    }
    return { left: qty, stopped: false };
  }

  /** Ids of the owner's resting orders, oldest first. O(owner's orders). */
  ordersOf(owner: number): number[] {
    const out: number[] = [];
    for (let o = this.ownerHead.get(owner) ?? null; o !== null; o = o.ownerNext) out.push(o.id);
    // The owner list is threaded newest-first so that linking needs no tail pointer per owner.
    return out.reverse();
  }

  /**
   * Every resting order as `[id, owner, side, price, remaining]`, oldest first (global time
   * priority). Feeding the rows to {@link OrderBook.restore} gives a book that matches identically.
   */
  snapshot(): SnapshotRow[] {
    const rows: SnapshotRow[] = [];
    const orders = this.byId.values().sort((x, y) => x.seq - y.seq);
    for (const o of orders) rows.push([o.id, o.owner, o.side, o.price, o.remaining]);
    return rows;
  }

  /**
   * Rebuilds a book from {@link snapshot} rows, resting them in row order so that time priority is
   * reproduced. Throws `RangeError` on a malformed row, a duplicate id or rows that cross each other.
   * `seq` values are renumbered; only their relative order is preserved.
   */
  static restore(rows: ReadonlyArray<readonly [number, number, number, number, number]>, stpMode?: number): OrderBook {
    const book = new OrderBook(stpMode);
    for (const [id, owner, side, price, remaining] of rows) {
      checkId(id, "id");
      checkId(owner, "owner");
      checkSide(side);
      checkPositiveInt32(price, "price");
      checkPositiveInt32(remaining, "remaining");
      if (book.byId.has(id)) throw new RangeError(`duplicate id ${id} in snapshot`);
      if (book.crosses(side, price)) throw new RangeError(`snapshot row ${id} crosses the book`);
      book.rest(id, owner, side, price, remaining);
    }
    return book;
  }

  /**
   * Trades `qty` lots of a `side` taker against the opposite side while the touch is at or better
   * than `bound`. Returns the lots left; sets `takerStopped` if STP ended the match.
   */
  private match(owner: number, side: Side, bound: number, qty: number, onFill: FillListener | undefined): number {
    const levels = side === BUY ? this.asks : this.bids;
    const stp = this.stpMode;
    this.takerStopped = false;
    while (qty > 0) {
      const n = levels.length;
      if (n === 0) break;
      const level = levels[n - 1];
      const price = level.price;
      if (side === BUY ? price > bound : price < bound) break;
      const maker = level.head as Order;
      if (maker.owner === owner && stp !== STP_NONE) {
        if (stp === STP_CANCEL_TAKER) {
          this.takerStopped = true;
          return qty;
        }
        this.stpCancelledIds.push(maker.id);
        this.stpCancelledSizes.push(maker.remaining);
        this.remove(maker);
        if (stp === STP_CANCEL_BOTH) {
          this.takerStopped = true;
          return qty;
        }
        continue;
      }
      const makerRemaining = maker.remaining;
      const traded = qty < makerRemaining ? qty : makerRemaining;
      qty -= traded;
      const makerId = maker.id;
      const makerOwner = maker.owner;
      if (traded === makerRemaining) {
        this.remove(maker);
      } else {
        maker.remaining = makerRemaining - traded;
        level.volume -= traded;
      }
      if (onFill !== undefined) onFill(makerId, makerOwner, price, traded, makerRemaining - traded);
    }
    return qty;
  }

  /**
   * Whether a FOK taker would fill completely, counting makers the way `match` would meet them:
   * same-owner makers add nothing, and under cancel-taker/cancel-both the first one ends the match.
   */
  private fillable(owner: number, side: Side, bound: number, qty: number): boolean {
    const levels = side === BUY ? this.asks : this.bids;
    const stpRelevant = this.stpMode !== STP_NONE && this.ownerHead.has(owner);
    const stopsAtOwn = this.stpMode === STP_CANCEL_TAKER || this.stpMode === STP_CANCEL_BOTH;
    let available = 0;
    for (let i = levels.length - 1; i >= 0; i--) {
      const level = levels[i];
      if (side === BUY ? level.price > bound : level.price < bound) return false;
      if (!stpRelevant) {
        available += level.volume;
        if (available >= qty) return true;
        continue;
      }
      for (let o = level.head; o !== null; o = o.next) {
        if (o.owner === owner) {
          if (stopsAtOwn) return false;
          continue;
        }
        available += o.remaining;
        if (available >= qty) return true;
      }
    }
    return false;
  }

  /** Whether an order on `side` at `price` would trade with the opposite touch. */
  private crosses(side: Side, price: number): boolean {
    if (side === BUY) {
      const n = this.asks.length;
      return n !== 0 && this.asks[n - 1].price <= price;
    }
    const n = this.bids.length;
    return n !== 0 && this.bids[n - 1].price >= price;
  }

  private rest(id: number, owner: number, side: Side, price: number, qty: number): void {
    const o = this.freeOrders.pop() ?? new Order();
    o.id = id;
    o.owner = owner;
    o.side = side;
    o.price = price;
    o.remaining = qty;
    o.seq = ++this.seq;

    const map = side === BUY ? this.bidLevels : this.askLevels;
    let level = map.get(price);
    if (level === undefined) {
      level = this.freeLevels.pop() ?? new Level();
      level.price = price;
      map.set(price, level);
      insertLevel(side === BUY ? this.bids : this.asks, level, side);
    }
    o.level = level;
    o.next = null;
    o.prev = level.tail;
    if (level.tail === null) level.head = o;
    else level.tail.next = o;
    level.tail = o;
    level.count++;
    level.volume += qty;

    const head = this.ownerHead.get(owner);
    o.ownerPrev = null;
    if (head === undefined) {
      o.ownerNext = null;
    } else {
      o.ownerNext = head;
      head.ownerPrev = o;
    }
    this.ownerHead.set(owner, o);
    this.byId.set(id, o);
  }

  /** Unlinks a resting order from its level, the owner list and the id index; drops an emptied level. */
  private remove(o: Order): void {
    const level = o.level as Level;
    if (o.prev === null) level.head = o.next;
    else o.prev.next = o.next;
    if (o.next === null) level.tail = o.prev;
    else o.next.prev = o.prev;
    level.volume -= o.remaining;
    level.count--;
    if (level.count === 0) this.dropLevel(level, o.side);

    if (o.ownerPrev !== null) {
      o.ownerPrev.ownerNext = o.ownerNext;
    } else if (o.ownerNext !== null) {
      this.ownerHead.set(o.owner, o.ownerNext);
    } else {
      this.ownerHead.delete(o.owner);
    }
    if (o.ownerNext !== null) o.ownerNext.ownerPrev = o.ownerPrev;

    this.byId.delete(o.id);
    o.level = null;
    o.prev = o.next = o.ownerPrev = o.ownerNext = null;
    o.remaining = 0;
    if (this.freeOrders.length < FREE_LIST_MAX) this.freeOrders.push(o);
  }

  private dropLevel(level: Level, side: Side): void {
    const levels = side === BUY ? this.bids : this.asks;
    const n = levels.length;
    // Matching empties the touch, which is the last element: the common case is a pop.
    if (levels[n - 1] === level) levels.pop();
    else levels.splice(levelIndex(levels, level.price, side), 1);
    (side === BUY ? this.bidLevels : this.askLevels).delete(level.price);
    level.head = level.tail = null;
    level.volume = 0;
    if (this.freeLevels.length < FREE_LIST_MAX) this.freeLevels.push(level);
  }

  private clearStpReport(): void {
    if (this.stpCancelledIds.length !== 0) {
      this.stpCancelledIds.length = 0;
      this.stpCancelledSizes.length = 0;
    }
  }

  private finish(code: number, filled: number, rested: number, cancelled: number): number {
    const last = this.last;
    last.code = code;
    last.filled = filled;
    last.rested = rested;
    last.cancelled = cancelled;
    return code;
  }
}

/**
 * Index at which a level with `price` sits (or would be inserted) in a side array ordered best-last:
 * bids ascending, asks descending. Binary search keeps a far-from-touch insert at O(log levels).
 */
function levelIndex(levels: Level[], price: number, side: Side): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = levels[mid].price;
    if (side === BUY ? p < price : p > price) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertLevel(levels: Level[], level: Level, side: Side): void {
  const n = levels.length;
  // New levels usually appear at or next to the touch; appending avoids the search and the splice.
  if (n === 0 || (side === BUY ? levels[n - 1].price < level.price : levels[n - 1].price > level.price)) {
    levels.push(level);
    return;
  }
  levels.splice(levelIndex(levels, level.price, side), 0, level);
}

function checkPositiveInt32(x: number, what: string): void {
  // `x | 0` truncates to int32, so equality holds only for integers within int32 range.
  if ((x | 0) !== x || x <= 0) throw new RangeError(`${what} must be an integer in 1..2^31-1, got ${x}`);
}

function checkId(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${x}`);
}

function checkSide(side: number): asserts side is Side {
  if (side !== BUY && side !== SELL) throw new RangeError(`side must be 0 (buy) or 1 (sell), got ${side}`);
}
