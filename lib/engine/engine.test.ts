/**
 * Table tests for the engine: commands and rejections, collateral (COL-1/2/4), reduce-only,
 * exposure caps, funding settlement, liquidation and bankruptcy prices, the waterfall with
 * hand-computed balances (dYdX-style), ADL ranking, snapshot/restore/replay.
 *
 * Units in comments: BTC-PERP tick 0.1 USD, lot 0.001 BTC, so one tick × one lot = 100 micro-USD.
 */
import { describe, expect, it } from "vitest";
import { adlRankPpb, rankSide } from "./adl";
import { accountView, adlRisk, apply, checkInvariants, createEngine, marketView, stateHash, type EngineState } from "./index";
import { EngineConfigError } from "./exchange";
import { bankruptcyPrice, liquidationPrice } from "./liquidation";
import { USD } from "./fixed-point";
import { T0, T1 as t, SOURCES, configWith, engineAt, fundedAccount, must, newEngine, quotes, restoredFromText } from "./test-helpers";
import type { Command, EngineEvent, LiqStageEntered, Trade } from "./types";

function expectRejected(s: EngineState, c: Command, code: string) {
  const h = stateHash(s);
  const seq = s.seq;
  const r = apply(s, c);
  expect(r.rejection?.code).toBe(code);
  expect(r.events).toEqual([]);
  expect(s.seq).toBe(seq);
  expect(stateHash(s)).toBe(h);
}

describe("configuration", () => {
  it("refuses to start with an invalid config", () => {
    const bad = configWith((c) => {
      c.markets[0].marginTiers[0].maintenanceMarginRate = 0n;
      c.markets[1].funding.intervalMs = 36 * 3600 * 1000;
    });
    expect(() => createEngine(bad, T0)).toThrow(EngineConfigError);
    expect(() => createEngine(bad, T0)).toThrow(/MM_NOT_POSITIVE[\s\S]*FUNDING_INTERVAL_TOO_LONG/);
  });
  it("starts with BTC-PERP and ETH-PERP from config", () => {
    const s = newEngine();
    expect(s.markets.map((m) => m.symbol)).toEqual(["BTC-PERP", "ETH-PERP"]);
  });
});

