/**
 * Public entry of the engine (the only module the app imports).
 *
 *   const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, startMs);
 *   const { events, rejection } = apply(engine, command);
 *
 * Commands in, events out. `apply` mutates the state in place; a rejected command changes nothing
 * (same state hash, no events, no seq consumed). Journal = the COMMAND journal: the host stores each
 * accepted command with the `commandCount` it produced; `restore(snapshot)` then `apply` of every
 * later command reproduces the identical state hash and the identical events (same seqs). Events are
 * the outputs to publish and persist; they are not needed to rebuild state.
 */

import {
  type Account,
  averageEntryTicks,
  equity,
  freeCollateral,
  initialTotal,
  maintenanceTotal,
  marginRatioPpb,
  newPosition,
  notionalAt,
  positionInitial,
  positionMaintenance,
  unrealizedPnl,
} from "./accounts";
import { adlDistance, adlLights } from "./adl";
import { type AssetValuation, collateralSchedule, collateralValue, depositLimitProblem, evaluateCollateral, SETTLEMENT_ASSET, validateCollateralRegistry, withDepositLimits, type CollateralAsset, type CollateralCircuitBreaker, type FxRates } from "./collateral";
import { collateralOf, depositCollateral, revalueCollateral, valueOfWithdrawal, withdrawCollateral } from "./collateral-ledger";
import type { EngineConfig } from "./config";
import {
  type EngineState,
  type MarketState,
  addAccount,
  cancelAllOf,
  cancelResting,
  createEngineState,
  emit,
  fundEmitter,
  getAccount,
  getMarket,
  placeOrder,
  refreshMarket,
  sortBackstops,
  updateIndex,
} from "./exchange";
import { fundingRateOf } from "./funding";
import type { IndexTick, SourceQuote } from "./index-price";
import { available, credit, type InsuranceFund } from "./insurance-fund";
import { bankruptcyPrice, detectAndLiquidate, liquidationPrice, needsLiquidation, NO_PRICE, scanLiquidatable } from "./liquidation";
import type { BasisAveragerState, MarkTick } from "./mark-price";
import { type FundingAccumulator } from "./funding";
import { BUY, OrderBook, SELL, STP_CANCEL_TAKER } from "./order-book";
import { RATE_ONE, USD, divFloor, pow10 } from "./fixed-point";
import { ID_FREE, OrderIdWindow, type OrderIdWindowImage } from "./order-ids";
import { RejectError, reject } from "./rejections";
import { applyMarketParameterChanges, liveConfig, putMarketSpecInForce } from "./parameters";
import { canonicalHash, canonicalJson, parseCanonical } from "./snapshot";
import type { ApplyResult, Command, EngineEvent } from "./types";

export type * from "./types";
export { REJECTION_CODES, type Rejection, type RejectionCode } from "./rejections";
export { EngineConfigError, type EngineState } from "./exchange";
export { canonicalHash, canonicalJson, fnv1a64, parseCanonical } from "./snapshot";
export {
  DEFAULT_ENGINE_CONFIG,
  DEFAULT_ENGINE_CONFIG_INPUT,
  ADL_CURVE_STEP_PCT,
  ADL_MAX_SHOCK_PCT,
  MARKET_PARAMETER_DOCS,
  validateEngineConfig,
  validateMarketSpec,
  type EngineConfig,
  type EngineConfigInput,
  type MarketSpec,
  type MarketSpecInput,
  type AdlRiskParams,
  type ParamDoc,
} from "./config";
export { COLLATERAL_FIELD_DOCS, type CollateralScheduleRow } from "./collateral";
export { collateralSchedule, depositLimitProblem, KNOWN_INELIGIBLE_ASSETS, usdPerHkdFromHkdPerUsd } from "./collateral";
export { initialMargin, maintenanceMargin, maintenanceMarginBracketed, tierFor } from "./margin";
export { scanLiquidatable, liquidationPrice, bankruptcyPrice } from "./liquidation";
export { adlDistance, adlRiskLevel, type AdlDistance, type AdlCurvePoint, type AdlIndicator, type AdlRiskLevel, type AdlRiskTrigger } from "./adl";
export {
  FIXED_MARKET_PARAMETERS,
  applyMarketParameterChanges,
  docPathOf,
  fixedReason,
  flattenParameters,
  liveConfig,
  marketSpecInputOf,
  parsePath,
} from "./parameters";
export { explainMark, markSteps, type MarkExplanation, type MarkFallbackReason, type MarkInputName, type MarkSteps, type MarkTick, type MarkTickInputs } from "./mark-price";
export type { ParamUnit } from "./config";

