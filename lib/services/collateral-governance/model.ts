import {
  accountView,
  assetValuation,
  canonicalJson,
  collateralValue,
  type CollateralAsset,
  type CollateralCircuitBreaker,
  type EngineState,
} from "@/lib/engine/index";
import type { ParsedProposal } from "./schemas";

/**
 * The pure part of collateral governance (COL-1, COL-4): a proposal's registry entry, its diff as the
 * checker reads it, whether it tightens terms, and its impact on holders computed with the engine's
 * own valuation (assetValuation / collateralValue / accountView), never re-derived here.
 */

/** "2.5" (percent) → 25_000_000n ppb, exactly; the schema already bounded the text. */
export function haircutPpb(text: string): bigint {
  const [whole, frac = ""] = text.split(".");
  return BigInt(whole) * 10_000_000n + BigInt(frac.padEnd(7, "0"));
}

/** ppb → "2.5 %" for diffs and notices. */
export function percentText(ppb: bigint): string {
  const whole = ppb / 10_000_000n;
  const frac = (ppb % 10_000_000n).toString().padStart(7, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""} %`;
}

/** A UTC instant as typed (datetime-local without zone is read as UTC) → epoch ms, or null when it is no date. */
export function instantMs(text: string): number | null {
  const ms = Date.parse(text.endsWith("Z") ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : null;
}

export function utcText(ms: number | null): string {
  return ms === null ? "open-ended" : new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * The entry an ASSET proposal would put in the registry: the entry in force with the given fields
 * replaced, or a new entry from the fields (missing ones stay missing, so the engine's validation names
 * them). A new entry is never illustrative; a replaced one keeps its flag.
 */
export function proposedAsset(
  existing: CollateralAsset | undefined,
  input: Extract<ParsedProposal, { kind: "ASSET" }>,
): { ok: true; asset: CollateralAsset } | { ok: false; field: string; problem: "instant" } {
  const from = input.effectiveFrom === undefined ? undefined : instantMs(input.effectiveFrom);
  if (from === null) return { ok: false, field: "effectiveFrom", problem: "instant" };
  const to = input.effectiveTo === undefined ? undefined : input.effectiveTo === "open" ? null : instantMs(input.effectiveTo);
  if (input.effectiveTo !== undefined && input.effectiveTo !== "open" && to === null) return { ok: false, field: "effectiveTo", problem: "instant" };
  const base: Partial<CollateralAsset> = existing ? { ...existing } : { assetId: input.assetId, illustrative: false, licenceNo: null, effectiveToMs: null };
  const asset = {
    ...base,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.assetKind !== undefined && { kind: input.assetKind }),
    ...(input.currency !== undefined && { currency: input.currency }),
    ...(input.issuer !== undefined && { issuer: input.issuer }),
    ...(input.licenceNo !== undefined && { licenceNo: input.licenceNo }),
    ...(input.haircutPercent !== undefined && { haircutRate: haircutPpb(input.haircutPercent) }),
    ...(input.decimals !== undefined && { decimals: Number(input.decimals) }),
    ...(input.maxDepositMinor !== undefined && { maxDepositMinor: BigInt(input.maxDepositMinor) }),
    ...(input.maxAccountMinor !== undefined && { maxAccountMinor: BigInt(input.maxAccountMinor) }),
    ...(from !== undefined && { effectiveFromMs: from }),
    ...(to !== undefined && { effectiveToMs: to }),
    ...(input.regulatoryBasis !== undefined && { regulatoryBasis: input.regulatoryBasis }),
    ...(input.valuationMethod !== undefined && { valuationMethod: input.valuationMethod }),
  } as CollateralAsset;
  return { ok: true, asset };
}

export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
}

const FIELD_TEXT: Partial<Record<keyof CollateralAsset, (value: never) => string>> = {
  haircutRate: (v: bigint) => percentText(v),
  effectiveFromMs: (v: number) => utcText(v),
  effectiveToMs: (v: number | null) => utcText(v),
};

function fieldText(field: keyof CollateralAsset, value: unknown): string | null {
  if (value === undefined) return null;
  const format = FIELD_TEXT[field] as ((value: unknown) => string) | undefined;
  if (format) return format(value);
  if (value === null) return "—";
  return typeof value === "string" ? value : typeof value === "bigint" ? value.toString() : canonicalJson(value);
}

/** Field by field, before and after, as display text (the checker reads exactly this). */
export function assetDiff(before: CollateralAsset | undefined, after: CollateralAsset): DiffRow[] {
  const fields = Object.keys(after).sort() as Array<keyof CollateralAsset>;
  return fields
    .filter((field) => before === undefined || canonicalJson(before[field]) !== canonicalJson(after[field]))
    .map((field) => ({ field, before: before === undefined ? null : fieldText(field, before[field]), after: fieldText(field, after[field]) }));
}

/** Tighter terms for holders: a higher haircut, a later start or an earlier end of eligibility, lower limits. */
export function assetTightens(before: CollateralAsset | undefined, after: CollateralAsset): boolean {
  if (!before) return false;
  const endOf = (a: CollateralAsset) => a.effectiveToMs ?? Number.MAX_SAFE_INTEGER;
  return (
    after.haircutRate > before.haircutRate ||
    after.effectiveFromMs > before.effectiveFromMs ||
    endOf(after) < endOf(before) ||
    after.maxDepositMinor < before.maxDepositMinor ||
    after.maxAccountMinor < before.maxAccountMinor
  );
}

export interface ImpactHolder {
  accountId: number;
  amountMinor: string;
  valueBeforeUsd: string;
  valueAfterUsd: string;
  belowMaintenance: boolean;
}

/** Who holds the asset and what the change does to them, figures in micro-USD as decimal text (bigint-safe JSON). */
export interface Impact {
  assetId: string;
  atMs: number;
  holders: number;
  totalAmountMinor: string;
  valueBeforeUsd: string;
  valueAfterUsd: string;
  belowMaintenanceAfter: number;
  /** At most MAX_IMPACT_ROWS holders, largest value change first. */
  accounts: ImpactHolder[];
}

export const MAX_IMPACT_ROWS = 50;

/**
 * The asset's holders under the valuation in force and under the proposed registry and breakers, at
 * the engine's time. Equity after = equity − value before + value after; an account with maintenance
 * margin above its equity after would be liquidated at the next pass.
 */
export function impactOf(
  state: EngineState,
  assetId: string,
  next: { registry: readonly CollateralAsset[]; breakers: readonly CollateralCircuitBreaker[] },
): Impact {
  const now = state.now;
  const before = state.valuations.get(assetId) ?? assetValuation(state.registry, assetId, now, state.fx, state.breakers);
  const after = assetValuation(next.registry, assetId, now, state.fx, next.breakers);
  const rows: ImpactHolder[] = [];
  let total = 0n;
  let valueBefore = 0n;
  let valueAfter = 0n;
  let below = 0;
  for (const account of state.accounts.values()) {
    const amount = account.holdings.get(assetId) ?? 0n;
    if (amount <= 0n) continue;
    const b = collateralValue(before, amount);
    const a = collateralValue(after, amount);
    const view = accountView(state, account.id);
    const equityAfter = (view?.equity ?? 0n) - b + a;
    const belowMaintenance = view !== undefined && view.maintenanceMargin > 0n && equityAfter < view.maintenanceMargin;
    if (belowMaintenance) below++;
    total += amount;
    valueBefore += b;
    valueAfter += a;
    rows.push({ accountId: account.id, amountMinor: amount.toString(), valueBeforeUsd: b.toString(), valueAfterUsd: a.toString(), belowMaintenance });
  }
  rows.sort((x, y) => {
    const dx = BigInt(x.valueBeforeUsd) - BigInt(x.valueAfterUsd);
    const dy = BigInt(y.valueBeforeUsd) - BigInt(y.valueAfterUsd);
    return dx === dy ? x.accountId - y.accountId : dy > dx ? 1 : -1;
  });
  return {
    assetId,
    atMs: now,
    holders: rows.length,
    totalAmountMinor: total.toString(),
    valueBeforeUsd: valueBefore.toString(),
    valueAfterUsd: valueAfter.toString(),
    belowMaintenanceAfter: below,
    accounts: rows.slice(0, MAX_IMPACT_ROWS),
  };
}

/** The breaker a BREAKER proposal trips, in force from `sinceMs` (the engine's time when it is sent). */
export function breakerOf(
  payload: { assetId: string; mode: CollateralCircuitBreaker["mode"]; cause: CollateralCircuitBreaker["cause"]; note?: string },
  sinceMs: number,
): CollateralCircuitBreaker {
  return { assetId: payload.assetId, mode: payload.mode, cause: payload.cause, sinceMs, ...(payload.note ? { note: payload.note } : {}) };
}
