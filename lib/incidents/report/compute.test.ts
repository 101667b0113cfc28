import { describe, expect, it } from "vitest";
import { configHash, restore, stateHash, type EngineEvent, type EngineState } from "@/lib/engine/index";
import { computeIncidentReport, involvementOf, largestRemainder, type RecordedEvent } from "./compute";
import { incidentPseudonymKey, pseudonymsFor } from "./pseudonym";
import { accountFigures } from "./state-figures";
import { BTC, GAP_MS, L7, LP, runScenario, S3, S4, S5, S6, scenarioRange, scenarioReportInput, scenarioStatement, V1, V2 } from "./test-scenario";

/*
 * The scenario (test-scenario.ts), no trading fees, tickLotValue T = 100 micro-USD per tick per lot
 * (1 lot = 0.001 BTC, 1 tick = 0.1 USD), maintenance 0.5 % in tier 1, liquidation fee 0.5 %, fund
 * floor 100 USD, the fund at 100 USD (nothing available above the floor) before the gap.
 *
 * Positions before the gap, all at 600,000 ticks (60,000.0 USD, 60 USD per lot) unless said:
 *   V1 long 100 (cash 275 USD)      V2 long 30 (cash 61.01)
 *   S3 short 60 (cash 10,000) with a bid for 20 at 574,000
 *   S4 short 50 (cash 200)          S5 short 20 (cash 10,000)
 *   S6 short 10 at 570,000          L7 long 10 at 570,000
 *   LP backstop, capacity 2,978,783,600 micro-USD
 *
 * The gap: every index source quotes 575,000 → mark 575,000 (no premium, no interest). Each long loses
 * 25,000 ticks × 100 = 2.5 USD per lot.
 */

const run = runScenario();
const events: RecordedEvent[] = run.entries.flatMap((entry) => entry.events.map((event) => ({ position: entry.position, event })));
const gapEvents = run.entries.find((entry) => entry.position === run.gapPosition)!.events;
const range = scenarioRange(run);
const before: EngineState = restore(run.beforeGap);
const after: EngineState = restore(run.afterGap);
const key = incidentPseudonymKey("a test secret of at least 32 characters", "inc-1");
const ref = (accountId: number) => pseudonymsFor(key, [V1, V2, S3, S4, S5, LP]).get(accountId)!;

function report() {
  return computeIncidentReport(scenarioReportInput(run, key));
}