describe("commands and rejections", () => {
  it("every bad input is a stable code and changes nothing", () => {
    const s = engineAt();
    fundedAccount(s, 1, 1_000_000n, t); // 10,000 USD
    fundedAccount(s, 2, 1_000_000n, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 601_000, size: 10 });
    const base = {
      type: "PlaceOrder" as const,
      nowMs: t,
      accountId: 1,
      orderId: 50,
      market: "BTC-PERP",
      side: "buy" as const,
      orderType: "limit" as const,
      price: 600_000,
      size: 10,
    };
    const cases: Array<[Command, string]> = [
      [{ ...base, market: "DOGE-PERP" }, "UNKNOWN_MARKET"],
      [{ ...base, accountId: 77 }, "UNKNOWN_ACCOUNT"],
      [{ ...base, size: 0 }, "INVALID_SIZE"],
      [{ ...base, size: 1.5 }, "INVALID_SIZE"],
      [{ ...base, size: 2_000_000 }, "INVALID_SIZE"],
      [{ ...base, price: 600_000.5 }, "PRICE_OFF_TICK"],
      [{ ...base, price: 0 }, "PRICE_OUT_OF_BOUNDS"],
      [{ ...base, price: 1_000_000_001 }, "PRICE_OUT_OF_BOUNDS"],
      [{ ...base, orderId: 1 }, "DUPLICATE_ORDER_ID"],
      [{ ...base, size: 100_000 }, "INSUFFICIENT_MARGIN"],
      [{ ...base, reduceOnly: true }, "REDUCE_ONLY_WOULD_INCREASE"],
      [{ ...base, price: 601_000, postOnly: true }, "POST_ONLY_WOULD_CROSS"],
      [{ ...base, price: 601_000, tif: "FOK", size: 11 }, "FOK_NOT_FILLABLE"],
      [{ type: "CancelOrder", nowMs: t, accountId: 1, orderId: 1 }, "NOT_ORDER_OWNER"],
      [{ type: "CancelOrder", nowMs: t, accountId: 1, orderId: 999 }, "UNKNOWN_ORDER"],
      [{ type: "CreateAccount", nowMs: t, accountId: 1, kind: "client" }, "ACCOUNT_EXISTS"],
      [{ type: "Deposit", nowMs: t, accountId: 1, depositId: "u", assetId: "USDT", amountMinor: 100n }, "INELIGIBLE_COLLATERAL"],
      [{ type: "Deposit", nowMs: t, accountId: 1, depositId: "b", assetId: "BTC", amountMinor: 100n }, "INELIGIBLE_COLLATERAL"],
      [{ type: "Deposit", nowMs: t, accountId: 1, depositId: "h", assetId: "HKD", amountMinor: 100n }, "INELIGIBLE_COLLATERAL"], // no FX yet
      [{ type: "Deposit", nowMs: t, accountId: 1, depositId: "d1-" + t, assetId: "USD", amountMinor: 100n }, "DUPLICATE_DEPOSIT"],
      [{ type: "SettleDeposit", nowMs: t, depositId: "nope" }, "UNKNOWN_DEPOSIT"],
      [{ type: "SettleDeposit", nowMs: t, depositId: "d1-" + t }, "DEPOSIT_ALREADY_SETTLED"],
      [{ type: "Withdraw", nowMs: t, accountId: 1, withdrawalId: "w", amount: 20_000n * USD }, "INSUFFICIENT_FREE_COLLATERAL"],
      [{ type: "Withdraw", nowMs: t, accountId: 1, withdrawalId: "w", amount: 0n }, "INVALID_AMOUNT"],
      [{ ...base, nowMs: t - 1 }, "TIME_WENT_BACKWARDS"],
      [{ type: "Nope", nowMs: t } as unknown as Command, "INVALID_COMMAND"],
    ];
    for (const [c, code] of cases) expectRejected(s, c, code);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("events carry consecutive seqs, nowMs and type; trades carry tape fields and AFMM flags", () => {
    const s = engineAt();
    fundedAccount(s, 1, 1_000_000n, t);
    fundedAccount(s, 2, 1_000_000n, t, "afmm");
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 5 });
    const r = must(s, { type: "PlaceOrder", nowMs: t + 5, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "market", size: 5 });
    expect(r.events.map((e) => e.type)).toEqual(["OrderAccepted", "Trade"]);
    const tr = r.events[1] as Trade;
    expect(tr).toMatchObject({
      nowMs: t + 5,
      price: 600_000,
      size: 5,
      aggressor: "buy",
      takerAccountId: 1,
      makerAccountId: 2,
      takerAfmm: false,
      makerAfmm: true,
      liquidation: false,
      adl: false,
      backstop: false,
      makerRemaining: 0,
    });
    // Fees: notional 600,000 × 5 × 100 = 300,000,000 micro-USD; taker 0.05 % = 150,000; maker 0.02 % = 60,000.
    expect(tr.takerFee).toBe(150_000n);
    expect(tr.makerFee).toBe(60_000n);
    expect(r.events[1].seq).toBe(r.events[0].seq + 1);
  });

  it("self-trade prevention cancels the taker", () => {
    const s = engineAt();
    fundedAccount(s, 1, 1_000_000n, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 5 });
    const r = must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 5 });
    expect(r.events.map((e) => e.type)).toEqual(["OrderAccepted", "OrderClosed"]);
    expect(r.events[1]).toMatchObject({ reason: "stp", cancelledSize: 5 });
  });
});

