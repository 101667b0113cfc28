/**
 * Commands (inputs) and events (outputs) of the engine, as discriminated unions on `type`.
 *
 * Units everywhere: money `bigint` micro-USD, rates `bigint` ppb, prices `number` integer ticks of
 * the market's tickSize, sizes `number` integer lots of its lotSize, time `number` epoch ms.
 * Every command carries `nowMs` and the ids it needs (the engine never reads a clock or invents an
 * id); every event carries `seq` (monotonic per engine, starting at 1), `nowMs` and `type`.
 */

import type { CollateralAsset, CollateralCircuitBreaker } from "./collateral";
import type { IndexTick } from "./index-price";
import type { MarkTick } from "./mark-price";
import type { RejectionCode } from "./rejections";

/** Account id: a positive safe integer chosen by the host (also the order book's owner id). */
export type AccountId = number;
/** Order id: a positive safe integer chosen by the host, unique for the life of the engine. */
export type OrderId = number;
export type Symbol = string;
export type SideName = "buy" | "sell";
export type AccountKind = "client" | "backstop" | "afmm";

/** Source quote for the index: price in the market's ticks, `timestampMs` = when the source published it. */
export interface SourceQuoteInput {
  sourceId: string;
  price: number;
  timestampMs: number;
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

export interface CreateAccount {
  type: "CreateAccount";
  nowMs: number;
  accountId: AccountId;
  kind: AccountKind;
  /**
   * Backstop LPs only: `priority` (lower goes first; ties by registration order), committed
   * `capacity` = the largest notional (micro-USD, at the bankruptcy prices it takes) the LP holds
   * absorbed at once, and `replenishPerHour` = micro-USD of used capacity restored per hour of engine
   * time (linear, exact, applied at each Tick and before the LP takes inventory; omitted or 0 = used
   * capacity is never restored).
   */
  backstop?: { priority: number; capacity: bigint; replenishPerHour?: bigint };
}

/** A deposit notice: pending until SettleDeposit (COL-2). `amountMinor` in the asset's minor units. */
export interface Deposit {
  type: "Deposit";
  nowMs: number;
  accountId: AccountId;
  depositId: string;
  assetId: string;
  amountMinor: bigint;
}

/** Funds have reached finality: credit the haircut-adjusted USD value at this instant. */
export interface SettleDeposit {
  type: "SettleDeposit";
  nowMs: number;
  depositId: string;
}

/**
 * Withdraw free collateral. USD (default): `amount` micro-USD of USD cash, ≤ min(cash, equity − IM).
 * Another asset: `amount` in its minor units, in kind, ≤ the holding, and the collateral value it
 * removes ≤ equity − IM.
 */
export interface Withdraw {
  type: "Withdraw";
  nowMs: number;
  accountId: AccountId;
  withdrawalId: string;
  amount: bigint;
  assetId?: string;
}

/** Platform capital into a market's insurance fund (counts as a deposit for conservation). */
export interface FundInsurance {
  type: "FundInsurance";
  nowMs: number;
  fundingId: string;
  market: Symbol;
  amount: bigint;
}

/** Onboarding limits. `null` removes a cap; an omitted field leaves it unchanged. */
export interface SetAccountLimits {
  type: "SetAccountLimits";
  nowMs: number;
  accountId: AccountId;
  /** Cap on Σ worst-case position notional over markets (at mark), micro-USD. */
  maxNotional?: bigint | null;
  /** Cap on Σ initial margin over markets, micro-USD. */
  maxInitialMargin?: bigint | null;
  /** Account-level reduce-only: only orders that reduce a position are accepted. */
  reduceOnly?: boolean;
}

export interface PlaceOrder {
  type: "PlaceOrder";
  nowMs: number;
  accountId: AccountId;
  orderId: OrderId;
  market: Symbol;
  side: SideName;
  /** "limit" needs `price`; "market" is IOC without a price limit (optional protective `price`). */
  orderType: "limit" | "market";
  price?: number;
  size: number;
  /** Limit orders only; default GTC. */
  tif?: "GTC" | "IOC" | "FOK";
  postOnly?: boolean;
  reduceOnly?: boolean;
}

export interface CancelOrder {
  type: "CancelOrder";
  nowMs: number;
  accountId: AccountId;
  orderId: OrderId;
}

export interface CancelAll {
  type: "CancelAll";
  nowMs: number;
  accountId: AccountId;
  /** Only this market; all markets when omitted. */
  market?: Symbol;
}

/** Source prices for a market's index; the engine recomputes index, then mark, then checks liquidations. */
export interface IndexQuotes {
  type: "IndexQuotes";
  nowMs: number;
  market: Symbol;
  quotes: SourceQuoteInput[];
}

/**
 * The clock: for every market, take due basis and premium samples, recompute mark, settle funding
 * at interval boundaries, and run liquidation detection and the waterfall.
 */
export interface Tick {
  type: "Tick";
  nowMs: number;
}

/** Add or replace a registry entry (COL-1); maker-checker happens in the host before this. */
export interface UpdateCollateralAsset {
  type: "UpdateCollateralAsset";
  nowMs: number;
  asset: CollateralAsset;
}

/** Depeg / licence circuit breaker (COL-4): add one, or lift all breakers of an asset. */
export interface SuspendCollateral {
  type: "SuspendCollateral";
  nowMs: number;
  breaker: CollateralCircuitBreaker;
}
export interface LiftCollateralSuspension {
  type: "LiftCollateralSuspension";
  nowMs: number;
  assetId: string;
}

/** USD per 1 HKD in ppb (input from the FX reference feed). */
export interface SetFxRate {
  type: "SetFxRate";
  nowMs: number;
  usdPerHkd: bigint;
}

/**
 * Change market parameters at runtime (DISC-1). `changes` name paths into the
 * market's configured inputs (MarketSpecInput, e.g. "fees.takerFeeRate",
 * "marginTiers[2].maintenanceMarginRate") with the new value in the parameter's own type (bigint
 * for money and rates, integer numbers, strings); parameters.ts validates them. Maker-checker and
 * audit happen in the host before this. Effective at the command's nowMs.
 */
export interface UpdateMarketParameters {
  type: "UpdateMarketParameters";
  nowMs: number;
  market: Symbol;
  changes: Array<{ path: string; value: unknown }>;
  /** Why, as published in the change log (at least 3 characters). */
  reason: string;
  /**
   * Engine time (epoch ms) the change takes effect. Absent or ≤ nowMs: at once. Later: validated now
   * against the spec in force, held as a scheduled change (MarketParametersScheduled) and applied by
   * the first command whose nowMs reaches it, as of exactly this instant (re-validated then).
   */
  effectiveAtMs?: number;
}

/** Withdraw a scheduled parameter change before it takes effect. */
export interface CancelScheduledParameters {
  type: "CancelScheduledParameters";
  nowMs: number;
  /** The seq of the change's MarketParametersScheduled event. */
  scheduleId: number;
  /** Why, as published in the change log (at least 3 characters). */
  reason: string;
}

/**
 * AFMM-4 / AFMM-9: suspend or resume order entry by every afmm-kind account. The host sends it when
 * the affiliated market maker's gates change (no designated oversight officer, no SFC notification
 * on file, or all gates met). While suspended, PlaceOrder by an afmm-kind account is rejected
 * (AFMM_SUSPENDED); turning it on cancels their resting orders in the same command. Sending the
 * state already in force is accepted: it records the (possibly new) reason and cancels nothing new.
 */
export interface SetAfmmOrderEntry {
  type: "SetAfmmOrderEntry";
  nowMs: number;
  suspended: boolean;
  /** Machine code of why, e.g. "no_designated_officer", "no_sfc_notification", "gates_met": [a-z0-9_]{1,64}. */
  reason: string;
}

export type Command =
  | CreateAccount
  | Deposit
  | SettleDeposit
  | Withdraw
  | FundInsurance
  | SetAccountLimits
  | PlaceOrder
  | CancelOrder
  | CancelAll
  | IndexQuotes
  | Tick
  | UpdateCollateralAsset
  | SuspendCollateral
  | LiftCollateralSuspension
  | SetFxRate
  | UpdateMarketParameters
  | CancelScheduledParameters
  | SetAfmmOrderEntry;

export type CommandType = Command["type"];

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

interface Ev<T extends string> {
  seq: number;
  nowMs: number;
  type: T;
}

export interface AccountCreated extends Ev<"AccountCreated"> {
  accountId: AccountId;
  kind: AccountKind;
  backstopPriority: number | null;
  backstopCapacity: bigint | null;
  /** Backstop LPs: capacity restored per hour, micro-USD (0 = never); null for other kinds. */
  backstopReplenishPerHour: bigint | null;
}

export interface DepositPending extends Ev<"DepositPending"> {
  accountId: AccountId;
  depositId: string;
  assetId: string;
  amountMinor: bigint;
  /** Haircut-adjusted value if it settled now (informational; pending collateral never counts). */
  indicativeValueUsd: bigint;
}

export interface DepositSettled extends Ev<"DepositSettled"> {
  accountId: AccountId;
  depositId: string;
  assetId: string;
  amountMinor: bigint;
  grossValueUsd: bigint;
  haircut: bigint;
  /**
   * Increase in counted collateral, micro-USD: USD is credited to cash; any other asset is held in
   * kind (`ledger` = "collateral") and this is the rise in its haircut-adjusted value at settlement.
   */
  credited: bigint;
  ledger: "cash" | "collateral";
}

export interface Withdrawal extends Ev<"Withdrawal"> {
  accountId: AccountId;
  withdrawalId: string;
  assetId: string;
  /** micro-USD for USD, else the asset's minor units. */
  amount: bigint;
  /** Collateral value removed, micro-USD (= amount for USD). */
  valueUsd: bigint;
  cashAfter: bigint;
}

export interface AccountLimitsSet extends Ev<"AccountLimitsSet"> {
  accountId: AccountId;
  maxNotional: bigint | null;
  maxInitialMargin: bigint | null;
  reduceOnly: boolean;
}

export interface OrderAccepted extends Ev<"OrderAccepted"> {
  orderId: OrderId;
  accountId: AccountId;
  market: Symbol;
  side: SideName;
  orderType: "limit" | "market";
  tif: "GTC" | "IOC" | "FOK";
  /** Limit price in ticks; 0 for a market order without protection. */
  price: number;
  /** Size entered into the book after reduce-only clipping, lots. */
  size: number;
  /** Size requested, lots (differs from `size` when reduce-only clipped it). */
  requestedSize: number;
  postOnly: boolean;
  reduceOnly: boolean;
  /**
   * Requirement checked, micro-USD: Σ initial margin with this order counted as filled (fees and
   * price impact for non-increasing orders); null when equity covered the whole worst-case
   * notional and the exact IM was not needed. `availableMargin` = settled equity at marks.
   */
  requiredMargin: bigint | null;
  availableMargin: bigint;
}

/** One fill. Enough for the public tape (DISC-3) and counterparty-class flags (ANCHORS §8.3). */
export interface Trade extends Ev<"Trade"> {
  market: Symbol;
  /** Trade id = seq of this event. */
  price: number;
  size: number;
  /** Side of the taker (aggressor). */
  aggressor: SideName;
  takerOrderId: OrderId;
  makerOrderId: OrderId;
  takerAccountId: AccountId;
  makerAccountId: AccountId;
  /** Fees, micro-USD (taker rounded up; maker rounded up, a rebate rounded down in magnitude). */
  takerFee: bigint;
  makerFee: bigint;
  /** Maker's lots left on the book after this fill (0 = it left the book; 0 for transfers). */
  makerRemaining: number;
  /** The taker is a liquidation order (book stage), or the liquidated side of a backstop/ADL transfer. */
  liquidation: boolean;
  backstop: boolean;
  adl: boolean;
  /** Derived from account kind: an affiliated market maker on that side. */
  takerAfmm: boolean;
  makerAfmm: boolean;
}

export type OrderCloseReason = "cancelled" | "ioc_remainder" | "stp" | "liquidation" | "reduce_only" | "cancel_all" | "afmm_suspended";

export interface OrderClosed extends Ev<"OrderClosed"> {
  orderId: OrderId;
  accountId: AccountId;
  market: Symbol;
  reason: OrderCloseReason;
  /** Lots that were still open and are now cancelled. A fully filled order has no OrderClosed (see Trade.makerRemaining). */
  cancelledSize: number;
}

/** A resting reduce-only order shrunk because the position shrank. */
export interface OrderReduced extends Ev<"OrderReduced"> {
  orderId: OrderId;
  accountId: AccountId;
  market: Symbol;
  remaining: number;
}

/** Full input record of an index computation (index-price.ts IndexTick) for the audit trail. */
export interface IndexTickEvent extends Ev<"IndexTick">, IndexTick {
  market: Symbol;
}

/** Mark computation with its inputs (P1, P2, last) and which one won the median (mark-price.ts). */
export interface MarkTickEvent extends Ev<"MarkTick">, MarkTick {
  market: Symbol;
}

export interface FundingSampled extends Ev<"FundingSampled"> {
  market: Symbol;
  impactBid: number | null;
  impactAsk: number | null;
  index: number;
  /** Premium index sample, ppb. */
  premium: bigint;
}

export interface FundingSettled extends Ev<"FundingSettled"> {
  market: Symbol;
  intervalEndMs: number;
  /** Rate for the interval, ppb; positive: longs pay shorts. */
  rate: bigint;
  markPrice: number;
  /** Per account: amount received (+) or paid (−), micro-USD. Σ amount = 0 exactly. */
  transfers: Array<{ accountId: AccountId; amount: bigint }>;
  totalPaid: bigint;
}

export type LiquidationStage = "cancel_orders" | "book" | "backstop" | "insurance_fund" | "adl";

export interface LiquidationStarted extends Ev<"LiquidationStarted"> {
  accountId: AccountId;
  /** Equity and maintenance margin at detection, micro-USD. */
  equity: bigint;
  maintenanceMargin: bigint;
  formulaVersion: string;
}

/** LIQ-1: one event per waterfall stage entered, with its amounts. */
export interface LiqStageEntered extends Ev<"LiqStageEntered"> {
  accountId: AccountId;
  market: Symbol | null;
  stage: LiquidationStage;
  /** Why this stage was entered (e.g. "below_maintenance", "book_exhausted", "backstop_capacity_exhausted"). */
  reason: string;
  /** Lots still to close when the stage was entered (0 for cancel_orders / insurance residual). */
  sizeToClose: number;
  /** Bankruptcy and mark prices used, ticks (0 when not applicable). */
  bankruptcyPrice: number;
  markPrice: number;
  /** Outcome of the stage. */
  sizeClosed: number;
  amount: bigint;
  equityAfter: bigint;
  maintenanceAfter: bigint;
  /**
   * ADL stage: counterparties in ranking order with their rank key (ppb), lots taken and their
   * unrealized PnL at mark just before the fill (> 0: only profitable positions are deleveraged).
   */
  counterparties?: Array<{ accountId: AccountId; lots: number; rankPpb: bigint; upnlBefore: bigint }>;
}

export interface LiquidationCompleted extends Ev<"LiquidationCompleted"> {
  accountId: AccountId;
  equity: bigint;
  maintenanceMargin: bigint;
  /** Stages that ran, in order. */
  stages: LiquidationStage[];
  /** True when a position remains (account healthy again after a partial liquidation). */
  partial: boolean;
}

export type InsuranceFundReason = "funding_deposit" | "liquidation_fee" | "backstop_compensation" | "adl_compensation" | "negative_equity_cover";

/** DISC-4 ledger line: every inflow/outflow with market and causing event. */
export interface InsuranceFundChanged extends Ev<"InsuranceFundChanged"> {
  market: Symbol;
  delta: bigint;
  balance: bigint;
  reason: InsuranceFundReason;
  accountId: AccountId | null;
  /** seq of the event this line belongs to (liquidation start, trade, or itself for deposits). */
  causeSeq: number;
}

/**
 * LIQ-1: backstop LPs' remaining capacity, not the insurance fund, stopped the backstop stage from
 * taking the rest of a bankrupt position (the fund could still compensate at least one more lot).
 */
export interface BackstopCapacityExhausted extends Ev<"BackstopCapacityExhausted"> {
  market: Symbol;
  /** The liquidated account. */
  accountId: AccountId;
  /** Σ remaining capacity (capacity − used) of the LPs other than the liquidated account, micro-USD. */
  remaining: bigint;
  /** Lots of the position the backstop stage left for ADL. */
  lotsUnabsorbed: number;
  /** seq of the liquidation's LiquidationStarted. */
  causeSeq: number;
}

/** DISC-6 trigger: the fund reached its floor (or zero). */
export interface InsuranceFundDepleted extends Ev<"InsuranceFundDepleted"> {
  market: Symbol;
  balance: bigint;
  floor: bigint;
  causeSeq: number;
}

export interface InsuranceFundDeposited extends Ev<"InsuranceFundDeposited"> {
  market: Symbol;
  fundingId: string;
  amount: bigint;
}

export interface CollateralAssetUpdated extends Ev<"CollateralAssetUpdated"> {
  asset: CollateralAsset;
}
export interface CollateralSuspended extends Ev<"CollateralSuspended"> {
  breaker: CollateralCircuitBreaker;
}
export interface CollateralSuspensionLifted extends Ev<"CollateralSuspensionLifted"> {
  assetId: string;
}
export interface FxRateSet extends Ev<"FxRateSet"> {
  usdPerHkd: bigint;
}

/** One parameter of a MarketParametersUpdated event: its path and values before and after. */
export interface MarketParameterChange {
  path: string;
  previous: unknown;
  next: unknown;
}

/** A parameter change waiting for its effective instant (engine state; in the snapshot). */
export interface ScheduledParameterChange {
  /** The seq of its MarketParametersScheduled event. */
  scheduleId: number;
  market: Symbol;
  /** As validated when scheduled: previous = the values in force then. */
  changes: MarketParameterChange[];
  /** The change as it is re-applied at its instant: [{ path, value }]. */
  rawChanges: Array<{ path: string; value: unknown }>;
  reason: string;
  effectiveAtMs: number;
  scheduledAtMs: number;
}

/** DISC-1 change-log entry: market parameters changed, in force from `effectiveFromMs` (= nowMs). */
export interface MarketParametersUpdated extends Ev<"MarketParametersUpdated"> {
  market: Symbol;
  changes: MarketParameterChange[];
  reason: string;
  effectiveFromMs: number;
  /** Present when a scheduled change took effect: its scheduleId (then nowMs = effectiveFromMs = its effectiveAtMs). */
  scheduleId?: number;
}

/**
 * A parameter change accepted for a future instant (advance notice): validated against the spec in
 * force now; `changes` carry the values in force now as `previous`. `scheduleId` = this event's seq.
 */
export interface MarketParametersScheduled extends Ev<"MarketParametersScheduled"> {
  scheduleId: number;
  market: Symbol;
  changes: MarketParameterChange[];
  reason: string;
  effectiveAtMs: number;
}

/** A scheduled change reached its instant but no longer validates against the spec then in force; nothing changed. */
export interface ScheduledParametersFailed extends Ev<"ScheduledParametersFailed"> {
  scheduleId: number;
  market: Symbol;
  message: string;
}

/** A scheduled change was withdrawn before its instant (CancelScheduledParameters). */
export interface ScheduledParametersCancelled extends Ev<"ScheduledParametersCancelled"> {
  scheduleId: number;
  market: Symbol;
  reason: string;
}

/**
 * AFMM-4 / AFMM-9: order entry by afmm-kind accounts was suspended or resumed. When suspended, the
 * OrderClosed events (reason afmm_suspended) of the resting orders it cancelled follow it.
 */
export interface AfmmOrderEntrySet extends Ev<"AfmmOrderEntrySet"> {
  suspended: boolean;
  reason: string;
  /** Resting orders of afmm-kind accounts cancelled by this command. */
  cancelledOrders: number;
}

export type CollateralRevaluationReason = "registry_update" | "breaker_set" | "breaker_lifted" | "fx_rate" | "schedule";

/** One holder in a CollateralRevalued event: the asset's value in its account before and after. */
export interface RevaluedHolding {
  accountId: AccountId;
  amountMinor: bigint;
  valueBefore: bigint;
  valueAfter: bigint;
}

/**
 * COL-4 / DISC-6 notice hook: an asset's valuation in force changed (haircut update, breaker set or
 * lifted, FX rate, or an effective date reached). Lists every account holding it; their margin is
 * re-evaluated and they are re-keyed for liquidation at the next detection pass.
 */
export interface CollateralRevalued extends Ev<"CollateralRevalued"> {
  assetId: string;
  reason: CollateralRevaluationReason;
  /** EFFECTIVE, HAIRCUT_100, SUSPENDED, EXPIRED, NOT_YET_EFFECTIVE or FX_RATE_UNAVAILABLE. */
  status: string;
  haircut: bigint;
  usdPerUnit: bigint;
  previousHaircut: bigint | null;
  previousUsdPerUnit: bigint | null;
  accounts: RevaluedHolding[];
}

/**
 * After a revaluation: the account's equity is below its initial margin (client notice).
 * `belowMaintenance` = it meets the liquidation trigger and will be liquidated at the next pass.
 */
export interface MarginCall extends Ev<"MarginCall"> {
  accountId: AccountId;
  equity: bigint;
  initialMargin: bigint;
  maintenanceMargin: bigint;
  belowMaintenance: boolean;
  causeSeq: number;
}

/**
 * Collateral taken over by the platform at its valuation in force to cover a liquidated account's
 * USD deficit (`valueUsd` credited to its cash), or, once it cannot cover it, collateral valued at
 * zero taken with the loss (reason zero_value_on_deficit, valueUsd 0).
 */
export interface CollateralConverted extends Ev<"CollateralConverted"> {
  accountId: AccountId;
  assetId: string;
  amountMinor: bigint;
  valueUsd: bigint;
  haircut: bigint;
  usdPerUnit: bigint;
  reason: "liquidation_deficit" | "zero_value_on_deficit";
  cashAfter: bigint;
  /** seq of the LiquidationStarted event. */
  causeSeq: number;
}

export type EngineEvent =
  | AccountCreated
  | DepositPending
  | DepositSettled
  | Withdrawal
  | AccountLimitsSet
  | OrderAccepted
  | Trade
  | OrderClosed
  | OrderReduced
  | IndexTickEvent
  | MarkTickEvent
  | FundingSampled
  | FundingSettled
  | LiquidationStarted
  | LiqStageEntered
  | LiquidationCompleted
  | BackstopCapacityExhausted
  | InsuranceFundChanged
  | InsuranceFundDepleted
  | InsuranceFundDeposited
  | CollateralAssetUpdated
  | CollateralSuspended
  | CollateralSuspensionLifted
  | FxRateSet
  | CollateralRevalued
  | MarginCall
  | CollateralConverted
  | MarketParametersUpdated
  | MarketParametersScheduled
  | ScheduledParametersFailed
  | ScheduledParametersCancelled
  | AfmmOrderEntrySet;

export type EventType = EngineEvent["type"];

/** Result of `apply`: events in seq order, or a rejection (then `events` is empty and nothing changed). */
export interface ApplyResult {
  events: EngineEvent[];
  rejection?: { code: RejectionCode; message: string };
}

/** An event before the engine stamps `seq` and `nowMs` (distributes over the union). */
export type EventBody = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, "seq" | "nowMs"> : never) : never;
