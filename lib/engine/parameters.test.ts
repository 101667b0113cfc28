/**
 * Runtime parameter changes (DISC-1): UpdateMarketParameters validation, its event
 * and state follow-ups, the configuration hash, and replay determinism.
 *
 * Units: BTC-PERP tick 0.1 USD, lot 0.001 BTC, so one tick × one lot = 100 micro-USD.
 */
import { describe, expect, it } from "vitest";
import { accountView, apply, canonicalHash, configHash, DEFAULT_ENGINE_CONFIG, liveConfig, replay, stateHash, type EngineState } from "./index";
import { applyMarketParameterChanges, flattenParameters, marketSpecInputOf, parsePath } from "./parameters";
import { validateMarketSpec } from "./config-validation";
import { BTC_PERP } from "./default-config";
import { USD } from "./fixed-point";
import { T0, T1 as t, configWith, engineAt, fundedAccount, must, newEngine, quietConfig, quotes, restoredFromText } from "./test-helpers";
import type { Command, MarketParametersUpdated, Trade } from "./types";

const cfg = quietConfig;

function update(market: string, changes: Array<{ path: string; value: unknown }>, nowMs = t + 10, reason = "Risk committee decision RC-2026-01"): Command {
  return { type: "UpdateMarketParameters", nowMs, market, changes, reason };
}

function expectRefused(s: EngineState, c: Command, messagePart: string) {
  const hash = stateHash(s);
  const seq = s.seq;
  const config = configHash(s);
  const r = apply(s, c);
  expect(r.rejection?.code).toBe(c.type === "UpdateMarketParameters" && messagePart === "UNKNOWN_MARKET" ? "UNKNOWN_MARKET" : "INVALID_PARAMETER_CHANGE");
  if (messagePart !== "UNKNOWN_MARKET") expect(r.rejection?.message).toContain(messagePart);
  expect(r.events).toEqual([]);
  expect(s.seq).toBe(seq);
  expect(stateHash(s)).toBe(hash);
  expect(configHash(s)).toBe(config);
}

