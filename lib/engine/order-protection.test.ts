/**
 * Fat-finger protection (DISC-1 published band; ORD conduct control): client limit prices within a
 * band around mark, a protective limit on market orders, internal liquidation orders exempt, the
 * parameters validated and changeable at runtime, older configurations unaffected — and the
 * pre-trade estimate (previewOrder) equal to what placing the order then does.
 */
import { describe, expect, it } from "vitest";
import type { EngineConfigInput } from "./config-types";
import { validateEngineConfig, validateMarketSpec } from "./config-validation";
import { BTC_PERP_INPUT } from "./default-config";
import { pct } from "./fixed-point";
import {
  accountView,
  apply,
  configHash,
  createEngine,
  orderProtectionView,
  parseSnapshot,
  previewOrder,
  replay,
  restore,
  serializeSnapshot,
  snapshot,
  stateHash,
  type EngineState,
  type PlaceOrder,
  type Trade,
} from "./index";
import { parseBandRejection, priceBandOf } from "./order-protection";
import { T0, T1 as t, configWith, engineAt, fundedAccount, must, quietConfig, quotes } from "./test-helpers";
import type { Command, OrderAccepted } from "./types";

let nextId = 1;
function order(accountId: number, side: "buy" | "sell", price: number | undefined, size: number, extra: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    type: "PlaceOrder",
    nowMs: t,
    accountId,
    orderId: nextId++,
    market: "BTC-PERP",
    side,
    orderType: price === undefined ? "market" : "limit",
    ...(price === undefined ? {} : { price }),
    size,
    ...extra,
  };
}

function refused(s: EngineState, c: Command) {
  const before = stateHash(s);
  const r = apply(s, c);
  expect(r.events).toEqual([]);
  expect(stateHash(s), "a refused order changes nothing").toBe(before);
  return r.rejection;
}

/** BTC-PERP with mark 60,000.0 USD (band 57,000.0 – 63,000.0), accounts 1 and 2 with 100,000 USD each. */
function engine(): EngineState {
  const s = engineAt(600_000);
  fundedAccount(s, 1, 10_000_000n, t);
  fundedAccount(s, 2, 10_000_000n, t);
  return s;
}

function withoutProtection(c: EngineConfigInput): void {
  for (const m of c.markets) delete m.orderProtection;
}

describe("DISC-1 fat-finger protection: the limit-price band around mark", () => {
  it("DISC-1: exactly at either edge is accepted, one tick beyond is refused with the band and its edges in USD", () => {
    const s = engine();
    expect(orderProtectionView(s, "BTC-PERP")).toMatchObject({ band: { low: 570_000, high: 630_000, mark: 600_000, rate: pct("5") } });
    expect(refused(s, order(1, "buy", 630_001, 1))).toEqual({
      code: "PRICE_OUTSIDE_BAND",
      message: "limit price 63000.1 USD is outside the price band: prices must be within 5% of mark 60000.0 USD: 57000.0 – 63000.0 USD",
    });
    expect(refused(s, order(2, "sell", 569_999, 1))?.code).toBe("PRICE_OUTSIDE_BAND");
    // The portal reads the figures back to say the same in the client's language.
    expect(parseBandRejection(apply(s, order(2, "sell", 10, 1)).rejection!.message)).toEqual({
      kind: "limit",
      price: "1.0",
      rate: "5%",
      mark: "60000.0",
      low: "57000.0",
      high: "63000.0",
    });
    expect(parseBandRejection("something else")).toBeNull();
    // A buy far below and a sell far above are refused too: the band is symmetric.
    expect(refused(s, order(1, "buy", 569_999, 1))?.code).toBe("PRICE_OUTSIDE_BAND");
    expect(refused(s, order(2, "sell", 630_001, 1))?.code).toBe("PRICE_OUTSIDE_BAND");
    must(s, order(1, "buy", 570_000, 1));
    must(s, order(2, "sell", 630_000, 1));
    must(s, order(1, "buy", 630_000, 1, { tif: "IOC" })); // takes the 63,000.0 ask
  });

  it("ORD: the incident — a sell limit at 1.0 USD is refused, the book and the account unchanged", () => {
    const s = engine();
    must(s, order(1, "buy", 596_530, 10)); // a resting bid it would have hit
    const view = accountView(s, 2);
    const r = refused(s, order(2, "sell", 10, 10));
    expect(r?.code).toBe("PRICE_OUTSIDE_BAND");
    expect(r?.message).toContain("limit price 1.0 USD is outside the price band");
    expect(r?.message).toContain("57000.0 – 63000.0 USD");
    expect(accountView(s, 2)).toEqual(view);
  });

  it("DISC-1: the edges round inward, so rounding never widens the band", () => {
    const spec = validateMarketSpec(BTC_PERP_INPUT);
    if (!spec.ok) throw new Error("spec");
    // 600,001 × 0.95 = 570,000.95 → 570,001; × 1.05 = 630,001.05 → 630,001.
    expect(priceBandOf(spec.spec, 600_001)).toMatchObject({ low: 570_001, high: 630_001 });
    expect(priceBandOf(spec.spec, 1)).toMatchObject({ low: 1, high: 1 });
    expect(priceBandOf(spec.spec, 0)).toBeNull();
  });

  it("ORD: a reduce-only and a post-only order are held to the band too", () => {
    const s = engine();
    must(s, order(2, "sell", 600_000, 5));
    must(s, order(1, "buy", 600_000, 5)); // account 1 long 5
    expect(refused(s, order(1, "sell", 500_000, 5, { reduceOnly: true }))?.code).toBe("PRICE_OUTSIDE_BAND");
    expect(refused(s, order(1, "buy", 400_000, 5, { postOnly: true }))?.code).toBe("PRICE_OUTSIDE_BAND");
  });

  it("ORD: without a mark the band cannot be set, so the order is refused (NO_MARK_PRICE)", () => {
    const s = createEngine(quietConfig(), T0);
    fundedAccount(s, 1, 10_000_000n, t);
    expect(refused(s, order(1, "buy", 600_000, 1))).toMatchObject({ code: "NO_MARK_PRICE", message: expect.stringContaining("price band") });
  });
});

