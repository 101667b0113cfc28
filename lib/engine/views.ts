/**
 * Queries (pure reads) over the engine state: account, market, book, collateral, backstop and ADL
 * figures as the portal shows them, and the hash of the configuration the engine runs.
 */

import {
  type Account,
  applyFill,
  averageEntryTicks,
  equity,
  freeCollateral,
  initialTotal,
  maintenanceTotal,
  marginRatioPpb,
  notionalAt,
  positionInitial,
  positionMaintenance,
  unrealizedPnl,
} from "./accounts";
import { adlDistance, adlLights } from "./adl";
import { remainingCapacity } from "./backstop";
import { collateralSchedule, collateralValue, SETTLEMENT_ASSET } from "./collateral";
import type { AfmmTerms, SpotListing } from "./config-types";
import { type EngineState, type OrderPlan, addOpen, applyPriceBand, checkMargin, feeOf, planOrder, takerFeeRateOf } from "./exchange";
import { type PriceBand, priceBandOf, protectiveLimitOf } from "./order-protection";
import { RejectError, reject, type RejectionCode } from "./rejections";
import type { PlaceOrder } from "./types";
import { fundingRateOf } from "./funding";
import { available } from "./insurance-fund";
import { bankruptcyPrice, liquidationPrice, NO_PRICE } from "./liquidation";
import { BUY, FOK, GTC, SELL } from "./order-book";
import { RATE_ONE, divHalfEven } from "./fixed-point";
import { liveConfig } from "./parameters";
import { canonicalHash } from "./snapshot";

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface PositionView {
  market: string;
  size: number;
  /** Average entry, ticks, rounded half-even — display only; the cost basis is exact. */
  averageEntry: number;
  cost: bigint;
  notional: bigint;
  unrealizedPnl: bigint;
  realizedPnl: bigint;
  fundingPaid: bigint;
  feesPaid: bigint;
  maintenanceMargin: bigint;
  initialMargin: bigint;
  /** Ticks; 0 = none in range. */
  liquidationPrice: number;
  bankruptcyPrice: number;
  adlLights: number;
  openBuy: number;
  openSell: number;
}

export interface AccountView {
  accountId: number;
  kind: Account["kind"];
  /** USD cash, micro-USD (negative while other collateral backs a loss). */
  cash: bigint;
  /** Non-USD collateral held, each at the valuation in force (COL-3), by asset id. */
  collateral: Array<{ assetId: string; amountMinor: bigint; valueUsd: bigint; haircut: bigint; usdPerUnit: bigint; status: string }>;
  /** Σ collateral value, micro-USD. */
  collateralValue: bigint;
  pendingDeposits: bigint;
  /** collateralValue + cash + Σ uPnL at marks. */
  equity: bigint;
  maintenanceMargin: bigint;
  initialMargin: bigint;
  freeCollateral: bigint;
  /** MM / equity in ppb (null when equity ≤ 0 with positions). */
  marginRatioPpb: bigint | null;
  reduceOnly: boolean;
  maxNotional: bigint | null;
  maxInitialMargin: bigint | null;
  /** Backstop LPs: committed capacity, the part in use, what remains and its replenishment rate (micro-USD, per hour). */
  backstop: { priority: number; capacity: bigint; used: bigint; remaining: bigint; replenishPerHour: bigint } | null;
  positions: PositionView[];
}

/**
 * Every open position in a market (size and exact cost), in account id order: what a report needs of
 * each holder, without accountView's per-account margin and ADL figures (which rank the whole side
 * for each account and would make reading ten thousand holders quadratic).
 */
export function marketPositions(s: EngineState, symbol: string): Array<{ accountId: number; size: number; cost: bigint }> | undefined {
  const m = s.marketBySymbol.get(symbol);
  if (m === undefined) return undefined;
  const out: Array<{ accountId: number; size: number; cost: bigint }> = [];
  for (const a of m.holders) {
    const p = a.positions[m.i];
    if (p.size !== 0) out.push({ accountId: a.id, size: p.size, cost: p.cost });
  }
  return out.sort((x, y) => x.accountId - y.accountId);
}