describe("post-event report figures, worked by hand (DISC-7, RPT-7)", () => {
  const r = report();
  const seqOf = (stage: string, accountId: number) =>
    gapEvents.find((event) => event.type === "LiqStageEntered" && event.stage === stage && event.accountId === accountId)!.seq;

  it("timeline: V1 through book → backstop → fund → ADL, V2 through backstop → fund → ADL, then the fund at its floor", () => {
    // V1: equity 275 − 250 = 25 USD < MM 0.5 % × 5,750 = 28.75 but ≥ 2/3·MM = 19.17 → the book first.
    //   B = 575,000 − 25,000,000 / (100 lots × 100) = 572,500. S3's bid: 20 lots at 574,000.
    //   Realized (574,000 − 600,000) × 20 × 100 = −52 USD; fee ⌈0.5 % × 20 × 57,400,000⌉ = 5.74 USD → equity 17.26 USD.
    //   80 lots left, MM 23 USD > 17.26: still liquidating, the book is exhausted.
    // Backstop: B = 575,000 + ⌈−17,260,000 / 8,000⌉ = 575,000 − 2,157 = 572,843 (better than mark: no compensation).
    //   Capacity 2,978,783,600 / (572,843 × 100) = 52 lots exactly, all used.
    //   Equity 17.26 − 2,157 × 52 × 100 = 17.26 − 11.2164 = 6.0436 USD; 28 lots left → ADL at 572,843.
    //   After: 6,043,600 − 2,157 × 28 × 100 = 4,000 micro-USD (B's rounding: V1 keeps 0.004 USD).
    // V2: equity 61.01 − 75 = −13.99 USD: below 2/3·MM, so no book; B = 575,000 + ⌈13,990,000 / 3,000⌉ = 579,664.
    //   The LP has no capacity left → nothing to the backstop → ADL of all 30 lots at 579,664.
    expect(r.timeline.map((row) => [row.stage, row.account, row.sizeToClose, row.sizeClosed, row.bankruptcyPrice, row.amount, row.equityAfter])).toEqual([
      ["cancel_orders", ref(V1), 0, 0, null, "0", "25000000"],
      ["book", ref(V1), 100, 20, "572500", "5740000", "17260000"],
      ["backstop", ref(V1), 80, 52, "572843", "0", "6043600"],
      // The provider's capacity is used up with 28 lots left while the fund could still pay: capacity, not the fund, ran out.
      ["backstop_exhausted", ref(V1), 28, 0, null, "0", null],
      ["insurance_fund", ref(V1), 28, 0, "572843", "0", "6043600"],
      ["adl", ref(V1), 28, 28, "572843", "0", "4000"],
      ["cancel_orders", ref(V2), 0, 0, null, "0", "-13990000"],
      ["backstop", ref(V2), 30, 0, "579664", "0", "-13990000"],
      ["backstop_exhausted", ref(V2), 30, 0, null, "0", null],
      ["insurance_fund", ref(V2), 30, 0, "579664", "0", "-13990000"],
      ["adl", ref(V2), 30, 30, "579664", "5740000", "2000"],
      // The fund back at 100 USD after paying S4 5.74 USD: balance (equityAfter) and floor (amount).
      ["fund_floor", null, 0, 0, null, "100000000", "100000000"],
    ]);
    expect(r.timeline.every((row) => row.atMs === GAP_MS)).toBe(true);
    expect(r.timeline.map((row) => row.reason)).toEqual([
      "below_maintenance",
      "below_maintenance",
      "book_exhausted",
      "capacity_exhausted",
      "available_after=5740000",
      "backstop_capacity_exhausted",
      "below_maintenance",
      "equity_below_backstop_trigger",
      "capacity_exhausted",
      "available_after=5740000",
      "backstop_capacity_exhausted",
      "balance_at_or_below_floor",
    ]);
    expect(r.steps).toEqual(["cancel_orders", "book", "backstop", "backstop_exhausted", "insurance_fund", "adl", "fund_floor"]);
    expect(r.startedAtMs).toBe(GAP_MS);
    expect(r.endedAtMs).toBe(GAP_MS);
    expect(r.affected).toEqual({ accountsLiquidated: 2, clientsWithPositions: 5 }); // V1, V2, S3, S4, S5 (S6, L7 are simulation accounts)
  });

  it("positions closed per step: lots, notional and average price", () => {
    // book: 20 × 574,000 × 100 = 1,148,000,000.  backstop: 52 × 572,843 × 100 = 2,978,783,600.
    // adl: 28 × 572,843 × 100 + 30 × 579,664 × 100 = 1,603,960,400 + 1,738,992,000 = 3,342,952,400;
    //      average 3,342,952,400 / (58 × 100) = 576,371.10 → 576,371.
    expect(r.closedByStep).toEqual([
      { stage: "book", liquidations: 1, lots: 20, notional: "1148000000", averagePrice: "574000" },
      { stage: "backstop", liquidations: 1, lots: 52, notional: "2978783600", averagePrice: "572843" },
      { stage: "adl", liquidations: 2, lots: 58, notional: "3342952400", averagePrice: "576371" },
    ]);
    expect(r.backstop).toEqual({
      lots: 52,
      notional: "2978783600",
      compensationPaid: "0",
      capacityExhausted: true,
      providers: [{ provider: ref(LP), lots: 52, notional: "2978783600", compensation: "0" }],
    });
  });

  it("insurance fund: 100 → +5.74 (V1's liquidation fee) → −5.74 (S4's ADL compensation) = 100, at the floor", () => {
    expect(r.insuranceFund).toEqual({
      before: "100000000",
      after: "100000000",
      floor: "100000000",
      lowest: "100000000",
      paidOut: "5740000",
      feesIn: "5740000",
      deposited: "0",
      backstopCompensation: "0",
      adlCompensation: "5740000",
      negativeEquityCover: "0",
      reachedFloor: true,
    });
  });

  it("ADL fills by rank, loss socialized, the minimum and what went beyond it", () => {
    // Queue at mark 575,000 (ranked once in the pass, BitMEX key upnl·|MV|·1e9 / (|cost|·equity), floored):
    //   S4: upnl 50 × 2.5 = 125 USD, |MV| 50 × 57.5 = 2,875, |cost| 3,000, equity 200 + 125 = 325
    //       → 125 × 2,875 / (3,000 × 325) = 0.368589743… → 368,589,743 ppb.
    //   S3 (after its bid filled 20 at 574,000: short 40, cost −2,400 USD, realized +52):
    //       upnl 40 × 60 − 40 × 57.5 = 100 USD, |MV| 2,300, equity 10,000 + 52 + 100 = 10,152
    //       → 100 × 2,300 / (2,400 × 10,152) = 0.009439847… → 9,439,847 ppb.
    //   S5: upnl 50, |MV| 1,150, |cost| 1,200, equity 10,050 → 4,767,827 ppb (never reached).
    // V1's 28 lots go to S4 at 572,843: below mark for a bankrupt long, so S4 loses nothing (loss 0).
    // V2's 30 lots: S4's remaining 22 (upnl now 22 × 2.5 = 55 USD), then S3's 8, at 579,664:
    //   loss per lot (579,664 − 575,000) × 100 = 466,400 micro-USD.
    //   S4: 22 × 466,400 = 10,260,800; the fund had 5,740,000 above its floor → compensation 5,740,000.
    //   S3: 8 × 466,400 = 3,731,200; the fund is at its floor → no compensation.
    expect(r.adl.fills).toEqual([
      {
        rank: 1,
        account: ref(S4),
        rankingScorePpb: "368589743",
        price: "572843",
        markPrice: "575000",
        lots: 28,
        upnlBefore: "125000000",
        loss: "0",
        compensation: "0",
        seq: seqOf("adl", V1) + 1,
        atMs: GAP_MS,
      },
      {
        rank: 1,
        account: ref(S4),
        rankingScorePpb: "368589743",
        price: "579664",
        markPrice: "575000",
        lots: 22,
        upnlBefore: "55000000",
        loss: "10260800",
        compensation: "5740000",
        seq: seqOf("adl", V2) + 1,
        atMs: GAP_MS,
      },
      {
        rank: 2,
        account: ref(S3),
        rankingScorePpb: "9439847",
        price: "579664",
        markPrice: "575000",
        lots: 8,
        upnlBefore: "100000000",
        loss: "3731200",
        compensation: "0",
        // after S4's trade, its compensation and the fund's depletion signal
        seq: seqOf("adl", V2) + 4,
        atMs: GAP_MS,
      },
    ]);
    // Deficits when each ADL stage began: V1 had +6.0436 USD (none); V2 −13.99 USD with 5.74 available.
    expect(r.adl.stages).toEqual([
      { seq: seqOf("adl", V1), account: ref(V1), lotsNeeded: 28, lotsClosed: 28, deficit: "0", fundAvailable: "5740000", uncovered: "0" },
      { seq: seqOf("adl", V2), account: ref(V2), lotsNeeded: 30, lotsClosed: 30, deficit: "13990000", fundAvailable: "5740000", uncovered: "8250000" },
    ]);
    expect(r.adl.lotsNeeded).toBe(58);
    expect(r.adl.lotsClosed).toBe(58);
    expect(r.adl.lotsBeyondMinimum).toBe(0);
    // lossSocialized = 0 + 10,260,800 + 3,731,200 − 5,740,000 = 8,252,000
    expect(r.adl.lossSocialized).toBe("8252000");
    // minimumNeeded = 13,990,000 − 5,740,000 = 8,250,000
    expect(r.adl.minimumNeeded).toBe("8250000");
    // beyondMinimum = 8,252,000 − 8,250,000 = 2,000: B rounded up from 579,663.33 to 579,664 costs
    // 0.67 tick × 30 lots × 100 = 2,000 micro-USD — exactly the 0.002 USD V2 is left holding.
    expect(r.adl.beyondMinimum).toBe("2000");
    expect(accountFigures(after, BTC, V2).equity).toBe(2_000n);
  });

  it("pro-rata counterfactual: 58 lots over every profitable short at the first ADL, by largest remainder", () => {
    // Eligible at V1's ADL (mark 575,000), positions as they stood then: S3 40 (its bid took 20 of its 60
    // in the book step), S4 50, S5 20; S6 (short at 570,000: upnl −5 USD) is not eligible. Σ = 110 lots.
    //   S3: 58 × 40 / 110 = 2,320 / 110 = 21 rem 10
    //   S4: 58 × 50 / 110 = 2,900 / 110 = 26 rem 40
    //   S5: 58 × 20 / 110 = 1,160 / 110 = 10 rem 60
    //   Σ whole = 57; the one lot left goes to the largest remainder, S5 → 11.
    // Ranked ADL took S4 50 (28 + 22) and S3 8: two accounts; pro rata would have touched three.
    expect(r.adl.proRata).toEqual({
      accountsAffected: 3,
      rankedAccountsAffected: 2,
      basis: [{ side: "short", atSeq: seqOf("adl", V1), markPrice: "575000", eligibleAccounts: 3, eligibleLots: 110, lots: 58 }],
      allocations: [
        { account: ref(S4), side: "short", eligibleLots: 50, rankedLots: 50, proRataLots: 26 },
        { account: ref(S3), side: "short", eligibleLots: 40, rankedLots: 8, proRataLots: 21 },
        { account: ref(S5), side: "short", eligibleLots: 20, rankedLots: 0, proRataLots: 11 },
      ],
    });
    expect(r.adl.proRata.allocations.map((row) => row.account)).not.toContain(pseudonymsFor(key, [S6]).get(S6));
  });

  it("a BackstopCapacityExhausted event (newer engines) becomes a timeline row and a step, read by its type", () => {
    const input = scenarioReportInput(run, key);
    const backstopTrade = gapEvents.find((event) => event.type === "Trade" && event.backstop)!;
    const signal = {
      type: "BackstopCapacityExhausted",
      seq: backstopTrade.seq,
      nowMs: GAP_MS,
      market: BTC,
      accountId: V1,
      remaining: 0n,
      lotsUnabsorbed: 28,
      causeSeq: 0,
    };
    const withSignal = computeIncidentReport({ ...input, events: [...input.events, { position: run.gapPosition, event: signal as unknown as EngineEvent }] });
    expect(withSignal.timeline.find((row) => row.stage === "backstop_exhausted")).toEqual({
      seq: backstopTrade.seq,
      atMs: GAP_MS,
      account: ref(V1),
      stage: "backstop_exhausted",
      reason: "capacity_exhausted",
      sizeToClose: 28,
      sizeClosed: 0,
      bankruptcyPrice: null,
      markPrice: "575000",
      amount: "0",
      equityAfter: null,
    });
    expect(withSignal.steps).toEqual(["cancel_orders", "book", "backstop", "backstop_exhausted", "insurance_fund", "adl", "fund_floor"]);
    expect(withSignal.backstop.capacityExhausted).toBe(true);
  });

  it("largest remainder: ties go to the lower account id", () => {
    // 2 lots over three equal sizes: each 2/3 → 0 whole, equal remainders → ids 2 and 5 get one each.
    expect(
      largestRemainder(2, [
        { accountId: 9, size: 1 },
        { accountId: 2, size: 1 },
        { accountId: 5, size: 1 },
      ]),
    ).toEqual(
      new Map([
        [9, 0],
        [2, 1],
        [5, 1],
      ]),
    );
    expect(largestRemainder(7, [])).toEqual(new Map());
  });

  it("journal range, hashes, parameters, units and prices around the gap", () => {
    expect(r.journal).toEqual({ ...range, stateHashBefore: stateHash(before), stateHashAfter: stateHash(after) });
    expect(r.configHash).toBe(configHash(before));
    expect(r.units).toEqual({ tickSize: "0.1", lotSize: "0.001", tickLotValue: "100" });
    expect(r.parameters.slice(0, 4)).toEqual([
      { path: "liquidation.liquidationFeeRate", value: "5000000", unit: "ppb" },
      { path: "liquidation.maxBookChunkNotional", value: "250000000000", unit: "micro-USD" },
      { path: "liquidation.backstopEquityBelowMaintenance", value: "2/3", unit: "fraction" },
      { path: "liquidation.insuranceFundFloor", value: "100000000", unit: "micro-USD" },
    ]);
    // Window: 60 s either side of the gap. The quotes at −30.5 s, −30 s, −20 s, the gap, +20 s, +50 s are in; +90 s is not.
    expect(r.priceWindow).toEqual({ fromMs: GAP_MS - 60_000, toMs: GAP_MS + 60_000, rowsInWindow: 6, every: 1 });
    expect(r.prices.map((row) => [row.atMs - GAP_MS, row.mark, row.index])).toEqual([
      [-30_500, "600000", "600000"],
      [-30_000, "600000", "600000"],
      [-20_000, "600000", "600000"],
      [0, "575000", "575000"],
      [20_000, "575000", "575000"],
      [50_000, "576000", "576000"],
    ]);
    expect(r.prices[3].sources.length).toBeGreaterThan(1);
    expect(r.prices[3].sources.every((source) => source.price === "575000")).toBe(true);
  });

  it("the same input gives the same report; references are pseudonyms, not account ids", () => {
    expect(report()).toEqual(r);
    const text = JSON.stringify(r);
    for (const id of [V1, V2, S3, S4, S5]) expect(text).not.toContain(String(id));
    expect(ref(V1)).toMatch(/^acct-[0-9a-f]{8}$/);
    expect(pseudonymsFor(incidentPseudonymKey("a test secret of at least 32 characters", "inc-2"), [V1]).get(V1)).not.toBe(ref(V1));
  });
});

