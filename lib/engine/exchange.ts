/**
 * Engine state and the primitives every command handler and the liquidation waterfall share:
 * event emission, trade settlement between two accounts, order bookkeeping (including reduce-only
 * shrinking), pre-trade margin checks, and the per-market price pipeline (index → basis/premium
 * samples → mark → funding settlement). Liquidation detection and the waterfall live in
 * liquidation.ts; the command dispatcher in index.ts.
 *
 * Determinism: nothing here reads a clock or a random source; iteration over Maps/Sets is never
 * allowed to influence results unless the collection is sorted first (snapshot/restore can change
 * insertion order).
 */

import { type Account, DirtySet, type MarketRef, type Position, applyFill, equity, notionalAt, newAccount, positionInitial, worstLots } from "./accounts";
import { type AssetValuation, type CollateralAsset, type CollateralCircuitBreaker, type FxRates, SETTLEMENT_ASSET, assetValuation } from "./collateral";
import type { EngineConfig, MarketSpec } from "./config-types";
import { formatConfigErrors, validateEngineConfig } from "./config-validation";
import { RATE_ONE, applyRate, divCeil } from "./fixed-point";
import {
  type FundingAccumulator,
  addPremiumSample,
  createFundingAccumulator,
  fundingIntervalStart,
  fundingRateOf,
  impactPrices,
  nextFundingTime,
  premiumIndex,
  settleFundingZeroNet,
} from "./funding";
import { type IndexTick, type SourceQuote, computeIndex } from "./index-price";
import { type FundEmitter, type InsuranceFund, newInsuranceFund } from "./insurance-fund";
import { IntMap } from "./int-map";
import { LiquidationIndex } from "./liquidation-index";
import { exceedsPositionLimit } from "./margin";
import { type BasisAveragerState, type MarkTick, basisAverageOf, computeMark, createBasisAverager, sampleBasis } from "./mark-price";
import { BUY, FOK, GTC, IOC, OrderBook, REJECT_FOK_NOT_FILLABLE, REJECT_POST_ONLY_WOULD_CROSS, SELL, STP_CANCEL_TAKER, type Side } from "./order-book";
import { ID_FREE, ID_USED, ORDER_ID_WINDOW, OrderIdWindow } from "./order-ids";
import { reject } from "./rejections";
import type { AccountId, EngineEvent, EventBody, InsuranceFundReason, OrderCloseReason, PlaceOrder, ScheduledParameterChange, SideName, Trade } from "./types";

/** A resting order's engine-side metadata (the book holds price/remaining/priority). */
export interface OrderMeta {
  id: number;
  account: Account;
  market: number;
  side: Side;
  price: number;
  reduceOnly: boolean;
}

export interface DepositRecord {
  depositId: string;
  accountId: AccountId;
  assetId: string;
  amountMinor: bigint;
  indicativeValueUsd: bigint;
  settled: boolean;
}

export interface MarketState extends MarketRef {
  i: number;
  symbol: string;
  spec: MarketSpec;
  tlv: bigint;
  /** Current mark, ticks; 0 until the first index. */
  mark: number;
  book: OrderBook;
  /** Latest quote per index source (the feed may send sources one at a time). */
  quotes: Map<string, SourceQuote>;
  index: IndexTick | null;
  lastMarkTick: MarkTick | null;
  /** Last trade price, ticks (0 = none). */
  lastTrade: number;
  basis: BasisAveragerState;
  funding: FundingAccumulator;
  /** Rate settled at the last funding time, ppb. */
  lastFundingRate: bigint;
  nextFundingMs: number;
  insurance: InsuranceFund;
  /** Accounts with a non-zero position here (unordered; sort before use in results). */
  holders: Set<Account>;
  liqIndex: LiquidationIndex;
  /** AFMM-6: fee rates for afmm-kind accounts from `config.afmm.feeOverrides` (null = the market's fees). Derived from config. */
  afmmFees: { maker: bigint; taker: bigint } | null;
}

export interface EngineState {
  config: EngineConfig;
  markets: MarketState[];
  marketBySymbol: Map<string, MarketState>;
  /** Accounts by id (IntMap: ids are 1 … 2^31−1; looked up on every command). */
  accounts: IntMap<Account>;
  /** Accounts by slot (registration order). */
  bySlot: Account[];
  /** Backstop LPs in waterfall order: priority ascending, then registration order. */
  backstops: Account[];
  /** Resting orders' metadata by order id (IntMap: no per-operation allocation or rehash churn). */
  orders: IntMap<OrderMeta>;
  /** Accepted order ids, as a sliding window in id space (order-ids.ts): no id is ever accepted twice. */
  orderIds: OrderIdWindow;
  deposits: Map<string, DepositRecord>;
  withdrawalIds: Set<string>;
  fundingIds: Set<string>;
  registry: CollateralAsset[];
  breakers: CollateralCircuitBreaker[];
  fx: FxRates | null;
  /**
   * Valuation in force per non-USD registry asset (collateral.ts assetValuation), replaced only by
   * collateral-ledger.ts revalueCollateral so every change is announced and re-keyed. State: held
   * collateral is valued with these, not re-derived from the clock (time-scheduled changes such as
   * effectiveTo take effect at the next Tick, valuation command or deposit settlement).
   */
  valuations: Map<string, AssetValuation>;
  /** Accounts holding each non-USD asset (derived; rebuilt on restore). */
  assetHolders: Map<string, Set<Account>>;
  /** Non-USD collateral the platform took over by conversion, per asset, minor units. */
  platformCollateral: Map<string, bigint>;
  /** Lifetime settled deposits / withdrawals of non-USD assets, minor units (per-asset conservation). */
  assetDeposited: Map<string, bigint>;
  assetWithdrawn: Map<string, bigint>;
  /** Σ USD credited to accounts for converted collateral, micro-USD (USD conservation). */
  totalConverted: bigint;
  /** Trading fees collected net of rebates, micro-USD. */
  feePool: bigint;
  /** Lifetime settled USD deposits / USD withdrawals and platform insurance top-ups, micro-USD. */
  totalDeposited: bigint;
  totalWithdrawn: bigint;
  totalInsuranceFunded: bigint;
  /** Last event seq emitted and count of accepted commands. */
  seq: number;
  commandCount: number;
  /** Engine clock: nowMs of the last accepted command. */
  now: number;
  /** Events of the command being applied (transient). */
  out: EngineEvent[];
  /** Accounts whose liquidation keys are stale (cache; rebuilt on restore). */
  dirty: DirtySet;
  /** Accounts to verify for liquidation at the next detection pass (cache). */
  pending: Set<Account>;
  /**
   * AFMM-4 / AFMM-9: order entry by afmm-kind accounts is suspended (SetAfmmOrderEntry). False for a
   * fresh engine and for an image written before the command existed.
   */
  afmmOrderEntrySuspended: boolean;
  /** Reason code of the last accepted SetAfmmOrderEntry, and since when the current state holds (null: never set). */
  afmmOrderEntryReason: string | null;
  afmmOrderEntrySinceMs: number | null;
  /** Pending scheduled parameter changes, by effectiveAtMs then scheduleId. */
  scheduled: ScheduledParameterChange[];
  /**
   * effectiveAtMs of scheduled[0], +∞ when none: every command compares its nowMs with this one
   * number, so an engine with nothing scheduled pays one comparison per command.
   */
  nextScheduledMs: number;
}