/**
 * Create an engine from a configuration input (validated by config.ts; throws EngineConfigError
 * listing every problem, so the engine never starts with an invalid config). `startMs` (epoch ms)
 * is the engine clock's start and anchors the funding schedule.
 */
export function createEngine(config: unknown, startMs: number): EngineState {
  return createEngineState(config, startMs);
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x);
const isId = (x: unknown): x is number => isInt(x) && x > 0 && x <= 0x7fffffff;
const isBig = (x: unknown): x is bigint => typeof x === "bigint";
const isStr = (x: unknown): x is string => typeof x === "string" && x.length > 0;

/**
 * Apply one command. Returns the events it produced (seq-ordered) or a rejection; a rejection
 * leaves the state exactly as it was.
 */
export function apply(s: EngineState, c: Command): ApplyResult {
  const out: EngineEvent[] = [];
  s.out = out;
  const prevNow = s.now;
  const prevSeq = s.seq;
  try {
    if (c === null || typeof c !== "object") reject("INVALID_COMMAND", "command must be an object");
    if (!isInt(c.nowMs)) reject("INVALID_COMMAND", "nowMs must be a safe integer (epoch ms)");
    if (c.nowMs < s.now) reject("TIME_WENT_BACKWARDS", `nowMs ${c.nowMs} is before the engine clock ${s.now}`);
    s.now = c.nowMs;
    dispatch(s, c);
    s.commandCount++;
    return { events: out };
  } catch (e) {
    if (e instanceof RejectError) {
      s.now = prevNow;
      s.seq = prevSeq;
      return { events: [], rejection: { code: e.code, message: e.message } };
    }
    throw e;
  }
}

