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
import type { MarketParameterChange, ScheduledParameterChange } from "./types";

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

/**
 * Which way a changeable parameter tightens margin or liquidation for clients — the one rule that
 * decides whether a change needs advance notice (`tighteningChanges`). Keys are doc paths ("[]" for
 * any element); `liquidation.backstopEquityBelowMaintenance` is judged as one fraction. Every
 * changeable leaf is listed (tested), so a new parameter cannot go unclassified.
 *  - "higher" / "lower": a rise / a fall tightens;
 *  - "any": the mark that triggers liquidation moves in a direction no rule can sign, so any change counts;
 *  - "never": not a margin or liquidation parameter.
 */
export const PARAMETER_TIGHTENING: Readonly<Record<string, { tightens: "higher" | "lower" | "any" | "never"; why: string }>> = {
  displayName: { tightens: "never", why: "a label" },
  description: { tightens: "never", why: "a label" },
  minSizeLots: { tightens: "never", why: "order entry granularity, not margin" },
  maxOrderLots: { tightens: "never", why: "a per-order cap; positions are limited by maxPositionNotional" },
  maxPositionNotional: { tightens: "lower", why: "the position limit: a lower one refuses orders that increase a held position" },
  "marginTiers[].floorNotional": { tightens: "lower", why: "a lower floor puts positions into the higher-rate tier sooner" },
  "marginTiers[].maxLeverage": { tightens: "lower", why: "lower leverage is a higher initial margin rate" },
  "marginTiers[].maintenanceMarginRate": { tightens: "higher", why: "a higher rate raises maintenance margin and moves the liquidation price toward the mark" },
  "funding.interestRatePerInterval": { tightens: "never", why: "funding moves money between longs and shorts; margin rates and the trigger are unchanged" },
  "funding.premiumClampBand": { tightens: "never", why: "funding moves money between longs and shorts" },
  "funding.cap.kind": { tightens: "never", why: "funding moves money between longs and shorts" },
  "funding.cap.multiple": { tightens: "never", why: "funding moves money between longs and shorts" },
  "funding.cap.rate": { tightens: "never", why: "funding moves money between longs and shorts" },
  "funding.impactMargin": { tightens: "never", why: "sizes the funding premium's impact notional only" },
  "index.aggregation": { tightens: "any", why: "changes the index, hence the mark that triggers liquidation, in either direction" },
  "index.outlierMode": { tightens: "any", why: "changes the index, hence the mark, in either direction" },
  "index.bandRate": { tightens: "any", why: "changes which prices are clamped or excluded, hence the mark, in either direction" },
  "index.staleAfterMs": {
    tightens: "never",
    why: "decides whether a quote counts; an index without enough sources holds and pauses liquidation, it never triggers one",
  },
  "index.minValidSources": { tightens: "never", why: "decides whether the index is valid; an invalid index pauses liquidation" },
  "index.minSourceVolumeUsd": { tightens: "never", why: "decides whether a quote counts; an index without enough sources holds and pauses liquidation" },
  "index.sources[].name": { tightens: "never", why: "a label" },
  "index.sources[].description": { tightens: "never", why: "a label" },
  "index.sources[].weight": { tightens: "any", why: "reweights the index, hence the mark, in either direction" },
  "liquidation.liquidationFeeRate": { tightens: "higher", why: "a liquidated client pays more of its remaining equity" },
  "liquidation.maxBookChunkNotional": { tightens: "never", why: "paces book liquidation orders; the trigger and fee are unchanged" },
  "liquidation.backstopEquityBelowMaintenance": {
    tightens: "higher",
    why: "a higher fraction hands a position to the backstop (at its bankruptcy price, leaving the client nothing) sooner, instead of closing it on the book where equity may remain",
  },
  "liquidation.insuranceFundFloor": { tightens: "higher", why: "a higher floor lets auto-deleveraging close profitable clients' positions sooner" },
  "fees.makerFeeRate": { tightens: "never", why: "a trading fee, not margin or liquidation" },
  "fees.takerFeeRate": { tightens: "never", why: "a trading fee, not margin or liquidation" },
  "adlRisk.stressMove": { tightens: "never", why: "the published ADL risk level's stress move; nothing is triggered by it" },
  "adlRisk.elevatedBelowCoverage": { tightens: "never", why: "a threshold of the published ADL risk level only" },
  "adlRisk.highBelowCoverage": { tightens: "never", why: "a threshold of the published ADL risk level only" },
  "adlRisk.elevatedBelowDistance": { tightens: "never", why: "a threshold of the published ADL risk level only" },
  "adlRisk.highBelowDistance": { tightens: "never", why: "a threshold of the published ADL risk level only" },
};

