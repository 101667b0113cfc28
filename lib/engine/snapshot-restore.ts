/**
 * Snapshot, restore, hash and replay: the plain-data image of the engine (version 3, with version 2
 * images still accepted by `restore`), its canonical text and hash, and the rebuild of an engine
 * from an image plus a command journal. Derived structures are recomputed on restore, never stored.
 */

import { type Account, type Position, addPendingMinor } from "./accounts";
import { type AssetValuation, withDepositLimits } from "./collateral";
import { addAssetHolder, collateralOf } from "./collateral-ledger";
import { type EngineState, type MarketState, addAccount, addOpen, createEngineState, newOrderMeta, sortBackstops } from "./exchange";
import type { SourceQuote } from "./index-price";
import { BUY, OrderBook, SELL, STP_CANCEL_TAKER } from "./order-book";
import { OrderIdWindow, type OrderIdWindowImage } from "./order-ids";
import { canonicalHash, canonicalJson, parseCanonical } from "./snapshot";
import type { Command, ScheduledParameterChange } from "./types";
import { bySchedule, resetNextScheduled } from "./parameters";
import { apply, createEngine } from "./dispatch";

/** Engine totals and clocks the image holds as they are. */
const ENGINE_FIELDS = [
  "seq",
  "commandCount",
  "now",
  "feePool",
  "totalDeposited",
  "totalWithdrawn",
  "totalInsuranceFunded",
  "totalConverted",
] as const satisfies ReadonlyArray<keyof EngineState>;
/** Engine records the image holds as deep copies. */
const ENGINE_RECORDS = ["config", "registry", "breakers", "fx"] as const satisfies ReadonlyArray<keyof EngineState>;
/** Account fields the image holds as they are (besides id and kind, which register the account). */
const ACCOUNT_FIELDS = [
  "cash",
  "pendingValue",
  "maxNotional",
  "maxInitialMargin",
  "reduceOnly",
  "backstopPriority",
  "backstopCapacity",
  "backstopUsed",
  "deposited",
  "withdrawn",
] as const satisfies ReadonlyArray<keyof Account>;
/** Position fields the image holds; open and reduce-only lots are recounted from the book. */
const POSITION_FIELDS = ["size", "cost", "realizedPnl", "fundingPaid", "feesPaid"] as const satisfies ReadonlyArray<keyof Position>;
/** Market figures the image holds as they are. */
const MARKET_FIELDS = ["mark", "lastTrade", "lastFundingRate", "nextFundingMs"] as const satisfies ReadonlyArray<keyof MarketState>;
/** Market records the image holds as deep copies. */
const MARKET_RECORDS = ["index", "lastMarkTick", "basis", "funding", "insurance"] as const satisfies ReadonlyArray<keyof MarketState>;

/** One account in the image: the fields of ACCOUNT_FIELDS as the account has them, plus these. */
export interface AccountImage extends Pick<Account, "id" | "kind" | (typeof ACCOUNT_FIELDS)[number]> {
  /** Non-USD collateral held, [assetId, minor units], by asset id. */
  holdings: Array<[string, bigint]>;
  positions: Array<Pick<Position, (typeof POSITION_FIELDS)[number]>>;
  /**
   * Backstop LPs with a replenishment rate only: the rate (micro-USD per hour), the engine time up to
   * which capacity has been restored and the carried remainder (backstop.ts). Absent = rate 0, which
   * keeps the image, and so the hash, of an engine without replenishment as it was before the rate.
   */
  backstopReplenish?: { perHour: bigint; sinceMs: number; carry: bigint };
}

/** One market in the image: the fields of MARKET_FIELDS and MARKET_RECORDS as the market has them, plus these. */
export interface MarketImage extends Pick<MarketState, "symbol" | (typeof MARKET_FIELDS)[number] | (typeof MARKET_RECORDS)[number]> {
  quotes: SourceQuote[];
  /** Resting orders in time priority: [id, accountId, side, price, remaining, reduceOnly 0|1]. */
  book: Array<[number, number, number, number, number, number]>;
}

/**
 * Plain-data image of the engine (bigints allowed; canonicalJson tags them). The engine's fields named
 * in ENGINE_FIELDS and ENGINE_RECORDS are held under their own names. Version 3: accepted order ids as
 * a bounded window (order-ids.ts) instead of version 2's list of every id ever used.
 */
