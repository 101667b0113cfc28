/**
 * Runtime parameter changes (DISC-1): the rule that turns an
 * `UpdateMarketParameters` command into a new validated market spec, the state changes that follow
 * it, the configuration the engine runs (its hash is what the methodology pages show), and the
 * flattening used by the public parameter registry.
 *
 * A change names parameter paths of the market's configured INPUT (`MarketSpecInput`, e.g.
 * "liquidation.liquidationFeeRate", "marginTiers[2].maintenanceMarginRate", "funding.cap"); derived
 * values (tier IMR, maintenance amount, caps, max leverage, tickLotValue, funding capRate and
 * impactNotional) follow from their inputs through `validateMarketSpec`, never set directly.
 */

import { noticeMarginShortfall } from "./collateral-ledger";
import type { EngineConfig, MarketSpec, MarketSpecInput } from "./config-types";
import { formatConfigErrors, validateMarketSpec } from "./config-validation";
import { emit, type EngineState, type MarketState } from "./exchange";
import { canonicalJson, parseCanonical } from "./snapshot";
import type { MarketParameterChange } from "./types";

/**
 * Parameters fixed for the life of a market (paths with "[]" for any array element), with why.
 * They define how held positions, resting orders or in-progress accumulators are read, so changing
 * them would silently reinterpret existing state; such a change needs a new market instead.
 */
export const FIXED_MARKET_PARAMETERS: Readonly<Record<string, string>> = {
  symbol: "identifies the market in every order, position and record",
  contractType: "defines the contract held by every open position",
  baseAsset: "defines the contract held by every open position",
  quoteAsset: "defines the currency of every price on the book",
  settleAsset: "defines the currency every position settles in",
  tickSize: "resting orders and positions are held in ticks of it",
  lotSize: "resting orders and positions are held in lots of it",
  maxPriceTicks: "sizes the liquidation index's price buckets",
  "funding.intervalMs": "anchors the funding schedule and the interval being accumulated",
  "funding.sampleEveryMs": "anchors the premium samples of the interval being accumulated",
  "funding.sampleWeighting": "the interval being accumulated is weighted with it",
  "mark.basisWindowMs": "sizes the basis moving average being accumulated",
  "mark.basisSampleEveryMs": "paces the basis moving average being accumulated",
  "index.sources[].id": "source quotes are held by id; a new constituent set needs a re-listing",
};

/** The doc key of a concrete path: array indexes become "[]" ("marginTiers[2].x" → "marginTiers[].x"). */
export function docPathOf(path: string): string {
  return path.replace(/\[\d+\]/g, "[]");
}

/** Why a concrete input path is fixed, or undefined when it may change at runtime. */
export function fixedReason(path: string): string | undefined {
  return FIXED_MARKET_PARAMETERS[docPathOf(path)];
}

const clone = <T>(x: T): T => parseCanonical<T>(canonicalJson(x));

/** The configured inputs of a validated spec (derived values dropped), as a fresh deep copy. */
export function marketSpecInputOf(spec: MarketSpec): MarketSpecInput {
  const c = clone(spec);
  return {
    symbol: c.symbol,
    displayName: c.displayName,
    description: c.description,
    contractType: c.contractType,
    baseAsset: c.baseAsset,
    quoteAsset: c.quoteAsset,
    settleAsset: c.settleAsset,
    tickSize: c.tickSize,
    lotSize: c.lotSize,
    minSizeLots: c.minSizeLots,
    maxOrderLots: c.maxOrderLots,
    maxPriceTicks: c.maxPriceTicks,
    maxPositionNotional: c.maxPositionNotional,
    marginTiers: c.marginTiers.map((t) => ({ floorNotional: t.floorNotional, maxLeverage: t.maxLeverage, maintenanceMarginRate: t.maintenanceMarginRate })),
    funding: {
      intervalMs: c.funding.intervalMs,
      sampleEveryMs: c.funding.sampleEveryMs,
      sampleWeighting: c.funding.sampleWeighting,
      interestRatePerInterval: c.funding.interestRatePerInterval,
      premiumClampBand: c.funding.premiumClampBand,
      cap: c.funding.cap,
      impactMargin: c.funding.impactMargin,
    },
    index: c.index,
    mark: c.mark,
    liquidation: c.liquidation,
    fees: c.fees,
    adlRisk: c.adlRisk,
    ...(c.orderProtection === undefined ? {} : { orderProtection: c.orderProtection }),
  };
}