describe("collateral (COL-1, COL-2, COL-4)", () => {
  it("pending deposits do not count: COLLATERAL_NOT_RECEIVED until settled", () => {
    const s = engineAt();
    must(s, { type: "CreateAccount", nowMs: t, accountId: 1, kind: "client" });
    fundedAccount(s, 2, 1_000_000n, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
    must(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "p", assetId: "USD", amountMinor: 100_000n }); // 1,000 USD pending
    const c: Command = {
      type: "PlaceOrder",
      nowMs: t,
      accountId: 1,
      orderId: 2,
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 600_000,
      size: 100,
    };
    expectRejected(s, c, "COLLATERAL_NOT_RECEIVED");
    must(s, { type: "SettleDeposit", nowMs: t, depositId: "p" });
    expect(apply(s, c).rejection).toBeUndefined();
  });

  it("HKD is valued at the FX input with its haircut; a suspended asset is refused", () => {
    const s = engineAt();
    must(s, { type: "CreateAccount", nowMs: t, accountId: 1, kind: "client" });
    must(s, { type: "SetFxRate", nowMs: t, usdPerHkd: 128_205_128n }); // 7.8 HKD per USD
    must(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "h", assetId: "HKD", amountMinor: 780_000n }); // 7,800 HKD
    const r = must(s, { type: "SettleDeposit", nowMs: t, depositId: "h" });
    // 7,800 HKD × 0.128205128 = 999.9999984 USD gross; × (1 − 1 %) = 989.999998416 → floor 989,999,998 micro-USD.
    expect(r.events[0]).toMatchObject({ type: "DepositSettled", grossValueUsd: 999_999_998n, credited: 989_999_998n });
    must(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "x", assetId: "USDX-DEMO", amountMinor: 5_000_000n });
    must(s, { type: "SuspendCollateral", nowMs: t, breaker: { assetId: "USDX-DEMO", mode: "INELIGIBLE", cause: "DEPEG", sinceMs: t } });
    expectRejected(s, { type: "SettleDeposit", nowMs: t, depositId: "x" }, "INELIGIBLE_COLLATERAL");
    expectRejected(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "y", assetId: "USDX-DEMO", amountMinor: 5n }, "INELIGIBLE_COLLATERAL");
  });

  it("withdrawals only of free collateral", () => {
    const s = engineAt();
    fundedAccount(s, 1, 100_000n, t); // 1,000 USD
    fundedAccount(s, 2, 1_000_000n, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 100 });
    // Cash 1000 − 3 fee = 997; IM of 6,000 USD at 50x = 120 → free 877.
    expect(accountView(s, 1)!.freeCollateral).toBe(877n * USD);
    expectRejected(s, { type: "Withdraw", nowMs: t, accountId: 1, withdrawalId: "w1", amount: 877n * USD + 1n }, "INSUFFICIENT_FREE_COLLATERAL");
    must(s, { type: "Withdraw", nowMs: t, accountId: 1, withdrawalId: "w1", amount: 877n * USD });
    expect(checkInvariants(s)).toEqual([]);
  });
});

