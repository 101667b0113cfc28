/**
 * Accounts ledger: cash, positions with exact cost basis, and the margin arithmetic on them.
 *
 * Balance model (what makes conservation exact, INV-1 in the README):
 *   cash       USD micro-USD: settled USD deposits − USD withdrawals + realized PnL − fees ± funding
 *              ± transfers + collateral conversions; may be negative while other collateral backs it
 *   holdings   per non-USD asset, its minor units (settled deposits − withdrawals − conversions)
 *   collateral Σ_assets value(holding) at the valuation in force (collateral.ts collateralValue;
 *              a cache kept by collateral-ledger.ts whenever a holding or a valuation changes)
 *   cost       per position, signed micro-USD: Σ price·lots·tickLotValue of the open lots (long > 0)
 *   uPnL(P)    = size·P·tickLotValue − cost                (exact; no average price is stored)
 *   equity(P)  = collateral + cash + Σ_markets uPnL(P_m)
 * A fill at price p moves exactly p·q·T of value between the two sides, and realizing PnL only moves
 * value between `cash` and `cost` of one account, so Σ(cash − cost) over all accounts + fee pool +
 * insurance funds equals net deposits at every step, and Σ size = 0 per market makes Σ uPnL zero at
 * any common price.
 */

import type { MarketSpec } from "./config-types";
import { RATE_ONE, abs, divCeil, divFloor } from "./fixed-point";
import { initialMargin, maintenanceMargin } from "./margin";
import type { AccountId, AccountKind } from "./types";

/** One account's position in one market. */
export interface Position {
  /** Signed lots: long > 0, short < 0. */
  size: number;
  /** Signed cost basis of the open lots, micro-USD (long > 0, short < 0); exact. */
  cost: bigint;
  /** Cumulative realized PnL (before fees and funding), micro-USD. */
  realizedPnl: bigint;
  /** Cumulative funding paid (+) / received (−), micro-USD. */
  fundingPaid: bigint;
  /** Cumulative trading fees paid, micro-USD (negative = net rebates). */
  feesPaid: bigint;
  /** Lots resting on the book, per side (all of the account's orders in this market). */
  openBuy: number;
  openSell: number;
  /** Of which reduce-only, per side. */
  roBuy: number;
  roSell: number;
  /**
   * Cache of the last initial-margin computation: value for (imLots, imMark). Not state (never
   * snapshotted or hashed); the key covers everything the value depends on for a fixed spec.
   */
  imLots: number;
  imMark: number;
  im: bigint;
}

export interface Account {
  id: AccountId;
  /** Dense index (registration order): liquidation-index slot and deterministic tie-breaks. */
  slot: number;
  kind: AccountKind;
  cash: bigint;
  /** Settled non-USD collateral, asset id → amount in the asset's minor units (> 0 entries only). */
  holdings: Map<string, bigint>;
  /**
   * Σ haircut-adjusted value of `holdings` at the valuations in force, micro-USD. Derived (rebuilt
   * on restore) and kept exact by collateral-ledger.ts; equity reads it so every margin figure uses
   * the current haircut, FX rate and breaker state.
   */
  collateral: bigint;
  /** Indicative USD value of deposits not yet settled; never counted as collateral (COL-2). */
  pendingValue: bigint;
  /**
   * Deposits not yet settled, asset id → minor units. Derived from the engine's deposit records
   * (rebuilt on restore, never snapshotted); the per-account deposit limit counts them.
   */
  pendingMinor: Map<string, bigint>;
  /** One entry per market, in config order. */
  positions: Position[];
  /** Count of non-zero positions. */
  openPositions: number;
  maxNotional: bigint | null;
  maxInitialMargin: bigint | null;
  reduceOnly: boolean;
  backstopPriority: number | null;
  /** Committed notional capacity and the part in use, micro-USD. */
  backstopCapacity: bigint;
  backstopUsed: bigint;
  /**
   * Used capacity restored per hour, micro-USD (0 = never), the engine time up to which it has been
   * restored, and the remainder below one micro-USD carried to the next step (micro-USD·ms, < one
   * hour's ms), so the restored amount over any span is exactly ⌊rate·elapsed/1 h⌋ (backstop.ts).
   */
  backstopReplenishPerHour: bigint;
  backstopReplenishedMs: number;
  backstopReplenishCarry: bigint;
  /** Lifetime settled deposits and withdrawals, micro-USD. */
  deposited: bigint;
  withdrawn: bigint;
  /** Membership flag of the engine's dirty set (DirtySet; a cache, not state). */
  dirty: boolean;
}

/**
 * The set of accounts whose liquidation keys are stale. Membership is a flag on the account, so
 * the per-fill `add` is a field test instead of a hash lookup; iteration is in insertion order.
 */