/**
 * Optional parameter groups of a market (config-types.ts): a market configured without one may gain
 * it whole through a parameter change (its previous value is recorded as null); once set it is
 * changed field by field like any other group.
 */
const OPTIONAL_MARKET_GROUPS: ReadonlySet<string> = new Set(["orderProtection"]);

type Segment = string | number;

/** "a.b[2].c" → ["a", "b", 2, "c"]; null when the text is not such a path. */
export function parsePath(path: string): Segment[] | null {
  if (!/^[A-Za-z][A-Za-z0-9]*(\[\d+\])*(\.[A-Za-z][A-Za-z0-9]*(\[\d+\])*)*$/.test(path)) return null;
  const out: Segment[] = [];
  for (const part of path.split(".")) {
    const m = /^([A-Za-z][A-Za-z0-9]*)((?:\[\d+\])*)$/.exec(part)!;
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function getAt(root: unknown, path: Segment[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!Array.isArray(cur) || seg >= cur.length) return { found: false, value: undefined };
      cur = cur[seg];
    } else {
      if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, seg))
        return { found: false, value: undefined };
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return { found: true, value: cur };
}

function setAt(root: unknown, path: Segment[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
}

const kindOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Every leaf (bigint, number, string, boolean, null) of plain data as [path, value], in object order. */
export function flattenParameters(value: unknown, prefix = ""): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
    else out.push([p, v]);
  };
  walk(value, prefix);
  return out;
}

export type ParameterChangeResult = { ok: true; spec: MarketSpec; changes: MarketParameterChange[] } | { ok: false; message: string };

/**
 * Apply `changes` ([{ path, value }], paths into the market's configured inputs) to a market spec.
 * Refused, with a message naming the path, when: the list is empty or malformed, a path is repeated,
 * unknown or names a derived value, the value's type differs from the current one, a change is a
 * no-op, the result fails `validateMarketSpec` (every error listed), or a fixed parameter would
 * change. On success: the new validated spec and each change with its previous and next value.
 */