/** One account's balances and margin totals, as `accountFigures` lists them. */
export interface AccountFigures {
  accountId: number;
  kind: Account["kind"];
  /** USD cash, micro-USD (negative while other collateral backs a loss). */
  cash: bigint;
  /** Settled non-USD collateral, asset id → minor units, each with its value at the valuation in force (micro-USD, haircut applied). */
  holdings: Array<{ assetId: string; amountMinor: bigint; valueUsd: bigint }>;
  collateralValue: bigint;
  /** Σ unrealised PnL at marks over the account's positions, micro-USD. */
  unrealizedPnl: bigint;
  equity: bigint;
  initialMargin: bigint;
  maintenanceMargin: bigint;
  freeCollateral: bigint;
  openPositions: number;
}

/**
 * Every account's balances and margin totals at the current marks, in account id order: the same
 * functions accountView uses (equity, IM, MM, free collateral), without its per-position liquidation
 * and ADL figures, so a report can read every account in linear time (RPT-1).
 */
export function accountFigures(s: EngineState): AccountFigures[] {
  const out: AccountFigures[] = [];
  for (const a of s.accounts.values()) {
    let upnl = 0n;
    for (const m of s.markets) {
      const p = a.positions[m.i];
      if (p.size !== 0 || p.cost !== 0n) upnl += unrealizedPnl(p, m.mark, m.tlv);
    }
    out.push({
      accountId: a.id,
      kind: a.kind,
      cash: a.cash,
      holdings: [...a.holdings.entries()]
        .sort((x, y) => byStr(x[0], y[0]))
        .map(([assetId, amountMinor]) => ({ assetId, amountMinor, valueUsd: collateralValue(s.valuations.get(assetId)!, amountMinor) })),
      collateralValue: a.collateral,
      unrealizedPnl: upnl,
      equity: equity(a, s.markets),
      initialMargin: initialTotal(a, s.markets),
      maintenanceMargin: maintenanceTotal(a, s.markets),
      freeCollateral: freeCollateral(a, s.markets),
      openPositions: a.openPositions,
    });
  }
  return out.sort((x, y) => x.accountId - y.accountId);
}

/** Account, margin and per-position figures (README "Account figures"). */
export function accountView(s: EngineState, accountId: number): AccountView | undefined {
  const a = s.accounts.get(accountId);
  if (a === undefined) return undefined;
  const eq = equity(a, s.markets);
  const mm = maintenanceTotal(a, s.markets);
  const positions: PositionView[] = [];
  for (const m of s.markets) {
    const p = a.positions[m.i];
    if (p.size === 0 && p.openBuy === 0 && p.openSell === 0) continue;
    positions.push({
      market: m.symbol,
      size: p.size,
      averageEntry: averageEntryTicks(p, m.tlv),
      cost: p.cost,
      notional: notionalAt(p.size, m.mark, m.tlv),
      unrealizedPnl: unrealizedPnl(p, m.mark, m.tlv),
      realizedPnl: p.realizedPnl,
      fundingPaid: p.fundingPaid,
      feesPaid: p.feesPaid,
      maintenanceMargin: positionMaintenance(p, m),
      initialMargin: positionInitial(p, m),
      liquidationPrice: p.size === 0 ? NO_PRICE : liquidationPrice(s, a, m, eq, mm),
      bankruptcyPrice: p.size === 0 ? NO_PRICE : bankruptcyPrice(s, a, m, eq),
      adlLights: p.size === 0 ? 0 : (adlLights(s, m).get(a.id) ?? 0),
      openBuy: p.openBuy,
      openSell: p.openSell,
    });
  }
  return {
    accountId: a.id,
    kind: a.kind,
    cash: a.cash,
    collateral: [...a.holdings.entries()]
      .sort((x, y) => byStr(x[0], y[0]))
      .map(([assetId, amountMinor]) => {
        const v = s.valuations.get(assetId)!;
        return { assetId, amountMinor, valueUsd: collateralValue(v, amountMinor), haircut: v.haircut, usdPerUnit: v.usdPerUnit, status: v.status };
      }),
    collateralValue: a.collateral,
    pendingDeposits: a.pendingValue,
    equity: eq,
    maintenanceMargin: mm,
    initialMargin: initialTotal(a, s.markets),
    freeCollateral: freeCollateral(a, s.markets),
    marginRatioPpb: marginRatioPpb(mm, eq),
    reduceOnly: a.reduceOnly,
    maxNotional: a.maxNotional,
    maxInitialMargin: a.maxInitialMargin,
    backstop:
      a.kind === "backstop"
        ? {
            priority: a.backstopPriority!,
            capacity: a.backstopCapacity,
            used: a.backstopUsed,
            remaining: remainingCapacity(a),
            replenishPerHour: a.backstopReplenishPerHour,
          }
        : null,
    positions,
  };
}

