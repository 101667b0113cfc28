/**
 * LIQ-1 stage 2: backstop LP capacity that replenishes over engine time, the event that says when
 * capacity (not the insurance fund) stopped the backstop stage, and the ADL risk figures worsening as
 * liquidations drain the fund toward its floor (DISC-5).
 *
 * Units: BTC-PERP tick 0.1 USD, lot 0.001 BTC, so one tick × one lot = 100 micro-USD.
 */
import { describe, expect, it } from "vitest";
import { USD } from "./fixed-point";
import { accountView, adlRisk, apply, backstopView, checkInvariants, marketView, replay, snapshot, stateHash, type EngineState } from "./index";
import { SOURCES, T0, T1 as t, engineAt, fundedAccount, must, quietConfig, restoredFromText } from "./test-helpers";
import type { BackstopCapacityExhausted, Command, EngineEvent, LiqStageEntered } from "./types";

const HOUR = 3_600_000;

interface Setup {
  capacityUsd?: bigint;
  replenishPerHourUsd?: bigint;
  fundUsd?: bigint;
}

/**
 * A journaled engine at 60,000.0 USD: account 2 (100,000 USD) rests sells, optionally a backstop LP
 * (id 9, 10,000 USD) and a seeded fund (floor 100 USD). `victim(id, at)` opens a 200 USD account
 * long 100 lots at 60,000.0 (cash 197 USD after the 3 USD taker fee); an index at 57,500.0 makes it
 * bankrupt at B = 58,030.0, past the backstop trigger, so the book is skipped: every lot is for the
 * LPs at B, the fund paying them 0.53 USD per lot (B − mark), and whatever is left goes to ADL.
 */