function dispatch(s: EngineState, c: Command): void {
  switch (c.type) {
    case "PlaceOrder":
      return placeOrder(s, c);
    case "CancelOrder": {
      // Common case first: the order rests and belongs to the named account (which therefore
      // exists), so the account lookup is skipped; anything else takes the checks in their order.
      const found = typeof c.orderId === "number" ? s.orders.get(c.orderId) : undefined;
      if (found !== undefined && found.account.id === c.accountId) {
        cancelResting(s, found, "cancelled");
        return;
      }
      const a = getAccount(s, c.accountId);
      const meta = found;
      if (meta === undefined) reject("UNKNOWN_ORDER", `order ${String(c.orderId)} is not resting`);
      if (meta.account !== a) reject("NOT_ORDER_OWNER", `order ${c.orderId} belongs to another account`);
      cancelResting(s, meta, "cancelled");
      return;
    }
    case "CancelAll": {
      const a = getAccount(s, c.accountId);
      const m = c.market === undefined ? undefined : getMarket(s, c.market);
      cancelAllOf(s, a, "cancel_all", m);
      return;
    }
    case "Tick": {
      // Effective dates and future-dated breakers take effect here (before detection, so an account
      // their change pushes below maintenance is liquidated in this same pass).
      revalueCollateral(s, "schedule");
      const changed: MarketState[] = [];
      for (const m of s.markets) if (refreshMarket(s, m, true) || (m.index !== null && m.index.valid)) changed.push(m);
      detectAndLiquidate(s, changed);
      return;
    }
    case "IndexQuotes": {
      const m = getMarket(s, c.market);
      if (!Array.isArray(c.quotes)) reject("INVALID_COMMAND", "quotes must be an array");
      const quotes: SourceQuote[] = [];
      for (const q of c.quotes) {
        if (q === null || typeof q !== "object" || typeof q.sourceId !== "string" || !isInt(q.price) || q.price < 1 || q.price > m.spec.maxPriceTicks || !isInt(q.timestampMs)) {
          reject("INVALID_COMMAND", "each quote needs sourceId, price (ticks within bounds) and timestampMs");
        }
        quotes.push({ sourceId: q.sourceId, price: q.price, timestampMs: q.timestampMs });
      }
      if (updateIndex(s, m, quotes)) {
        refreshMarket(s, m, false);
        detectAndLiquidate(s, [m]);
      }
      return;
    }
    case "CreateAccount": {
      if (!isId(c.accountId)) reject("INVALID_COMMAND", "accountId must be an integer in 1 … 2^31−1");
      if (s.accounts.has(c.accountId)) reject("ACCOUNT_EXISTS", `account ${c.accountId} exists`);
      if (c.kind !== "client" && c.kind !== "backstop" && c.kind !== "afmm") reject("INVALID_COMMAND", "kind must be client, backstop or afmm");
      if (c.kind === "backstop") {
        if (!c.backstop || !isInt(c.backstop.priority) || c.backstop.priority < 0 || !isBig(c.backstop.capacity) || c.backstop.capacity < 0n) {
          reject("INVALID_COMMAND", "a backstop account needs backstop.priority (integer ≥ 0) and backstop.capacity (micro-USD ≥ 0)");
        }
      } else if (c.backstop !== undefined) reject("INVALID_COMMAND", "only backstop accounts take backstop parameters");
      const a = addAccount(s, c.accountId, c.kind);
      if (c.kind === "backstop") {
        a.backstopPriority = c.backstop!.priority;
        a.backstopCapacity = c.backstop!.capacity;
        s.backstops.push(a);
        sortBackstops(s);
      }
      emit(s, { type: "AccountCreated", accountId: a.id, kind: a.kind, backstopPriority: a.backstopPriority, backstopCapacity: c.kind === "backstop" ? a.backstopCapacity : null });
      return;
    }
    case "Deposit": {
      const a = getAccount(s, c.accountId);
      if (!isStr(c.depositId)) reject("INVALID_COMMAND", "depositId must be a non-empty string");
      if (s.deposits.has(c.depositId)) reject("DUPLICATE_DEPOSIT", `deposit ${c.depositId} already recorded`);
      if (!isBig(c.amountMinor) || c.amountMinor <= 0n) reject("INVALID_AMOUNT", "amountMinor must be a positive bigint");
      if (!isStr(c.assetId)) reject("INVALID_COMMAND", "assetId must be a non-empty string");
      const ev = evaluateCollateral(s.registry, c.assetId, c.amountMinor, s.now, s.fx, s.breakers);
      if (!ev.eligible) reject("INELIGIBLE_COLLATERAL", `${ev.code}: ${ev.reason}`);
      const asset = s.registry.find((x) => x.assetId === c.assetId)!;
      const overLimit = depositLimitProblem(asset, c.amountMinor, depositedMinor(a, asset));
      if (overLimit !== null) reject("DEPOSIT_LIMIT_EXCEEDED", overLimit);
      s.deposits.set(c.depositId, { depositId: c.depositId, accountId: a.id, assetId: c.assetId, amountMinor: c.amountMinor, indicativeValueUsd: ev.valueUsd, settled: false });
      a.pendingValue += ev.valueUsd;
      a.pendingMinor.set(c.assetId, (a.pendingMinor.get(c.assetId) ?? 0n) + c.amountMinor);
      emit(s, { type: "DepositPending", accountId: a.id, depositId: c.depositId, assetId: c.assetId, amountMinor: c.amountMinor, indicativeValueUsd: ev.valueUsd });
      return;
    }
    case "SettleDeposit": {
      const d = typeof c.depositId === "string" ? s.deposits.get(c.depositId) : undefined;
      if (d === undefined) reject("UNKNOWN_DEPOSIT", `unknown deposit ${String(c.depositId)}`);
      if (d.settled) reject("DEPOSIT_ALREADY_SETTLED", `deposit ${d.depositId} already settled`);
      const ev = evaluateCollateral(s.registry, d.assetId, d.amountMinor, s.now, s.fx, s.breakers);
      if (!ev.eligible) reject("INELIGIBLE_COLLATERAL", `${ev.code}: ${ev.reason} (deposit stays pending; return it to the client off-engine)`);
      const a = s.accounts.get(d.accountId)!;
      d.settled = true;
      a.pendingValue -= d.indicativeValueUsd;
      unpend(a, d.assetId, d.amountMinor);
      let credited: bigint;
      if (d.assetId === SETTLEMENT_ASSET) {
        credited = ev.valueUsd;
        a.cash += credited;
        a.deposited += credited;
        s.totalDeposited += credited;
        s.dirty.add(a);
      } else {
        // Held in kind and valued with the valuation in force, brought up to this instant first.
        revalueCollateral(s, "schedule");
        credited = depositCollateral(s, a, d.assetId, d.amountMinor);
      }
      emit(s, { type: "DepositSettled", accountId: a.id, depositId: d.depositId, assetId: d.assetId, amountMinor: d.amountMinor, grossValueUsd: ev.grossValueUsd, haircut: ev.haircut, credited, ledger: d.assetId === SETTLEMENT_ASSET ? "cash" : "collateral" });
      return;
    }
    case "Withdraw": {
      const a = getAccount(s, c.accountId);
      if (!isStr(c.withdrawalId)) reject("INVALID_COMMAND", "withdrawalId must be a non-empty string");
      if (s.withdrawalIds.has(c.withdrawalId)) reject("DUPLICATE_WITHDRAWAL", `withdrawal ${c.withdrawalId} already processed`);
      if (!isBig(c.amount) || c.amount <= 0n) reject("INVALID_AMOUNT", "amount must be a positive bigint (micro-USD, or the asset's minor units)");
      const assetId = c.assetId ?? SETTLEMENT_ASSET;
      let valueUsd = c.amount;
      if (assetId === SETTLEMENT_ASSET) {
        const free = freeCollateral(a, s.markets);
        if (c.amount > free) reject("INSUFFICIENT_FREE_COLLATERAL", `free USD is ${free} micro-USD`);
        a.cash -= c.amount;
        a.withdrawn += c.amount;
        s.totalWithdrawn += c.amount;
        s.dirty.add(a);
      } else {
        if (!isStr(assetId)) reject("INVALID_COMMAND", "assetId must be a non-empty string");
        const held = a.holdings.get(assetId) ?? 0n;
        if (c.amount > held) reject("INSUFFICIENT_FREE_COLLATERAL", `holding of ${assetId} is ${held}`);
        const free = equity(a, s.markets) - initialTotal(a, s.markets);
        const loss = valueOfWithdrawal(s, a, assetId, c.amount);
        if (loss > free) reject("INSUFFICIENT_FREE_COLLATERAL", `withdrawing removes ${loss} micro-USD of collateral; free margin is ${free}`);
        valueUsd = withdrawCollateral(s, a, assetId, c.amount);
      }
      s.withdrawalIds.add(c.withdrawalId);
      emit(s, { type: "Withdrawal", accountId: a.id, withdrawalId: c.withdrawalId, assetId, amount: c.amount, valueUsd, cashAfter: a.cash });
      return;
    }
    case "FundInsurance": {
      const m = getMarket(s, c.market);
      if (!isStr(c.fundingId)) reject("INVALID_COMMAND", "fundingId must be a non-empty string");
      if (s.fundingIds.has(c.fundingId)) reject("DUPLICATE_DEPOSIT", `insurance funding ${c.fundingId} already recorded`);
      if (!isBig(c.amount) || c.amount <= 0n) reject("INVALID_AMOUNT", "amount must be a positive bigint (micro-USD)");
      s.fundingIds.add(c.fundingId);
      s.totalInsuranceFunded += c.amount;
      const ev = emit(s, { type: "InsuranceFundDeposited", market: m.symbol, fundingId: c.fundingId, amount: c.amount });
      credit(m.insurance, c.amount, "funding_deposit", null, ev.seq, fundEmitter(s, m));
      return;
    }
    case "SetAccountLimits": {
      const a = getAccount(s, c.accountId);
      const capOk = (x: unknown) => x === undefined || x === null || (isBig(x) && x >= 0n);
      if (!capOk(c.maxNotional) || !capOk(c.maxInitialMargin)) reject("INVALID_COMMAND", "caps must be bigint ≥ 0, null or omitted");
      if (c.reduceOnly !== undefined && typeof c.reduceOnly !== "boolean") reject("INVALID_COMMAND", "reduceOnly must be boolean");
      if (c.maxNotional !== undefined) a.maxNotional = c.maxNotional;
      if (c.maxInitialMargin !== undefined) a.maxInitialMargin = c.maxInitialMargin;
      if (c.reduceOnly !== undefined) a.reduceOnly = c.reduceOnly;
      emit(s, { type: "AccountLimitsSet", accountId: a.id, maxNotional: a.maxNotional, maxInitialMargin: a.maxInitialMargin, reduceOnly: a.reduceOnly });
      return;
    }
    case "UpdateCollateralAsset": {
      const next = s.registry.filter((x) => x.assetId !== c.asset?.assetId);
      next.push(c.asset);
      const errs = validateCollateralRegistry(next);
      if (errs.length > 0) reject("INVALID_COLLATERAL_UPDATE", errs.map((e) => `${e.path}: ${e.message}`).join("; "));
      const old = s.registry.find((x) => x.assetId === c.asset.assetId);
      if (old !== undefined && (old.decimals !== c.asset.decimals || old.currency !== c.asset.currency) && assetOutstanding(s, old.assetId)) {
        reject("INVALID_COLLATERAL_UPDATE", `${old.assetId} is held: its decimals and currency define the held amounts and cannot change`);
      }
      s.registry = next.map((x) => ({ ...x })).sort((x, y) => (x.assetId < y.assetId ? -1 : 1));
      emit(s, { type: "CollateralAssetUpdated", asset: { ...c.asset } });
      revalueCollateral(s, "registry_update");
      return;
    }
    case "SuspendCollateral": {
      const b = c.breaker;
      if (!b || !s.registry.some((x) => x.assetId === b.assetId) || (b.mode !== "HAIRCUT_100" && b.mode !== "INELIGIBLE") || !isInt(b.sinceMs)) {
        reject("INVALID_COLLATERAL_UPDATE", "breaker needs a registered assetId, mode HAIRCUT_100|INELIGIBLE and sinceMs");
      }
      if (b.assetId === SETTLEMENT_ASSET && b.mode !== "INELIGIBLE") reject("INVALID_COLLATERAL_UPDATE", "USD cash is the settlement ledger and cannot be haircut; INELIGIBLE stops new USD deposits");
      s.breakers.push({ ...b });
      emit(s, { type: "CollateralSuspended", breaker: { ...b } });
      revalueCollateral(s, "breaker_set");
      return;
    }
    case "LiftCollateralSuspension": {
      if (!s.breakers.some((b) => b.assetId === c.assetId)) reject("INVALID_COLLATERAL_UPDATE", `no breaker on ${String(c.assetId)}`);
      s.breakers = s.breakers.filter((b) => b.assetId !== c.assetId);
      emit(s, { type: "CollateralSuspensionLifted", assetId: c.assetId });
      revalueCollateral(s, "breaker_lifted");
      return;
    }
    case "SetFxRate": {
      if (!isBig(c.usdPerHkd) || c.usdPerHkd <= 0n) reject("INVALID_COMMAND", "usdPerHkd must be a positive bigint (ppb)");
      s.fx = { usdPerHkd: c.usdPerHkd };
      emit(s, { type: "FxRateSet", usdPerHkd: c.usdPerHkd });
      revalueCollateral(s, "fx_rate");
      return;
    }
    case "UpdateMarketParameters": {
      const m = getMarket(s, c.market);
      if (typeof c.reason !== "string" || c.reason.trim().length < 3) reject("INVALID_PARAMETER_CHANGE", "reason must say why the parameters change (at least 3 characters); it is published in the change log");
      const res = applyMarketParameterChanges(m.spec, c.changes);
      if (!res.ok) reject("INVALID_PARAMETER_CHANGE", res.message);
      putMarketSpecInForce(s, m, res.spec, res.changes, c.reason.trim());
      return;
    }
    default:
      reject("INVALID_COMMAND", `unknown command type ${String((c as { type?: unknown }).type)}`);
  }
}

