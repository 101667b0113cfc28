/**
 * Snapshot, restore, hash and replay: the plain-data image of the engine (version 3, with version 2
 * images still accepted by `restore`), its canonical text and hash, and the rebuild of an engine
 * from an image plus a command journal. Derived structures are recomputed on restore, never stored.
 */

import { type Account, newPosition } from "./accounts";
import { type AssetValuation, withDepositLimits, type CollateralAsset, type CollateralCircuitBreaker, type FxRates } from "./collateral";
import { collateralOf } from "./collateral-ledger";
import type { EngineConfig } from "./config-types";
import { type EngineState, addAccount, createEngineState, sortBackstops } from "./exchange";
import type { IndexTick, SourceQuote } from "./index-price";
import type { InsuranceFund } from "./insurance-fund";
import type { BasisAveragerState, MarkTick } from "./mark-price";
import type { FundingAccumulator } from "./funding";
import { BUY, OrderBook, SELL, STP_CANCEL_TAKER } from "./order-book";
import { OrderIdWindow, type OrderIdWindowImage } from "./order-ids";
import { canonicalHash, canonicalJson, parseCanonical } from "./snapshot";
import type { Command } from "./types";
import { apply, createEngine } from "./dispatch";

/**
 * Plain-data image of the engine (bigints allowed; canonicalJson tags them). Version 3: accepted
 * order ids as a bounded window (order-ids.ts) instead of version 2's list of every id ever used.
 */
export interface EngineSnapshot {
  version: 3;
  config: EngineConfig;
  seq: number;
  commandCount: number;
  now: number;
  feePool: bigint;
  totalDeposited: bigint;
  totalWithdrawn: bigint;
  totalInsuranceFunded: bigint;
  registry: CollateralAsset[];
  breakers: CollateralCircuitBreaker[];
  fx: FxRates | null;
  /** Valuations in force (state: held collateral is valued with these), by asset id. */
  valuations: AssetValuation[];
  /** Per asset id, minor units: platform-held (converted), lifetime deposits and withdrawals. */
  platformCollateral: Array<[string, bigint]>;
  assetDeposited: Array<[string, bigint]>;
  assetWithdrawn: Array<[string, bigint]>;
  totalConverted: bigint;
  accounts: Array<{
    id: number;
    kind: Account["kind"];
    cash: bigint;
    /** Non-USD collateral held, [assetId, minor units], by asset id. */
    holdings: Array<[string, bigint]>;
    pendingValue: bigint;
    maxNotional: bigint | null;
    maxInitialMargin: bigint | null;
    reduceOnly: boolean;
    backstopPriority: number | null;
    backstopCapacity: bigint;
    backstopUsed: bigint;
    deposited: bigint;
    withdrawn: bigint;
    positions: Array<{ size: number; cost: bigint; realizedPnl: bigint; fundingPaid: bigint; feesPaid: bigint }>;
  }>;
  markets: Array<{
    symbol: string;
    mark: number;
    quotes: SourceQuote[];
    index: IndexTick | null;
    lastMarkTick: MarkTick | null;
    lastTrade: number;
    basis: BasisAveragerState;
    funding: FundingAccumulator;
    lastFundingRate: bigint;
    nextFundingMs: number;
    insurance: InsuranceFund;
    /** Resting orders in time priority: [id, accountId, side, price, remaining, reduceOnly 0|1]. */
    book: Array<[number, number, number, number, number, number]>;
  }>;
  /** Accepted order ids: the high-water mark and the window's bitset (constant size). */
  orderIds: OrderIdWindowImage;
  deposits: Array<{ depositId: string; accountId: number; assetId: string; amountMinor: bigint; indicativeValueUsd: bigint; settled: boolean }>;
  withdrawalIds: string[];
  fundingIds: string[];
}

/**
 * A version 2 snapshot (written before the order-id window): the same image with every order id ever
 * accepted listed instead. Demo databases hold such snapshots; `restore` converts them.
 */
export type EngineSnapshotV2 = Omit<EngineSnapshot, "version" | "orderIds"> & { version: 2; usedOrderIds: number[] };

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedEntries = (m: Map<string, bigint>): Array<[string, bigint]> => [...m.entries()].sort((x, y) => byStr(x[0], y[0]));
const clone = <T>(x: T): T => parseCanonical<T>(canonicalJson(x));