describe("ORD market orders carry a protective limit (maximum slippage)", () => {
  it("ORD: a market buy without a price fills only up to mark + 2 %; the rest is cancelled (IOC)", () => {
    const s = engine();
    must(s, order(2, "sell", 610_000, 5));
    must(s, order(2, "sell", 612_000, 5)); // exactly mark × 1.02: inside
    must(s, order(2, "sell", 612_100, 5)); // beyond the slippage limit (inside the band)
    const r = must(s, order(1, "buy", undefined, 20));
    const accepted = r.events.find((e) => e.type === "OrderAccepted") as OrderAccepted;
    expect(accepted).toMatchObject({ orderType: "market", price: 612_000, size: 20 });
    const trades = r.events.filter((e): e is Trade => e.type === "Trade");
    expect(trades.map((x) => [x.price, x.size])).toEqual([
      [610_000, 5],
      [612_000, 5],
    ]);
    expect(r.events.find((e) => e.type === "OrderClosed")).toMatchObject({ reason: "ioc_remainder", cancelledSize: 10 });
  });

  it("ORD: a market sell without a price stops at mark − 2 % (588,000 ticks)", () => {
    const s = engine();
    must(s, order(1, "buy", 588_000, 3));
    must(s, order(1, "buy", 587_999, 3));
    const r = must(s, order(2, "sell", undefined, 6));
    expect((r.events.find((e) => e.type === "OrderAccepted") as OrderAccepted).price).toBe(588_000);
    expect(r.events.filter((e): e is Trade => e.type === "Trade").map((x) => x.price)).toEqual([588_000]);
  });

  it("ORD: a client's own protective price outside the band is refused; inside it is used as given", () => {
    const s = engine();
    must(s, order(2, "sell", 625_000, 5));
    expect(refused(s, order(1, "buy", undefined, 5, { price: 700_000 }))).toMatchObject({
      code: "PRICE_OUTSIDE_BAND",
      message: expect.stringContaining("protective price 70000.0 USD is outside the price band"),
    });
    const r = must(s, order(1, "buy", undefined, 5, { price: 630_000 }));
    expect((r.events.find((e) => e.type === "OrderAccepted") as OrderAccepted).price).toBe(630_000);
    expect(r.events.filter((e) => e.type === "Trade")).toHaveLength(1);
  });
});