/** Whether any account or the platform holds the asset. */
function assetOutstanding(s: EngineState, assetId: string): boolean {
  return (s.assetHolders.get(assetId)?.size ?? 0) > 0 || (s.platformCollateral.get(assetId) ?? 0n) > 0n;
}

// ---------------------------------------------------------------------------------------------
// Snapshot, restore, hash, replay
// ---------------------------------------------------------------------------------------------

/**
 * What the account has deposited of an asset, minor units, for its deposit limit: pending deposits
 * plus the holding, or for USD (held as cash, which also moves with PnL) settled deposits less
 * withdrawals.
 */
function depositedMinor(a: Account, asset: CollateralAsset): bigint {
  const pending = a.pendingMinor.get(asset.assetId) ?? 0n;
  if (asset.assetId !== SETTLEMENT_ASSET) return pending + (a.holdings.get(asset.assetId) ?? 0n);
  const netMicros = a.deposited - a.withdrawn;
  return pending + (netMicros > 0n ? divFloor(netMicros * pow10(asset.decimals), USD) : 0n);
}

function unpend(a: Account, assetId: string, amountMinor: bigint): void {
  const left = (a.pendingMinor.get(assetId) ?? 0n) - amountMinor;
  if (left > 0n) a.pendingMinor.set(assetId, left);
  else a.pendingMinor.delete(assetId);
}

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

