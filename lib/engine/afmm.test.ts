import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { feeOf } from "./exchange";
import {
  afmmOrderEntry,
  afmmTerms,
  apply,
  canonicalHash,
  checkInvariants,
  configHash,
  DEFAULT_ENGINE_CONFIG,
  parseSnapshot,
  restore,
  snapshot,
  stateHash,
  validateEngineConfig,
  type Command,
  type EngineState,
  type OrderClosed,
  type Trade,
} from "./index";
import { configWith, engineAt, fundedAccount, must, newEngine, quietConfig, quotes, restoredFromText, T1 } from "./test-helpers";

const AFMM = 7;
const CLIENT = 8;
const BTC = "BTC-PERP";
const ETH = "ETH-PERP";
let nextId = 1;

function venue(s: EngineState = engineAt()): EngineState {
  fundedAccount(s, AFMM, 100_000_000n, T1, "afmm");
  fundedAccount(s, CLIENT, 100_000_000n, T1, "client");
  quotes(s, ETH, 30_000, T1);
  return s;
}

const order = (accountId: number, side: "buy" | "sell", price: number, size = 10, market = BTC): Command => ({
  type: "PlaceOrder",
  nowMs: T1,
  accountId,
  orderId: nextId++,
  market,
  side,
  orderType: "limit",
  price,
  size,
});

const setEntry = (suspended: boolean, reason: string, nowMs = T1): Command => ({ type: "SetAfmmOrderEntry", nowMs, suspended, reason });

describe("AFMM-4/AFMM-9: AFMM order-entry suspension (SetAfmmOrderEntry)", () => {
  it("AFMM-4/AFMM-9: a fresh engine is not suspended and reports no reason", () => {
    expect(afmmOrderEntry(newEngine())).toEqual({ suspended: false, reason: null, sinceMs: null });
  });

  it("AFMM-4/AFMM-9: suspending cancels every resting AFMM order in the same command and leaves client orders alone", () => {
    const s = venue();
    must(s, order(AFMM, "buy", 599_000));
    must(s, order(AFMM, "sell", 601_000));
    must(s, order(AFMM, "buy", 29_900, 10, ETH));
    const clientBid = must(s, order(CLIENT, "buy", 598_000)).events[0];
    const { events } = must(s, setEntry(true, "no_designated_officer"));
    expect(events[0]).toMatchObject({ type: "AfmmOrderEntrySet", suspended: true, reason: "no_designated_officer", cancelledOrders: 3 });
    const closed = events.slice(1) as OrderClosed[];
    expect(closed.map((e) => [e.type, e.accountId, e.reason])).toEqual([
      ["OrderClosed", AFMM, "afmm_suspended"],
      ["OrderClosed", AFMM, "afmm_suspended"],
      ["OrderClosed", AFMM, "afmm_suspended"],
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => events[0].seq + i));
    expect(s.orders.has((clientBid as { orderId: number }).orderId)).toBe(true);
    expect(afmmOrderEntry(s)).toEqual({ suspended: true, reason: "no_designated_officer", sinceMs: T1 });
    expect(checkInvariants(s)).toEqual([]);
  });

  it("AFMM-4/AFMM-9: while suspended an AFMM order is rejected with AFMM_SUSPENDED and nothing changes; clients still trade", () => {
    const s = venue();
    must(s, setEntry(true, "no_sfc_notification"));
    const before = stateHash(s);
    const r = apply(s, order(AFMM, "buy", 599_000));
    expect(r.rejection?.code).toBe("AFMM_SUSPENDED");
    expect(r.events).toEqual([]);
    expect(stateHash(s)).toBe(before);
    expect(apply(s, order(CLIENT, "buy", 599_000)).rejection).toBeUndefined();
  });

  it("AFMM-4/AFMM-9: cancels still apply to AFMM accounts while suspended, and resuming accepts orders again", () => {
    const s = venue();
    must(s, setEntry(true, "no_designated_officer"));
    expect(apply(s, { type: "CancelAll", nowMs: T1, accountId: AFMM }).rejection).toBeUndefined();
    const later = T1 + 5_000;
    const { events } = must(s, setEntry(false, "gates_met", later));
    expect(events).toEqual([expect.objectContaining({ type: "AfmmOrderEntrySet", suspended: false, reason: "gates_met", cancelledOrders: 0 })]);
    expect(afmmOrderEntry(s)).toEqual({ suspended: false, reason: "gates_met", sinceMs: later });
    expect(apply(s, { ...order(AFMM, "buy", 599_000), nowMs: later }).rejection).toBeUndefined();
  });

  it("AFMM-4/AFMM-9: setting the state already in force is accepted: new reason, same since, nothing cancelled", () => {
    const s = venue();
    must(s, setEntry(true, "no_designated_officer"));
    const { events } = must(s, setEntry(true, "no_sfc_notification", T1 + 1_000));
    expect(events).toEqual([expect.objectContaining({ type: "AfmmOrderEntrySet", suspended: true, reason: "no_sfc_notification", cancelledOrders: 0 })]);
    expect(afmmOrderEntry(s)).toEqual({ suspended: true, reason: "no_sfc_notification", sinceMs: T1 });
  });

  it("AFMM-4/AFMM-9: hostile input is rejected with INVALID_COMMAND and changes nothing", () => {
    const s = venue();
    const before = stateHash(s);
    for (const bad of [
      { type: "SetAfmmOrderEntry", nowMs: T1, suspended: "yes", reason: "x" },
      { type: "SetAfmmOrderEntry", nowMs: T1, suspended: true, reason: "" },
      { type: "SetAfmmOrderEntry", nowMs: T1, suspended: true, reason: "Has Spaces" },
      { type: "SetAfmmOrderEntry", nowMs: T1, suspended: true, reason: "a".repeat(65) },
      { type: "SetAfmmOrderEntry", nowMs: T1, suspended: true },
    ]) {
      expect(apply(s, bad as unknown as Command).rejection?.code).toBe("INVALID_COMMAND");
    }
    expect(stateHash(s)).toBe(before);
  });

  it("AFMM-4/AFMM-9: the flag survives a snapshot round trip (same hash, orders still refused) and replays", () => {
    const s = venue();
    must(s, order(AFMM, "buy", 599_000));
    must(s, setEntry(true, "no_designated_officer"));
    const r = restoredFromText(s);
    expect(stateHash(r)).toBe(stateHash(s));
    expect(afmmOrderEntry(r)).toEqual(afmmOrderEntry(s));
    expect(apply(r, order(AFMM, "sell", 601_000)).rejection?.code).toBe("AFMM_SUSPENDED");
  });

  it("AFMM-4/AFMM-9: an image written before the command existed restores as not suspended with its hash unchanged", () => {
    const s = venue();
    must(s, order(AFMM, "buy", 599_000));
    // An engine that never received the command writes no afmmOrderEntry field: what older images hold.
    const image = snapshot(s);
    expect("afmmOrderEntry" in image).toBe(false);
    // ... and an older configuration without AFMM terms.
    const { afmm: _afmm, ...olderConfig } = image.config;
    const older = { ...image, config: olderConfig };
    const r = restore(older);
    expect(afmmOrderEntry(r).suspended).toBe(false);
    expect(stateHash(r)).toBe(canonicalHash(older));
    expect(afmmTerms(r)).toEqual({ feeOverrides: [], quoteObligations: [] });
    expect(apply(r, order(AFMM, "sell", 601_000)).rejection).toBeUndefined();
    // The version 2 fixture (written long before) restores too, not suspended.
    const text = fs.readFileSync(path.join(import.meta.dirname, "fixtures/snapshot-v2.json"), "utf8").trim();
    expect(afmmOrderEntry(restore(parseSnapshot(text))).suspended).toBe(false);
  });
});