export interface EngineSnapshot extends Pick<EngineState, (typeof ENGINE_FIELDS)[number] | (typeof ENGINE_RECORDS)[number]> {
  version: 3;
  /** Valuations in force (state: held collateral is valued with these), by asset id. */
  valuations: AssetValuation[];
  /** Per asset id, minor units: platform-held (converted), lifetime deposits and withdrawals. */
  platformCollateral: Array<[string, bigint]>;
  assetDeposited: Array<[string, bigint]>;
  assetWithdrawn: Array<[string, bigint]>;
  accounts: AccountImage[];
  markets: MarketImage[];
  /** Accepted order ids: the high-water mark and the window's bitset (constant size). */
  orderIds: OrderIdWindowImage;
  deposits: Array<{ depositId: string; accountId: number; assetId: string; amountMinor: bigint; indicativeValueUsd: bigint; settled: boolean }>;
  withdrawalIds: string[];
  fundingIds: string[];
  /**
   * AFMM order entry (SetAfmmOrderEntry), once a command has set it. Absent = never set: not
   * suspended, which keeps the image, and so the hash, of an engine that never received the command
   * as it was before the command existed (older images restore as not suspended).
   */
  afmmOrderEntry?: { suspended: boolean; reason: string; sinceMs: number };
  /**
   * Pending scheduled parameter changes, by effective time then scheduleId, once any is pending.
   * Absent = none, which keeps the image, and so the hash, of an engine with nothing scheduled as it
   * was before scheduling existed (older images restore with none).
   */
  scheduledParameters?: ScheduledParameterChange[];
}

/**
 * A version 2 snapshot (written before the order-id window): the same image with every order id ever
 * accepted listed instead. Demo databases hold such snapshots; `restore` converts them.
 */
export type EngineSnapshotV2 = Omit<EngineSnapshot, "version" | "orderIds"> & { version: 2; usedOrderIds: number[] };

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedEntries = (m: Map<string, bigint>): Array<[string, bigint]> => [...m.entries()].sort((x, y) => byStr(x[0], y[0]));
const clone = <T>(x: T): T => parseCanonical<T>(canonicalJson(x));
const same = <T>(x: T): T => x;

/** The named fields of `from`, each passed through `copy`: the one list serves snapshot and restore. */
function pickFields<T, K extends keyof T>(from: Pick<T, K>, keys: readonly K[], copy: <V>(v: V) => V = same): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = copy(from[k]);
  return out;
}

/** Set the named fields of `to` from `from`, each passed through `copy`. */
function copyFields<T, K extends keyof T>(to: T, from: Pick<T, K>, keys: readonly K[], copy: <V>(v: V) => V = same): void {
  for (const k of keys) to[k] = copy(from[k]);
}