describe("personal statements, worked by hand (DISC-7)", () => {
  const statement = (accountId: number) => scenarioStatement(run, accountId);

  it("V1: liquidated through the book, the backstop and ADL", () => {
    const s = statement(V1);
    // Cost 6,000 USD for 100 lots. Book: 20 at 574,000 removes 1,200 → −52 USD.
    // Backstop: 52 of 80 at 572,843 removes ⌈4,800 × 52/80⌉ = 3,120 USD vs 2,978.7836 → −141.2164 USD.
    // ADL: the last 28 at 572,843 remove 1,680 vs 1,603.9604 → −76.0396 USD.
    expect(s.fills.map((fill) => [fill.kind, fill.side, fill.lots, fill.price, fill.markPrice, fill.realizedPnl, fill.fee])).toEqual([
      ["liquidation", "sell", 20, "574000", "575000", "-52000000", "0"],
      ["backstop", "sell", 52, "572843", "575000", "-141216400", "0"],
      ["adl", "sell", 28, "572843", "575000", "-76039600", "0"],
    ]);
    // 275 − 269.256 − 5.74 fee = 0.004 USD.
    expect(s).toMatchObject({
      engineAccountId: V1,
      positionBefore: 100,
      positionAfter: 0,
      realizedPnl: "-269256000",
      liquidationFees: "5740000",
      adlCompensation: "0",
      equityBefore: "275000000",
      equityAfter: "4000",
      collateralConverted: [],
      startedAtMs: GAP_MS,
      endedAtMs: GAP_MS,
    });
  });

  it("V2: closed by ADL at its bankruptcy price", () => {
    const s = statement(V2);
    // Cost 1,800 USD for 30 lots. 22 at 579,664: 1,275.2608 − ⌈1,800 × 22/30⌉ = 1,275.2608 − 1,320 = −44.7392.
    // The last 8: 463.7312 − 480 = −16.2688. Equity 61.01 − 61.008 = 0.002 USD.
    expect(s.fills.map((fill) => [fill.kind, fill.side, fill.lots, fill.price, fill.realizedPnl])).toEqual([
      ["adl", "sell", 22, "579664", "-44739200"],
      ["adl", "sell", 8, "579664", "-16268800"],
    ]);
    expect(s).toMatchObject({ positionBefore: 30, positionAfter: 0, realizedPnl: "-61008000", equityBefore: "61010000", equityAfter: "2000" });
  });

  it("S4: deleveraged twice, compensated once", () => {
    const s = statement(S4);
    // Short 50, cost −3,000 USD. 28 bought back at 572,843: −1,603.9604 + 1,680 = +76.0396.
    // The last 22 at 579,664: −1,275.2608 + 1,320 = +44.7392. Fund compensation 5.74.
    // Equity 200 → 200 + 76.0396 + 44.7392 + 5.74 = 326.5188 USD.
    expect(s.fills.map((fill) => [fill.kind, fill.side, fill.lots, fill.price, fill.realizedPnl])).toEqual([
      ["adl", "buy", 28, "572843", "76039600"],
      ["adl", "buy", 22, "579664", "44739200"],
    ]);
    expect(s).toMatchObject({ positionBefore: -50, positionAfter: 0, realizedPnl: "120778800", adlCompensation: "5740000", equityAfter: "326518800" });
  });

  it("S3: its resting bid filled by a liquidation is not an ADL fill; its 8 ADL'd lots are", () => {
    const s = statement(S3);
    // After the bid: short 40, cost −2,400. 8 at 579,664: −463.7312 + ⌈−2,400 × 8/40⌉ → +480 → +16.2688.
    // Equity after: cash 10,000 + 52 + 16.2688, short 32 with cost −1,920 at 575,000: +80 → 10,148.2688 USD.
    expect(s.fills.map((fill) => [fill.kind, fill.side, fill.lots, fill.price, fill.realizedPnl])).toEqual([["adl", "buy", 8, "579664", "16268800"]]);
    expect(s).toMatchObject({ positionBefore: -60, positionAfter: -32, realizedPnl: "16268800", equityBefore: "10000000000", equityAfter: "10148268800" });
  });

  it("accounts not involved have no statement", () => {
    expect(involvementOf(events, range, BTC, S5)).toBeNull();
    expect(involvementOf(events, range, BTC, S6)).toBeNull();
    expect(involvementOf(events, range, BTC, L7)).toBeNull();
  });
});