describe("UpdateMarketParameters (DISC-1)", () => {
  it("DISC-1: a valid change emits one change-log event with path, previous, next, reason and effective time, and takes effect", () => {
    const s = engineAt();
    const hashBefore = configHash(s);
    expect(hashBefore).toBe(canonicalHash(liveConfig(s)));
    const r = must(s, update("BTC-PERP", [{ path: "fees.takerFeeRate", value: 600_000n }], t + 10));
    expect(r.events).toHaveLength(1);
    const ev = r.events[0] as MarketParametersUpdated;
    expect(ev).toMatchObject({
      type: "MarketParametersUpdated",
      market: "BTC-PERP",
      changes: [{ path: "fees.takerFeeRate", previous: 500_000n, next: 600_000n }],
      reason: "Risk committee decision RC-2026-01",
      effectiveFromMs: t + 10,
      nowMs: t + 10,
    });
    const spec = s.marketBySymbol.get("BTC-PERP")!.spec;
    expect(spec.fees.takerFeeRate).toBe(600_000n);
    expect(s.config.markets[0]).toBe(spec);
    expect(configHash(s)).not.toBe(hashBefore);
    // The next taker pays the new rate: 100 lots × 600,000 ticks × 100 µUSD = 6,000 USD; 0.06 % = 3.60 USD.
    fundedAccount(s, 1, 1_000_000n, t + 10);
    fundedAccount(s, 2, 1_000_000n, t + 10);
    must(s, { type: "PlaceOrder", nowMs: t + 11, accountId: 1, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
    const trade = must(s, {
      type: "PlaceOrder",
      nowMs: t + 11,
      accountId: 2,
      orderId: 2,
      market: "BTC-PERP",
      side: "buy",
      orderType: "market",
      size: 100,
    }).events.find((e): e is Trade => e.type === "Trade")!;
    expect(trade.takerFee).toBe(3_600_000n);
  });

  it("DISC-1: derived values follow their inputs (tier maintenance amounts, funding cap); several paths in one command", () => {
    const s = engineAt();
    // Tier 1 MMR 0.5 % → 0.8 %: MA_2 = 50,000 USD × (1 % − 0.8 %) = 100 USD (was 250 USD).
    const r = must(
      s,
      update("BTC-PERP", [
        { path: "marginTiers[0].maintenanceMarginRate", value: 8_000_000n },
        { path: "funding.cap", value: { kind: "FIXED", rate: 3_000_000n } },
      ]),
    );
    const ev = r.events[0] as MarketParametersUpdated;
    expect(ev.changes.map((c) => c.path)).toEqual(["marginTiers[0].maintenanceMarginRate", "funding.cap"]);
    expect(ev.changes[1]).toEqual({
      path: "funding.cap",
      previous: { kind: "MMR_MULTIPLE", multiple: 750_000_000n },
      next: { kind: "FIXED", rate: 3_000_000n },
    });
    const spec = s.marketBySymbol.get("BTC-PERP")!.spec;
    expect(spec.marginTiers[1].maintenanceAmount).toBe(100n * USD);
    expect(BTC_PERP.marginTiers[1].maintenanceAmount).toBe(250n * USD);
    expect(spec.funding.capRate).toBe(3_000_000n);
  });

  it("DISC-1: invalid changes are refused with a clear reason and change nothing", () => {
    const s = engineAt();
    expectRefused(s, update("BTC-PERP", [{ path: "fees.takerRate", value: 1n }]), "BTC-PERP has no parameter fees.takerRate");
    expectRefused(s, update("BTC-PERP", [{ path: "marginTiers[0].initialMarginRate", value: 1n }]), "derived from other parameters");
    expectRefused(s, update("BTC-PERP", [{ path: "maxLeverage", value: 20 }]), "derived from other parameters");
    expectRefused(s, update("BTC-PERP", [{ path: "tickSize", value: "0.5" }]), "tickSize of BTC-PERP is fixed for the life of the market");
    expectRefused(s, update("BTC-PERP", [{ path: "index.sources[0].id", value: "binance" }]), "fixed for the life of the market");
    expectRefused(s, update("BTC-PERP", [{ path: "funding.intervalMs", value: 3_600_000 }]), "fixed for the life of the market");
    expectRefused(s, update("BTC-PERP", [{ path: "fees.takerFeeRate", value: 600_000 }]), "fees.takerFeeRate must be a bigint, got a number");
    expectRefused(s, update("BTC-PERP", [{ path: "fees.takerFeeRate", value: 500_000n }]), "no change: fees.takerFeeRate of BTC-PERP is already");
    // MMR 3 % with 50x (IMR 2 %) breaks IM > MM (MRG-1): the validator's message is passed on.
    expectRefused(s, update("BTC-PERP", [{ path: "marginTiers[0].maintenanceMarginRate", value: 30_000_000n }]), "IM_NOT_ABOVE_MM");
    expectRefused(s, update("BTC-PERP", [{ path: "adlRisk.highBelowCoverage", value: 3_000_000_000n }]), "THRESHOLDS_NOT_ORDERED");
    expectRefused(s, update("BTC-PERP", [{ path: "fees..x", value: 1n }]), "is not a parameter path");
    expectRefused(
      s,
      update("BTC-PERP", [
        { path: "fees.takerFeeRate", value: 1n },
        { path: "fees.takerFeeRate", value: 2n },
      ]),
      "changed twice",
    );
    expectRefused(s, update("BTC-PERP", []), "non-empty array");
    expectRefused(s, update("BTC-PERP", [{ path: "fees.takerFeeRate", value: 600_000n }], t + 10, " x "), "reason must say why");
    expectRefused(s, update("NO-SUCH", [{ path: "fees.takerFeeRate", value: 600_000n }]), "UNKNOWN_MARKET");
  });

  it("MRG-1 / DISC-1: a higher maintenance rate re-evaluates holders: margin call now, liquidation at the next pass", () => {
    const s = engineAt();
    fundedAccount(s, 1, 100_000_000n, t); // a deep long counterparty
    fundedAccount(s, 2, 50_000n, t); // 500 USD, short 100 lots (6,000 USD notional, 12x)
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "market", size: 100 });
    const before = accountView(s, 2)!;
    expect(before.maintenanceMargin).toBe(30n * USD); // 6,000 × 0.5 %
    // A 45,000-tick rise costs the short 450 USD: equity 48.80 USD, above MM 32.25 USD (0.5 % of 6,450).
    quotes(s, "BTC-PERP", 645_000, t + 1);
    const eq = accountView(s, 2)!.equity;
    expect(eq).toBeGreaterThan(accountView(s, 2)!.maintenanceMargin);
    // Tier-1 MMR to 1 % (tier 2's rate): MM = 64.50 USD > equity.
    const r = must(s, update("BTC-PERP", [{ path: "marginTiers[0].maintenanceMarginRate", value: 10_000_000n }], t + 2));
    const call = r.events.find((e) => e.type === "MarginCall");
    expect(call).toMatchObject({ accountId: 2, belowMaintenance: true, causeSeq: r.events[0].seq });
    expect(accountView(s, 2)!.maintenanceMargin).toBeGreaterThan(eq);
    const tick = must(s, { type: "Tick", nowMs: t + 3 });
    expect(tick.events.some((e) => e.type === "LiquidationStarted" && e.accountId === 2)).toBe(true);
  });

  it("DISC-6: raising the insurance-fund floor to or above the balance is a depletion caused by the change", () => {
    const s = engineAt();
    must(s, { type: "FundInsurance", nowMs: t, fundingId: "f1", market: "BTC-PERP", amount: 500n * USD });
    expect(s.marketBySymbol.get("BTC-PERP")!.insurance.depleted).toBe(false);
    const r = must(s, update("BTC-PERP", [{ path: "liquidation.insuranceFundFloor", value: 600n * USD }]));
    expect(r.events.map((e) => e.type)).toEqual(["MarketParametersUpdated", "InsuranceFundDepleted"]);
    expect(r.events[1]).toMatchObject({ market: "BTC-PERP", balance: 500n * USD, floor: 600n * USD, causeSeq: r.events[0].seq });
    const back = must(s, update("BTC-PERP", [{ path: "liquidation.insuranceFundFloor", value: 100n * USD }], t + 20));
    expect(back.events.map((e) => e.type)).toEqual(["MarketParametersUpdated"]);
    expect(s.marketBySymbol.get("BTC-PERP")!.insurance.depleted).toBe(false);
  });

  it("DISC-1 / INV-9: replaying a journal with parameter changes (from scratch or a snapshot) gives the same state and config hash", () => {
    const s = newEngine(cfg());
    const journal: Command[] = [
      {
        type: "IndexQuotes",
        nowMs: t,
        market: "BTC-PERP",
        quotes: ["hashkey", "osl", "coinbase", "kraken", "bitstamp"].map((sourceId) => ({
          sourceId,
          price: 600_000,
          timestampMs: t,
          recentVolumeUsd: 50_000_000,
        })),
      },
      update("BTC-PERP", [{ path: "liquidation.liquidationFeeRate", value: 7_500_000n }], t + 1),
      update("ETH-PERP", [{ path: "marginTiers[1].maxLeverage", value: 20 }], t + 2),
      update("BTC-PERP", [{ path: "tickSize", value: "1" }], t + 3), // rejected: also journaled, changes nothing
      { type: "Tick", nowMs: t + 4 },
    ];
    for (const c of journal) apply(s, c);
    const fresh = replay({ config: cfg(), startMs: T0 }, journal);
    expect(stateHash(fresh)).toBe(stateHash(s));
    expect(configHash(fresh)).toBe(configHash(s));
    const restored = restoredFromText(s);
    expect(stateHash(restored)).toBe(stateHash(s));
    expect(restored.marketBySymbol.get("BTC-PERP")!.spec.liquidation.liquidationFeeRate).toBe(7_500_000n);
    expect(restored.marketBySymbol.get("ETH-PERP")!.spec.marginTiers[1].initialMarginRate).toBe(50_000_000n);
  });

  it("DISC-1: the configuration hash at genesis is the hash of the configuration the engine was started with", () => {
    const s = newEngine(configWith());
    expect(configHash(s)).toBe(canonicalHash(DEFAULT_ENGINE_CONFIG));
  });
});