function journaled(o: Setup) {
  const s = engineAt(600_000);
  const journal: Command[] = [
    {
      type: "IndexQuotes",
      nowMs: t,
      market: "BTC-PERP",
      quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 600_000, timestampMs: t, recentVolumeUsd: 50_000_000 })),
    },
  ];
  const run = (c: Command): EngineEvent[] => {
    journal.push(c);
    return must(s, c).events;
  };
  const fund = (accountId: number, cents: bigint, at: number) => {
    run({ type: "Deposit", nowMs: at, accountId, depositId: `d${accountId}`, assetId: "USD", amountMinor: cents });
    run({ type: "SettleDeposit", nowMs: at, depositId: `d${accountId}` });
  };
  run({ type: "CreateAccount", nowMs: t, accountId: 2, kind: "client" });
  fund(2, 10_000_000n, t);
  if (o.capacityUsd !== undefined) {
    const backstop = {
      priority: 0,
      capacity: o.capacityUsd * USD,
      ...(o.replenishPerHourUsd === undefined ? {} : { replenishPerHour: o.replenishPerHourUsd * USD }),
    };
    run({ type: "CreateAccount", nowMs: t, accountId: 9, kind: "backstop", backstop });
    fund(9, 1_000_000n, t);
  }
  if (o.fundUsd) run({ type: "FundInsurance", nowMs: t, fundingId: "if", market: "BTC-PERP", amount: o.fundUsd * USD });
  let orderId = 1;
  const setIndex = (price: number, at: number) =>
    run({
      type: "IndexQuotes",
      nowMs: at,
      market: "BTC-PERP",
      quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price, timestampMs: at, recentVolumeUsd: 50_000_000 })),
    });
  const victim = (id: number, at: number) => {
    run({ type: "CreateAccount", nowMs: at, accountId: id, kind: "client" });
    fund(id, 20_000n, at);
    run({ type: "PlaceOrder", nowMs: at, accountId: 2, orderId: orderId++, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
    run({ type: "PlaceOrder", nowMs: at, accountId: id, orderId: orderId++, market: "BTC-PERP", side: "buy", orderType: "market", size: 100 });
  };
  /** Open a victim at 60,000.0, gap the index to 57,500.0 (its liquidation's events) and bring it back. */
  const gap = (id: number, at: number): EngineEvent[] => {
    setIndex(600_000, at);
    victim(id, at);
    const events = setIndex(575_000, at + 1);
    setIndex(600_000, at + 2);
    return events;
  };
  return { s, journal, run, gap };
}

const stagesOf = (events: EngineEvent[]) => events.filter((e): e is LiqStageEntered => e.type === "LiqStageEntered");
const exhaustedOf = (events: EngineEvent[]) => events.filter((e): e is BackstopCapacityExhausted => e.type === "BackstopCapacityExhausted");
const lp = (s: EngineState) => s.accounts.get(9)!;

describe("LIQ-1: backstop capacity replenishes at the LP's rate", () => {
  it("LIQ-1: CreateAccount validates the rate (≥ 0 micro-USD per hour; omitted = 0) and AccountCreated carries it", () => {
    const s = engineAt(600_000);
    const bad = [-1n, 1 as unknown as bigint, "5" as unknown as bigint];
    for (const replenishPerHour of bad) {
      const r = apply(s, { type: "CreateAccount", nowMs: t, accountId: 9, kind: "backstop", backstop: { priority: 0, capacity: 1n, replenishPerHour } });
      expect(r.rejection?.code).toBe("INVALID_COMMAND");
      expect(r.rejection?.message).toContain("replenishPerHour");
    }
    const created = must(s, {
      type: "CreateAccount",
      nowMs: t,
      accountId: 9,
      kind: "backstop",
      backstop: { priority: 0, capacity: 5n * USD, replenishPerHour: 2n * USD },
    });
    expect(created.events[0]).toMatchObject({ type: "AccountCreated", backstopCapacity: 5n * USD, backstopReplenishPerHour: 2n * USD });
    const old = must(s, { type: "CreateAccount", nowMs: t, accountId: 10, kind: "backstop", backstop: { priority: 1, capacity: 5n * USD } });
    expect(old.events[0]).toMatchObject({ backstopReplenishPerHour: 0n });
    expect(must(s, { type: "CreateAccount", nowMs: t, accountId: 11, kind: "client" }).events[0]).toMatchObject({ backstopReplenishPerHour: null });
    expect(accountView(s, 9)!.backstop).toEqual({ priority: 0, capacity: 5n * USD, used: 0n, remaining: 5n * USD, replenishPerHour: 2n * USD });
    expect(backstopView(s)).toEqual({ providers: 2, committed: 10n * USD, used: 0n, remaining: 10n * USD, replenishPerHour: 2n * USD });
  });

  it("LIQ-1: used capacity falls by exactly ⌊rate·elapsed/1 h⌋ however the time is cut into Ticks, never below zero", () => {
    // 3,000 USD of capacity takes ⌊3,000 / 58.03⌋ = 51 lots: 51 × 580,300 × 100 µUSD = 2,959.53 USD in use.
    // 1,000 USD per hour is 277.7… µUSD per ms: each Tick leaves a remainder the next one carries.
    const rate = 1_000n * USD;
    const a = journaled({ capacityUsd: 3_000n, replenishPerHourUsd: 1_000n, fundUsd: 1_000n });
    const b = journaled({ capacityUsd: 3_000n, replenishPerHourUsd: 1_000n, fundUsd: 1_000n });
    const at = t + 10;
    a.gap(100, at);
    b.gap(100, at);
    const used0 = 51n * 580_300n * 100n;
    expect(lp(a.s).backstopUsed).toBe(used0);
    // Taken at at + 1 (the index update between Ticks): replenishment runs from then.
    const expected = (now: number) => {
      const restored = (rate * BigInt(now - (at + 1))) / 3_600_000n;
      return restored >= used0 ? 0n : used0 - restored;
    };
    // Engine a ticks at irregular times; b only at a few of them. Same capacity at the common times.
    const times = [at + 1_003, at + 7_919, at + 61_001, at + HOUR + 17, at + 2 * HOUR + 333, at + 2 * HOUR + 600_001, at + 3 * HOUR, at + 4 * HOUR];
    const common = new Set([at + 61_001, at + 2 * HOUR + 600_001, at + 4 * HOUR]);
    for (const now of times) {
      a.run({ type: "Tick", nowMs: now });
      expect(lp(a.s).backstopUsed).toBe(expected(now));
      expect(accountView(a.s, 9)!.backstop).toMatchObject({ used: expected(now), remaining: 3_000n * USD - expected(now), replenishPerHour: rate });
      if (!common.has(now)) continue;
      b.run({ type: "Tick", nowMs: now });
      expect(lp(b.s).backstopUsed).toBe(lp(a.s).backstopUsed);
      expect(lp(b.s).backstopReplenishCarry).toBe(lp(a.s).backstopReplenishCarry);
    }
    // 2,959.53 USD at 1,000 USD/h is back after 2.96 h: nothing in use, no remainder carried.
    expect(lp(a.s).backstopUsed).toBe(0n);
    expect(lp(a.s).backstopReplenishCarry).toBe(0n);
    expect(backstopView(a.s)).toMatchObject({ used: 0n, remaining: 3_000n * USD });
    expect(checkInvariants(a.s)).toEqual([]);
  });

  it("LIQ-1: snapshot, restore and replay reproduce the capacity in use, the rate and the carried remainder", () => {
    const a = journaled({ capacityUsd: 3_000n, replenishPerHourUsd: 1_000n, fundUsd: 1_000n });
    a.gap(100, t + 10);
    a.run({ type: "Tick", nowMs: t + 1_234_567 });
    const mid = a.journal.length;
    const restored = restoredFromText(a.s);
    expect(stateHash(restored)).toBe(stateHash(a.s));
    expect(snapshot(a.s).accounts.find((x) => x.id === 9)!.backstopReplenish).toEqual({
      perHour: 1_000n * USD,
      sinceMs: t + 1_234_567,
      carry: lp(a.s).backstopReplenishCarry,
    });
    expect(lp(a.s).backstopReplenishCarry > 0n).toBe(true);
    // A second bankruptcy after the partial refill, then more time.
    a.gap(101, t + 2 * HOUR);
    a.run({ type: "Tick", nowMs: t + 2 * HOUR + 999_999 });
    const rest = a.journal.slice(mid);
    const events: EngineEvent[] = [];
    for (const c of rest) events.push(...must(restored, c).events);
    expect(stateHash(restored)).toBe(stateHash(a.s));
    expect(lp(restored).backstopUsed).toBe(lp(a.s).backstopUsed);
    expect(stateHash(replay({ config: quietConfig(), startMs: T0 }, a.journal))).toBe(stateHash(a.s));
  });

  it("LIQ-1: a snapshot without the replenishment field (an LP with rate 0, or an image written before the rate) restores with rate 0 and its hash", () => {
    const a = journaled({ capacityUsd: 3_000n, fundUsd: 1_000n });
    a.gap(100, t + 10);
    const image = snapshot(a.s);
    expect("backstopReplenish" in image.accounts.find((x) => x.id === 9)!).toBe(false);
    const r = restoredFromText(a.s);
    expect(stateHash(r)).toBe(stateHash(a.s));
    must(r, { type: "Tick", nowMs: t + 10 * HOUR });
    expect(lp(r).backstopUsed).toBe(51n * 580_300n * 100n);
  });

  it("LIQ-1: capacity regained after a first liquidation used it up is there for the next one", () => {
    // 3,000 USD per hour: the 2,959.53 USD the first victim used is back within an hour.
    const a = journaled({ capacityUsd: 3_000n, replenishPerHourUsd: 3_000n, fundUsd: 1_000n });
    const first = a.gap(100, t + 10);
    expect(stagesOf(first).find((e) => e.stage === "backstop")).toMatchObject({ sizeClosed: 51 });
    a.run({ type: "Tick", nowMs: t + HOUR });
    expect(lp(a.s).backstopUsed).toBe(0n);
    const second = a.gap(101, t + HOUR + 10);
    expect(stagesOf(second).find((e) => e.stage === "backstop")).toMatchObject({ sizeClosed: 51 });
    // Without replenishment the second victim meets no capacity at all.
    const b = journaled({ capacityUsd: 3_000n, fundUsd: 1_000n });
    b.gap(100, t + 10);
    b.run({ type: "Tick", nowMs: t + HOUR });
    const none = b.gap(101, t + HOUR + 10);
    expect(stagesOf(none).find((e) => e.stage === "backstop")).toMatchObject({ sizeClosed: 0 });
    expect(exhaustedOf(none)).toMatchObject([{ remaining: 3_000n * USD - 51n * 580_300n * 100n, lotsUnabsorbed: 100 }]);
  });
});

describe("LIQ-1: BackstopCapacityExhausted", () => {
  it("LIQ-1: emitted when the LPs' capacity, not the fund, leaves lots for ADL", () => {
    // Fund 900 USD above its floor pays 0.53 USD a lot for all 100; capacity takes 51 lots.
    const a = journaled({ capacityUsd: 3_000n, fundUsd: 1_000n });
    const events = a.gap(100, t + 10);
    const kinds = events.map((e) => (e.type === "LiqStageEntered" ? `stage:${e.stage}` : e.type));
    expect(kinds.slice(kinds.indexOf("stage:backstop"))).toEqual([
      "stage:backstop",
      "Trade",
      "InsuranceFundChanged",
      "BackstopCapacityExhausted",
      "stage:insurance_fund",
      "stage:adl",
      "Trade",
      "InsuranceFundChanged",
      "LiquidationCompleted",
    ]);
    const start = events.find((e) => e.type === "LiquidationStarted")!;
    expect(exhaustedOf(events)).toEqual([
      {
        type: "BackstopCapacityExhausted",
        seq: expect.any(Number),
        nowMs: t + 11,
        market: "BTC-PERP",
        accountId: 100,
        remaining: 3_000n * USD - 51n * 580_300n * 100n,
        lotsUnabsorbed: 49,
        causeSeq: start.seq,
      },
    ]);
    expect(stagesOf(events).find((e) => e.stage === "adl")).toMatchObject({ reason: "backstop_capacity_exhausted", sizeToClose: 49, sizeClosed: 49 });
    expect(checkInvariants(a.s)).toEqual([]);
  });

  it("LIQ-1: emitted with nothing remaining when no LP is registered", () => {
    const a = journaled({ fundUsd: 1_000n });
    const events = a.gap(100, t + 10);
    expect(exhaustedOf(events)).toMatchObject([{ remaining: 0n, lotsUnabsorbed: 100 }]);
    expect(stagesOf(events).find((e) => e.stage === "adl")!.reason).toBe("backstop_capacity_exhausted");
  });

  it("LIQ-1: not emitted when the fund is what stopped the LPs (InsuranceFundDepleted covers that)", () => {
    // Fund 10 USD above its floor compensates 18 lots although capacity would take 51.
    const a = journaled({ capacityUsd: 3_000n, fundUsd: 110n });
    const events = a.gap(100, t + 10);
    expect(exhaustedOf(events)).toEqual([]);
    expect(stagesOf(events).find((e) => e.stage === "backstop")).toMatchObject({ sizeClosed: 18 });
    expect(stagesOf(events).find((e) => e.stage === "adl")!.reason).toBe("insurance_fund_exhausted");
    expect(events.some((e) => e.type === "InsuranceFundDepleted")).toBe(true);
  });

  it("LIQ-1: not emitted when the LPs take the whole position", () => {
    const a = journaled({ capacityUsd: 100_000n, fundUsd: 1_000n });
    const events = a.gap(100, t + 10);
    expect(exhaustedOf(events)).toEqual([]);
    expect(stagesOf(events).map((e) => e.stage)).toEqual(["cancel_orders", "backstop", "insurance_fund"]);
  });
});

describe("DISC-5: ADL risk worsens as liquidations drain the insurance fund toward its floor", () => {
  it("DISC-5: fund available, stress coverage and distance to ADL fall with each bankruptcy the fund pays for; the level climbs low → elevated → high", () => {
    // Account 1 (1,000 USD) is short 100 lots at 60,000.0: after +20 % it is 201.20 USD short (the
    // stress shortfall). Each victim's bankruptcy costs the fund 100 × 0.53 = 53 USD (backstop
    // compensation); the fund starts 500 USD above its 100 USD floor. Ample capacity: only the fund limits.
    const a = journaled({ capacityUsd: 1_000_000n, fundUsd: 600n });
    fundedAccount(a.s, 1, 100_000n, t);
    must(a.s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 1_000, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
    fundedAccount(a.s, 3, 100_000_000n, t);
    must(a.s, { type: "PlaceOrder", nowMs: t, accountId: 3, orderId: 1_001, market: "BTC-PERP", side: "buy", orderType: "market", size: 100 });
    const rank = { low: 0, elevated: 1, high: 2 } as const;
    const readings = [];
    for (let k = 0; k <= 9; k++) {
      if (k > 0) {
        const events = a.gap(100 + k, t + 10 * k);
        expect(stagesOf(events).map((e) => e.stage)).toEqual(["cancel_orders", "backstop", "insurance_fund"]);
      }
      const risk = adlRisk(a.s, "BTC-PERP")!;
      expect(marketView(a.s, "BTC-PERP")!.mark).toBe(600_000);
      readings.push({
        fund: risk.fundAvailable,
        coverage: risk.indicator!.coveragePpb!,
        distance: risk.indicator!.distancePpb!,
        level: risk.indicator!.level,
      });
    }
    expect(readings[0]).toMatchObject({ fund: 500n * USD, level: "low" });
    expect(readings[9]).toMatchObject({ fund: 500n * USD - 9n * 53n * USD, level: "high" });
    expect(readings.map((r) => r.level)).toContain("elevated");
    for (let k = 1; k < readings.length; k++) {
      expect(readings[k].fund).toBe(readings[k - 1].fund - 53n * USD);
      expect(readings[k].coverage < readings[k - 1].coverage).toBe(true);
      expect(readings[k].distance <= readings[k - 1].distance).toBe(true);
      expect(rank[readings[k].level] >= rank[readings[k - 1].level]).toBe(true);
    }
    expect(readings[9].distance < readings[0].distance).toBe(true);
    expect(checkInvariants(a.s)).toEqual([]);
  });
});
