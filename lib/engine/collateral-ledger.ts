/**
 * Settled non-USD collateral held per account (COL-3, COL-4): holdings in each asset's minor units,
 * the account's cached collateral value, revaluation when a valuation changes, and conversion into
 * USD cash when a liquidated account is left with a USD deficit.
 *
 * Model (README §3 "Collateral model" and the ADR there):
 * - USD fiat is the settlement currency: USD deposits credit `cash`; PnL, fees and funding settle
 *   in `cash`, which may go negative while other collateral backs it.
 * - Every other asset stays the client's, in kind, in `holdings`. Equity counts it at the valuation
 *   in force (collateral.ts collateralValue — the only valuation formula), so a haircut change,
 *   a breaker or an FX move changes equity, margin, liquidation keys and ADL ranks at once.
 * - A valuation change is announced (CollateralRevalued, listing every holder with the value before
 *   and after; MarginCall for holders now below initial margin — the DISC-6-style notice hook), and
 *   every holder is marked dirty, so accounts now below maintenance are liquidated on the next
 *   detection pass (Tick / index update).
 * - Conversion: when the waterfall leaves an account flat with USD cash < 0, the platform takes as
 *   much of its collateral as covers the deficit, at the valuation in force (haircut value), and
 *   credits that USD to cash (CollateralConverted). If the collateral cannot cover it all, the rest
 *   is the insurance fund's (negative_equity_cover) and any collateral valued at zero goes to the
 *   platform too, since the platform has absorbed the client's loss.
 * Conservation: per asset, Σ holdings + platform-held = deposits − withdrawals; in USD,
 * Σ cash − Σ cost + fee pool + insurance funds = USD deposits − USD withdrawals + top-ups + Σ
 * conversions (index.ts checkInvariants).
 */

import { type Account, belowMaintenance, equity, initialTotal, maintenanceTotal } from "./accounts";
import { type AssetValuation, amountToCover, assetValuation, collateralValue, SETTLEMENT_ASSET } from "./collateral";
import { type EngineState, emit } from "./exchange";
import type { CollateralRevaluationReason, RevaluedHolding } from "./types";

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The valuation in force for an asset. Every registry asset has one (set at creation and by every
 * revaluation); the fallback only guards an asset missing from the map, and stores it only on a
 * mutating path (`store`), so read-only checks before a possible rejection change nothing.
 */
function valuationOf(s: EngineState, assetId: string, store = true): AssetValuation {
  let v = s.valuations.get(assetId);
  if (v === undefined) {
    v = assetValuation(s.registry, assetId, s.now, s.fx, s.breakers);
    if (store) s.valuations.set(assetId, v);
  }
  return v;
}

function addTo(map: Map<string, bigint>, key: string, delta: bigint): void {
  const next = (map.get(key) ?? 0n) + delta;
  if (next === 0n) map.delete(key);
  else map.set(key, next);
}

/**
 * Change an account's holding of a non-USD asset by `delta` minor units (the result must be ≥ 0)
 * and keep its collateral value exact: value(new) − value(old) at the valuation in force.
 * Returns the change in collateral value, micro-USD.
 */
export function adjustHolding(s: EngineState, a: Account, assetId: string, delta: bigint): bigint {
  const v = valuationOf(s, assetId);
  const before = a.holdings.get(assetId) ?? 0n;
  const after = before + delta;
  if (after < 0n) throw new Error(`holding of ${assetId} would go negative`);
  const dv = collateralValue(v, after) - collateralValue(v, before);
  if (after === 0n) {
    a.holdings.delete(assetId);
    s.assetHolders.get(assetId)?.delete(a);
  } else {
    a.holdings.set(assetId, after);
    addAssetHolder(s, assetId, a);
  }
  a.collateral += dv;
  s.dirty.add(a);
  return dv;
}

/** Record `a` among the holders of `assetId` (the set revaluations walk); a no-op if it is one. */
export function addAssetHolder(s: EngineState, assetId: string, a: Account): void {
  let set = s.assetHolders.get(assetId);
  if (set === undefined) {
    set = new Set();
    s.assetHolders.set(assetId, set);
  }
  set.add(a);
}

/** Record a settled deposit of a non-USD asset; returns the increase in collateral value. */
export function depositCollateral(s: EngineState, a: Account, assetId: string, amount: bigint): bigint {
  addTo(s.assetDeposited, assetId, amount);
  return adjustHolding(s, a, assetId, amount);
}

/** Record a withdrawal in kind; returns the decrease in collateral value (≥ 0). */
export function withdrawCollateral(s: EngineState, a: Account, assetId: string, amount: bigint): bigint {
  addTo(s.assetWithdrawn, assetId, amount);
  return -adjustHolding(s, a, assetId, -amount);
}

/** Value lost by taking `amount` out of the account's holding (no mutation): for the withdrawal check. */
export function valueOfWithdrawal(s: EngineState, a: Account, assetId: string, amount: bigint): bigint {
  const v = valuationOf(s, assetId, false);
  const h = a.holdings.get(assetId) ?? 0n;
  return collateralValue(v, h) - collateralValue(v, h - amount);
}