/** Market figures: prices, predicted funding (any time), open interest, insurance fund. */
export function marketView(s: EngineState, symbol: string) {
  const m = s.marketBySymbol.get(symbol);
  if (m === undefined) return undefined;
  let longLots = 0;
  let shortLots = 0;
  for (const a of m.holders) {
    const z = a.positions[m.i].size;
    if (z > 0) longLots += z;
    else shortLots -= z;
  }
  return {
    market: m.symbol,
    mark: m.mark,
    index: m.index?.price ?? 0,
    indexValid: m.index?.valid ?? false,
    lastTrade: m.lastTrade,
    bestBid: m.book.bestBid(),
    bestAsk: m.book.bestAsk(),
    predictedFunding: fundingRateOf(m.spec.funding, m.funding),
    lastFundingRate: m.lastFundingRate,
    nextFundingMs: m.nextFundingMs,
    openInterestLongLots: longLots,
    openInterestShortLots: shortLots,
    insuranceFund: {
      balance: m.insurance.balance,
      floor: m.insurance.floor,
      available: available(m.insurance),
      depleted: m.insurance.depleted,
      totalIn: m.insurance.totalIn,
      totalOut: m.insurance.totalOut,
    },
    restingOrders: m.book.size,
  };
}

/** Order book depth (ticks, lots) for a market. */
export function bookDepth(s: EngineState, symbol: string, levels = 20): { bids: Array<[number, number]>; asks: Array<[number, number]> } | undefined {
  const m = s.marketBySymbol.get(symbol);
  if (m === undefined) return undefined;
  return { bids: m.book.depth(BUY, levels), asks: m.book.depth(SELL, levels) };
}

/**
 * The public eligible-collateral list (DISC-10) as the registry in force shows it now, each asset
 * with the valuation the engine applies to held amounts (COL-3/COL-4) and the FX input in force.
 */
export function collateralView(s: EngineState) {
  return {
    usdPerHkd: s.fx?.usdPerHkd ?? null,
    assets: collateralSchedule(s.registry, s.now, s.breakers).map((row) => {
      // USD is the settlement ledger: cash at par, never revalued.
      const v = row.assetId === SETTLEMENT_ASSET ? { status: "EFFECTIVE", haircut: 0n, usdPerUnit: RATE_ONE } : s.valuations.get(row.assetId);
      return { ...row, valuation: v === undefined ? null : { status: v.status, haircut: v.haircut, usdPerUnit: v.usdPerUnit } };
    }),
  };
}

/**
 * Backstop liquidity providers in aggregate (LIQ-1 stage 2): committed, used and remaining capacity,
 * micro-USD, as of the last Tick, and how much capacity in use they regain per hour (Σ rates).
 */
export function backstopView(s: EngineState) {
  let committed = 0n;
  let used = 0n;
  let replenishPerHour = 0n;
  for (const b of s.backstops) {
    committed += b.backstopCapacity;
    used += b.backstopUsed;
    replenishPerHour += b.backstopReplenishPerHour;
  }
  return { providers: s.backstops.length, committed, used, remaining: committed - used, replenishPerHour };
}

/**
 * AFMM-4 / AFMM-9: whether order entry by afmm-kind accounts is suspended, the reason code of the last
 * SetAfmmOrderEntry and since when the current state holds (reason and sinceMs null: never set).
 */
export function afmmOrderEntry(s: EngineState): { suspended: boolean; reason: string | null; sinceMs: number | null } {
  return { suspended: s.afmmOrderEntrySuspended, reason: s.afmmOrderEntryReason, sinceMs: s.afmmOrderEntrySinceMs };
}

/** MRG-2: the retail spot listing registry in the configuration in force (null: a configuration written before it existed, not checked). */
export function spotListings(s: EngineState): SpotListing[] | null {
  return s.config.spotListings === undefined ? null : s.config.spotListings.map((x) => ({ ...x }));
}

/** AFMM-6: the AFMM terms in the configuration (no overrides and no obligations when the configuration has none). */
export function afmmTerms(s: EngineState): AfmmTerms {
  return s.config.afmm ?? { feeOverrides: [], quoteObligations: [] };
}