// ---------------------------------------------------------------------------------------------
// Queries (pure reads)
// ---------------------------------------------------------------------------------------------

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
  backstop: { priority: number; capacity: bigint; used: bigint } | null;
  positions: PositionView[];
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
    collateral: [...a.holdings.entries()].sort((x, y) => byStr(x[0], y[0])).map(([assetId, amountMinor]) => {
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
    backstop: a.kind === "backstop" ? { priority: a.backstopPriority!, capacity: a.backstopCapacity, used: a.backstopUsed } : null,
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
    insuranceFund: { balance: m.insurance.balance, floor: m.insurance.floor, available: available(m.insurance), depleted: m.insurance.depleted, totalIn: m.insurance.totalIn, totalOut: m.insurance.totalOut },
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

/** Backstop liquidity providers in aggregate (LIQ-1 stage 2): committed, used and remaining capacity, micro-USD. */
export function backstopView(s: EngineState) {
  let committed = 0n;
  let used = 0n;
  for (const b of s.backstops) {
    committed += b.backstopCapacity;
    used += b.backstopUsed;
  }
  return { providers: s.backstops.length, committed, used, remaining: committed - used };
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
 * Check the engine invariants (README "Invariants"); returns human-readable violations (empty =
 * all hold). O(accounts + orders); meant for tests and periodic audits, not the hot path.
 */
export function checkInvariants(s: EngineState): string[] {
  const v: string[] = [];
  // INV-1 conservation in USD: Σ(cash − cost) + fee pool + insurance funds = USD deposits − USD
  // withdrawals + insurance top-ups + USD credited for converted collateral.
  let total = s.feePool;
  for (const a of s.bySlot) {
    total += a.cash;
    for (const p of a.positions) total -= p.cost;
  }
  for (const m of s.markets) total += m.insurance.balance;
  const expect = s.totalDeposited - s.totalWithdrawn + s.totalInsuranceFunded + s.totalConverted;
  if (total !== expect) v.push(`conservation: ledger ${total} ≠ net deposits ${expect} (diff ${total - expect})`);
  // INV-1b conservation per non-USD asset: Σ holdings + platform-held = deposits − withdrawals
  // (minor units); and each account's cached collateral value = its holdings at the valuations in force.
  const held = new Map<string, bigint>(s.platformCollateral);
  for (const a of s.bySlot) {
    for (const [id, amt] of a.holdings) {
      if (amt <= 0n) v.push(`account ${a.id} holds ${amt} of ${id}`);
      held.set(id, (held.get(id) ?? 0n) + amt);
      if (!s.assetHolders.get(id)?.has(a)) v.push(`asset holders of ${id} miss account ${a.id}`);
    }
    const c = collateralOf(s, a);
    if (c !== a.collateral) v.push(`account ${a.id} collateral value ${a.collateral} ≠ revalued ${c}`);
  }
  for (const id of new Set([...held.keys(), ...s.assetDeposited.keys(), ...s.assetWithdrawn.keys()])) {
    const net = (s.assetDeposited.get(id) ?? 0n) - (s.assetWithdrawn.get(id) ?? 0n);
    if ((held.get(id) ?? 0n) !== net) v.push(`conservation of ${id}: held ${held.get(id) ?? 0n} ≠ net deposits ${net}`);
  }
  for (const m of s.markets) {
    // INV-2 Σ long = Σ short.
    let net = 0;
    for (const a of s.bySlot) net += a.positions[m.i].size;
    if (net !== 0) v.push(`${m.symbol}: Σ position sizes = ${net}`);
    // INV-3 book never crossed.
    const bb = m.book.bestBid();
    const ba = m.book.bestAsk();
    if (bb > 0 && ba > 0 && bb >= ba) v.push(`${m.symbol}: book crossed ${bb} ≥ ${ba}`);
    // INV-4 fund never negative.
    if (m.insurance.balance < 0n) v.push(`${m.symbol}: insurance fund negative`);
    // Open-order bookkeeping equals the book.
    const open = new Map<number, [number, number]>();
    for (const [id, owner, side, , rem] of m.book.snapshot()) {
      if (!s.orders.has(id)) v.push(`${m.symbol}: order ${id} on book without metadata`);
      // INV-11 a resting order's id can never be accepted again.
      if (s.orderIds.status(id) === ID_FREE) v.push(`${m.symbol}: resting order ${id} is not marked used in the order-id window`);
      const e = open.get(owner) ?? [0, 0];
      e[side] += rem;
      open.set(owner, e);
    }
    for (const a of s.bySlot) {
      const p = a.positions[m.i];
      const e = open.get(a.id) ?? [0, 0];
      if (p.openBuy !== e[0] || p.openSell !== e[1]) v.push(`${m.symbol}: account ${a.id} open lots ${p.openBuy}/${p.openSell} ≠ book ${e[0]}/${e[1]}`);
      if (p.roBuy + p.roSell > Math.abs(p.size) || (p.roBuy > 0 && p.size >= 0) || (p.roSell > 0 && p.size <= 0)) v.push(`${m.symbol}: account ${a.id} reduce-only orders exceed its position`);
      if ((p.size !== 0) !== m.holders.has(a)) v.push(`${m.symbol}: holders set out of sync for ${a.id}`);
    }
  }
  // INV-5 no account owes more than its collateral once detection has run: flat ⇒ cash + collateral ≥ 0.
  for (const a of s.bySlot) if (a.openPositions === 0 && a.cash + a.collateral < 0n && !s.pending.has(a) && !s.dirty.has(a)) v.push(`account ${a.id} flat with negative equity ${a.cash + a.collateral}`);
  return v;
}

/** Accounts that need the waterfall right now, by full scan (test oracle for the index). */
export { needsLiquidation };
export { scanLiquidatable as liquidatableByScan };
