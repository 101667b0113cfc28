/**
 * Shared builders for the engine's tests and benchmarks (not part of the public API).
 */
import type { EngineConfigInput } from "./config-types";
import { DEFAULT_ENGINE_CONFIG_INPUT } from "./default-config";
import { apply, createEngine, parseSnapshot, restore, serializeSnapshot, snapshot, type EngineState } from "./index";
import type { ApplyResult, Command } from "./types";

/** 2026-01-01T00:00:00Z: collateral registry entries are effective from here. */
export const T0 = 1_767_225_600_000;
/** One second after T0: when most scenarios run. */
export const T1 = T0 + 1_000;

/** The index source ids of each default market, in config order (`quotes` sends one quote per source). */
export const SOURCES: Record<string, string[]> = Object.fromEntries(
  DEFAULT_ENGINE_CONFIG_INPUT.markets.map((m) => [m.symbol, m.index.sources.map((source) => source.id)]),
);

/** A config input with the defaults, optionally patched per market. */
export function configWith(patch?: (c: EngineConfigInput) => void): EngineConfigInput {
  const c = structuredClone(DEFAULT_ENGINE_CONFIG_INPUT);
  patch?.(c);
  return c;
}

/** Apply and throw on rejection (for scenario set-up). */
export function must(s: EngineState, c: Command): ApplyResult {
  const r = apply(s, c);
  if (r.rejection) throw new Error(`${c.type} rejected: ${r.rejection.code} ${r.rejection.message}`);
  return r;
}

/** All sources of a market quote `price` at nowMs. */
export function quotes(s: EngineState, market: string, price: number, nowMs: number): ApplyResult {
  return apply(s, {
    type: "IndexQuotes",
    nowMs,
    market,
    quotes: SOURCES[market].map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
  });
}

/** Create a client account and settle a USD deposit of `usdCents` cents. */
export function fundedAccount(s: EngineState, accountId: number, usdCents: bigint, nowMs: number, kind: "client" | "afmm" = "client"): void {
  must(s, { type: "CreateAccount", nowMs, accountId, kind });
  if (usdCents > 0n) {
    must(s, { type: "Deposit", nowMs, accountId, depositId: `d${accountId}-${nowMs}`, assetId: "USD", amountMinor: usdCents });
    must(s, { type: "SettleDeposit", nowMs, depositId: `d${accountId}-${nowMs}` });
  }
}

export function newEngine(cfg: EngineConfigInput = configWith(), startMs = T0): EngineState {
  return createEngine(cfg, startMs);
}

/** Defaults with zero interest (so mark = index with no premium samples) and a 100 USD fund floor. */
export function quietConfig(): EngineConfigInput {
  return configWith((c) => {
    for (const m of c.markets) {
      m.funding.interestRatePerInterval = 0n;
      m.liquidation.insuranceFundFloor = 100_000_000n;
    }
  });
}

/** An engine on quietConfig with BTC-PERP's index (and so its mark) at `price` ticks (60,000.0 USD unless given). */
export function engineAt(price = 600_000, nowMs = T1): EngineState {
  const s = newEngine(quietConfig());
  quotes(s, "BTC-PERP", price, nowMs);
  return s;
}

/** The engine rebuilt from its snapshot's stored text, as the host does on a restart. */
export function restoredFromText(s: EngineState): EngineState {
  return restore(parseSnapshot(serializeSnapshot(snapshot(s))));
}

/**
 * Commands that accept order ids 1 … 40 and 100,000 … 100,040 (odd ids rest as bids, even ids sell
 * into them), leaving 41 … 99,999 unused: a history whose ids span more than the order-id window.
 * The version 2 snapshot fixture (fixtures/snapshot-v2.json) is this history as the engine before
 * the window wrote it.
 */
export function orderIdHistory(): Command[] {
  const t = T0 + 1_000;
  const commands: Command[] = [
    // As the earlier engine received it: no volumes (its configuration, which the fixture carries, has no volume floor).
    { type: "IndexQuotes", nowMs: t, market: "BTC-PERP", quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 600_000, timestampMs: t })) },
  ];
  for (const accountId of [1, 2]) {
    commands.push({ type: "CreateAccount", nowMs: t, accountId, kind: "client" });
    commands.push({ type: "Deposit", nowMs: t, accountId, depositId: `d${accountId}`, assetId: "USD", amountMinor: 100_000_000n });
    commands.push({ type: "SettleDeposit", nowMs: t, depositId: `d${accountId}` });
  }
  const ids = [...Array.from({ length: 40 }, (_, i) => 1 + i), ...Array.from({ length: 41 }, (_, i) => 100_000 + i)];
  for (const orderId of ids) {
    const bid = orderId % 2 === 1;
    commands.push({
      type: "PlaceOrder",
      nowMs: t,
      accountId: bid ? 1 : 2,
      orderId,
      market: "BTC-PERP",
      side: bid ? "buy" : "sell",
      orderType: "limit",
      price: 599_900,
      size: bid ? 2 : 1,
    });
  }
  return commands;
}