describe("LIQ-1 internal orders are not subject to the band", () => {
  it("LIQ-1: a liquidation's book order fills outside the band in force (the band applies to PlaceOrder only)", () => {
    // Victim long 100 lots at 60,000.0 with 200 USD; a bid rests at 58,200.0 (inside the 5 % band then).
    const s = engineAt(600_000);
    fundedAccount(s, 1, 20_000n, t);
    fundedAccount(s, 2, 10_000_000n, t);
    fundedAccount(s, 3, 10_000_000n, t);
    must(s, order(2, "sell", 600_000, 100));
    must(s, order(1, "buy", 600_000, 100));
    must(s, order(3, "buy", 582_000, 100));
    // The band narrows to 0.1 % at runtime; at mark 58,300.0 it is 58,241.7 – 58,358.3.
    must(s, {
      type: "UpdateMarketParameters",
      nowMs: t,
      market: "BTC-PERP",
      changes: [
        { path: "orderProtection.limitPriceBandRate", value: pct("0.1") },
        { path: "orderProtection.marketOrderSlippageRate", value: pct("0.1") },
      ],
      reason: "test: a narrow band",
    });
    expect(refused(s, order(3, "buy", 582_000, 1))?.code).toBe("PRICE_OUTSIDE_BAND");
    const r = quotes(s, "BTC-PERP", 583_000, t + 1);
    const trade = r.events.find((e): e is Trade => e.type === "Trade");
    expect(trade).toMatchObject({ price: 582_000, size: 100, takerAccountId: 1, liquidation: true });
    expect(priceBandOf(s.marketBySymbol.get("BTC-PERP")!.spec, 583_000)!.low).toBeGreaterThan(582_000);
    expect(accountView(s, 1)!.positions).toEqual([]);
  });
});