/** Parameters judged as one value (a fraction) rather than leaf by leaf. */
const COMPOUND_PARAMETERS = ["liquidation.backstopEquityBelowMaintenance"];

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
  };
}

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
    const current = getAt(input, segments);
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
    if (kindOf(next) !== kindOf(current.value)) return { ok: false, message: `${path} must be a ${kindOf(current.value)}, got a ${kindOf(next)}` };
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
export function putMarketSpecInForce(
  s: EngineState,
  m: MarketState,
  spec: MarketSpec,
  changes: MarketParameterChange[],
  reason: string,
  scheduleId?: number,
): void {
  m.spec = spec;
  s.config = { ...s.config, markets: s.config.markets.map((x, i) => (i === m.i ? spec : x)) };
  const ev = emit(s, {
    type: "MarketParametersUpdated",
    market: m.symbol,
    changes,
    reason,
    effectiveFromMs: s.now,
    ...(scheduleId === undefined ? {} : { scheduleId }),
  });
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

// ---------------------------------------------------------------------------------------------
// Scheduled changes (advance notice)
// ---------------------------------------------------------------------------------------------

/** At most this many changes wait at once: the list is state (in every snapshot), so it must stay small. */
export const MAX_SCHEDULED_CHANGES = 64;

export const bySchedule = (x: ScheduledParameterChange, y: ScheduledParameterChange) => x.effectiveAtMs - y.effectiveAtMs || x.scheduleId - y.scheduleId;

/** Recompute the O(1) due check's field from the (sorted) list. */
export function resetNextScheduled(s: EngineState): void {
  s.nextScheduledMs = s.scheduled.length === 0 ? Number.POSITIVE_INFINITY : s.scheduled[0].effectiveAtMs;
}

/**
 * Hold an accepted change (validated by `applyMarketParameterChanges` against the spec in force)
 * for `effectiveAtMs` and emit MarketParametersScheduled; its seq is the scheduleId.
 */
export function scheduleMarketParameterChanges(s: EngineState, m: MarketState, changes: MarketParameterChange[], reason: string, effectiveAtMs: number): void {
  const ev = emit(s, { type: "MarketParametersScheduled", scheduleId: s.seq + 1, market: m.symbol, changes, reason, effectiveAtMs });
  const entry: ScheduledParameterChange = {
    scheduleId: ev.seq,
    market: m.symbol,
    changes: clone(changes),
    rawChanges: changes.map((c) => ({ path: c.path, value: clone(c.next) })),
    reason,
    effectiveAtMs,
    scheduledAtMs: s.now,
  };
  // A new change has the highest scheduleId, so it goes after every change due at or before its instant.
  let i = s.scheduled.length;
  while (i > 0 && s.scheduled[i - 1].effectiveAtMs > effectiveAtMs) i--;
  s.scheduled = [...s.scheduled.slice(0, i), entry, ...s.scheduled.slice(i)];
  resetNextScheduled(s);
}

/** Withdraw a pending change; false when no pending change has that id. */
export function cancelScheduledChange(s: EngineState, scheduleId: number, reason: string): boolean {
  const i = s.scheduled.findIndex((x) => x.scheduleId === scheduleId);
  if (i < 0) return false;
  const entry = s.scheduled[i];
  s.scheduled = s.scheduled.filter((_, k) => k !== i);
  resetNextScheduled(s);
  emit(s, { type: "ScheduledParametersCancelled", scheduleId, market: entry.market, reason });
  return true;
}

/**
 * What applying due changes touched, so a command rejected after them can put the state back (a
 * rejection changes nothing; the next accepted command applies them again, identically).
 */
export interface ScheduleUndo {
  config: EngineState["config"];
  scheduled: ScheduledParameterChange[];
  specs: MarketSpec[];
  funds: Array<{ floor: bigint; depleted: boolean }>;
}

/**
 * Apply every pending change with effectiveAtMs ≤ nowMs, in (effectiveAtMs, scheduleId) order, each
 * as of its own instant: the engine clock stands at effectiveAtMs while it is applied (nothing else
 * happened between the previous command and then, so this is the state at that instant). Each is
 * re-validated against the spec in force at that moment: accepted → MarketParametersUpdated with
 * scheduleId; refused → ScheduledParametersFailed, nothing changed. Leaves the clock at nowMs.
 */
export function applyDueScheduledChanges(s: EngineState, nowMs: number): ScheduleUndo {
  const undo: ScheduleUndo = {
    config: s.config,
    scheduled: s.scheduled,
    specs: s.markets.map((m) => m.spec),
    funds: s.markets.map((m) => ({ floor: m.insurance.floor, depleted: m.insurance.depleted })),
  };
  while (s.scheduled.length > 0 && s.scheduled[0].effectiveAtMs <= nowMs) {
    const entry = s.scheduled[0];
    s.scheduled = s.scheduled.slice(1);
    s.now = entry.effectiveAtMs;
    const m = s.marketBySymbol.get(entry.market)!;
    const res = applyMarketParameterChanges(m.spec, entry.rawChanges);
    if (res.ok) putMarketSpecInForce(s, m, res.spec, res.changes, entry.reason, entry.scheduleId);
    else emit(s, { type: "ScheduledParametersFailed", scheduleId: entry.scheduleId, market: entry.market, message: res.message });
  }
  resetNextScheduled(s);
  s.now = nowMs;
  return undo;
}

/** Put back what `applyDueScheduledChanges` changed (the caller restores clock and seq). */
export function undoScheduledChanges(s: EngineState, undo: ScheduleUndo): void {
  s.config = undo.config;
  s.scheduled = undo.scheduled;
  resetNextScheduled(s);
  s.markets.forEach((m, i) => {
    if (m.spec === undo.specs[i]) return;
    m.spec = undo.specs[i];
    m.insurance.floor = undo.funds[i].floor;
    m.insurance.depleted = undo.funds[i].depleted;
    // Margins cached or liquidation keys computed under the undone spec must not survive it.
    for (const a of s.bySlot) a.positions[m.i].imLots = -1;
    for (const a of m.holders) s.dirty.add(a);
  });
}

/** Pending scheduled changes, by effective time then scheduleId (copies). */
export function scheduledParameterChanges(s: EngineState): ScheduledParameterChange[] {
  return s.scheduled.map((x) => clone(x));
}

// ---------------------------------------------------------------------------------------------
// Tightening (which changes need advance notice)
// ---------------------------------------------------------------------------------------------

/** The concrete parameters of an input as [path, value]: leaves, with compound parameters as one value. */
function judgedParameters(input: MarketSpecInput): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [path, value] of flattenParameters(input)) {
    const compound = COMPOUND_PARAMETERS.find((c) => path.startsWith(c + "."));
    if (compound !== undefined) out.set(compound, getAt(input, parsePath(compound)!).value);
    else out.set(path, value);
  }
  return out;
}