describe("limits and reduce-only", () => {
  function longTen(): EngineState {
    const s = engineAt();
    fundedAccount(s, 1, 1_000_000n, t);
    fundedAccount(s, 2, 1_000_000n, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 10 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 10 });
    return s;
  }

  it("reduce-only orders are clipped to the position, rejected when they cannot reduce, and shrink with it", () => {
    const s = longTen();
    const r = must(s, {
      type: "PlaceOrder",
      nowMs: t,
      accountId: 1,
      orderId: 3,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 610_000,
      size: 15,
      reduceOnly: true,
    });
    expect(r.events[0]).toMatchObject({ type: "OrderAccepted", size: 10, requestedSize: 15, reduceOnly: true });
    expectRejected(
      s,
      {
        type: "PlaceOrder",
        nowMs: t,
        accountId: 1,
        orderId: 4,
        market: "BTC-PERP",
        side: "sell",
        orderType: "limit",
        price: 610_000,
        size: 1,
        reduceOnly: true,
      },
      "REDUCE_ONLY_WOULD_INCREASE",
    );
    expectRejected(
      s,
      {
        type: "PlaceOrder",
        nowMs: t,
        accountId: 1,
        orderId: 4,
        market: "BTC-PERP",
        side: "buy",
        orderType: "limit",
        price: 590_000,
        size: 1,
        reduceOnly: true,
      },
      "REDUCE_ONLY_WOULD_INCREASE",
    );
    // The position shrinks by 4 through a normal sell → the resting reduce-only order shrinks to 6.
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 5, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 4 });
    const r2 = must(s, {
      type: "PlaceOrder",
      nowMs: t,
      accountId: 1,
      orderId: 6,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 600_000,
      size: 4,
    });
    expect(r2.events.find((e) => e.type === "OrderReduced")).toMatchObject({ orderId: 3, remaining: 6 });
    // Flat → the reduce-only order is cancelled.
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 7, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 6 });
    const r3 = must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 8, market: "BTC-PERP", side: "sell", orderType: "market", size: 6 });
    expect(r3.events.find((e) => e.type === "OrderClosed")).toMatchObject({ orderId: 3, reason: "reduce_only", cancelledSize: 6 });
    expect(checkInvariants(s)).toEqual([]);
  });

  it("PI-8, PI-7: turning an account reduce-only cancels its resting opening orders in the same command; reduce-only orders stay", () => {
    const s = longTen();
    // Resting: an opening buy (BTC), a reduce-only sell (BTC), an opening sell (ETH).
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 3, market: "BTC-PERP", side: "buy", orderType: "limit", price: 590_000, size: 2 });
    must(s, {
      type: "PlaceOrder",
      nowMs: t,
      accountId: 1,
      orderId: 4,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 620_000,
      size: 4,
      reduceOnly: true,
    });
    quotes(s, "ETH-PERP", 300_000, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 5, market: "ETH-PERP", side: "sell", orderType: "limit", price: 310_000, size: 3 });
    // Another account's resting order is not touched.
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 6, market: "BTC-PERP", side: "buy", orderType: "limit", price: 580_000, size: 1 });

    const r = must(s, { type: "SetAccountLimits", nowMs: t, accountId: 1, reduceOnly: true });
    expect(r.events.map((e) => e.type)).toEqual(["AccountLimitsSet", "OrderClosed", "OrderClosed"]);
    expect(r.events[0]).toMatchObject({ accountId: 1, reduceOnly: true });
    expect(r.events.slice(1)).toEqual([
      expect.objectContaining({ orderId: 3, accountId: 1, market: "BTC-PERP", reason: "reduce_only", cancelledSize: 2 }),
      expect.objectContaining({ orderId: 5, accountId: 1, market: "ETH-PERP", reason: "reduce_only", cancelledSize: 3 }),
    ]);
    expect(
      s.orders
        .values()
        .map((o) => o.id)
        .sort((x, y) => x - y),
    ).toEqual([4, 6]);
    expect(accountView(s, 1)!.positions.find((p) => p.market === "BTC-PERP")).toMatchObject({ openBuy: 0, openSell: 4 });
    expect(checkInvariants(s)).toEqual([]);

    // Setting it again (already reduce-only) cancels nothing more; lifting it cancels nothing either.
    expect(must(s, { type: "SetAccountLimits", nowMs: t, accountId: 1, reduceOnly: true }).events.map((e) => e.type)).toEqual(["AccountLimitsSet"]);
    expect(must(s, { type: "SetAccountLimits", nowMs: t, accountId: 1, reduceOnly: false }).events.map((e) => e.type)).toEqual(["AccountLimitsSet"]);
    expect(s.orders.has(4)).toBe(true);
    // Lifted: an opening order is accepted again.
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 7, market: "BTC-PERP", side: "buy", orderType: "limit", price: 590_000, size: 1 });
    // A cap change alone never cancels anything.
    expect(must(s, { type: "SetAccountLimits", nowMs: t, accountId: 1, maxInitialMargin: 1_000n * USD }).events.map((e) => e.type)).toEqual([
      "AccountLimitsSet",
    ]);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("account-level reduce-only and exposure caps", () => {
    const s = longTen();
    must(s, { type: "SetAccountLimits", nowMs: t, accountId: 1, reduceOnly: true });
    expectRejected(
      s,
      { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 3, market: "BTC-PERP", side: "buy", orderType: "limit", price: 590_000, size: 1 },
      "REDUCE_ONLY_ACCOUNT",
    );
    const r = must(s, {
      type: "PlaceOrder",
      nowMs: t,
      accountId: 1,
      orderId: 4,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 610_000,
      size: 20,
    });
    expect(r.events[0]).toMatchObject({ size: 10, reduceOnly: true });
    must(s, { type: "SetAccountLimits", nowMs: t, accountId: 2, maxNotional: 1_000n * USD });
    // Account 2 is short 10 lots (600 USD); 10 more would be 1,200 USD of worst-case notional.
    expectRejected(
      s,
      { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 5, market: "BTC-PERP", side: "sell", orderType: "limit", price: 620_000, size: 10 },
      "EXPOSURE_CAP",
    );
    must(s, { type: "SetAccountLimits", nowMs: t, accountId: 2, maxNotional: null, maxInitialMargin: 10n * USD });
    expectRejected(
      s,
      { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 5, market: "BTC-PERP", side: "sell", orderType: "limit", price: 620_000, size: 10 },
      "EXPOSURE_CAP",
    );
  });
});