/** Thrown by createEngineState on an invalid configuration; `message` lists every error. */
export class EngineConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineConfigError";
  }
}

const EMPTY_TICK_OUT: EngineEvent[] = [];

/**
 * Build an empty engine from a configuration (validated with config-validation.ts; the engine
 * refuses to start on any error). `startMs` seeds the funding schedule and the clock.
 */
export function createEngineState(rawConfig: unknown, startMs: number): EngineState {
  const res = validateEngineConfig(rawConfig);
  if (!res.ok) throw new EngineConfigError(`invalid engine config:\n${formatConfigErrors(res.errors)}`);
  if (!Number.isSafeInteger(startMs) || startMs < 0) throw new EngineConfigError("startMs must be a non-negative safe integer");
  const config = res.config;
  const markets = config.markets.map((spec, i) => newMarketState(spec, i, startMs, config));
  const registry = config.collateral.map((c) => ({ ...c }));
  const valuations = new Map<string, AssetValuation>();
  for (const c of registry) if (c.assetId !== SETTLEMENT_ASSET) valuations.set(c.assetId, assetValuation(registry, c.assetId, startMs, null, []));
  return {
    config,
    markets,
    marketBySymbol: new Map(markets.map((m) => [m.symbol, m])),
    accounts: new IntMap<Account>(),
    bySlot: [],
    backstops: [],
    orders: new IntMap<OrderMeta>(),
    orderIds: new OrderIdWindow(),
    deposits: new Map(),
    withdrawalIds: new Set(),
    fundingIds: new Set(),
    registry,
    breakers: [],
    fx: null,
    valuations,
    assetHolders: new Map(),
    platformCollateral: new Map(),
    assetDeposited: new Map(),
    assetWithdrawn: new Map(),
    totalConverted: 0n,
    feePool: 0n,
    totalDeposited: 0n,
    totalWithdrawn: 0n,
    totalInsuranceFunded: 0n,
    seq: 0,
    commandCount: 0,
    now: startMs,
    out: EMPTY_TICK_OUT,
    dirty: new DirtySet(),
    pending: new Set(),
    afmmOrderEntrySuspended: false,
    afmmOrderEntryReason: null,
    afmmOrderEntrySinceMs: null,
    scheduled: [],
    nextScheduledMs: Number.POSITIVE_INFINITY,
  };
}

/**
 * Bucket width for the liquidation index: 2^shift ticks ≈ maxPriceTicks / 2^22, so even a market
 * with a billion-tick range keeps buckets a few hundred ticks wide at most.
 */
export function liqBucketShift(spec: MarketSpec): number {
  let shift = 0;
  while (spec.maxPriceTicks >> shift > 1 << 22) shift++;
  return shift;
}

function newMarketState(spec: MarketSpec, i: number, startMs: number, config: EngineConfig): MarketState {
  const start = fundingIntervalStart(startMs, spec.funding.intervalMs);
  const override = config.afmm?.feeOverrides.find((o) => o.market === spec.symbol);
  return {
    i,
    symbol: spec.symbol,
    spec,
    tlv: spec.tickLotValue,
    mark: 0,
    book: new OrderBook(STP_CANCEL_TAKER),
    quotes: new Map(),
    index: null,
    lastMarkTick: null,
    lastTrade: 0,
    basis: createBasisAverager(spec.mark),
    funding: createFundingAccumulator(start, spec.funding),
    lastFundingRate: 0n,
    nextFundingMs: nextFundingTime(startMs, spec.funding.intervalMs),
    insurance: newInsuranceFund(spec.liquidation.insuranceFundFloor),
    holders: new Set(),
    liqIndex: new LiquidationIndex(liqBucketShift(spec)),
    afmmFees: override === undefined ? null : { maker: override.makerFeeRate, taker: override.takerFeeRate },
  };
}

/** Maker fee rate of `a` in market m: the AFMM override for afmm-kind accounts when configured (AFMM-6), else the market's. */
export function makerFeeRateOf(m: MarketState, a: Account): bigint {
  return m.afmmFees !== null && a.kind === "afmm" ? m.afmmFees.maker : m.spec.fees.makerFeeRate;
}