export class DirtySet {
  private list: Account[] = [];
  get size(): number {
    return this.list.length;
  }
  add(a: Account): void {
    if (!a.dirty) {
      a.dirty = true;
      this.list.push(a);
    }
  }
  has(a: Account): boolean {
    return a.dirty;
  }
  /** Remove and return every member (flags cleared), in insertion order. */
  drain(): Account[] {
    const l = this.list;
    this.list = [];
    for (let i = 0; i < l.length; i++) l[i].dirty = false;
    return l;
  }
}

/** What the ledger needs of a market: its spec, tick × lot value and current mark (ticks; 0 = none). */
export interface MarketRef {
  spec: MarketSpec;
  tlv: bigint;
  mark: number;
}

export function newPosition(): Position {
  return { size: 0, cost: 0n, realizedPnl: 0n, fundingPaid: 0n, feesPaid: 0n, openBuy: 0, openSell: 0, roBuy: 0, roSell: 0, imLots: 0, imMark: 0, im: 0n };
}

export function newAccount(id: AccountId, slot: number, kind: AccountKind, marketCount: number): Account {
  const positions: Position[] = [];
  for (let i = 0; i < marketCount; i++) positions.push(newPosition());
  return {
    id,
    slot,
    kind,
    cash: 0n,
    holdings: new Map(),
    collateral: 0n,
    pendingValue: 0n,
    pendingMinor: new Map(),
    positions,
    openPositions: 0,
    maxNotional: null,
    maxInitialMargin: null,
    reduceOnly: false,
    backstopPriority: null,
    backstopCapacity: 0n,
    backstopUsed: 0n,
    backstopReplenishPerHour: 0n,
    backstopReplenishedMs: 0,
    backstopReplenishCarry: 0n,
    deposited: 0n,
    withdrawn: 0n,
    dirty: false,
  };
}

/** Count a deposit not yet settled in the account's pending minor units of its asset (the deposit limit counts them). */
export function addPendingMinor(a: Account, assetId: string, amountMinor: bigint): void {
  a.pendingMinor.set(assetId, (a.pendingMinor.get(assetId) ?? 0n) + amountMinor);
}

/** Stop counting a deposit as pending once it settles; an asset with nothing pending leaves the map. */
export function removePendingMinor(a: Account, assetId: string, amountMinor: bigint): void {
  const left = (a.pendingMinor.get(assetId) ?? 0n) - amountMinor;
  if (left > 0n) a.pendingMinor.set(assetId, left);
  else a.pendingMinor.delete(assetId);
}

/**
 * Notional magnitude |lots|·price·T, micro-USD, exact. Hot path: when the product of the three
 * integers is a safe integer it is formed in one `number` multiplication and converted once (every
 * partial product is then an integer below 2^53, so it is exact; a product that is not safe rounds
 * to ≥ 2^53 and takes the bigint path), which allocates one bigint instead of four.
 */
export function notionalAt(lots: number, price: number, tlv: bigint): bigint {
  const q = lots < 0 ? -lots : lots;
  const x = q * price * Number(tlv);
  return x <= Number.MAX_SAFE_INTEGER ? BigInt(x) : BigInt(q) * BigInt(price) * tlv;
}

/** Unrealized PnL of a position at `price` ticks: size·price·T − cost, exact micro-USD. */
export function unrealizedPnl(pos: Position, price: number, tlv: bigint): bigint {
  const size = pos.size;
  if (size === 0) return -pos.cost;
  const n = notionalAt(size, price, tlv);
  return size > 0 ? n - pos.cost : -pos.cost - n;
}

/** Equity at current marks: collateral value + USD cash + Σ uPnL(mark). Exact. */
export function equity(a: Account, markets: readonly MarketRef[]): bigint {
  let e = a.cash + a.collateral;
  const ps = a.positions;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p.size !== 0 || p.cost !== 0n) e += unrealizedPnl(p, markets[i].mark, markets[i].tlv);
  }
  return e;
}

/** Maintenance margin of one position at `price`, via margin.ts (MM = N·MMR − MA, rounded up). */
export function positionMaintenance(pos: Position, m: MarketRef, price: number = m.mark): bigint {
  if (pos.size === 0) return 0n;
  return maintenanceMargin(m.spec, notionalAt(pos.size, price, m.tlv));
}

/** Σ maintenance margin over the account's positions at current marks. */
export function maintenanceTotal(a: Account, markets: readonly MarketRef[]): bigint {
  let mm = 0n;
  const ps = a.positions;
  for (let i = 0; i < ps.length; i++) if (ps[i].size !== 0) mm += positionMaintenance(ps[i], markets[i]);
  return mm;
}

/**
 * The liquidation trigger (LIQ-1/LIQ-2), the one place it is defined: with positions, equity < Σ MM;
 * flat, equity < 0 (USD cash below zero that the account's collateral no longer covers).
 */