describe("parameter paths and inputs", () => {
  it("parsePath reads dotted paths with indexes and refuses anything else", () => {
    expect(parsePath("marginTiers[2].maintenanceMarginRate")).toEqual(["marginTiers", 2, "maintenanceMarginRate"]);
    expect(parsePath("fees.takerFeeRate")).toEqual(["fees", "takerFeeRate"]);
    for (const bad of ["", "a..b", "a[x]", "[0]", "a.", "__proto__.x", "a[-1]"]) expect(parsePath(bad)).toBeNull();
  });

  it("marketSpecInputOf drops derived values and validates back to the same spec", () => {
    const input = marketSpecInputOf(BTC_PERP);
    expect(JSON.stringify(input, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(
      /initialMarginRate|maintenanceAmount|capNotional|tickLotValue|capRate|impactNotional/,
    );
    const res = validateMarketSpec(input);
    expect(res.ok && canonicalHash(res.spec)).toBe(canonicalHash(BTC_PERP));
  });

  it("flattenParameters lists every leaf with its path", () => {
    const leaves = new Map(flattenParameters(BTC_PERP));
    expect(leaves.get("marginTiers[1].maintenanceAmount")).toBe(250n * USD);
    expect(leaves.get("funding.cap.multiple")).toBe(750_000_000n);
    expect(leaves.get("index.sources[0].id")).toBe("hashkey");
    expect(leaves.get("adlRisk.stressMove")).toBe(200_000_000n);
  });

  it("applyMarketParameterChanges is pure: the spec it was given is unchanged", () => {
    const before = canonicalHash(BTC_PERP);
    const res = applyMarketParameterChanges(BTC_PERP, [{ path: "fees.makerFeeRate", value: 100_000n }]);
    expect(res.ok).toBe(true);
    expect(canonicalHash(BTC_PERP)).toBe(before);
  });
});