/** Snapshot of the full state (deep copy; sets sorted so the image is canonical). */
export function snapshot(s: EngineState): EngineSnapshot {
  return {
    version: 3,
    config: clone(s.config),
    seq: s.seq,
    commandCount: s.commandCount,
    now: s.now,
    feePool: s.feePool,
    totalDeposited: s.totalDeposited,
    totalWithdrawn: s.totalWithdrawn,
    totalInsuranceFunded: s.totalInsuranceFunded,
    registry: clone(s.registry),
    breakers: clone(s.breakers),
    fx: s.fx === null ? null : { ...s.fx },
    valuations: [...s.valuations.values()].sort((x, y) => byStr(x.assetId, y.assetId)).map((v) => ({ ...v })),
    platformCollateral: sortedEntries(s.platformCollateral),
    assetDeposited: sortedEntries(s.assetDeposited),
    assetWithdrawn: sortedEntries(s.assetWithdrawn),
    totalConverted: s.totalConverted,
    accounts: s.bySlot.map((a) => ({
      id: a.id,
      kind: a.kind,
      cash: a.cash,
      holdings: sortedEntries(a.holdings),
      pendingValue: a.pendingValue,
      maxNotional: a.maxNotional,
      maxInitialMargin: a.maxInitialMargin,
      reduceOnly: a.reduceOnly,
      backstopPriority: a.backstopPriority,
      backstopCapacity: a.backstopCapacity,
      backstopUsed: a.backstopUsed,
      deposited: a.deposited,
      withdrawn: a.withdrawn,
      positions: a.positions.map((p) => ({ size: p.size, cost: p.cost, realizedPnl: p.realizedPnl, fundingPaid: p.fundingPaid, feesPaid: p.feesPaid })),
    })),
    markets: s.markets.map((m) => ({
      symbol: m.symbol,
      mark: m.mark,
      quotes: [...m.quotes.values()].sort((x, y) => byStr(x.sourceId, y.sourceId)).map((q) => ({ ...q })),
      index: m.index === null ? null : clone(m.index),
      lastMarkTick: m.lastMarkTick === null ? null : clone(m.lastMarkTick),
      lastTrade: m.lastTrade,
      basis: clone(m.basis),
      funding: clone(m.funding),
      lastFundingRate: m.lastFundingRate,
      nextFundingMs: m.nextFundingMs,
      insurance: { ...m.insurance },
      book: m.book.snapshot().map(([id, owner, side, price, remaining]) => [id, owner, side, price, remaining, s.orders.get(id)!.reduceOnly ? 1 : 0] as [number, number, number, number, number, number]),
    })),
    orderIds: s.orderIds.toImage(),
    deposits: [...s.deposits.values()].sort((x, y) => byStr(x.depositId, y.depositId)).map((d) => ({ ...d })),
    withdrawalIds: [...s.withdrawalIds].sort(byStr),
    fundingIds: [...s.fundingIds].sort(byStr),
  };
}

/** Canonical hash (FNV-1a 64 over canonical JSON) of the state's snapshot. */
export function stateHash(s: EngineState): string {
  return canonicalHash(snapshot(s));
}

/** Canonical JSON text of a snapshot (what the host stores); `parseSnapshot` reverses it. */
export function serializeSnapshot(snap: EngineSnapshot): string {
  return canonicalJson(snap);
}
export function parseSnapshot(text: string): EngineSnapshot | EngineSnapshotV2 {
  return parseCanonical<EngineSnapshot | EngineSnapshotV2>(text);
}

/**
 * Rebuild an engine from a snapshot; derived structures (holders, indexes, order metadata) are
 * recomputed. A version 2 snapshot's registries get deposit limits (withDepositLimits), and its list of used order ids becomes the window (the ids within
 * ORDER_ID_WINDOW of the highest are remembered exactly, older ones are refused as too old), so the
 * result equals an engine that had accepted the same ids with this version. Its state hash is the
 * version 3 image's, not the recorded version 2 hash.
 */