describe("DISC-1 the parameters: validated, documented, changeable at runtime, absent in older configurations", () => {
  it("DISC-1: rates must be > 0, at most 50 %, and the slippage at most the band", () => {
    const bad = (p: unknown) => {
      const res = validateMarketSpec({ ...BTC_PERP_INPUT, orderProtection: p });
      return res.ok ? [] : res.errors.map((e) => `${e.path}:${e.code}`);
    };
    expect(bad({ limitPriceBandRate: 0n, marketOrderSlippageRate: pct("1") })).toEqual(["orderProtection.limitPriceBandRate:OUT_OF_RANGE"]);
    expect(bad({ limitPriceBandRate: pct("50.0000001"), marketOrderSlippageRate: pct("1") })).toEqual(["orderProtection.limitPriceBandRate:OUT_OF_RANGE"]);
    expect(bad({ limitPriceBandRate: pct("5"), marketOrderSlippageRate: -1n })).toEqual(["orderProtection.marketOrderSlippageRate:OUT_OF_RANGE"]);
    expect(bad({ limitPriceBandRate: pct("5"), marketOrderSlippageRate: pct("6") })).toEqual([
      "orderProtection.marketOrderSlippageRate:THRESHOLDS_NOT_ORDERED",
    ]);
    expect(bad({ limitPriceBandRate: 5, marketOrderSlippageRate: pct("1") })).toEqual(["orderProtection.limitPriceBandRate:INVALID_TYPE"]);
    expect(bad({ limitPriceBandRate: pct("5"), marketOrderSlippageRate: pct("1"), extra: 1n })).toEqual(["orderProtection.extra:INVALID_TYPE"]);
    expect(bad("5%")).toEqual(["orderProtection:INVALID_TYPE"]);
    expect(bad({ limitPriceBandRate: pct("50"), marketOrderSlippageRate: pct("50") })).toEqual([]);
  });

  it("DISC-1: UpdateMarketParameters changes the band at once; an invalid change is refused and changes nothing", () => {
    const s = engine();
    must(s, order(1, "buy", 580_000, 1));
    const change = (value: bigint) => ({
      type: "UpdateMarketParameters" as const,
      nowMs: t,
      market: "BTC-PERP",
      changes: [{ path: "orderProtection.limitPriceBandRate", value }],
      reason: "tighten the band",
    });
    expect(refused(s, change(pct("1")))).toMatchObject({ code: "INVALID_PARAMETER_CHANGE", message: expect.stringContaining("THRESHOLDS_NOT_ORDERED") });
    expect(refused(s, change(pct("60")))).toMatchObject({ code: "INVALID_PARAMETER_CHANGE", message: expect.stringContaining("OUT_OF_RANGE") });
    const r = must(s, change(pct("3")));
    expect(r.events[0]).toMatchObject({
      type: "MarketParametersUpdated",
      changes: [{ path: "orderProtection.limitPriceBandRate", previous: pct("5"), next: pct("3") }],
    });
    expect(refused(s, order(1, "buy", 580_000, 1))?.code).toBe("PRICE_OUTSIDE_BAND");
    must(s, order(1, "buy", 582_000, 1));
  });

  it("DISC-1: a configuration without it has no band, keeps its canonical form, restores with the same hash and replays identically", () => {
    const cfg = configWith(withoutProtection);
    const validated = validateEngineConfig(cfg);
    if (!validated.ok) throw new Error("config");
    expect(validated.config.markets.every((m) => !("orderProtection" in m))).toBe(true);
    const s = createEngine(cfg, T0);
    quotes(s, "BTC-PERP", 600_000, t);
    fundedAccount(s, 1, 10_000_000n, t);
    fundedAccount(s, 2, 10_000_000n, t);
    const journal: Command[] = [order(1, "buy", 596_530, 10), order(2, "sell", 10, 10)];
    for (const c of journal) must(s, c); // the far sell fills, as before the control existed
    expect(orderProtectionView(s, "BTC-PERP")).toMatchObject({ band: null, limitPriceBandRate: null });
    const text = serializeSnapshot(snapshot(s));
    expect(text).not.toContain("orderProtection");
    const back = restore(parseSnapshot(text));
    expect(stateHash(back)).toBe(stateHash(s));
    expect(configHash(back)).toBe(configHash(s));
    const again = createEngine(cfg, T0);
    quotes(again, "BTC-PERP", 600_000, t);
    fundedAccount(again, 1, 10_000_000n, t);
    fundedAccount(again, 2, 10_000_000n, t);
    const pre = snapshot(again);
    expect(stateHash(replay(pre, journal))).toBe(stateHash(s));
  });

  it("DISC-1: a market configured without it gains it whole through a parameter change (previous value null)", () => {
    const s = createEngine(configWith(withoutProtection), T0);
    quotes(s, "BTC-PERP", 600_000, t);
    fundedAccount(s, 1, 10_000_000n, t);
    const value = { limitPriceBandRate: pct("5"), marketOrderSlippageRate: pct("2") };
    const r = must(s, {
      type: "UpdateMarketParameters",
      nowMs: t,
      market: "BTC-PERP",
      changes: [{ path: "orderProtection", value }],
      reason: "introduce the band",
    });
    expect(r.events[0]).toMatchObject({ changes: [{ path: "orderProtection", previous: null, next: value }] });
    expect(refused(s, order(1, "buy", 700_000, 1))?.code).toBe("PRICE_OUTSIDE_BAND");
    expect(
      refused(s, { type: "UpdateMarketParameters", nowMs: t, market: "ETH-PERP", changes: [{ path: "orderProtection", value: 5n }], reason: "wrong type" })
        ?.code,
    ).toBe("INVALID_PARAMETER_CHANGE");
  });
});