describe("AFMM-6: AFMM terms in the engine configuration", () => {
  it("AFMM-6: the default configuration has no fee overrides and BTC/ETH quote obligations, part of the config hash", () => {
    expect(DEFAULT_ENGINE_CONFIG.afmm).toEqual({
      feeOverrides: [],
      quoteObligations: [
        { market: BTC, maxSpreadBps: 20, minSizeLots: 25, minTimeOnBookPct: 85 },
        { market: ETH, maxSpreadBps: 25, minSizeLots: 50, minTimeOnBookPct: 85 },
      ],
    });
    const other = newEngine(configWith((c) => (c.afmm!.quoteObligations[0].minTimeOnBookPct = 80)));
    expect(configHash(other)).not.toBe(configHash(newEngine()));
  });

  it("AFMM-6: with no override the AFMM pays the same fees as a client", () => {
    const s = venue();
    must(s, order(AFMM, "sell", 600_000));
    const t = must(s, order(CLIENT, "buy", 600_000)).events.find((e) => e.type === "Trade") as Trade;
    must(s, order(CLIENT, "sell", 600_100));
    const t2 = must(s, order(AFMM, "buy", 600_100)).events.find((e) => e.type === "Trade") as Trade;
    const fees = DEFAULT_ENGINE_CONFIG.markets[0].fees;
    const n = (p: number) => BigInt(p) * 10n * DEFAULT_ENGINE_CONFIG.markets[0].tickLotValue;
    expect([t.makerFee, t.takerFee]).toEqual([feeOf(n(600_000), fees.makerFeeRate), feeOf(n(600_000), fees.takerFeeRate)]);
    expect([t2.makerFee, t2.takerFee]).toEqual([feeOf(n(600_100), fees.makerFeeRate), feeOf(n(600_100), fees.takerFeeRate)]);
  });

  it("AFMM-6: a fee override applies to afmm-kind accounts on both the maker and taker side, and only to them", () => {
    const makerFeeRate = -100_000n; // −0.01 % rebate
    const takerFeeRate = 300_000n; // 0.03 %
    const s = venue(
      newEngine(
        (() => {
          const c = quietConfig();
          c.afmm = { feeOverrides: [{ market: BTC, makerFeeRate, takerFeeRate }], quoteObligations: [] };
          return c;
        })(),
      ),
    );
    quotes(s, BTC, 600_000, T1);
    const fees = DEFAULT_ENGINE_CONFIG.markets[0].fees;
    const n = (p: number) => BigInt(p) * 10n * DEFAULT_ENGINE_CONFIG.markets[0].tickLotValue;
    must(s, order(AFMM, "sell", 600_000));
    const asMaker = must(s, order(CLIENT, "buy", 600_000)).events.find((e) => e.type === "Trade") as Trade;
    expect(asMaker).toMatchObject({ makerAfmm: true, makerFee: feeOf(n(600_000), makerFeeRate), takerFee: feeOf(n(600_000), fees.takerFeeRate) });
    expect(asMaker.makerFee).toBe(-60_000n);
    must(s, order(CLIENT, "sell", 600_100));
    const asTaker = must(s, order(AFMM, "buy", 600_100)).events.find((e) => e.type === "Trade") as Trade;
    expect(asTaker).toMatchObject({ takerAfmm: true, takerFee: feeOf(n(600_100), takerFeeRate), makerFee: feeOf(n(600_100), fees.makerFeeRate) });
    // ETH has no override: the AFMM pays the market's fees there.
    must(s, order(AFMM, "sell", 30_000, 10, ETH));
    const eth = must(s, order(CLIENT, "buy", 30_000, 10, ETH)).events.find((e) => e.type === "Trade") as Trade;
    const ethFees = DEFAULT_ENGINE_CONFIG.markets[1].fees;
    expect(eth.makerFee).toBe(feeOf(30_000n * 10n * DEFAULT_ENGINE_CONFIG.markets[1].tickLotValue, ethFees.makerFeeRate));
    expect(checkInvariants(s)).toEqual([]);
    // The override is configuration: it survives a restore.
    expect(stateHash(restoredFromText(s))).toBe(stateHash(s));
  });

  it("AFMM-6: bad AFMM terms are refused with every error and its path", () => {
    const res = validateEngineConfig(
      configWith((c) => {
        c.afmm = {
          feeOverrides: [
            { market: "DOGE-PERP", makerFeeRate: 0n, takerFeeRate: 0n },
            { market: BTC, makerFeeRate: 0n, takerFeeRate: -1n },
            { market: ETH, makerFeeRate: 400_000n, takerFeeRate: 300_000n },
          ],
          quoteObligations: [
            { market: BTC, maxSpreadBps: -1, minSizeLots: 0, minTimeOnBookPct: 101 },
            { market: BTC, maxSpreadBps: 10, minSizeLots: 1.5, minTimeOnBookPct: 90 },
          ],
        };
      }),
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => [e.path, e.code])).toEqual([
      ["afmm.feeOverrides[0].market", "UNKNOWN_MARKET"],
      ["afmm.feeOverrides[1].takerFeeRate", "FEE_INVALID"],
      ["afmm.feeOverrides[2].makerFeeRate", "FEE_INVALID"],
      ["afmm.quoteObligations[0].maxSpreadBps", "OUT_OF_RANGE"],
      ["afmm.quoteObligations[0].minSizeLots", "OUT_OF_RANGE"],
      ["afmm.quoteObligations[0].minTimeOnBookPct", "OUT_OF_RANGE"],
      ["afmm.quoteObligations[1].market", "DUPLICATE_ID"],
      ["afmm.quoteObligations[1].minSizeLots", "OUT_OF_RANGE"],
    ]);
    // A rebate larger than the market's own taker fee would pay the AFMM more than a client taker pays in.
    const rebate = validateEngineConfig(
      configWith((c) => (c.afmm = { feeOverrides: [{ market: BTC, makerFeeRate: -900_000n, takerFeeRate: 900_000n }], quoteObligations: [] })),
    );
    expect(rebate.ok ? [] : rebate.errors.map((e) => [e.path, e.code])).toEqual([["afmm.feeOverrides[0].makerFeeRate", "FEE_INVALID"]]);
    expect(validateEngineConfig(configWith((c) => ((c as { afmm: unknown }).afmm = [])))).toMatchObject({ ok: false });
  });
});
