import { describe, expect, it } from "vitest";
import { canonicalJson, type Command, type EngineEvent, type EngineState } from "../engine/index";
import { engineAt, fundedAccount, must, T1 } from "../engine/test-helpers";
import { firstRollupDifference } from "./rebuild-rollups";
import { emptyFigures, MINUTE_MS, parseRow, RollupFold, serializeRow, type RollupRow } from "./rollup";

const M0 = Math.floor(T1 / MINUTE_MS) * MINUTE_MS;

/** Just what the fold reads of the engine state after a command. */
function fakeState(
  now: number,
  seq: number,
  figures: { mark?: number; index?: number; lastTrade?: number; longs?: number[]; fund?: bigint } = {},
): EngineState {
  const holders = (figures.longs ?? []).flatMap((size) => [{ positions: [{ size }] }, { positions: [{ size: -size }] }]);
  const market = {
    i: 0,
    symbol: "BTC-PERP",
    tlv: 10_000n,
    mark: figures.mark ?? 0,
    lastTrade: figures.lastTrade ?? 0,
    index: figures.index === undefined ? null : { price: figures.index },
    holders: new Set(holders),
    insurance: { balance: figures.fund ?? 0n },
  };
  return { now, seq, marketBySymbol: new Map([["BTC-PERP", market]]) } as unknown as EngineState;
}

let seq = 0;
const ev = <T extends EngineEvent["type"]>(type: T, body: Omit<Extract<EngineEvent, { type: T }>, "seq" | "nowMs" | "type">, nowMs = M0): EngineEvent =>
  ({ type, seq: ++seq, nowMs, ...body }) as unknown as EngineEvent;

const trade = (price: number, size: number, flags: { makerAfmm?: boolean; takerAfmm?: boolean; liquidation?: boolean } = {}) =>
  ev("Trade", {
    market: "BTC-PERP",
    price,
    size,
    aggressor: "buy",
    takerOrderId: 1,
    makerOrderId: 2,
    takerAccountId: 1,
    makerAccountId: 2,
    takerFee: 0n,
    makerFee: 0n,
    makerRemaining: 0,
    liquidation: flags.liquidation ?? false,
    backstop: false,
    adl: false,
    takerAfmm: flags.takerAfmm ?? false,
    makerAfmm: flags.makerAfmm ?? false,
  });

const markTick = (price: number) => ev("MarkTick", { market: "BTC-PERP", price, inputs: {} as never, chosen: "p1", fallback: false });

const stage = (stageName: "cancel_orders" | "book" | "adl", market: string | null, accountId = 9) =>
  ev("LiqStageEntered", {
    accountId,
    market,
    stage: stageName,
    reason: "below_maintenance",
    sizeToClose: 0,
    bankruptcyPrice: 0,
    markPrice: 0,
    sizeClosed: 0,
    amount: 0n,
    equityAfter: 0n,
    maintenanceAfter: 0n,
  });