/** Recompute an account's collateral value from scratch (restore; test oracle). */
export function collateralOf(s: EngineState, a: Account): bigint {
  let total = 0n;
  for (const [assetId, amount] of a.holdings) total += collateralValue(valuationOf(s, assetId, false), amount);
  return total;
}

/**
 * Re-derive every non-USD asset's valuation at the engine clock and apply the ones that changed:
 * holders' collateral values are updated exactly, a CollateralRevalued event per changed asset lists
 * each holder with its value before/after, holders are re-keyed for liquidation (dirty), and every
 * affected account below initial margin gets a MarginCall (belowMaintenance = it will be liquidated
 * at the next detection pass). Cheap when nothing changed (a handful of assets), so Tick calls it.
 */
export function revalueCollateral(s: EngineState, reason: CollateralRevaluationReason): void {
  let affected: Set<Account> | null = null;
  for (const asset of s.registry) {
    const id = asset.assetId;
    if (id === SETTLEMENT_ASSET) continue;
    const prev = s.valuations.get(id);
    const next = assetValuation(s.registry, id, s.now, s.fx, s.breakers);
    if (
      prev !== undefined &&
      prev.num === next.num &&
      prev.den === next.den &&
      prev.status === next.status &&
      prev.haircut === next.haircut &&
      prev.usdPerUnit === next.usdPerUnit
    )
      continue;
    s.valuations.set(id, next);
    const holders = [...(s.assetHolders.get(id) ?? [])].sort((x, y) => x.id - y.id);
    const rows: RevaluedHolding[] = [];
    for (const a of holders) {
      const amount = a.holdings.get(id)!;
      const before = prev === undefined ? 0n : collateralValue(prev, amount);
      const after = collateralValue(next, amount);
      a.collateral += after - before;
      s.dirty.add(a);
      (affected ??= new Set()).add(a);
      rows.push({ accountId: a.id, amountMinor: amount, valueBefore: before, valueAfter: after });
    }
    emit(s, {
      type: "CollateralRevalued",
      assetId: id,
      reason,
      status: next.status,
      haircut: next.haircut,
      usdPerUnit: next.usdPerUnit,
      previousHaircut: prev?.haircut ?? null,
      previousUsdPerUnit: prev?.usdPerUnit ?? null,
      accounts: rows,
    });
  }
  if (affected === null) return;
  // Notices after every asset is revalued, so an account holding several gets one, on final figures.
  const cause = s.seq;
  for (const a of [...affected].sort((x, y) => x.id - y.id)) noticeMarginShortfall(s, a, cause);
}

/**
 * A MarginCall when an account's equity no longer covers its initial margin (or is negative) after a
 * change it did not make itself: a revaluation of its collateral or a change of a market's parameters.
 */
export function noticeMarginShortfall(s: EngineState, a: Account, causeSeq: number): void {
  const eq = equity(a, s.markets);
  const im = initialTotal(a, s.markets);
  if (eq >= im && eq >= 0n) return;
  emit(s, {
    type: "MarginCall",
    accountId: a.id,
    equity: eq,
    initialMargin: im,
    maintenanceMargin: maintenanceTotal(a, s.markets),
    belowMaintenance: belowMaintenance(a, s.markets),
    causeSeq,
  });
}

/**
 * Cover a flat account's USD deficit from its collateral (see module doc): assets in id order, each
 * converted only as far as needed, at the valuation in force. Emits CollateralConverted per asset.
 * Returns the USD credited.
 */
export function convertForDeficit(s: EngineState, a: Account, causeSeq: number): bigint {
  if (a.cash >= 0n || a.holdings.size === 0) return 0n;
  let credited = 0n;
  const ids = [...a.holdings.keys()].sort(byStr);
  for (const id of ids) {
    if (a.cash >= 0n) break;
    const v = valuationOf(s, id);
    if (v.num === 0n) continue;
    const held = a.holdings.get(id)!;
    const need = amountToCover(v, -a.cash);
    const q = need < held ? need : held;
    const usd = collateralValue(v, q);
    transferToPlatform(s, a, id, q, usd, v, "liquidation_deficit", causeSeq);
    credited += usd;
  }
  if (a.cash < 0n) {
    // The fund absorbs what is left of the loss; collateral that counts for nothing goes with it.
    for (const id of [...a.holdings.keys()].sort(byStr))
      transferToPlatform(s, a, id, a.holdings.get(id)!, 0n, valuationOf(s, id), "zero_value_on_deficit", causeSeq);
  }
  return credited;
}

function transferToPlatform(
  s: EngineState,
  a: Account,
  id: string,
  amount: bigint,
  usd: bigint,
  v: AssetValuation,
  reason: "liquidation_deficit" | "zero_value_on_deficit",
  causeSeq: number,
): void {
  adjustHolding(s, a, id, -amount);
  addTo(s.platformCollateral, id, amount);
  a.cash += usd;
  s.totalConverted += usd;
  emit(s, {
    type: "CollateralConverted",
    accountId: a.id,
    assetId: id,
    amountMinor: amount,
    valueUsd: usd,
    haircut: v.haircut,
    usdPerUnit: v.usdPerUnit,
    reason,
    cashAfter: a.cash,
    causeSeq,
  });
}