describe("funding settlement", () => {
  it("payers pay ⌈N·F⌉, receivers share by largest remainder, Σ = 0 exactly", () => {
    const s = newEngine(); // default interest 0.01 % per 8 h
    quotes(s, "BTC-PERP", 600_001, t);
    for (const id of [1, 2, 3, 4]) fundedAccount(s, id, 10_000_000n, t);
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 3, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_001, size: 5 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 4, orderId: 2, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_001, size: 5 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 3, market: "BTC-PERP", side: "buy", orderType: "market", size: 7 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 4, market: "BTC-PERP", side: "buy", orderType: "market", size: 3 });
    const mv = marketView(s, "BTC-PERP")!;
    expect(mv.predictedFunding.rate).toBe(100_000n); // queryable any time
    const r = must(s, { type: "Tick", nowMs: mv.nextFundingMs });
    const f = r.events.find((e) => e.type === "FundingSettled")!;
    if (f.type !== "FundingSettled") throw new Error();
    expect(f.rate).toBe(100_000n);
    const mark = f.markPrice;
    const pay = (lots: number) => -((BigInt(lots) * BigInt(mark) * 100n * 100_000n + 999_999_999n) / 1_000_000_000n);
    const byId = new Map(f.transfers.map((x) => [x.accountId, x.amount]));
    expect(byId.get(1)).toBe(pay(7));
    expect(byId.get(2)).toBe(pay(3));
    const collected = -(pay(7) + pay(3));
    // Equal weights: the two shorts get ⌊C/2⌋ each and the odd micro-USD goes to the lower id.
    expect(byId.get(3)).toBe(collected / 2n + (collected % 2n));
    expect(byId.get(4)).toBe(collected / 2n);
    expect([...byId.values()].reduce((a, b) => a + b, 0n)).toBe(0n);
    expect(checkInvariants(s)).toEqual([]);
  });
});