/** Canonical hash of the configuration the engine runs (`liveConfig`): the figure the methodology pages show (DISC-1). */
export function configHash(s: EngineState): string {
  return canonicalHash(liveConfig(s));
}

/** Distance-to-ADL figure and curve for a market (DISC-5); see adl.ts for the model. */
export function adlRisk(s: EngineState, symbol: string) {
  const m = s.marketBySymbol.get(symbol);
  return m === undefined ? undefined : adlDistance(s, m);
}

/** ADL lights 1–5 per account holding the market (LIQ-5). */
export function adlIndicators(s: EngineState, symbol: string): Map<number, number> | undefined {
  const m = s.marketBySymbol.get(symbol);
  return m === undefined ? undefined : adlLights(s, m);
}

/**
 * Every resting order, per market in the configuration's order and oldest first within a market
 * (ticks, lots). Surveillance seeds its book from it when it replays a journal from a mid-journal
 * position (AFMM-8).
 */
export function restingOrders(
  s: EngineState,
): Array<{ market: string; orderId: number; accountId: number; side: "buy" | "sell"; price: number; remaining: number }> {
  const out: Array<{ market: string; orderId: number; accountId: number; side: "buy" | "sell"; price: number; remaining: number }> = [];
  for (const m of s.markets) {
    for (const [id, owner, side, price, remaining] of m.book.snapshot()) {
      out.push({ market: m.symbol, orderId: id, accountId: owner, side: side === BUY ? "buy" : "sell", price, remaining });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Order protection and the pre-trade estimate
// ---------------------------------------------------------------------------------------------

/** The fat-finger controls of a market as they apply now (order-protection.ts); null values = not configured or no mark yet. */
export interface OrderProtectionView {
  market: string;
  /** Configured rates, ppb; null when the market has no protection. */
  limitPriceBandRate: bigint | null;
  marketOrderSlippageRate: bigint | null;
  /** The band around the current mark, ticks (edges inclusive). */
  band: PriceBand | null;
  /** Protective limits a market order without a price would get now, ticks. */
  marketBuyLimit: number | null;
  marketSellLimit: number | null;
}

export function orderProtectionView(s: EngineState, symbol: string): OrderProtectionView | undefined {
  const m = s.marketBySymbol.get(symbol);
  if (m === undefined) return undefined;
  const p = m.spec.orderProtection;
  const band = priceBandOf(m.spec, m.mark);
  return {
    market: m.symbol,
    limitPriceBandRate: p?.limitPriceBandRate ?? null,
    marketOrderSlippageRate: p?.marketOrderSlippageRate ?? null,
    band,
    marketBuyLimit: band === null ? null : protectiveLimitOf(m.spec, m.mark, true),
    marketSellLimit: band === null ? null : protectiveLimitOf(m.spec, m.mark, false),
  };
}

/** An order as a client would send it, without the command's envelope (type, time, id). */
export type OrderPreviewInput = Omit<PlaceOrder, "type" | "nowMs" | "orderId">;

export type OrderPreview =
  | {
      ok: true;
      market: string;
      /** Lots the order would trade on entry against the book as it is now. */
      estimatedFillLots: number;
      /** Average fill price, ticks (half-even; display), null when nothing would fill. */
      estimatedAveragePrice: number | null;
      /** Furthest price reached, ticks, null when nothing would fill. */
      worstPrice: number | null;
      /** Lots left resting on the book (GTC limit); the rest of an IOC or market order is cancelled. */
      restingLots: number;
      cancelledLots: number;
      /** Size after reduce-only clipping. */
      size: number;
      /** A market order's protective limit (the client's or the market's slippage limit), ticks; null = none. */
      protectivePrice: number | null;
      band: PriceBand | null;
      /** Taker fees of the estimated fills, micro-USD. */
      fee: bigint;
      /** Initial margin increase (negative when the order releases margin), micro-USD. */
      marginUsed: bigint;
      initialMarginAfter: bigint;
      equityAfter: bigint;
      freeCollateralAfter: bigint;
      /** Position in the market after the estimated fill, lots. */
      positionAfter: number;
      /** Liquidation price of that position, ticks; NO_PRICE (0) when flat or no price in range triggers it. */
      liquidationPriceAfter: number;
      /** The engine would refuse the order as it stands (price band, margin, FOK); the estimate shows what it was asked. */
      wouldBeRejected?: { code: RejectionCode; message: string };
    }
  | { ok: false; rejection: { code: RejectionCode; message: string } };

/**
 * What `PlaceOrder` would do for this order now, without changing the engine: the same validation
 * (planOrder), price band (applyPriceBand) and pre-trade check (checkMargin) as the command, the
 * fills by walking the book as matching would (OrderBook.simulate: same price priority, same
 * self-trade stop), then the account's margin, free collateral and liquidation price after those
 * fills with the functions accountView uses, on a copy of the account. Shape errors (unknown market
 * or account, bad size, price or type) are `ok: false`; a refusal the order would meet when sent is
 * `wouldBeRejected` beside the estimate. Not modelled: the trimming of the account's own resting
 * reduce-only orders after a fill (they only ever shrink).
 */
export function previewOrder(s: EngineState, order: OrderPreviewInput): OrderPreview {
  const command: PlaceOrder = { ...order, type: "PlaceOrder", nowMs: s.now, orderId: 0 };
  let plan: OrderPlan;
  try {
    plan = planOrder(s, command, false);
  } catch (e) {
    if (e instanceof RejectError) return { ok: false, rejection: { code: e.code, message: e.message } };
    throw e;
  }
  const { m, a, side, price, size, tif, postOnly, reduceOnly } = plan;
  let wouldBeRejected: { code: RejectionCode; message: string } | undefined;
  const refusal = (f: () => void) => {
    if (wouldBeRejected !== undefined) return;
    try {
      f();
    } catch (e) {
      if (!(e instanceof RejectError)) throw e;
      wouldBeRejected = { code: e.code, message: e.message };
    }
  };
  refusal(() => applyPriceBand(plan, command));
  const protect = plan.protect;
  refusal(() => checkMargin(s, a, m, side, command.orderType === "market" ? 0 : price, size, postOnly));

  // The account after the estimated fills: a copy with its own positions (the engine's untouched).
  const b: Account = { ...a, positions: a.positions.map((p) => ({ ...p })) };
  const pos = b.positions[m.i];
  const feeRate = takerFeeRateOf(m, a);
  let filled = 0;
  let notional = 0n;
  let worst = 0;
  let fee = 0n;
  let left = size;
  let stopped = false;
  if (!postOnly) {
    const fills: Array<[number, number]> = [];
    const sim = m.book.simulate(a.id, side, command.orderType === "market" ? protect : price, size, (p, lots) => fills.push([p, lots]));
    left = sim.left;
    stopped = sim.stopped;
    if (tif === FOK && left > 0) refusal(() => reject("FOK_NOT_FILLABLE", "FOK order cannot be filled completely"));
    else
      for (const [p, lots] of fills) {
        const n = notionalAt(lots, p, m.tlv);
        applyFill(b, pos, side === BUY, lots, p, m.tlv, n);
        const f = feeRate === 0n ? 0n : feeOf(n, feeRate);
        b.cash -= f;
        fee += f;
        filled += lots;
        notional += n;
        worst = p;
      }
  }
  const rests = command.orderType === "limit" && tif === GTC && !stopped;
  const restingLots = wouldBeRejected?.code === "FOK_NOT_FILLABLE" ? 0 : rests ? left : 0;
  if (restingLots > 0) addOpen(pos, side, restingLots, reduceOnly);
  const imBefore = initialTotal(a, s.markets);
  const imAfter = initialTotal(b, s.markets);
  return {
    ok: true,
    market: m.symbol,
    estimatedFillLots: filled,
    estimatedAveragePrice: filled === 0 ? null : Number(divHalfEven(notional, BigInt(filled) * m.tlv)),
    worstPrice: filled === 0 ? null : worst,
    restingLots,
    cancelledLots: size - filled - restingLots,
    size,
    protectivePrice: command.orderType === "market" && protect !== 0 ? protect : null,
    band: priceBandOf(m.spec, m.mark),
    fee,
    marginUsed: imAfter - imBefore,
    initialMarginAfter: imAfter,
    equityAfter: equity(b, s.markets),
    freeCollateralAfter: freeCollateral(b, s.markets),
    positionAfter: pos.size,
    liquidationPriceAfter: pos.size === 0 ? NO_PRICE : liquidationPrice(s, b, m),
    ...(wouldBeRejected === undefined ? {} : { wouldBeRejected }),
  };
}
