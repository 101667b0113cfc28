/**
 * The liquidation rule (LIQ-1, LIQ-2, LIQ-3): a market's `liquidation.closeOut`. "full" (the default,
 * the rule the framework states) closes every position of an account in default through the
 * waterfall; "partial" stops as soon as the account is back above maintenance margin; a
 * configuration written before the field (absent) keeps its hash and runs "partial".
 *
 * Hand-checked set-up (quietConfig: no interest, so mark = index; liquidation fee 0 and a 1,000 USD
 * book chunk, so a close at mark leaves equity unchanged and health returns after one chunk):
 * victim 1 deposits 300 USD, buys 100 lots BTC at 60,000.0 (taker fee 3 USD) and, in the two-market
 * cases, 100 lots ETH at 3,000.00 (1.50 USD). BTC only: index to 57,300.0, equity 297 − 270 = 27 USD <
 * MM 0.5 % × 5,730 = 28.65 USD. With ETH: index to 57,500.0, equity 295.50 − 250 = 45.50 USD < MM
 * 28.75 + 0.65 % × 3,000 = 48.25 USD. Both are above the backstop fraction (2/3 of MM), so the book
 * stage runs; one BTC chunk is 17 lots, after which the account is back above maintenance.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeOutOf, type EngineConfigInput, type LiquidationCloseOut } from "./config-types";
import {
  accountView,
  apply,
  canonicalHash,
  checkInvariants,
  configHash,
  createEngine,
  liveConfig,
  parseSnapshot,
  restore,
  snapshot,
  stateHash,
  type EngineState,
} from "./index";
import { USD } from "./fixed-point";
import { DEFAULT_ENGINE_CONFIG } from "./default-config";
import { T1 as t, configWith, fundedAccount, must, quietConfig, quotes, restoredFromText } from "./test-helpers";
import type { EngineEvent, LiqStageEntered, LiquidationCompleted, OrderClosed, Trade } from "./types";

const BTC = "BTC-PERP";
const ETH = "ETH-PERP";

function config(rule: LiquidationCloseOut | "absent"): EngineConfigInput {
  const c = quietConfig();
  for (const m of c.markets) {
    m.liquidation.liquidationFeeRate = 0n;
    m.liquidation.maxBookChunkNotional = 1_000n * USD;
    // The crash is staged with resting bids far below the opening price: no fat-finger band here.
    delete m.orderProtection;
    if (rule === "absent") delete m.liquidation.closeOut;
    else m.liquidation.closeOut = rule;
  }
  return c;
}

interface Setup {
  rule: LiquidationCloseOut | "absent";
  eth?: boolean;
  /** Lots account 3 bids at the crash price in each market (default: the whole position). */
  bidLots?: number;
  backstopCapacityUsd?: bigint;
}

function defaulting(o: Setup): EngineState {
  const s = createEngine(config(o.rule), t - 1_000);
  quotes(s, BTC, 600_000, t);
  if (o.eth) quotes(s, ETH, 300_000, t);
  fundedAccount(s, 1, 30_000n, t); // 300 USD
  fundedAccount(s, 2, 10_000_000n, t);
  fundedAccount(s, 3, 10_000_000n, t);
  if (o.backstopCapacityUsd !== undefined) {
    must(s, { type: "CreateAccount", nowMs: t, accountId: 9, kind: "backstop", backstop: { priority: 0, capacity: o.backstopCapacityUsd * USD } });
    must(s, { type: "Deposit", nowMs: t, accountId: 9, depositId: "b", assetId: "USD", amountMinor: 1_000_000n });
    must(s, { type: "SettleDeposit", nowMs: t, depositId: "b" });
  }
  let id = 1;
  const open = (market: string, price: number, bid: number) => {
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: id++, market, side: "sell", orderType: "limit", price, size: 100 });
    must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: id++, market, side: "buy", orderType: "limit", price, size: 100 });
    if ((o.bidLots ?? 100) > 0)
      must(s, { type: "PlaceOrder", nowMs: t, accountId: 3, orderId: id++, market, side: "buy", orderType: "limit", price: bid, size: o.bidLots ?? 100 });
  };
  open(BTC, 600_000, crashPrice(o));
  if (o.eth) open(ETH, 300_000, 300_000);
  // A resting order of the victim far from the market: liquidation must cancel it.
  must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 500, market: BTC, side: "sell", orderType: "limit", price: 700_000, size: 1 });
  return s;
}

