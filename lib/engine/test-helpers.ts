/**
 * Shared builders for the engine's tests and benchmarks (not part of the public API).
 */
import { DEFAULT_ENGINE_CONFIG_INPUT, type EngineConfigInput } from "./config";
import { apply, createEngine, type EngineState } from "./index";
import type { ApplyResult, Command } from "./types";

/** 2026-01-01T00:00:00Z: collateral registry entries are effective from here. */
export const T0 = 1_767_225_600_000;

export const SOURCES: Record<string, string[]> = {
  "BTC-PERP": ["hashkey", "osl", "coinbase", "kraken", "bitstamp"],
  "ETH-PERP": ["hashkey", "osl", "coinbase", "kraken", "bitstamp"],
};

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
  return apply(s, { type: "IndexQuotes", nowMs, market, quotes: SOURCES[market].map((sourceId) => ({ sourceId, price, timestampMs: nowMs })) });
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

/** An engine on quietConfig with BTC-PERP's index (and so its mark) at `price` ticks. */
export function quietEngineAt(price: number, nowMs: number): EngineState {
  const s = newEngine(quietConfig());
  quotes(s, "BTC-PERP", price, nowMs);
  return s;
}
