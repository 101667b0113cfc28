/**
 * Commands in, events out: `createEngine` builds an engine from a configuration and `apply` runs one
 * command against it, checking the command's fields and dispatching it to the module that owns its
 * rule (exchange.ts, collateral-ledger.ts, parameters.ts, liquidation.ts). A rejected command
 * changes nothing (same state hash, no events, no seq consumed).
 */

import { type Account, addPendingMinor, equity, freeCollateral, initialTotal, removePendingMinor } from "./accounts";
import { replenishBackstop } from "./backstop";
import { depositLimitProblem, evaluateCollateral, SETTLEMENT_ASSET, validateCollateralRegistry, type CollateralAsset } from "./collateral";
import { depositCollateral, revalueCollateral, valueOfWithdrawal, withdrawCollateral } from "./collateral-ledger";
import {
  type EngineState,
  type MarketState,
  addAccount,
  cancelAllOf,
  cancelOpeningOrdersOf,
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
import type { SourceQuote } from "./index-price";
import { credit } from "./insurance-fund";
import { detectAndLiquidate } from "./liquidation";
import { USD, divFloor, pow10 } from "./fixed-point";
import { RejectError, reject } from "./rejections";
import {
  type ScheduleUndo,
  MAX_SCHEDULED_CHANGES,
  applyDueScheduledChanges,
  applyMarketParameterChanges,
  cancelScheduledChange,
  putMarketSpecInForce,
  scheduleMarketParameterChanges,
  undoScheduledChanges,
} from "./parameters";
import type { ApplyResult, Command, EngineEvent } from "./types";

/**
 * Create an engine from a configuration input (validated by config-validation.ts; throws
 * EngineConfigError listing every problem, so the engine never starts with an invalid config).
 * `startMs` (epoch ms) is the engine clock's start and anchors the funding schedule.
 */
export function createEngine(config: unknown, startMs: number): EngineState {
  return createEngineState(config, startMs);
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x);
const isId = (x: unknown): x is number => isInt(x) && x > 0 && x <= 0x7fffffff;
const isBig = (x: unknown): x is bigint => typeof x === "bigint";
const isStr = (x: unknown): x is string => typeof x === "string" && x.length > 0;
/** SetAfmmOrderEntry reason: a short machine code. */
const AFMM_REASON = /^[a-z0-9_]{1,64}$/;

/**
 * Apply one command. Returns the events it produced (seq-ordered) or a rejection; a rejection
 * leaves the state exactly as it was.
 */
export function apply(s: EngineState, c: Command): ApplyResult {
  const out: EngineEvent[] = [];
  s.out = out;
  const prevNow = s.now;
  const prevSeq = s.seq;
  let undo: ScheduleUndo | null = null;
  try {
    if (c === null || typeof c !== "object") reject("INVALID_COMMAND", "command must be an object");
    if (!isInt(c.nowMs)) reject("INVALID_COMMAND", "nowMs must be a safe integer (epoch ms)");
    if (c.nowMs < s.now) reject("TIME_WENT_BACKWARDS", `nowMs ${c.nowMs} is before the engine clock ${s.now}`);
    // Scheduled parameter changes due by now take effect first, each as of its own instant.
    if (c.nowMs >= s.nextScheduledMs) undo = applyDueScheduledChanges(s, c.nowMs);
    s.now = c.nowMs;
    dispatch(s, c);
    s.commandCount++;
    return { events: out };
  } catch (e) {
    if (e instanceof RejectError) {
      if (undo !== null) undoScheduledChanges(s, undo);
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
      // Effective dates and future-dated breakers take effect here, and backstop capacity replenishes
      // (both before detection, so this pass liquidates with them in force).
      revalueCollateral(s, "schedule");
      for (const b of s.backstops) replenishBackstop(b, s.now);
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
        if (
          q === null ||
          typeof q !== "object" ||
          typeof q.sourceId !== "string" ||
          !isInt(q.price) ||
          q.price < 1 ||
          q.price > m.spec.maxPriceTicks ||
          !isInt(q.timestampMs)
        ) {
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
        const rate = c.backstop.replenishPerHour;
        if (rate !== undefined && (!isBig(rate) || rate < 0n))
          reject("INVALID_COMMAND", "backstop.replenishPerHour must be micro-USD per hour ≥ 0 (0 = never)");
      } else if (c.backstop !== undefined) reject("INVALID_COMMAND", "only backstop accounts take backstop parameters");
      const a = addAccount(s, c.accountId, c.kind);
      if (c.kind === "backstop") {
        a.backstopPriority = c.backstop!.priority;
        a.backstopCapacity = c.backstop!.capacity;
        a.backstopReplenishPerHour = c.backstop!.replenishPerHour ?? 0n;
        a.backstopReplenishedMs = s.now;
        s.backstops.push(a);
        sortBackstops(s);
      }
      emit(s, {
        type: "AccountCreated",
        accountId: a.id,
        kind: a.kind,
        backstopPriority: a.backstopPriority,
        backstopCapacity: c.kind === "backstop" ? a.backstopCapacity : null,
        backstopReplenishPerHour: c.kind === "backstop" ? a.backstopReplenishPerHour : null,
      });
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
      s.deposits.set(c.depositId, {
        depositId: c.depositId,
        accountId: a.id,
        assetId: c.assetId,
        amountMinor: c.amountMinor,
        indicativeValueUsd: ev.valueUsd,
        settled: false,
      });
      a.pendingValue += ev.valueUsd;
      addPendingMinor(a, c.assetId, c.amountMinor);
      emit(s, {
        type: "DepositPending",
        accountId: a.id,
        depositId: c.depositId,
        assetId: c.assetId,
        amountMinor: c.amountMinor,
        indicativeValueUsd: ev.valueUsd,
      });
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
      removePendingMinor(a, d.assetId, d.amountMinor);
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
      emit(s, {
        type: "DepositSettled",
        accountId: a.id,
        depositId: d.depositId,
        assetId: d.assetId,
        amountMinor: d.amountMinor,
        grossValueUsd: ev.grossValueUsd,
        haircut: ev.haircut,
        credited,
        ledger: d.assetId === SETTLEMENT_ASSET ? "cash" : "collateral",
      });
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
      const turnsReduceOnly = c.reduceOnly === true && !a.reduceOnly;
      if (c.reduceOnly !== undefined) a.reduceOnly = c.reduceOnly;
      emit(s, { type: "AccountLimitsSet", accountId: a.id, maxNotional: a.maxNotional, maxInitialMargin: a.maxInitialMargin, reduceOnly: a.reduceOnly });
      // Turning reduce-only on cancels, in the same command, every resting order that could still add
      // exposure (those not flagged reduce-only): no window between the flag and the cancels.
      if (turnsReduceOnly) cancelOpeningOrdersOf(s, a);
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
      if (b.assetId === SETTLEMENT_ASSET && b.mode !== "INELIGIBLE")
        reject("INVALID_COLLATERAL_UPDATE", "USD cash is the settlement ledger and cannot be haircut; INELIGIBLE stops new USD deposits");
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
      if (typeof c.reason !== "string" || c.reason.trim().length < 3)
        reject("INVALID_PARAMETER_CHANGE", "reason must say why the parameters change (at least 3 characters); it is published in the change log");
      const at = c.effectiveAtMs;
      if (at !== undefined && !isInt(at)) reject("INVALID_PARAMETER_CHANGE", "effectiveAtMs must be a safe integer (epoch ms) or omitted");
      const res = applyMarketParameterChanges(m.spec, c.changes);
      if (!res.ok) reject("INVALID_PARAMETER_CHANGE", res.message);
      if (at === undefined || at <= s.now) {
        putMarketSpecInForce(s, m, res.spec, res.changes, c.reason.trim());
        return;
      }
      if (s.scheduled.length >= MAX_SCHEDULED_CHANGES)
        reject("INVALID_PARAMETER_CHANGE", `${MAX_SCHEDULED_CHANGES} changes are already scheduled; cancel one or wait until one takes effect`);
      scheduleMarketParameterChanges(s, m, res.changes, c.reason.trim(), at);
      return;
    }
    case "CancelScheduledParameters": {
      if (typeof c.reason !== "string" || c.reason.trim().length < 3)
        reject("INVALID_PARAMETER_CHANGE", "reason must say why the scheduled change is withdrawn (at least 3 characters); it is published in the change log");
      if (!isInt(c.scheduleId) || !cancelScheduledChange(s, c.scheduleId, c.reason.trim()))
        reject("UNKNOWN_SCHEDULE", `no scheduled parameter change ${String(c.scheduleId)} is pending (never scheduled, already in force, failed or cancelled)`);
      return;
    }
    case "SetAfmmOrderEntry": {
      if (typeof c.suspended !== "boolean") reject("INVALID_COMMAND", "suspended must be boolean");
      if (typeof c.reason !== "string" || !AFMM_REASON.test(c.reason))
        reject("INVALID_COMMAND", "reason must be a machine code of 1 … 64 characters a-z, 0-9 and _ (e.g. no_designated_officer)");
      if (c.suspended !== s.afmmOrderEntrySuspended || s.afmmOrderEntrySinceMs === null) s.afmmOrderEntrySinceMs = s.now;
      s.afmmOrderEntrySuspended = c.suspended;
      s.afmmOrderEntryReason = c.reason;
      const ev = emit(s, { type: "AfmmOrderEntrySet", suspended: c.suspended, reason: c.reason, cancelledOrders: 0 });
      // Suspending cancels, in the same command, every resting order of every afmm-kind account
      // (registration order, then per market oldest first): no window between the flag and the cancels.
      if (c.suspended) {
        let n = 0;
        for (const a of s.bySlot) if (a.kind === "afmm") n += cancelAllOf(s, a, "afmm_suspended");
        if (ev.type === "AfmmOrderEntrySet") ev.cancelledOrders = n;
      }
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
