/**
 * What a proposed market parameter change would do to accounts, before it is in force: an account's
 * margin figures and liquidation prices under the proposed values (the client's positions page,
 * advance notice) and the totals over a market's holders (a proposal's impact).
 *
 * Pure reads: the proposed spec (validated by `applyMarketParameterChanges`, the rule the command
 * uses) is substituted for the market's spec in a shallow copy of the market list, and the engine's
 * own margin and liquidation-price functions run against it. Nothing in the state changes; the
 * initial-margin cache on positions is bypassed because it is keyed by lots and mark, not spec.
 */

import { type Account, equity, marginRatioPpb, notionalAt, positionMaintenance, worstLots } from "./accounts";
import type { EngineState, MarketState } from "./exchange";
import { liquidationPrice, NO_PRICE } from "./liquidation";
import { initialMargin } from "./margin";
import { applyMarketParameterChanges } from "./parameters";

/** An account's margin figures (micro-USD; ratio ppb, null when equity ≤ 0 with margin) and liquidation prices (ticks, 0 = none). */
export interface AccountRiskPreview {
  equity: bigint;
  maintenanceMargin: bigint;
  initialMargin: bigint;
  marginRatioPpb: bigint | null;
  positions: Array<{ market: string; size: number; liquidationPrice: number; maintenanceMargin: bigint; initialMargin: bigint }>;
}

export type AccountPreviewResult = { ok: true; before: AccountRiskPreview; after: AccountRiskPreview } | { ok: false; message: string };

export type MarketImpactResult =
  | {
      ok: true;
      /** Accounts with a position in the market. */
      holders: number;
      /** Holders whose equity would be below their maintenance margin (liquidated at the next pass), by id. */
      belowMaintenanceAfter: number[];
      /** Holders whose equity would be below their initial margin (margin call), by id. */
      belowInitialAfter: number[];
      /** Σ over holders of the market position's maintenance margin, now and under the change. */
      maintenanceBefore: bigint;
      maintenanceAfter: bigint;
    }
  | { ok: false; message: string };

type Proposed = { ok: true; m: MarketState; markets: MarketState[] } | { ok: false; message: string };

/** The market list with `market`'s spec replaced by the proposed one (other markets shared, not copied). */
function proposedMarkets(s: EngineState, market: string, changes: unknown): Proposed {
  const m = s.marketBySymbol.get(market);
  if (m === undefined) return { ok: false, message: `unknown market ${market}` };
  const res = applyMarketParameterChanges(m.spec, changes);
  if (!res.ok) return { ok: false, message: res.message };
  const substituted: MarketState = { ...m, spec: res.spec };
  return { ok: true, m: substituted, markets: s.markets.map((x) => (x === m ? substituted : x)) };
}

/** IM of one market's worst-case lots at mark under that market entry's spec (no cache). */
function initialOf(a: Account, m: MarketState): bigint {
  const p = a.positions[m.i];
  const lots = worstLots(p.size, p.openBuy, p.openSell);
  return lots === 0 ? 0n : initialMargin(m.spec, notionalAt(lots, m.mark, m.tlv));
}

function preview(s: EngineState, a: Account, markets: MarketState[]): AccountRiskPreview {
  const eq = equity(a, markets);
  let mm = 0n;
  let im = 0n;
  for (const m of markets) {
    mm += positionMaintenance(a.positions[m.i], m);
    im += initialOf(a, m);
  }
  const view: EngineState = { ...s, markets };
  const positions: AccountRiskPreview["positions"] = [];
  for (const m of markets) {
    const p = a.positions[m.i];
    if (p.size === 0 && p.openBuy === 0 && p.openSell === 0) continue;
    positions.push({
      market: m.symbol,
      size: p.size,
      liquidationPrice: p.size === 0 ? NO_PRICE : liquidationPrice(view, a, m, eq, mm),
      maintenanceMargin: positionMaintenance(p, m),
      initialMargin: initialOf(a, m),
    });
  }
  return { equity: eq, maintenanceMargin: mm, initialMargin: im, marginRatioPpb: marginRatioPpb(mm, eq), positions };
}

/**
 * An account's figures now and under `changes` to `market` ([{ path, value }], validated exactly as
 * UpdateMarketParameters would be against the spec in force). Refused changes return their message.
 */
export function previewAccountUnderChanges(
  s: EngineState,
  accountId: number,
  market: string,
  changes: ReadonlyArray<{ path: string; value: unknown }>,
): AccountPreviewResult {
  const a = s.accounts.get(accountId);
  if (a === undefined) return { ok: false, message: `unknown account ${String(accountId)}` };
  const p = proposedMarkets(s, market, changes);
  if (!p.ok) return p;
  return { ok: true, before: preview(s, a, s.markets), after: preview(s, a, p.markets) };
}

/** Totals over the holders of `market` now and under `changes` (see MarketImpactResult). */
export function marketImpactOfChanges(s: EngineState, market: string, changes: ReadonlyArray<{ path: string; value: unknown }>): MarketImpactResult {
  const p = proposedMarkets(s, market, changes);
  if (!p.ok) return p;
  const current = s.marketBySymbol.get(market)!;
  const holders = [...current.holders].sort((x, y) => x.id - y.id);
  const belowMaintenanceAfter: number[] = [];
  const belowInitialAfter: number[] = [];
  let maintenanceBefore = 0n;
  let maintenanceAfter = 0n;
  for (const a of holders) {
    maintenanceBefore += positionMaintenance(a.positions[current.i], current);
    maintenanceAfter += positionMaintenance(a.positions[p.m.i], p.m);
    const eq = equity(a, p.markets);
    let mm = 0n;
    let im = 0n;
    for (const m of p.markets) {
      mm += positionMaintenance(a.positions[m.i], m);
      im += initialOf(a, m);
    }
    if (eq < mm) belowMaintenanceAfter.push(a.id);
    if (eq < im) belowInitialAfter.push(a.id);
  }
  return { ok: true, holders: holders.length, belowMaintenanceAfter, belowInitialAfter, maintenanceBefore, maintenanceAfter };
}