export function restore(snap: EngineSnapshot | EngineSnapshotV2): EngineState {
  if (snap.version !== 3 && snap.version !== 2) throw new Error(`unsupported snapshot version ${String((snap as { version?: unknown }).version)}`);
  // Version 2 images predate deposit limits: their registries get the launch limits.
  if (snap.version === 2) snap = { ...snap, config: { ...snap.config, collateral: withDepositLimits(snap.config.collateral) }, registry: withDepositLimits(snap.registry) };
  const s = createEngineState(snap.config, 0);
  s.config = clone(snap.config);
  s.seq = snap.seq;
  s.commandCount = snap.commandCount;
  s.now = snap.now;
  s.feePool = snap.feePool;
  s.totalDeposited = snap.totalDeposited;
  s.totalWithdrawn = snap.totalWithdrawn;
  s.totalInsuranceFunded = snap.totalInsuranceFunded;
  s.registry = clone(snap.registry);
  s.breakers = clone(snap.breakers);
  s.fx = snap.fx === null ? null : { ...snap.fx };
  s.valuations = new Map(snap.valuations.map((v) => [v.assetId, { ...v }]));
  s.platformCollateral = new Map(snap.platformCollateral);
  s.assetDeposited = new Map(snap.assetDeposited);
  s.assetWithdrawn = new Map(snap.assetWithdrawn);
  s.totalConverted = snap.totalConverted;
  for (const r of snap.accounts) {
    const a = addAccount(s, r.id, r.kind);
    a.cash = r.cash;
    for (const [assetId, amount] of r.holdings) {
      a.holdings.set(assetId, amount);
      let set = s.assetHolders.get(assetId);
      if (set === undefined) s.assetHolders.set(assetId, (set = new Set()));
      set.add(a);
    }
    a.collateral = collateralOf(s, a);
    a.pendingValue = r.pendingValue;
    a.maxNotional = r.maxNotional;
    a.maxInitialMargin = r.maxInitialMargin;
    a.reduceOnly = r.reduceOnly;
    a.backstopPriority = r.backstopPriority;
    a.backstopCapacity = r.backstopCapacity;
    a.backstopUsed = r.backstopUsed;
    a.deposited = r.deposited;
    a.withdrawn = r.withdrawn;
    r.positions.forEach((p, i) => {
      a.positions[i] = { ...newPosition(), size: p.size, cost: p.cost, realizedPnl: p.realizedPnl, fundingPaid: p.fundingPaid, feesPaid: p.feesPaid };
      if (p.size !== 0) {
        a.openPositions++;
        s.markets[i].holders.add(a);
      }
    });
    if (a.kind === "backstop") s.backstops.push(a);
    if (a.openPositions > 0 || a.cash + a.collateral < 0n) s.dirty.add(a);
  }
  sortBackstops(s);
  snap.markets.forEach((r, i) => {
    const m = s.markets[i];
    if (m.symbol !== r.symbol) throw new Error(`snapshot market ${r.symbol} does not match config ${m.symbol}`);
    m.mark = r.mark;
    m.quotes = new Map(r.quotes.map((q) => [q.sourceId, { ...q }]));
    m.index = r.index === null ? null : clone(r.index);
    m.lastMarkTick = r.lastMarkTick === null ? null : clone(r.lastMarkTick);
    m.lastTrade = r.lastTrade;
    m.basis = clone(r.basis);
    m.funding = clone(r.funding);
    m.lastFundingRate = r.lastFundingRate;
    m.nextFundingMs = r.nextFundingMs;
    m.insurance = { ...r.insurance };
    m.book = OrderBook.restore(r.book.map(([id, owner, side, price, rem]) => [id, owner, side, price, rem] as [number, number, number, number, number]), STP_CANCEL_TAKER);
    for (const [id, owner, side, price, rem, ro] of r.book) {
      const a = s.accounts.get(owner)!;
      s.orders.set(id, { id, account: a, market: i, side: side === BUY ? BUY : SELL, price, reduceOnly: ro === 1 });
      const p = a.positions[i];
      if (side === BUY) {
        p.openBuy += rem;
        if (ro === 1) p.roBuy += rem;
      } else {
        p.openSell += rem;
        if (ro === 1) p.roSell += rem;
      }
    }
  });
  s.orderIds = snap.version === 2 ? OrderIdWindow.fromIds(snap.usedOrderIds) : OrderIdWindow.fromImage(snap.orderIds);
  s.deposits = new Map(snap.deposits.map((d) => [d.depositId, { ...d }]));
  for (const d of s.deposits.values()) {
    if (d.settled) continue;
    const a = s.accounts.get(d.accountId)!;
    a.pendingMinor.set(d.assetId, (a.pendingMinor.get(d.assetId) ?? 0n) + d.amountMinor);
  }
  s.withdrawalIds = new Set(snap.withdrawalIds);
  s.fundingIds = new Set(snap.fundingIds);
  return s;
}

/**
 * Replay a command journal on top of a snapshot (or a fresh engine when `base` is a config): the
 * result has the identical state hash as the engine that produced the journal. Rejected commands may
 * be in the journal; they are rejected again and change nothing.
 */
export function replay(base: EngineSnapshot | EngineSnapshotV2 | { config: unknown; startMs: number }, commands: Iterable<Command>): EngineState {
  const s = "version" in base ? restore(base) : createEngine(base.config, base.startMs);
  for (const c of commands) apply(s, c);
  return s;
}