/** Snapshot of the full state (deep copy; sets sorted so the image is canonical). */
export function snapshot(s: EngineState): EngineSnapshot {
  return {
    version: 3,
    ...pickFields(s, ENGINE_FIELDS),
    ...pickFields(s, ENGINE_RECORDS, clone),
    valuations: [...s.valuations.values()].sort((x, y) => byStr(x.assetId, y.assetId)).map((v) => ({ ...v })),
    platformCollateral: sortedEntries(s.platformCollateral),
    assetDeposited: sortedEntries(s.assetDeposited),
    assetWithdrawn: sortedEntries(s.assetWithdrawn),
    accounts: s.bySlot.map((a) => ({
      id: a.id,
      kind: a.kind,
      ...pickFields(a, ACCOUNT_FIELDS),
      holdings: sortedEntries(a.holdings),
      positions: a.positions.map((p) => pickFields(p, POSITION_FIELDS)),
      ...(a.backstopReplenishPerHour === 0n
        ? {}
        : { backstopReplenish: { perHour: a.backstopReplenishPerHour, sinceMs: a.backstopReplenishedMs, carry: a.backstopReplenishCarry } }),
    })),
    markets: s.markets.map((m) => ({
      symbol: m.symbol,
      ...pickFields(m, MARKET_FIELDS),
      ...pickFields(m, MARKET_RECORDS, clone),
      quotes: [...m.quotes.values()].sort((x, y) => byStr(x.sourceId, y.sourceId)).map((q) => ({ ...q })),
      book: m.book
        .snapshot()
        .map(
          ([id, owner, side, price, remaining]) =>
            [id, owner, side, price, remaining, s.orders.get(id)!.reduceOnly ? 1 : 0] as [number, number, number, number, number, number],
        ),
    })),
    orderIds: s.orderIds.toImage(),
    deposits: [...s.deposits.values()].sort((x, y) => byStr(x.depositId, y.depositId)).map((d) => ({ ...d })),
    withdrawalIds: [...s.withdrawalIds].sort(byStr),
    fundingIds: [...s.fundingIds].sort(byStr),
    ...(s.afmmOrderEntryReason === null || s.afmmOrderEntrySinceMs === null
      ? {}
      : { afmmOrderEntry: { suspended: s.afmmOrderEntrySuspended, reason: s.afmmOrderEntryReason, sinceMs: s.afmmOrderEntrySinceMs } }),
    ...(s.scheduled.length === 0 ? {} : { scheduledParameters: s.scheduled.map((x) => clone(x)) }),
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
 * recomputed with the same steps the commands use. A version 2 snapshot's registries get deposit
 * limits (withDepositLimits), and its list of used order ids becomes the window (the ids within
 * ORDER_ID_WINDOW of the highest are remembered exactly, older ones are refused as too old), so the
 * result equals an engine that had accepted the same ids with this version. Its state hash is the
 * version 3 image's, not the recorded version 2 hash.
 */
export function restore(snap: EngineSnapshot | EngineSnapshotV2): EngineState {
  if (snap.version !== 3 && snap.version !== 2) throw new Error(`unsupported snapshot version ${String((snap as { version?: unknown }).version)}`);
  // Version 2 images predate deposit limits: their registries get the launch limits.
  if (snap.version === 2)
    snap = { ...snap, config: { ...snap.config, collateral: withDepositLimits(snap.config.collateral) }, registry: withDepositLimits(snap.registry) };
  const s = createEngineState(snap.config, 0);
  copyFields(s, snap, ENGINE_FIELDS);
  copyFields(s, snap, ENGINE_RECORDS, clone);
  s.valuations = new Map(snap.valuations.map((v) => [v.assetId, { ...v }]));
  s.platformCollateral = new Map(snap.platformCollateral);
  s.assetDeposited = new Map(snap.assetDeposited);
  s.assetWithdrawn = new Map(snap.assetWithdrawn);
  for (const r of snap.accounts) {
    const a = addAccount(s, r.id, r.kind);
    copyFields(a, r, ACCOUNT_FIELDS);
    if (r.backstopReplenish !== undefined) {
      a.backstopReplenishPerHour = r.backstopReplenish.perHour;
      a.backstopReplenishedMs = r.backstopReplenish.sinceMs;
      a.backstopReplenishCarry = r.backstopReplenish.carry;
    }
    for (const [assetId, amount] of r.holdings) {
      a.holdings.set(assetId, amount);
      addAssetHolder(s, assetId, a);
    }
    a.collateral = collateralOf(s, a);
    r.positions.forEach((p, i) => {
      copyFields(a.positions[i], p, POSITION_FIELDS);
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
    copyFields(m, r, MARKET_FIELDS);
    copyFields(m, r, MARKET_RECORDS, clone);
    m.quotes = new Map(r.quotes.map((q) => [q.sourceId, { ...q }]));
    m.book = OrderBook.restore(
      r.book.map(([id, owner, side, price, rem]) => [id, owner, side, price, rem] as [number, number, number, number, number]),
      STP_CANCEL_TAKER,
    );
    for (const [id, owner, bookSide, price, rem, ro] of r.book) {
      const a = s.accounts.get(owner)!;
      const side = bookSide === BUY ? BUY : SELL;
      s.orders.set(id, newOrderMeta(id, a, i, side, price, ro === 1));
      addOpen(a.positions[i], side, rem, ro === 1);
    }
  });
  s.orderIds = snap.version === 2 ? OrderIdWindow.fromIds(snap.usedOrderIds) : OrderIdWindow.fromImage(snap.orderIds);
  s.deposits = new Map(snap.deposits.map((d) => [d.depositId, { ...d }]));
  for (const d of s.deposits.values()) if (!d.settled) addPendingMinor(s.accounts.get(d.accountId)!, d.assetId, d.amountMinor);
  s.withdrawalIds = new Set(snap.withdrawalIds);
  s.fundingIds = new Set(snap.fundingIds);
  if (snap.afmmOrderEntry !== undefined) {
    s.afmmOrderEntrySuspended = snap.afmmOrderEntry.suspended === true;
    s.afmmOrderEntryReason = snap.afmmOrderEntry.reason;
    s.afmmOrderEntrySinceMs = snap.afmmOrderEntry.sinceMs;
  }
  if (snap.scheduledParameters !== undefined) {
    for (const x of snap.scheduledParameters)
      if (!s.marketBySymbol.has(x.market)) throw new Error(`snapshot schedules a change of ${x.market}, which the config does not list`);
    s.scheduled = snap.scheduledParameters.map((x) => clone(x)).sort(bySchedule);
    resetNextScheduled(s);
  }
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