function tightens(rule: "higher" | "lower" | "any" | "never", before: unknown, after: unknown): boolean {
  if (rule === "never") return false;
  if (before === undefined || after === undefined) return true; // a tier or source added or removed: not provably looser
  if (canonicalJson(before) === canonicalJson(after)) return false;
  if (rule === "any") return true;
  let rise: boolean;
  if (typeof before === "bigint" && typeof after === "bigint") rise = after > before;
  else if (typeof before === "number" && typeof after === "number") rise = after > before;
  else if (isFraction(before) && isFraction(after))
    rise = BigInt(after.numerator) * BigInt(before.denominator) > BigInt(before.numerator) * BigInt(after.denominator);
  else return true;
  return rule === "higher" ? rise : !rise;
}

const isFraction = (x: unknown): x is { numerator: number; denominator: number } =>
  x !== null &&
  typeof x === "object" &&
  typeof (x as { numerator?: unknown }).numerator === "number" &&
  typeof (x as { denominator?: unknown }).denominator === "number";

/**
 * The paths of `changes` ([{ path, value }] as for UpdateMarketParameters) that tighten margin or
 * liquidation for clients under PARAMETER_TIGHTENING, in the order given. A change replacing a
 * whole object or array counts when any parameter inside it tightens; a path that does not resolve
 * is left out (the change itself would be refused). Fixed parameters cannot change and never count.
 */
export function tighteningChanges(spec: MarketSpec, changes: ReadonlyArray<{ path: string; value: unknown }>): string[] {
  const input = marketSpecInputOf(spec);
  const after = marketSpecInputOf(spec);
  const valid: string[] = [];
  for (const c of changes) {
    const seg = typeof c?.path === "string" ? parsePath(c.path) : null;
    if (seg === null || !getAt(after, seg).found) continue;
    let value: unknown;
    try {
      value = clone(c.value);
    } catch {
      continue;
    }
    setAt(after, seg, value);
    valid.push(c.path);
  }
  const before = judgedParameters(input);
  const next = judgedParameters(after);
  const tightened: string[] = [];
  for (const path of new Set([...before.keys(), ...next.keys()])) {
    const doc = docPathOf(path);
    if (fixedReason(path) !== undefined) continue;
    const rule = PARAMETER_TIGHTENING[doc]?.tightens ?? "any";
    if (tightens(rule, before.get(path), next.get(path))) tightened.push(path);
  }
  const covers = (changePath: string, p: string) =>
    p === changePath || p.startsWith(changePath + ".") || p.startsWith(changePath + "[") || changePath.startsWith(p + ".");
  return valid.filter((cp) => tightened.some((p) => covers(cp, p)));
}