export function belowMaintenance(a: Account, markets: readonly MarketRef[]): boolean {
  if (a.openPositions === 0) return a.cash + a.collateral < 0n;
  return equity(a, markets) < maintenanceTotal(a, markets);
}

/**
 * Worst-case lots of a market if every resting order of one side fills: max(|size + openBuy|,
 * |size − openSell|). Initial margin is charged on this, so resting orders are margined as if filled.
 */
export function worstLots(size: number, openBuy: number, openSell: number): number {
  const up = size + openBuy;
  const down = size - openSell;
  const a = up < 0 ? -up : up;
  const b = down < 0 ? -down : down;
  return a > b ? a : b;
}

/** Initial margin of a market's worst-case lots at mark (IM = N·IMR_tier, rounded up, margin.ts). */
export function positionInitial(pos: Position, m: MarketRef, extraBuy = 0, extraSell = 0): bigint {
  const lots = worstLots(pos.size, pos.openBuy + extraBuy, pos.openSell + extraSell);
  if (lots === 0) return 0n;
  if (lots === pos.imLots && m.mark === pos.imMark) return pos.im;
  const im = initialMargin(m.spec, notionalAt(lots, m.mark, m.tlv));
  pos.imLots = lots;
  pos.imMark = m.mark;
  pos.im = im;
  return im;
}

/** Σ initial margin over markets (positions + resting orders) at current marks. */
export function initialTotal(a: Account, markets: readonly MarketRef[]): bigint {
  let im = 0n;
  const ps = a.positions;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p.size !== 0 || p.openBuy !== 0 || p.openSell !== 0) im += positionInitial(p, markets[i]);
  }
  return im;
}

/**
 * Free USD for withdrawals, micro-USD: min(cash, equity − IM), floored at 0. Unrealized profit and
 * non-USD collateral are margin but not withdrawable USD cash (collateral is withdrawn in kind).
 */
export function freeCollateral(a: Account, markets: readonly MarketRef[]): bigint {
  const f = equity(a, markets) - initialTotal(a, markets);
  const m = f < a.cash ? f : a.cash;
  return m > 0n ? m : 0n;
}

/**
 * Apply a fill of `lots` (> 0) at `price` to a position, buying when `buy`; `notional` = price·lots·T
 * when the caller already has it. Returns the realized PnL
 * credited to cash (already added). Closing lots remove cost pro rata, ⌈cost·c/|size|⌉ (toward +∞,
 * so realized PnL — a credit to the client — rounds down); closing the whole position removes the
 * exact remaining cost, so no residue survives a round trip.
 */
export function applyFill(
  a: Account,
  pos: Position,
  buy: boolean,
  lots: number,
  price: number,
  tlv: bigint,
  notional: bigint = notionalAt(lots, price, tlv),
): bigint {
  const before = pos.size;
  let realized = 0n;
  if (before === 0 || before > 0 === buy) {
    pos.size = buy ? before + lots : before - lots;
    pos.cost = buy ? pos.cost + notional : pos.cost - notional;
  } else {
    const absBefore = before < 0 ? -before : before;
    const c = lots < absBefore ? lots : absBefore;
    const closeNotional = c === lots ? notional : notionalAt(c, price, tlv);
    const removed = c === absBefore ? pos.cost : divCeil(pos.cost * BigInt(c), BigInt(absBefore));
    realized = (before > 0 ? closeNotional : -closeNotional) - removed;
    pos.cost -= removed;
    pos.size = before + (buy ? c : -c);
    pos.realizedPnl += realized;
    a.cash += realized;
    if (lots > c) {
      const openNotional = notional - closeNotional;
      pos.size += buy ? lots - c : c - lots;
      pos.cost = buy ? pos.cost + openNotional : pos.cost - openNotional;
    }
  }
  if (before === 0 && pos.size !== 0) a.openPositions++;
  else if (before !== 0 && pos.size === 0) a.openPositions--;
  return realized;
}

/**
 * Average entry price for display, ticks as a decimal-free pair: cost / (size·T). Returned rounded
 * half-even to whole ticks (display only — never used in a calculation; cost basis is the truth).
 */
export function averageEntryTicks(pos: Position, tlv: bigint): number {
  if (pos.size === 0) return 0;
  const den = BigInt(pos.size) * tlv;
  const q = divFloor(pos.cost * 2n + den, 2n * den);
  return Number(q);
}

/**
 * Margin ratio = maintenance margin / equity, ppb (Binance convention: liquidation at ≥ 100 %).
 * Rounded up (it is a risk figure shown to the client). Equity ≤ 0 → null (infinite).
 */
export function marginRatioPpb(mm: bigint, eq: bigint): bigint | null {
  if (eq <= 0n) return mm === 0n ? 0n : null;
  return divCeil(mm * RATE_ONE, eq);
}

export { abs };