/** Victim 1 buys 100 lots (0.1 BTC) at 60,000.0 from account 2; cash after the 3 USD taker fee = 197 USD. */
function victimSetup(opts: { bid?: number; backstopCapacityUsd?: bigint; fundUsd?: bigint }): EngineState {
  const s = engineAt(600_000);
  fundedAccount(s, 1, 20_000n, t); // 200 USD
  fundedAccount(s, 2, 10_000_000n, t); // 100,000 USD
  fundedAccount(s, 3, 10_000_000n, t);
  if (opts.backstopCapacityUsd !== undefined) {
    must(s, { type: "CreateAccount", nowMs: t, accountId: 9, kind: "backstop", backstop: { priority: 0, capacity: opts.backstopCapacityUsd * USD } });
    must(s, { type: "Deposit", nowMs: t, accountId: 9, depositId: "b", assetId: "USD", amountMinor: 1_000_000n });
    must(s, { type: "SettleDeposit", nowMs: t, depositId: "b" });
  }
  if (opts.fundUsd) must(s, { type: "FundInsurance", nowMs: t, fundingId: "if", market: "BTC-PERP", amount: opts.fundUsd * USD });
  must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
  must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 100 });
  if (opts.bid)
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 3, orderId: 3, market: "BTC-PERP", side: "buy", orderType: "limit", price: opts.bid, size: 100 });
  return s;
}

describe("liquidation and bankruptcy prices", () => {
  it("long and short, hand-computed (tier 1, MMR 0.5 %)", () => {
    const s = victimSetup({});
    const a = s.accounts.get(1)!;
    const m = s.marketBySymbol.get("BTC-PERP")!;
    // equity(P) = 197 − 6,000 + 0.1·P USD; MM = 0.5 % × 0.1·P.  g(P) = 9,950·P − 5,803,000,000 micro < 0 ⇔ P < 583,216.08 ticks.
    expect(liquidationPrice(s, a, m)).toBe(583_216);
    // equity(B) = 0 ⇔ P = 580,300 ticks (58,030.0 USD).
    expect(bankruptcyPrice(s, a, m)).toBe(580_300);
    // Short side: account 2 is short 100 lots with 99,998.80 USD cash. equity(P) = 105,998,800,000 − 10,000·P micro;
    // near P ≈ 10.5M ticks the notional (≈105k USD) is in tier 2: MM = 1 %·N − 250 USD = 100·P − 250,000,000.
    // g(P) = 106,248,800,000 − 10,100·P < 0 ⇔ P > 10,519,683.2 → L = 10,519,684; B = 600,000 + 9,999,880.
    const b = s.accounts.get(2)!;
    expect(liquidationPrice(s, b, m)).toBe(10_519_684);
    expect(bankruptcyPrice(s, b, m)).toBe(10_599_880);
    const view = accountView(s, 1)!;
    expect(view.positions[0]).toMatchObject({ liquidationPrice: 583_216, bankruptcyPrice: 580_300, averageEntry: 600_000, size: 100 });
  });
});