describe("MRG-1 / LIQ-3 pre-trade estimate: previewOrder equals what placing the order does", () => {
  function compare(s: EngineState, o: PlaceOrder) {
    const { type: _type, nowMs: _now, orderId: _id, ...input } = o;
    const before = stateHash(s);
    const p = previewOrder(s, input);
    expect(stateHash(s), "a preview changes nothing").toBe(before);
    if (!p.ok) throw new Error(p.rejection.message);
    expect(p.wouldBeRejected).toBeUndefined();
    const viewBefore = accountView(s, o.accountId)!;
    const imBefore = viewBefore.initialMargin;
    const posBefore = viewBefore.positions.find((x) => x.market === o.market);
    const openBefore = { buy: posBefore?.openBuy ?? 0, sell: posBefore?.openSell ?? 0 };
    const r = must(s, o);
    const trades = r.events.filter((e): e is Trade => e.type === "Trade" && e.takerOrderId === o.orderId);
    const lots = trades.reduce((n, x) => n + x.size, 0);
    expect(p.estimatedFillLots).toBe(lots);
    expect(p.worstPrice).toBe(trades.length === 0 ? null : trades[trades.length - 1].price);
    expect(p.fee).toBe(trades.reduce((n, x) => n + x.takerFee, 0n));
    const after = accountView(s, o.accountId)!;
    const pos = after.positions.find((x) => x.market === o.market);
    expect(p.positionAfter).toBe(pos?.size ?? 0);
    expect(p.restingLots).toBe(o.side === "buy" ? (pos?.openBuy ?? 0) - openBefore.buy : (pos?.openSell ?? 0) - openBefore.sell);
    expect(p.initialMarginAfter).toBe(after.initialMargin);
    expect(p.marginUsed).toBe(after.initialMargin - imBefore);
    expect(p.equityAfter).toBe(after.equity);
    expect(p.freeCollateralAfter).toBe(after.freeCollateral);
    expect(p.liquidationPriceAfter).toBe(pos?.liquidationPrice ?? 0);
    return p;
  }

  it("MRG-1, LIQ-3: a limit buy that partly fills and rests; a market sell that reduces; a market buy that flips", () => {
    const s = engine();
    must(s, order(2, "sell", 600_500, 30));
    must(s, order(2, "sell", 601_000, 30));
    must(s, order(2, "buy", 599_000, 200));
    const p = compare(s, order(1, "buy", 601_000, 100));
    expect(p).toMatchObject({ estimatedFillLots: 60, estimatedAveragePrice: 600_750, restingLots: 40, positionAfter: 60 });
    compare(s, order(1, "sell", undefined, 20));
    must(s, order(2, "sell", 602_000, 200));
    compare(s, order(1, "buy", undefined, 150));
    compare(s, order(1, "sell", 598_000, 500, { tif: "IOC" }));
  });

  it("ORD: a fat-fingered order is previewed with the refusal it would meet, and what it would have done", () => {
    const s = engine();
    must(s, order(1, "buy", 596_530, 10));
    const p = previewOrder(s, { accountId: 2, market: "BTC-PERP", side: "sell", orderType: "limit", price: 10, size: 10 });
    expect(p).toMatchObject({
      ok: true,
      estimatedFillLots: 10,
      worstPrice: 596_530,
      band: { low: 570_000, high: 630_000 },
      wouldBeRejected: { code: "PRICE_OUTSIDE_BAND", message: expect.stringContaining("57000.0 – 63000.0 USD") },
    });
    const big = previewOrder(s, { accountId: 2, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 1_000_000 });
    expect(big).toMatchObject({ ok: true, wouldBeRejected: { code: "INSUFFICIENT_MARGIN" } });
    const fok = previewOrder(s, { accountId: 2, market: "BTC-PERP", side: "sell", orderType: "limit", price: 596_530, size: 11, tif: "FOK" });
    expect(fok).toMatchObject({ ok: true, estimatedFillLots: 0, restingLots: 0, wouldBeRejected: { code: "FOK_NOT_FILLABLE" } });
    expect(previewOrder(s, { accountId: 99, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 1 })).toMatchObject({
      ok: false,
      rejection: { code: "UNKNOWN_ACCOUNT" },
    });
    expect(previewOrder(s, { accountId: 1, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 0 })).toMatchObject({
      ok: false,
      rejection: { code: "INVALID_SIZE" },
    });
  });

  it("LIQ-3: the liquidation price after the order is the one the position then shows", () => {
    const s = engineAt(600_000);
    fundedAccount(s, 1, 100_000n, t); // 1,000 USD
    fundedAccount(s, 2, 10_000_000n, t);
    must(s, order(2, "sell", 600_000, 300));
    const p = compare(s, order(1, "buy", undefined, 200)); // 12,000 USD at 12x
    expect(p.ok && p.liquidationPriceAfter).toBeGreaterThan(550_000);
    expect(p.ok && p.marginUsed).toBeGreaterThan(0n);
  });

  it("ORD: the preview stops at the account's own resting order, as self-trade prevention does", () => {
    const s = engine();
    must(s, order(2, "sell", 600_100, 5));
    must(s, order(1, "sell", 600_200, 5));
    must(s, order(2, "sell", 600_300, 5));
    compare(s, order(1, "buy", 600_300, 15));
  });
});