/** Taker fee rate of `a` in market m: the AFMM override for afmm-kind accounts when configured (AFMM-6), else the market's. */
export function takerFeeRateOf(m: MarketState, a: Account): bigint {
  return m.afmmFees !== null && a.kind === "afmm" ? m.afmmFees.taker : m.spec.fees.takerFeeRate;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/** Assign the next seq and the engine clock to an event and append it to the command's output. */
export function emit(s: EngineState, ev: EventBody): EngineEvent {
  const full = ev as EngineEvent;
  full.seq = ++s.seq;
  full.nowMs = s.now;
  s.out.push(full);
  return full;
}

export function fundEmitter(s: EngineState, m: MarketState): FundEmitter {
  return {
    changed(delta: bigint, balance: bigint, reason: InsuranceFundReason, accountId: number | null, causeSeq: number) {
      emit(s, { type: "InsuranceFundChanged", market: m.symbol, delta, balance, reason, accountId, causeSeq });
    },
    depleted(balance: bigint, floor: bigint, causeSeq: number) {
      emit(s, { type: "InsuranceFundDepleted", market: m.symbol, balance, floor, causeSeq });
    },
  };
}

export const sideName = (side: Side): SideName => (side === BUY ? "buy" : "sell");

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

export function getAccount(s: EngineState, id: unknown): Account {
  const a = typeof id === "number" && (id | 0) === id && id > 0 ? s.accounts.get(id) : undefined;
  if (a === undefined) reject("UNKNOWN_ACCOUNT", `unknown account ${String(id)}`);
  return a;
}

export function getMarket(s: EngineState, symbol: unknown): MarketState {
  const m = typeof symbol === "string" ? s.marketBySymbol.get(symbol) : undefined;
  if (m === undefined) reject("UNKNOWN_MARKET", `unknown market ${String(symbol)}`);
  return m;
}

export function addAccount(s: EngineState, id: AccountId, kind: Account["kind"]): Account {
  const a = newAccount(id, s.bySlot.length, kind, s.markets.length);
  s.accounts.set(id, a);
  s.bySlot.push(a);
  return a;
}

/** Re-sort backstops: priority ascending, then registration order (slot). */
export function sortBackstops(s: EngineState): void {
  s.backstops.sort((a, b) => a.backstopPriority! - b.backstopPriority! || a.slot - b.slot);
}

/** Called after anything that changes an account's equity, positions or margin. */
export function touch(s: EngineState, a: Account): void {
  s.dirty.add(a);
}

// ---------------------------------------------------------------------------------------------
// Trades
// ---------------------------------------------------------------------------------------------

export interface TradeFlags {
  liquidation: boolean;
  backstop: boolean;
  adl: boolean;
}

const RATE_ONE_LESS_1 = RATE_ONE - 1n;

/**
 * Fee on a notional, micro-USD: ⌈N·rate / RATE_ONE⌉ (fixed-point applyRate "ceil": a fee rounds up,
 * a rebate's magnitude rounds down). For N ≥ 0 and rate ≥ 0 the ceiling is one division
 * ((x + d − 1) / d); the general case defers to applyRate. Same rule, hot-path cost.
 */
export function feeOf(n: bigint, rate: bigint): bigint {
  return rate >= 0n && n >= 0n ? (n * rate + RATE_ONE_LESS_1) / RATE_ONE : applyRate(n, rate, "ceil");
}

const NO_FLAGS: TradeFlags = { liquidation: false, backstop: false, adl: false };

/**
 * Settle one fill of `lots` at `price` between taker and maker in market m: positions, cash
 * (realized PnL), fees into the fee pool, holders, and a Trade event. Fees: taker ⌈N·taker⌉ unless
 * `takerFeeRate` is 0 (liquidation/backstop/ADL transfers pay no trading fee); maker N·maker
 * rounded toward +∞ (a fee rounds up, a rebate's magnitude rounds down).
 */
export function settleTrade(
  s: EngineState,
  m: MarketState,
  taker: Account,
  maker: Account,
  takerSide: Side,
  price: number,
  lots: number,
  takerOrderId: number,
  makerOrderId: number,
  takerFeeRate: bigint,
  makerFeeRate: bigint,
  flags: TradeFlags,
  makerRemaining: number,
): Trade {
  const i = m.i;
  const tlv = m.tlv;
  const tp = taker.positions[i];
  const mp = maker.positions[i];
  const takerBuy = takerSide === BUY;
  const tBefore = tp.size;
  const mBefore = mp.size;
  const n = notionalAt(lots, price, tlv);
  applyFill(taker, tp, takerBuy, lots, price, tlv, n);
  applyFill(maker, mp, !takerBuy, lots, price, tlv, n);
  let takerFee = 0n;
  let makerFee = 0n;
  if (takerFeeRate !== 0n || makerFeeRate !== 0n) {
    takerFee = takerFeeRate === 0n ? 0n : feeOf(n, takerFeeRate);
    makerFee = makerFeeRate === 0n ? 0n : feeOf(n, makerFeeRate);
    taker.cash -= takerFee;
    maker.cash -= makerFee;
    tp.feesPaid += takerFee;
    mp.feesPaid += makerFee;
    s.feePool += takerFee + makerFee;
  }
  if ((tBefore === 0) !== (tp.size === 0)) {
    if (tp.size === 0) m.holders.delete(taker);
    else m.holders.add(taker);
  }
  if ((mBefore === 0) !== (mp.size === 0)) {
    if (mp.size === 0) m.holders.delete(maker);
    else m.holders.add(maker);
  }
  s.dirty.add(taker);
  s.dirty.add(maker);
  m.lastTrade = price;
  const ev: Trade = {
    seq: ++s.seq,
    nowMs: s.now,
    type: "Trade",
    market: m.symbol,
    price,
    size: lots,
    aggressor: takerBuy ? "buy" : "sell",
    takerOrderId,
    makerOrderId,
    takerAccountId: taker.id,
    makerAccountId: maker.id,
    takerFee,
    makerFee,
    makerRemaining,
    liquidation: flags.liquidation,
    backstop: flags.backstop,
    adl: flags.adl,
    takerAfmm: taker.kind === "afmm",
    makerAfmm: maker.kind === "afmm",
  };
  s.out.push(ev);
  return ev;
}

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

/** Count `lots` (negative: remove them) of a resting order in its position's open and reduce-only lots. */
export function addOpen(pos: Position, side: Side, lots: number, ro: boolean): void {
  if (side === BUY) {
    pos.openBuy += lots;
    if (ro) pos.roBuy += lots;
  } else {
    pos.openSell += lots;
    if (ro) pos.roSell += lots;
  }
}

/**
 * Free list of order metadata records: one is taken per resting order and returned when it leaves
 * the book, so steady-state order flow allocates none (and long-resting records do not churn the
 * young generation). Capped like the book's own free lists. Callers never touch a record after
 * returning it.
 */
const metaPool: OrderMeta[] = [];
const META_POOL_MAX = 65_536;

export function newOrderMeta(id: number, account: Account, market: number, side: Side, price: number, reduceOnly: boolean): OrderMeta {
  const meta = metaPool.pop();
  if (meta === undefined) return { id, account, market, side, price, reduceOnly };
  meta.id = id;
  meta.account = account;
  meta.market = market;
  meta.side = side;
  meta.price = price;
  meta.reduceOnly = reduceOnly;
  return meta;
}

function releaseOrderMeta(s: EngineState, meta: OrderMeta): void {
  s.orders.delete(meta.id);
  if (metaPool.length < META_POOL_MAX) metaPool.push(meta);
}

/** Remove a resting order (any reason) and emit OrderClosed. Returns the lots cancelled. */
export function cancelResting(s: EngineState, meta: OrderMeta, reason: OrderCloseReason): number {
  const m = s.markets[meta.market];
  const lots = m.book.cancel(meta.id);
  // Orders carry no margin of their own, so cancelling never moves a liquidation key: no re-key.
  addOpen(meta.account.positions[meta.market], meta.side, -lots, meta.reduceOnly);
  s.out.push({ seq: ++s.seq, nowMs: s.now, type: "OrderClosed", orderId: meta.id, accountId: meta.account.id, market: m.symbol, reason, cancelledSize: lots });
  releaseOrderMeta(s, meta);
  return lots;
}

/** Cancel every resting order of an account (optionally one market), oldest first per market. */
export function cancelAllOf(s: EngineState, a: Account, reason: OrderCloseReason, only?: MarketState): number {
  let n = 0;
  for (const m of s.markets) {
    if (only !== undefined && m !== only) continue;
    const pos = a.positions[m.i];
    if (pos.openBuy === 0 && pos.openSell === 0) continue;
    for (const id of m.book.ordersOf(a.id)) {
      const meta = s.orders.get(id);
      if (meta !== undefined) {
        cancelResting(s, meta, reason);
        n++;
      }
    }
  }
  return n;
}

/**
 * Cancel every resting order of an account that is not flagged reduce-only (reason `reduce_only`),
 * oldest first per market: what an account turned reduce-only may no longer keep on the book.
 */
export function cancelOpeningOrdersOf(s: EngineState, a: Account): number {
  let n = 0;
  for (const m of s.markets) {
    const pos = a.positions[m.i];
    if (pos.openBuy - pos.roBuy === 0 && pos.openSell - pos.roSell === 0) continue;
    for (const id of m.book.ordersOf(a.id)) {
      const meta = s.orders.get(id);
      if (meta !== undefined && !meta.reduceOnly) {
        cancelResting(s, meta, "reduce_only");
        n++;
      }
    }
  }
  return n;
}

/**
 * Keep resting reduce-only orders consistent with the position (README "reduce-only"): they may
 * only sit on the side that reduces, and their total may not exceed |position|. Orders on the wrong
 * side are cancelled; on the right side the newest are shrunk (or cancelled) first, so older orders
 * keep their size and priority.
 */
export function enforceReduceOnly(s: EngineState, a: Account, m: MarketState): void {
  const pos = a.positions[m.i];
  if (pos.roBuy === 0 && pos.roSell === 0) return;
  const allowedSide = pos.size > 0 ? SELL : pos.size < 0 ? BUY : -1;
  let budget = pos.size < 0 ? -pos.size : pos.size;
  const ids = m.book.ordersOf(a.id);
  // Budget goes to the oldest first; walk oldest → newest and trim what exceeds it.
  for (let k = 0; k < ids.length; k++) {
    const meta = s.orders.get(ids[k]);
    if (meta === undefined || !meta.reduceOnly) continue;
    if (meta.side !== allowedSide) {
      cancelResting(s, meta, "reduce_only");
      continue;
    }
    const rem = m.book.order(meta.id)!.remaining;
    if (rem <= budget) {
      budget -= rem;
    } else if (budget > 0) {
      m.book.reduce(meta.id, budget);
      addOpen(pos, meta.side, budget - rem, true);
      emit(s, { type: "OrderReduced", orderId: meta.id, accountId: a.id, market: m.symbol, remaining: budget });
      budget = 0;
    } else {
      cancelResting(s, meta, "reduce_only");
    }
  }
}

// Scratch state for the fill listener, reused so the hot path allocates no closure or context.
interface FillCtx {
  s: EngineState | null;
  m: MarketState | null;
  taker: Account | null;
  takerSide: Side;
  takerOrderId: number;
  takerFeeRate: bigint;
  flags: TradeFlags;
  touchedRO: Account[];
}
const fillCtx: FillCtx = {
  s: null,
  m: null,
  taker: null,
  takerSide: BUY,
  takerOrderId: 0,
  takerFeeRate: 0n,
  flags: { liquidation: false, backstop: false, adl: false },
  touchedRO: [],
};

function onMakerFill(makerId: number, _owner: number, price: number, size: number, makerRemaining: number): void {
  const c = fillCtx;
  const s = c.s!;
  const m = c.m!;
  const meta = s.orders.get(makerId)!;
  const maker = meta.account;
  const mp = maker.positions[m.i];
  addOpen(mp, meta.side, -size, meta.reduceOnly);
  if (makerRemaining === 0) releaseOrderMeta(s, meta);
  settleTrade(s, m, c.taker!, maker, c.takerSide, price, size, c.takerOrderId, makerId, c.takerFeeRate, makerFeeRateOf(m, maker), c.flags, makerRemaining);
  if (mp.roBuy !== 0 || mp.roSell !== 0) c.touchedRO.push(maker);
}

/** Outcome of sending an order to the book (a reused object: read it before the next submit). */
export interface BookResult {
  code: number;
  filled: number;
  rested: number;
  cancelled: number;
}
const bookResult: BookResult = { code: 0, filled: 0, rested: 0, cancelled: 0 };

/**
 * Send an order to market m's book on behalf of `taker`, settling every fill. `tif` GTC/IOC/FOK,
 * `price` 0 = market order (optional protective price in `protect`). Handles STP maker cancels,
 * reduce-only upkeep for every account touched, and resting bookkeeping.
 */
export function submitToBook(
  s: EngineState,
  m: MarketState,
  taker: Account,
  orderId: number,
  side: Side,
  price: number,
  size: number,
  tif: number,
  postOnly: boolean,
  reduceOnly: boolean,
  takerFeeRate: bigint,
  flags: TradeFlags = NO_FLAGS,
  protect = 0,
): BookResult {
  const ctx = fillCtx;
  // Re-entrancy is impossible (the listener never submits orders), so one context suffices.
  ctx.s = s;
  ctx.m = m;
  ctx.taker = taker;
  ctx.takerSide = side;
  ctx.takerOrderId = orderId;
  ctx.takerFeeRate = takerFeeRate;
  ctx.flags = flags;
  const touchedRO = ctx.touchedRO;
  if (touchedRO.length !== 0) touchedRO.length = 0;
  const book = m.book;
  const code =
    price === 0
      ? book.market(orderId, taker.id, side, size, onMakerFill, protect)
      : book.limit(orderId, taker.id, side, price, size, tif as 0 | 1 | 2, postOnly, onMakerFill);
  ctx.s = null;
  ctx.m = null;
  ctx.taker = null;
  const last = book.last;
  const res = bookResult;
  res.code = code;
  res.filled = last.filled;
  res.rested = last.rested;
  res.cancelled = last.cancelled;
  if (book.stpCancelledIds.length > 0) {
    for (let k = 0; k < book.stpCancelledIds.length; k++) {
      const meta = s.orders.get(book.stpCancelledIds[k]);
      if (meta === undefined) continue;
      addOpen(meta.account.positions[m.i], meta.side, -book.stpCancelledSizes[k], meta.reduceOnly);
      emit(s, { type: "OrderClosed", orderId: meta.id, accountId: meta.account.id, market: m.symbol, reason: "stp", cancelledSize: book.stpCancelledSizes[k] });
      releaseOrderMeta(s, meta);
    }
  }
  if (res.rested > 0) {
    s.orders.set(orderId, newOrderMeta(orderId, taker, m.i, side, price, reduceOnly));
    addOpen(taker.positions[m.i], side, res.rested, reduceOnly);
  }
  if (touchedRO.length > 0) {
    const list = touchedRO.slice();
    touchedRO.length = 0;
    for (let k = 0; k < list.length; k++) enforceReduceOnly(s, list[k], m);
  }
  const tp = taker.positions[m.i];
  if (res.filled > 0 && (tp.roBuy !== 0 || tp.roSell !== 0)) enforceReduceOnly(s, taker, m);
  return res;
}

// ---------------------------------------------------------------------------------------------
// Pre-trade check
// ---------------------------------------------------------------------------------------------

/**
 * Expected fill of a market order by walking the book: notional and the worst price reached.
 * The walk state lives in a module-level record (reused; read it before the next walk) so a market
 * order allocates no closure or result object.
 */
const walk = { left: 0, notional: 0n, worst: 0, protect: 0, buy: true, tlv: 0n };
function walkStep(price: number, vol: number): boolean {
  const w = walk;
  if (w.protect !== 0 && (w.buy ? price > w.protect : price < w.protect)) return false;
  const q = vol < w.left ? vol : w.left;
  w.notional += notionalAt(q, price, w.tlv);
  w.worst = price;
  w.left -= q;
  return w.left > 0;
}
function walkFill(m: MarketState, side: Side, size: number, protect: number): typeof walk {
  const w = walk;
  w.left = size;
  w.notional = 0n;
  w.worst = 0;
  w.protect = protect;
  w.buy = side === BUY;
  w.tlv = m.tlv;
  m.book.walk(side === BUY ? SELL : BUY, walkStep);
  return w;
}

export interface MarginCheck {
  /** Exact initial margin checked, or null when the notional bound proved coverage (fast path). */
  required: bigint | null;
  available: bigint;
}

/**
 * Pre-trade check (COL-2, MRG-1, exposure caps). Rejects (throws) or returns the figures recorded
 * on OrderAccepted. Rules, with E = equity on SETTLED collateral (at the valuation in force) and cash at marks:
 * - fee = taker fee on the order's notional at its limit price (market orders: the notional the
 *   book walk gives now), or the maker fee for post-only; adverse = the loss against mark if it
 *   fills at its limit/walk price: buy (p − mark)⁺·q·T, sell (mark − p)⁺·q·T;
 * - risk-increasing orders (worst-case lots of the market grow): E − fee − adverse ≥ Σ IM over
 *   markets with this order counted as if filled (accounts.ts worstLots), else
 *   COLLATERAL_NOT_RECEIVED when E + pending deposits would cover it, INSUFFICIENT_MARGIN otherwise;
 *   then the position limit and the account's exposure caps;
 * - non-increasing orders (reduce-only): only E − fee − adverse ≥ 0, so closing can never leave
 *   the account owing money.
 */
export function checkMargin(s: EngineState, a: Account, m: MarketState, side: Side, price: number, size: number, postOnly: boolean): MarginCheck {
  if (m.mark === 0) reject("NO_MARK_PRICE", `${m.symbol} has no mark price yet`);
  const tlv = m.tlv;
  const mark = m.mark;
  // Order notional at its limit price, or what the current book walk gives a market order.
  let orderNotional: bigint;
  let refPrice: number;
  let feeRate: bigint;
  if (price === 0) {
    const w = walkFill(m, side, size, 0);
    orderNotional = w.notional;
    refPrice = w.worst === 0 ? mark : w.worst;
    feeRate = takerFeeRateOf(m, a);
  } else {
    orderNotional = notionalAt(size, price, tlv);
    refPrice = price;
    feeRate = postOnly ? makerFeeRateOf(m, a) : takerFeeRateOf(m, a);
  }
  const diff = side === BUY ? refPrice - mark : mark - refPrice;
  const adverse = diff > 0 ? notionalAt(size, diff, tlv) : 0n;
  const eq = equity(a, s.markets);
  const pos = a.positions[m.i];
  const before = worstLots(pos.size, pos.openBuy, pos.openSell);
  const after = side === BUY ? worstLots(pos.size, pos.openBuy + size, pos.openSell) : worstLots(pos.size, pos.openBuy, pos.openSell + size);
  if (after <= before) {
    const fee = feeRate > 0n ? feeOf(orderNotional, feeRate) : 0n;
    const avail = eq - fee - adverse;
    if (avail < 0n) {
      if (avail + a.pendingValue >= 0n)
        reject("COLLATERAL_NOT_RECEIVED", `fee and price impact ${fee + adverse} exceed settled equity ${eq}; pending deposits are not counted (COL-2)`);
      reject("INSUFFICIENT_MARGIN", `fee and price impact ${fee + adverse} exceed equity ${eq}`);
    }
    return marginResult(fee + adverse, eq);
  }
  const worstNotional = notionalAt(after, mark, tlv);
  let notionalAll = worstNotional;
  for (const o of s.markets) {
    if (o === m) continue;
    const p = a.positions[o.i];
    if (p.size !== 0 || p.openBuy !== 0 || p.openSell !== 0) notionalAll += notionalAt(worstLots(p.size, p.openBuy, p.openSell), o.mark, o.tlv);
  }
  // Fast path: the fee is at most the order notional (rate < 100 %) and IM at most the notional in
  // every tier (IMR ≤ 100 %), so equity covering order notional + impact + every market's worst-case
  // notional covers the exact requirement too. Same decision without the divisions; the exact IM is
  // then not computed and OrderAccepted.requiredMargin is null.
  let required: bigint | null = null;
  if (eq - orderNotional - adverse < notionalAll || a.maxInitialMargin !== null) {
    const fee = feeRate > 0n ? feeOf(orderNotional, feeRate) : 0n;
    const avail = eq - fee - adverse;
    let others = 0n;
    for (const o of s.markets) {
      if (o === m) continue;
      const p = a.positions[o.i];
      if (p.size !== 0 || p.openBuy !== 0 || p.openSell !== 0) others += positionInitial(p, o);
    }
    const imHere = side === BUY ? positionInitial(pos, m, size, 0) : positionInitial(pos, m, 0, size);
    required = others + imHere;
    if (avail < required) {
      if (avail + a.pendingValue >= required) {
        reject(
          "COLLATERAL_NOT_RECEIVED",
          `initial margin ${required} + fee ${fee} + impact ${adverse} exceed settled equity ${eq}; pending deposits ${a.pendingValue} are not counted until settled (COL-2)`,
        );
      }
      reject("INSUFFICIENT_MARGIN", `initial margin ${required} + fee ${fee} + impact ${adverse} exceed equity ${eq}`);
    }
  }
  if (exceedsPositionLimit(m.spec, worstNotional)) {
    reject("POSITION_LIMIT", `worst-case notional ${worstNotional} exceeds the ${m.symbol} position limit ${m.spec.maxPositionNotional}`);
  }
  if (a.maxInitialMargin !== null && required !== null && required > a.maxInitialMargin) {
    reject("EXPOSURE_CAP", `initial margin ${required} would exceed the account cap ${a.maxInitialMargin}`);
  }
  if (a.maxNotional !== null && notionalAll > a.maxNotional) {
    reject("EXPOSURE_CAP", `worst-case notional ${notionalAll} would exceed the account cap ${a.maxNotional}`);
  }
  return marginResult(required, eq);
}

/** checkMargin's result, a reused record (read it before the next check): no allocation per order. */
const marginCheck: MarginCheck = { required: null, available: 0n };
function marginResult(required: bigint | null, available: bigint): MarginCheck {
  marginCheck.required = required;
  marginCheck.available = available;
  return marginCheck;
}

const TIF: Record<string, number> = { GTC, IOC, FOK };

/** PlaceOrder handler (validation → reduce-only → margin → book). Rejections throw before any mutation. */
export function placeOrder(s: EngineState, c: PlaceOrder): void {
  const m = getMarket(s, c.market);
  const a = getAccount(s, c.accountId);
  if (a.kind === "afmm" && s.afmmOrderEntrySuspended)
    reject("AFMM_SUSPENDED", `order entry by the affiliated market maker is suspended (${s.afmmOrderEntryReason ?? "suspended"})`);
  const id = c.orderId;
  if (!Number.isSafeInteger(id) || id <= 0 || id > 0x7fffffff) reject("INVALID_COMMAND", "orderId must be an integer in 1 … 2^31−1");
  const idStatus = s.orderIds.status(id);
  if (idStatus !== ID_FREE) {
    if (idStatus === ID_USED) reject("DUPLICATE_ORDER_ID", `order id ${id} was already used`);
    reject(
      "ORDER_ID_TOO_OLD",
      `order id ${id} is too old: only ids above ${s.orderIds.high - ORDER_ID_WINDOW} are accepted (the engine keeps exact track of the ${ORDER_ID_WINDOW} ids up to the highest it accepted, ${s.orderIds.high}); place the order with a new id`,
    );
  }
  if (c.side !== "buy" && c.side !== "sell") reject("INVALID_COMMAND", "side must be buy or sell");
  const side: Side = c.side === "buy" ? BUY : SELL;
  const spec = m.spec;
  let size = c.size;
  if (!Number.isSafeInteger(size) || size < spec.minSizeLots || size > spec.maxOrderLots) {
    reject("INVALID_SIZE", `size must be an integer number of lots in ${spec.minSizeLots} … ${spec.maxOrderLots}`);
  }
  let price = 0;
  let tif = IOC;
  const postOnly = c.postOnly === true;
  if (c.orderType === "limit") {
    price = c.price as number;
    if (typeof price !== "number" || !Number.isInteger(price)) reject("PRICE_OFF_TICK", "limit price must be an integer number of ticks");
    if (price < 1 || price > spec.maxPriceTicks) reject("PRICE_OUT_OF_BOUNDS", `price must be within 1 … ${spec.maxPriceTicks} ticks`);
    const t = TIF[c.tif ?? "GTC"];
    if (t === undefined) reject("INVALID_COMMAND", "tif must be GTC, IOC or FOK");
    tif = t;
    if (postOnly && tif !== GTC) reject("INVALID_COMMAND", "post-only requires GTC");
  } else if (c.orderType === "market") {
    if (postOnly) reject("INVALID_COMMAND", "a market order cannot be post-only");
    if (c.price !== undefined) {
      if (!Number.isInteger(c.price)) reject("PRICE_OFF_TICK", "protective price must be an integer number of ticks");
      if (c.price < 1 || c.price > spec.maxPriceTicks) reject("PRICE_OUT_OF_BOUNDS", `price must be within 1 … ${spec.maxPriceTicks} ticks`);
    }
  } else reject("INVALID_COMMAND", "orderType must be limit or market");

  const pos = a.positions[m.i];
  const reduceOnly = c.reduceOnly === true || a.reduceOnly;
  const requested = size;
  if (reduceOnly) {
    const reduces = side === BUY ? pos.size < 0 : pos.size > 0;
    if (!reduces) {
      if (a.reduceOnly && c.reduceOnly !== true) reject("REDUCE_ONLY_ACCOUNT", "account is reduce-only and this order would not reduce a position");
      reject("REDUCE_ONLY_WOULD_INCREASE", "reduce-only order on a flat position or on the position's own side");
    }
    const already = side === BUY ? pos.roBuy : pos.roSell;
    const room = (pos.size < 0 ? -pos.size : pos.size) - already;
    if (room <= 0)
      reject(
        a.reduceOnly && c.reduceOnly !== true ? "REDUCE_ONLY_ACCOUNT" : "REDUCE_ONLY_WOULD_INCREASE",
        "resting reduce-only orders already cover the whole position",
      );
    if (size > room) size = room;
  }
  if (postOnly) {
    const bb = m.book.bestBid();
    const ba = m.book.bestAsk();
    if (side === BUY ? ba > 0 && price >= ba : bb > 0 && price <= bb) reject("POST_ONLY_WOULD_CROSS", "post-only order would trade on entry");
  }
  const check = checkMargin(s, a, m, side, c.orderType === "market" ? 0 : price, size, postOnly);

  // Reserve OrderAccepted's seq so it precedes the fills; a FOK the book refuses rolls it back
  // (the book refuses FOK before touching anything, so nothing else has happened yet).
  const seqBefore = s.seq;
  const outLen = s.out.length;
  s.seq++;
  s.out.push(null as unknown as EngineEvent);
  const protect = c.orderType === "market" && c.price !== undefined ? c.price : 0;
  const res = submitToBook(s, m, a, id, side, c.orderType === "market" ? 0 : price, size, tif, postOnly, reduceOnly, takerFeeRateOf(m, a), NO_FLAGS, protect);
  if (res.code === REJECT_FOK_NOT_FILLABLE || res.code === REJECT_POST_ONLY_WOULD_CROSS) {
    s.seq = seqBefore;
    s.out.length = outLen;
    reject(
      res.code === REJECT_FOK_NOT_FILLABLE ? "FOK_NOT_FILLABLE" : "POST_ONLY_WOULD_CROSS",
      res.code === REJECT_FOK_NOT_FILLABLE ? "FOK order cannot be filled completely" : "post-only order would trade on entry",
    );
  }
  s.orderIds.add(id);
  s.out[outLen] = {
    seq: seqBefore + 1,
    nowMs: s.now,
    type: "OrderAccepted",
    orderId: id,
    accountId: a.id,
    market: m.symbol,
    side: c.side,
    orderType: c.orderType,
    tif: c.orderType === "market" ? "IOC" : (c.tif ?? "GTC"),
    price: c.orderType === "market" ? protect : price,
    size,
    requestedSize: requested,
    postOnly,
    reduceOnly,
    requiredMargin: check.required,
    availableMargin: check.available,
  };
  if (res.cancelled > 0) {
    emit(s, {
      type: "OrderClosed",
      orderId: id,
      accountId: a.id,
      market: m.symbol,
      reason: res.code === 5 ? "stp" : "ioc_remainder",
      cancelledSize: res.cancelled,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Price pipeline
// ---------------------------------------------------------------------------------------------

/**
 * Merge the quotes into the market's latest-quote-per-source store, recompute the index and emit
 * its full input record. Returns whether the index is valid (an invalid index is held and must not
 * drive the mark or liquidations).
 */
export function updateIndex(s: EngineState, m: MarketState, quotes: readonly SourceQuote[]): boolean {
  // Merge into a copy first: a rejected update must leave the stored quotes untouched.
  const merged = new Map(m.quotes);
  for (const q of quotes) {
    const cur = merged.get(q.sourceId);
    if (cur === undefined || q.timestampMs >= cur.timestampMs) merged.set(q.sourceId, { sourceId: q.sourceId, price: q.price, timestampMs: q.timestampMs });
  }
  const all = [...merged.values()].sort((x, y) => (x.sourceId < y.sourceId ? -1 : x.sourceId > y.sourceId ? 1 : 0));
  const tick = computeIndex(m.spec.index, m.spec.index.sources, all, s.now, m.index);
  m.quotes = new Map(all.map((q) => [q.sourceId, q]));
  // With nothing to hold yet (price 0) the market simply has no index; the record still goes out.
  if (tick.price > 0) m.index = tick;
  emit(s, { type: "IndexTick", market: m.symbol, ...tick });
  return tick.valid;
}

/**
 * Take the basis and premium samples that are due (their modules ignore samples within the same
 * period), recompute the mark (emitting its inputs and winner), and settle funding when an interval
 * boundary has passed. Returns true when the mark changed.
 */
export function refreshMarket(s: EngineState, m: MarketState, sample: boolean): boolean {
  if (m.index === null) return false;
  const idx = m.index.price;
  const now = s.now;
  const book = m.book;
  if (now >= m.nextFundingMs) settleFunding(s, m);
  // A held (invalid) index must not move the mark: the mark and therefore liquidations pause.
  if (!m.index.valid) return false;
  if (sample) {
    m.basis = sampleBasis(m.basis, now, book.bestBid(), book.bestAsk(), idx);
    const { impactBid, impactAsk } = impactPrices(book, m.spec.funding.impactNotional, m.tlv);
    const premium = premiumIndex(impactBid, impactAsk, idx);
    const next = addPremiumSample(m.funding, now, premium);
    if (next !== m.funding) {
      m.funding = next;
      emit(s, { type: "FundingSampled", market: m.symbol, impactBid, impactAsk, index: idx, premium });
    }
  }
  const tick = computeMark(m.spec, {
    index: idx,
    fundingRate: fundingRateOf(m.spec.funding, m.funding).rate,
    msToFunding: m.nextFundingMs - now,
    intervalMs: m.spec.funding.intervalMs,
    basisAverage: basisAverageOf(m.basis, now),
    last: m.lastTrade === 0 ? null : m.lastTrade,
    bestBid: book.bestBid(),
    bestAsk: book.bestAsk(),
  });
  m.lastMarkTick = tick;
  emit(s, { type: "MarkTick", market: m.symbol, ...tick });
  const changed = tick.price !== m.mark;
  if (changed) {
    m.mark = tick.price;
    // Multi-market accounts' breach prices in their other markets depend on this mark.
    for (const a of m.holders) if (a.openPositions > 1) s.dirty.add(a);
  }
  return changed;
}

/**
 * Funding settlement at the interval boundary (MRG-3): rate F from funding.ts over the interval's
 * samples; each position's signed notional at the current mark; payers pay ⌈N·F⌉, receivers share
 * the total by largest remainder (funding.ts settleFundingZeroNet), so Σ transfers = 0 exactly.
 * Positions are listed in account-id order so the split is independent of insertion order.
 * If the clock jumped over several boundaries, one settlement covers the elapsed interval and the
 * schedule realigns to the next boundary after now (documented in the README).
 */
export function settleFunding(s: EngineState, m: MarketState): void {
  const rate = fundingRateOf(m.spec.funding, m.funding).rate;
  const holders = [...m.holders].sort((x, y) => x.id - y.id);
  const mark = m.mark;
  const transfers =
    mark === 0
      ? []
      : settleFundingZeroNet(
          holders.map((a) => ({ id: a, signedNotional: BigInt(a.positions[m.i].size) * BigInt(mark) * m.tlv })),
          rate,
        );
  const out: Array<{ accountId: AccountId; amount: bigint }> = [];
  let paid = 0n;
  for (const t of transfers) {
    if (t.amount === 0n) continue;
    t.id.cash += t.amount;
    t.id.positions[m.i].fundingPaid -= t.amount;
    if (t.amount < 0n) paid -= t.amount;
    s.dirty.add(t.id);
    out.push({ accountId: t.id.id, amount: t.amount });
  }
  const end = m.nextFundingMs;
  m.lastFundingRate = rate;
  emit(s, { type: "FundingSettled", market: m.symbol, intervalEndMs: end, rate, markPrice: mark, transfers: out, totalPaid: paid });
  m.funding = createFundingAccumulator(fundingIntervalStart(s.now, m.spec.funding.intervalMs), m.spec.funding);
  m.nextFundingMs = nextFundingTime(s.now, m.spec.funding.intervalMs);
}

export { RATE_ONE, divCeil };