describe("liquidation waterfall (hand-computed balances)", () => {
  it("book stage: the bid above bankruptcy absorbs the position; the fee (capped at equity) goes to the fund", () => {
    const s = victimSetup({ bid: 582_000 });
    // Index to 58,300.0: equity = 197 − 170 = 27 USD < MM 29.15, and ≥ 2/3·MM → book stage.
    const r = quotes(s, "BTC-PERP", 583_000, t + 1);
    const types = r.events.map((e) => (e.type === "LiqStageEntered" ? `stage:${e.stage}` : e.type));
    expect(types).toEqual([
      "IndexTick",
      "MarkTick",
      "LiquidationStarted",
      "stage:cancel_orders",
      "stage:book",
      "Trade",
      "InsuranceFundChanged",
      "LiquidationCompleted",
    ]);
    const book = r.events.find((e) => e.type === "LiqStageEntered" && e.stage === "book") as LiqStageEntered;
    expect(book).toMatchObject({ bankruptcyPrice: 580_300, markPrice: 583_000, sizeToClose: 100, sizeClosed: 100, amount: 17n * USD, equityAfter: 0n });
    const trade = r.events.find((e) => e.type === "Trade") as Trade;
    expect(trade).toMatchObject({ price: 582_000, size: 100, takerAccountId: 1, makerAccountId: 3, liquidation: true, takerFee: 0n });
    // Victim: 197 − 180 (sold at 58,200) − 17 fee (0.5 % × 5,820 = 29.10 capped at the 17 left) = 0.
    expect(accountView(s, 1)!.cash).toBe(0n);
    expect(marketView(s, "BTC-PERP")!.insuranceFund.balance).toBe(17n * USD);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("backstop → insurance fund → ADL, each stage recorded, balances to the micro-USD", () => {
    const s = victimSetup({ backstopCapacityUsd: 3_000n, fundUsd: 110n });
    // Index to 57,500.0: equity = 197 − 250 = −53 USD (< 2/3·MM: book skipped). B = 575,000 + 5,300 = 580,300.
    // Loss per lot vs mark = 5,300 ticks × 100 = 0.53 USD. Capacity 3,000 USD / (580,300 × 100) = 51 lots;
    // fund above floor = 10 USD → 18 lots. LP takes 18, fund pays 9.54; 82 lots → ADL against account 2,
    // compensated with the 0.46 USD left, and the fund hits its floor (depletion event, DISC-6).
    const r = quotes(s, "BTC-PERP", 575_000, t + 1);
    const seq = r.events.map((e) => (e.type === "LiqStageEntered" ? `stage:${e.stage}` : e.type));
    expect(seq).toEqual([
      "IndexTick",
      "MarkTick",
      "LiquidationStarted",
      "stage:cancel_orders",
      "stage:backstop",
      "Trade",
      "InsuranceFundChanged",
      "stage:insurance_fund",
      "stage:adl",
      "Trade",
      "InsuranceFundChanged",
      "InsuranceFundDepleted",
      "LiquidationCompleted",
    ]);
    const stage = (name: string) => r.events.find((e) => e.type === "LiqStageEntered" && e.stage === name) as LiqStageEntered;
    expect(stage("backstop")).toMatchObject({
      reason: "equity_below_backstop_trigger",
      bankruptcyPrice: 580_300,
      markPrice: 575_000,
      sizeToClose: 100,
      sizeClosed: 18,
      amount: 9_540_000n,
    });
    expect(stage("insurance_fund")).toMatchObject({ amount: 9_540_000n, sizeToClose: 82 });
    expect(stage("adl")).toMatchObject({ reason: "insurance_fund_exhausted", sizeToClose: 82, sizeClosed: 82, amount: 460_000n });
    expect(stage("adl").counterparties).toEqual([{ accountId: 2, lots: 82, rankPpb: expect.any(BigInt), upnlBefore: 250n * USD - 0n }]);
    const trades = r.events.filter((e): e is Trade => e.type === "Trade");
    expect(trades.map((x) => [x.price, x.size, x.makerAccountId, x.backstop, x.adl])).toEqual([
      [580_300, 18, 9, true, false],
      [580_300, 82, 2, false, true],
    ]);
    // Victim: 197 − 100 lots × (600,000 − 580,300) × 100 micro = 197 − 197 = 0: never owes more than posted.
    expect(accountView(s, 1)!.cash).toBe(0n);
    // LP: 10,000 USD + 9.54 compensation; long 18 at 58,030 → at mark exactly 10,000 USD of equity.
    expect(accountView(s, 9)).toMatchObject({ cash: 10_009_540_000n, equity: 10_000n * USD });
    // Account 2: 100,000 − 1.20 fee + realized (⌈6,000·82/100⌉ cost removed vs 4,758.46 paid = 161.54) + 0.46.
    expect(accountView(s, 2)!.cash).toBe(99_998_800_000n + 161_540_000n + 460_000n);
    expect(marketView(s, "BTC-PERP")!.insuranceFund).toMatchObject({ balance: 100n * USD, available: 0n, depleted: true });
    expect(checkInvariants(s)).toEqual([]);
  });

  it("ADL is not reached while the fund and backstop capacity can absorb", () => {
    const s = victimSetup({ backstopCapacityUsd: 100_000n, fundUsd: 1_000n });
    const r = quotes(s, "BTC-PERP", 575_000, t + 1);
    const stages = r.events.filter((e): e is LiqStageEntered => e.type === "LiqStageEntered").map((e) => e.stage);
    expect(stages).toEqual(["cancel_orders", "backstop", "insurance_fund"]);
    expect(accountView(s, 9)!.positions[0].size).toBe(100);
    // Fund paid 100 lots × 0.53 = 53 USD: exactly the victim's negative equity.
    expect(marketView(s, "BTC-PERP")!.insuranceFund.balance).toBe(947n * USD);
  });
});

describe("ADL ranking and risk", () => {
  it("ranks by PnL% × effective leverage, ties by account id; lights and distance-to-ADL", () => {
    const s = engineAt(600_000);
    fundedAccount(s, 1, 100_000_000n, t); // the long side
    fundedAccount(s, 2, 100_000n, t); // 1,000 USD short 100 @ 60,000 (6x)
    fundedAccount(s, 3, 1_000_000n, t); // 10,000 USD short 100 @ 60,000 (0.6x)
    fundedAccount(s, 4, 1_000_000n, t); // 10,000 USD short 100 @ 60,000 — identical to 3
    for (const [i, id] of [2, 3, 4].entries()) {
      must(s, {
        type: "PlaceOrder",
        nowMs: t,
        accountId: id,
        orderId: 10 + i,
        market: "BTC-PERP",
        side: "sell",
        orderType: "limit",
        price: 600_000,
        size: 100,
      });
      must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 20 + i, market: "BTC-PERP", side: "buy", orderType: "market", size: 100 });
    }
    quotes(s, "BTC-PERP", 590_000, t + 1);
    const m = s.marketBySymbol.get("BTC-PERP")!;
    const ranked = rankSide(s, m, false);
    expect(ranked.map((r) => r.account.id)).toEqual([2, 3, 4]);
    // Account 2 (maker, 1.20 USD fee): uPnL 100 USD, |cost| 6,000, |MV| 5,900, equity 998.80 + 100 = 1,098.80
    // → rank = 100 · 5,900 / (6,000 · 1,098.80), in ppb, floored.
    expect(accountView(s, 2)!.equity).toBe(1_098_800_000n);
    expect(adlRankPpb(s.accounts.get(2)!, m, 1_098_800_000n)).toBe((100n * 5_900n * 1_000_000_000n * USD) / (6_000n * 1_098_800_000n));
    expect(ranked[1].rankPpb).toBe(ranked[2].rankPpb);
    const view = accountView(s, 2)!;
    expect(view.positions[0].adlLights).toBe(5);
    expect(accountView(s, 4)!.positions[0].adlLights).toBe(2);
    const risk = adlRisk(s, "BTC-PERP")!;
    expect(risk.curve).toHaveLength(101);
    // Account 2 (short 100 lots = 0.01 USD per tick, equity 1,098.80 USD) is past bankruptcy above
    // 590,000 + 109,880 ticks; with no fund and no backstop capacity, ADL is needed from the next tick.
    expect(risk.up).toMatchObject({ price: 699_881 });
    // The long (300 lots, ~1,000,000 USD equity) never goes bankrupt within −50 %.
    expect(risk.down).toBeNull();
  });
});

describe("snapshot, restore, replay", () => {
  it("restore(serialized snapshot) has the same hash and produces the same events afterwards", () => {
    const s = victimSetup({ backstopCapacityUsd: 3_000n, fundUsd: 110n });
    const r = restoredFromText(s);
    expect(stateHash(r)).toBe(stateHash(s));
    const cmds: Command[] = [
      {
        type: "IndexQuotes",
        nowMs: t + 1,
        market: "BTC-PERP",
        quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 575_000, timestampMs: t + 1, recentVolumeUsd: 50_000_000 })),
      },
      { type: "Tick", nowMs: t + 2 },
    ];
    const a: EngineEvent[] = [];
    const b: EngineEvent[] = [];
    for (const c of cmds) {
      a.push(...apply(s, c).events);
      b.push(...apply(r, c).events);
    }
    expect(b).toEqual(a);
    expect(stateHash(r)).toBe(stateHash(s));
  });
});