describe("minute rollups: the fold (REC-1, RPT-10)", () => {
  it("REC-1 RPT-10: a minute's mark OHLC, volume, AFMM share, funding, insurance flows and waterfall stages come from its events; closes from the state", () => {
    const fold = new RollupFold();
    const first = [markTick(600_000), trade(600_010, 3, { makerAfmm: true }), trade(600_020, 1)];
    fold.foldCommand(first, fakeState(M0 + 1_000, seq, { mark: 600_000, index: 599_990, longs: [4], fund: 5_000n }));
    const second = [
      markTick(600_500),
      markTick(599_000),
      ev("FundingSampled", { market: "BTC-PERP", impactBid: null, impactAsk: null, index: 599_990, premium: -120n }),
      ev("FundingSettled", {
        market: "BTC-PERP",
        intervalEndMs: M0,
        rate: 75n,
        markPrice: 599_000,
        transfers: [
          { accountId: 1, amount: -40n },
          { accountId: 2, amount: 40n },
        ],
        totalPaid: 40n,
      }),
      ev("LiquidationStarted", { accountId: 9, equity: -1n, maintenanceMargin: 10n, formulaVersion: "v1" }),
      stage("cancel_orders", null),
      stage("book", "BTC-PERP"),
      trade(599_000, 2, { liquidation: true, takerAfmm: true }),
      ev("InsuranceFundChanged", { market: "BTC-PERP", delta: 700n, balance: 5_700n, reason: "liquidation_fee", accountId: 9, causeSeq: 1 }),
      stage("adl", "BTC-PERP"),
      ev("InsuranceFundChanged", { market: "BTC-PERP", delta: -200n, balance: 5_500n, reason: "adl_compensation", accountId: 9, causeSeq: 1 }),
      ev("LiquidationCompleted", { accountId: 9, equity: 0n, maintenanceMargin: 0n, stages: ["cancel_orders", "book", "adl"], partial: false }),
    ];
    fold.foldCommand(second, fakeState(M0 + 30_000, seq, { mark: 599_000, index: 599_100, lastTrade: 599_000, longs: [4, 2], fund: 5_500n }));
    const [row] = fold.takeTouched();
    expect(row).toMatchObject({ market: "BTC-PERP", minuteMs: M0, lastSeq: seq });
    expect(row.figures).toEqual({
      ...emptyFigures(),
      mark: { open: 600_000, high: 600_500, low: 599_000, close: 599_000 },
      markClose: 599_000,
      indexClose: 599_100,
      lastTradeClose: 599_000,
      trades: 3,
      volumeLots: "6",
      // Σ price · lots · tick-lot value
      volumeNotional: String((600_010 * 3 + 600_020 + 599_000 * 2) * 10_000),
      afmm: {
        trades: 2,
        volumeLots: "5",
        volumeNotional: String((600_010 * 3 + 599_000 * 2) * 10_000),
        makerLots: "3",
        takerLots: "2",
        shareOfLotsBps: 8_333,
      },
      liquidationTrades: 1,
      liquidationLots: "2",
      funding: { samples: 1, lastPremium: "-120", settlements: 1, lastRate: "75", paid: "40", received: "40" },
      openInterestLots: 6,
      insuranceFund: { close: "5500", inflow: "700", outflow: "200", depletions: 0 },
      liquidationStages: { cancel_orders: 1, book: 1, backstop: 0, insurance_fund: 0, adl: 1 },
    });
    // Canonical JSON refuses floats: every figure is an integer or a decimal string.
    expect(() => serializeRow(row)).not.toThrow();
  });

  it("REC-1: the next minute opens a new row and the finished one is left as it was; a command without a trade carries open interest", () => {
    const fold = new RollupFold();
    fold.foldCommand([trade(600_000, 2)], fakeState(M0 + 59_999, seq, { mark: 600_000, longs: [2] }));
    const finished = fold.takeTouched();
    fold.foldCommand([markTick(600_100)], fakeState(M0 + MINUTE_MS, seq, { mark: 600_100, longs: [99] }));
    const next = fold.takeTouched();
    expect(finished.map((row) => row.minuteMs)).toEqual([M0]);
    expect(finished[0].figures.trades).toBe(1);
    expect(next.map((row) => [row.minuteMs, row.figures.trades, row.figures.openInterestLots])).toEqual([[M0 + MINUTE_MS, 0, 2]]);
    expect(fold.takeTouched(), "nothing touched since").toEqual([]);
  });

  it("REC-1: resuming from stored rows skips commands they already include, so a replayed tail is not counted twice", () => {
    const commands: Array<{ events: EngineEvent[]; state: EngineState }> = [];
    for (let i = 0; i < 6; i++) {
      const events = [markTick(600_000 + i * 10), trade(600_000 + i, 1 + i)];
      commands.push({ events, state: fakeState(M0 + i * 20_000, seq, { mark: 600_000 + i * 10, longs: [i + 1] }) });
    }
    const whole = new RollupFold();
    for (const { events, state } of commands) whole.foldCommand(events, state);
    const expected = whole.takeTouched().map(serializeRow);

    // Live until the fourth command (rows stored with it), then a restart replays from the second.
    const live = new RollupFold();
    const stored = new Map<string, ReturnType<typeof serializeRow>>();
    for (const { events, state } of commands.slice(0, 4)) {
      live.foldCommand(events, state);
      for (const row of live.takeTouched().map(serializeRow)) stored.set(`${row.market}|${row.minuteMs}`, row);
    }
    const resumed = new RollupFold([...stored.values()].map(parseRow));
    for (const { events, state } of commands.slice(1)) {
      resumed.foldCommand(events, state);
      for (const row of resumed.takeTouched().map(serializeRow)) stored.set(`${row.market}|${row.minuteMs}`, row);
    }
    expect([...stored.values()]).toEqual(expected);
    expect(firstRollupDifference([...stored.values()], expected)).toBeNull();
  });

  it("REC-1: a difference is reported as its market, minute and the path of the first differing figure", () => {
    const row: RollupRow = { market: "BTC-PERP", minuteMs: M0, lastSeq: 5, figures: emptyFigures() };
    const changed: RollupRow = { ...row, figures: { ...emptyFigures(), afmm: { ...emptyFigures().afmm, volumeLots: "3" } } };
    expect(firstRollupDifference([serializeRow(changed)], [serializeRow(row)])).toEqual({
      market: "BTC-PERP",
      minuteMs: M0,
      field: "figures.afmm.volumeLots",
      stored: "3",
      recomputed: "0",
    });
    expect(firstRollupDifference([], [serializeRow(row)])).toMatchObject({ field: "row", stored: null });
    expect(firstRollupDifference([serializeRow({ ...row, lastSeq: 4 })], [serializeRow(row)])).toMatchObject({ field: "lastSeq", stored: 4, recomputed: 5 });
  });

  it("RPT-10: on a real engine an AFMM fill counts toward the AFMM share and open interest follows the positions", () => {
    const s = engineAt(600_000, T1);
    fundedAccount(s, 1, 10_000_000_000n, T1);
    fundedAccount(s, 2, 10_000_000_000n, T1, "afmm");
    const fold = new RollupFold();
    const run = (command: Command) => {
      const result = must(s, command);
      fold.foldCommand(result.events, s);
      return result;
    };
    run({ type: "PlaceOrder", nowMs: T1, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 5, tif: "GTC" });
    run({ type: "PlaceOrder", nowMs: T1, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 3, tif: "GTC" });
    const rows = fold.takeTouched();
    expect(rows).toHaveLength(1);
    expect(rows[0].figures).toMatchObject({
      trades: 1,
      volumeLots: "3",
      afmm: { trades: 1, volumeLots: "3", makerLots: "3", shareOfLotsBps: 10_000 },
      openInterestLots: 3,
    });
    expect(canonicalJson(rows[0].figures)).toBe(serializeRow(rows[0]).figures);
  });
});