export function applyMarketParameterChanges(spec: MarketSpec, changes: unknown): ParameterChangeResult {
  if (!Array.isArray(changes) || changes.length === 0) return { ok: false, message: "changes must be a non-empty array of { path, value }" };
  const input = marketSpecInputOf(spec);
  const seen = new Set<string>();
  const out: MarketParameterChange[] = [];
  for (const change of changes as unknown[]) {
    if (change === null || typeof change !== "object" || typeof (change as { path?: unknown }).path !== "string" || !("value" in change)) {
      return { ok: false, message: "each change must be { path: string, value }" };
    }
    const { path, value } = change as { path: string; value: unknown };
    const segments = parsePath(path);
    if (segments === null)
      return {
        ok: false,
        message: `"${path}" is not a parameter path (write e.g. "liquidation.liquidationFeeRate" or "marginTiers[2].maintenanceMarginRate")`,
      };
    if (seen.has(path)) return { ok: false, message: `${path} is changed twice in one command` };
    seen.add(path);
    let current = getAt(input, segments);
    const adding = !current.found && segments.length === 1 && OPTIONAL_MARKET_GROUPS.has(path) && kindOf(value) === "object";
    if (adding) current = { found: true, value: null };
    if (!current.found) {
      const derived = getAt(spec, segments).found;
      return {
        ok: false,
        message: derived ? `${path} of ${spec.symbol} is derived from other parameters; change its inputs instead` : `${spec.symbol} has no parameter ${path}`,
      };
    }
    let next: unknown;
    try {
      next = clone(value);
    } catch {
      return { ok: false, message: `${path}: the value must be plain data (integers, bigints, strings, booleans, null, arrays, objects)` };
    }
    if (!adding && kindOf(next) !== kindOf(current.value)) return { ok: false, message: `${path} must be a ${kindOf(current.value)}, got a ${kindOf(next)}` };
    if (canonicalJson(next) === canonicalJson(current.value))
      return { ok: false, message: `no change: ${path} of ${spec.symbol} is already ${canonicalJson(next)}` };
    out.push({ path, previous: clone(current.value), next });
    setAt(input, segments, next);
  }
  const res = validateMarketSpec(input);
  if (!res.ok) return { ok: false, message: `the changed ${spec.symbol} spec is invalid:\n${formatConfigErrors(res.errors)}` };
  const before = new Map(flattenParameters(marketSpecInputOf(spec)));
  for (const [path, value] of flattenParameters(input)) {
    const reason = fixedReason(path);
    if (reason !== undefined && (!before.has(path) || canonicalJson(before.get(path)) !== canonicalJson(value))) {
      return { ok: false, message: `${path} of ${spec.symbol} is fixed for the life of the market: it ${reason}` };
    }
  }
  for (const path of before.keys()) {
    if (fixedReason(path) !== undefined && getAt(input, parsePath(path)!).found === false) {
      return { ok: false, message: `${path} of ${spec.symbol} is fixed for the life of the market: it ${fixedReason(path)}` };
    }
  }
  return { ok: true, spec: res.spec, changes: out };
}

/**
 * Put a new spec in force for market m (after `applyMarketParameterChanges` accepted it) and emit
 * `MarketParametersUpdated`. Follow-ups, all at this instant: the insurance fund takes the new
 * floor (a rise to or above the balance is a depletion, `InsuranceFundDepleted`, DISC-6); cached
 * initial margins of the market are dropped; every holder is re-keyed for liquidation (detection at
 * the next pass, as for a collateral revaluation) and each holder now below initial margin gets a
 * `MarginCall` caused by the update.
 */
export function putMarketSpecInForce(s: EngineState, m: MarketState, spec: MarketSpec, changes: MarketParameterChange[], reason: string): void {
  m.spec = spec;
  s.config = { ...s.config, markets: s.config.markets.map((x, i) => (i === m.i ? spec : x)) };
  const ev = emit(s, { type: "MarketParametersUpdated", market: m.symbol, changes, reason, effectiveFromMs: s.now });
  const fund = m.insurance;
  fund.floor = spec.liquidation.insuranceFundFloor;
  if (!fund.depleted && fund.balance <= fund.floor) {
    fund.depleted = true;
    emit(s, { type: "InsuranceFundDepleted", market: m.symbol, balance: fund.balance, floor: fund.floor, causeSeq: ev.seq });
  } else if (fund.depleted && fund.balance > fund.floor) fund.depleted = false;
  for (const a of s.bySlot) a.positions[m.i].imLots = -1;
  const holders = [...m.holders].sort((x, y) => x.id - y.id);
  for (const a of holders) s.dirty.add(a);
  for (const a of holders) noticeMarginShortfall(s, a, ev.seq);
}

/**
 * The configuration the engine runs now: platform and markets as configured (with every accepted
 * parameter change) and the collateral registry in force. `canonicalHash` of it is the
 * configuration hash the methodology pages show (DISC-1).
 */
export function liveConfig(s: EngineState): EngineConfig {
  return {
    platform: s.config.platform,
    markets: s.config.markets,
    collateral: s.registry,
    ...(s.config.afmm === undefined ? {} : { afmm: s.config.afmm }),
  };
}