/** BTC falls to 57,300.0 (BTC only) or 57,500.0 (with ETH): in default, above the backstop fraction. */
const crashPrice = (o: Pick<Setup, "eth">) => (o.eth ? 575_000 : 573_000);
const crash = (s: EngineState) => quotes(s, BTC, crashPrice({ eth: s.markets[1].holders.size > 0 }), t + 1).events;
const stagesOf = (events: EngineEvent[]) =>
  events.filter((e): e is LiqStageEntered => e.type === "LiqStageEntered").map((e) => (e.market === null ? e.stage : `${e.market}:${e.stage}`));
const completed = (events: EngineEvent[]) => events.find((e): e is LiquidationCompleted => e.type === "LiquidationCompleted")!;
const positions = (s: EngineState) => accountView(s, 1)!.positions.filter((p) => p.size !== 0);

describe("liquidation rule: full close-out by default (LIQ-1, LIQ-2)", () => {
  it("LIQ-1: the default configuration closes out in full in every market, and the rule is documented", () => {
    expect(DEFAULT_ENGINE_CONFIG.markets.map((m) => [m.symbol, m.liquidation.closeOut])).toEqual([
      [BTC, "full"],
      [ETH, "full"],
    ]);
  });

  it("LIQ-1: single market, full: a defaulting account's whole position is closed, its resting orders cancelled, nothing remains open", () => {
    const s = defaulting({ rule: "full" });
    const events = crash(s);
    expect(stagesOf(events)).toEqual(["cancel_orders", `${BTC}:book`]);
    const cancelled = events.find((e): e is OrderClosed => e.type === "OrderClosed");
    expect(cancelled).toMatchObject({ orderId: 500, reason: "liquidation" });
    const sold = events.filter((e): e is Trade => e.type === "Trade" && e.takerAccountId === 1);
    // Six chunks of at most 17 lots, at mark: health returned after the first, the book stage went on.
    expect(sold.map((x) => x.size)).toEqual([17, 17, 17, 17, 17, 15]);
    expect(completed(events)).toMatchObject({ partial: false, equity: 27n * USD });
    expect(positions(s)).toEqual([]);
    expect([...s.orders.values()].filter((o) => o.account.id === 1)).toEqual([]);
    // A close at mark with no fee: the client keeps the 27 USD it still had.
    expect(accountView(s, 1)!.equity).toBe(27n * USD);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("LIQ-1: partial (the configured alternative) still stops as soon as the account is back above maintenance", () => {
    const s = defaulting({ rule: "partial" });
    const events = crash(s);
    expect(stagesOf(events)).toEqual(["cancel_orders", `${BTC}:book`]);
    expect(events.filter((e): e is Trade => e.type === "Trade").map((x) => x.size)).toEqual([17]);
    expect(completed(events).partial).toBe(true);
    expect(positions(s).map((p) => [p.market, p.size])).toEqual([[BTC, 83]]);
    const view = accountView(s, 1)!;
    expect(view.equity >= view.maintenanceMargin).toBe(true);
  });

  it("LIQ-1, LIQ-2: cross margin, two markets, full: the defaulting account's positions in both markets are closed, in config order", () => {
    const s = defaulting({ rule: "full", eth: true });
    const events = crash(s);
    expect(stagesOf(events)).toEqual(["cancel_orders", `${BTC}:book`, `${ETH}:book`]);
    const sold = events.filter((e): e is Trade => e.type === "Trade" && e.takerAccountId === 1);
    expect(sold.reduce((n, x) => n + (x.market === BTC ? x.size : 0), 0)).toBe(100);
    expect(sold.reduce((n, x) => n + (x.market === ETH ? x.size : 0), 0)).toBe(100);
    // Every BTC fill comes before every ETH fill.
    expect(sold.findIndex((x) => x.market === ETH)).toBe(sold.filter((x) => x.market === BTC).length);
    expect(completed(events).partial).toBe(false);
    expect(positions(s)).toEqual([]);
    expect(accountView(s, 1)!.equity).toBe(45_500_000n);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("LIQ-1: cross margin, two markets, partial: one BTC chunk restores health and ETH is not touched", () => {
    const s = defaulting({ rule: "partial", eth: true });
    const events = crash(s);
    expect(stagesOf(events)).toEqual(["cancel_orders", `${BTC}:book`]);
    expect(positions(s).map((p) => [p.market, p.size])).toEqual([
      [BTC, 83],
      [ETH, 100],
    ]);
  });

  it("LIQ-1: full close-out with a thin book goes on through the waterfall in order: book → backstop → insurance fund; out of default the rest moves at mark", () => {
    const s = defaulting({ rule: "full", bidLots: 30, backstopCapacityUsd: 100_000n });
    const fundBefore = s.marketBySymbol.get(BTC)!.insurance.balance;
    const events = crash(s);
    expect(stagesOf(events)).toEqual(["cancel_orders", `${BTC}:book`, `${BTC}:backstop`, `${BTC}:insurance_fund`]);
    const backstop = events.find((e): e is LiqStageEntered => e.type === "LiqStageEntered" && e.stage === "backstop")!;
    // The book took 30 lots; the account was back above maintenance, so the LP takes the 70 left at mark, not at the bankruptcy price.
    expect(backstop).toMatchObject({ reason: "book_exhausted", sizeToClose: 70, sizeClosed: 70, transferPrice: 573_000, amount: 0n });
    expect(backstop.bankruptcyPrice).toBeLessThan(573_000);
    const lp = events.find((e): e is Trade => e.type === "Trade" && e.backstop)!;
    expect(lp).toMatchObject({ price: 573_000, size: 70, makerAccountId: 9 });
    expect(s.marketBySymbol.get(BTC)!.insurance.balance).toBe(fundBefore);
    expect(positions(s)).toEqual([]);
    expect(accountView(s, 1)!.equity).toBe(27n * USD);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("LIQ-1: full close-out with no book and no backstop reaches ADL last, and still nothing remains open", () => {
    const s = defaulting({ rule: "full", bidLots: 0, backstopCapacityUsd: 0n });
    const events = crash(s);
    // The book stage finds no bid at or above the bankruptcy price: the account stays in default, so
    // backstop, fund and ADL transfer at the bankruptcy price (the partial rule would do the same here).
    expect(stagesOf(events)).toEqual(["cancel_orders", `${BTC}:book`, `${BTC}:backstop`, `${BTC}:insurance_fund`, `${BTC}:adl`]);
    const adl = events.find((e): e is LiqStageEntered => e.type === "LiqStageEntered" && e.stage === "adl")!;
    expect(adl).toMatchObject({ sizeToClose: 100, sizeClosed: 100 });
    expect(adl.transferPrice).toBeUndefined();
    expect(completed(events).partial).toBe(false);
    expect(positions(s)).toEqual([]);
    // Never owes more than the collateral (LIQ-2).
    expect(accountView(s, 1)!.equity >= 0n).toBe(true);
    expect(checkInvariants(s)).toEqual([]);
  });

  it("LIQ-3: snapshot, restore and replay reproduce a full close-out exactly", () => {
    const s = defaulting({ rule: "full", eth: true });
    const r = restoredFromText(s);
    expect(stateHash(r)).toBe(stateHash(s));
    const a = crash(s);
    const b = crash(r);
    expect(JSON.stringify(b, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));
    expect(stateHash(r)).toBe(stateHash(s));
  });
});

describe("liquidation rule: configuration and compatibility (LIQ-1, DISC-1)", () => {
  it("LIQ-1: a configuration without the field keeps its hash through snapshot and restore, and behaves exactly as partial", () => {
    const legacy = defaulting({ rule: "absent" });
    expect(liveConfig(legacy).markets.every((m) => !("closeOut" in m.liquidation))).toBe(true);
    const image = snapshot(legacy);
    expect(stateHash(restore(image))).toBe(canonicalHash(image));
    expect(closeOutOf(legacy.markets[0].spec.liquidation)).toBe("partial");
    const partial = defaulting({ rule: "partial" });
    const strip = (events: EngineEvent[]) => JSON.stringify(events, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    expect(strip(crash(legacy))).toBe(strip(crash(partial)));
    expect(positions(legacy)).toEqual(positions(partial));
    // The version 2 snapshot fixture (written before the rule) restores with its own hash and runs partial.
    const text = fs.readFileSync(path.join(import.meta.dirname, "fixtures/snapshot-v2.json"), "utf8").trim();
    const old = parseSnapshot(text);
    const restored = restore(old);
    expect(stateHash(restoredFromText(restored))).toBe(stateHash(restored));
    expect(liveConfig(restored).markets.every((m) => !("closeOut" in m.liquidation))).toBe(true);
    expect(restored.markets.map((m) => closeOutOf(m.spec.liquidation))).toEqual(["partial", "partial"]);
  });

  it("LIQ-1: the rule is part of the configuration hash", () => {
    expect(configHash(createEngine(config("full"), t))).not.toBe(configHash(createEngine(config("partial"), t)));
    expect(configHash(createEngine(config("partial"), t))).not.toBe(configHash(createEngine(config("absent"), t)));
  });

  it("LIQ-1: a value other than full or partial is refused at start, naming the path", () => {
    for (const bad of ["Full", "", "none", 1, null, undefined]) {
      const c = configWith((x) => ((x.markets[0].liquidation as unknown as Record<string, unknown>).closeOut = bad));
      expect(() => createEngine(c, t)).toThrow(/liquidation\.closeOut: UNKNOWN_ENUM/);
    }
  });

  it("LIQ-1, DISC-1: the rule changes at runtime through UpdateMarketParameters, typed, recorded, and a legacy market reads its absence as partial", () => {
    const s = defaulting({ rule: "absent" });
    const change = (value: unknown) =>
      apply(s, {
        type: "UpdateMarketParameters",
        nowMs: t + 1,
        market: BTC,
        changes: [{ path: "liquidation.closeOut", value }],
        reason: "align with the framework",
      });
    for (const [value, message] of [
      ["partial", /no change: liquidation\.closeOut of BTC-PERP is already "partial"/],
      ["everything", /liquidation\.closeOut: UNKNOWN_ENUM/],
      [true, /liquidation\.closeOut must be a string, got a boolean/],
    ] as const) {
      const h = stateHash(s);
      const r = change(value);
      expect(r.rejection?.code).toBe("INVALID_PARAMETER_CHANGE");
      expect(r.rejection?.message).toMatch(message);
      expect(stateHash(s)).toBe(h);
    }
    const ok = change("full");
    expect(ok.rejection).toBeUndefined();
    expect(ok.events.find((e) => e.type === "MarketParametersUpdated")).toMatchObject({
      changes: [{ path: "liquidation.closeOut", previous: "partial", next: "full" }],
    });
    expect(closeOutOf(s.marketBySymbol.get(BTC)!.spec.liquidation)).toBe("full");
    // Now in force: the default closes the whole BTC position.
    crash(s);
    expect(positions(s)).toEqual([]);
    expect(stateHash(restoredFromText(s))).toBe(stateHash(s));
  });
});
