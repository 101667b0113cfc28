import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accountView,
  apply,
  DEFAULT_ENGINE_CONFIG,
  initialMargin,
  maintenanceMargin,
  maintenanceMarginBracketed,
  marketView,
  tierFor,
  type EngineState,
  type LiqStageEntered,
  type MarketSpec,
} from "@/lib/engine/index";
import { configWith, fundedAccount, must, newEngine, quietConfig, quotes, T1 } from "@/lib/engine/test-helpers";
import type { Wire } from "@/lib/wire/plain";
import { MAX_INPUT_LENGTH, parseCount, parseScaled, parseSteps } from "./calculator-inputs";
import {
  adlCalculation,
  calculatorMarket,
  calculatorMarketWire,
  fundingCalculation,
  liquidationCalculation,
  tierChangeCalculation,
  type CalculatorMarket,
  type Side,
} from "./calculators";

/**
 * EDU-1: the education hub's calculators give exactly the figures a real engine gives. Each property
 * opens positions in a real engine instance (commands through apply, as the host sends them) and
 * compares what the engine keys, charges or ranks with what the calculator shows for the same
 * figures typed as text; the markets come through the same wire form the page hands the browser.
 */

const SYMBOLS = DEFAULT_ENGINE_CONFIG.markets.map((spec) => spec.symbol);
const spec = (symbol: string): MarketSpec => DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === symbol)!;
/** The market as the page passes it to the browser: JSON with bigints as decimal text. */
const market = (symbol: string): CalculatorMarket =>
  calculatorMarket(JSON.parse(JSON.stringify(calculatorMarketWire(wire(spec(symbol))), (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))));

function wire(value: MarketSpec): Wire<MarketSpec> {
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Wire<MarketSpec>;
}

/** An integer count of `scale`-place units as the plain decimal a reader types: 1234567n, 6 → "1.234567". */
function decimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return `${negative ? "-" : ""}${text}`;
}
/** Steps of a decimal step ("0.1") as text: 600001, "0.1" → "60000.1". */
const steps = (n: number, step: string) => decimal(BigInt(n) * BigInt(step.replace(".", "")), step.includes(".") ? step.split(".")[1].length : 0);
const BIG_CENTS = 1_000_000_000n; // 10,000,000 USD

/** Opens `lots` at `entry` ticks for account `taker` against a fresh counterparty account `maker`. */
function open(s: EngineState, symbol: string, taker: number, maker: number, side: Side, lots: number, entry: number, orderId: number): void {
  must(s, {
    type: "PlaceOrder",
    nowMs: T1,
    accountId: maker,
    orderId,
    market: symbol,
    side: side === "long" ? "sell" : "buy",
    orderType: "limit",
    price: entry,
    size: lots,
  });
  must(s, {
    type: "PlaceOrder",
    nowMs: T1,
    accountId: taker,
    orderId: orderId + 1,
    market: symbol,
    side: side === "long" ? "buy" : "sell",
    orderType: "limit",
    price: entry,
    size: lots,
  });
}

describe("liquidation price calculator (EDU-1)", () => {
  it("EDU-1: the liquidation price, initial and maintenance margin are the engine's for a position held alone, and the engine liquidates there", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SYMBOLS),
        fc.constantFrom<Side>("long", "short"),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 100_000, max: 12_000_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        (symbol, side, lots, entry, extraPermille) => {
          const m = spec(symbol);
          const s = newEngine(quietConfig());
          quotes(s, symbol, entry, T1);
          const notional = BigInt(lots) * BigInt(entry) * m.tickLotValue;
          // Initial margin plus a share more, the taker fee and a dollar: enough to open.
          const deposit = (initialMargin(m, notional) * BigInt(1_000 + extraPermille)) / 1_000n + notional / 1_000n + 1_000_000n;
          fundedAccount(s, 1, deposit / 10_000n + 1n, T1);
          fundedAccount(s, 2, BIG_CENTS, T1);
          open(s, symbol, 1, 2, side, lots, entry, 1);
          const view = accountView(s, 1)!;
          const position = view.positions.find((p) => p.market === symbol)!;
          const calc = liquidationCalculation(market(symbol), {
            side,
            size: steps(lots, m.lotSize),
            entryPrice: steps(entry, m.tickSize),
            collateral: decimal(view.cash, 6),
          });
          if (!calc.ok) throw new Error(JSON.stringify(calc.errors));
          expect(calc.result.liquidationTicks ?? 0).toBe(position.liquidationPrice);
          expect(calc.result.maintenanceMargin).toBe(position.maintenanceMargin);
          expect(calc.result.initialMargin).toBe(position.initialMargin);
          expect(calc.result.meetsInitialMargin).toBe(true);
          const at = calc.result.liquidationTicks;
          if (at === null) return;
          // One tick on the safe side the engine leaves the position alone; at the price it liquidates.
          const safe = side === "long" ? at + 1 : at - 1;
          const before = quotes(s, symbol, safe, T1 + 1);
          expect(before.events.some((e) => e.type === "LiquidationStarted")).toBe(false);
          const after = quotes(s, symbol, at, T1 + 2);
          expect(after.events.some((e) => e.type === "LiquidationStarted" && e.accountId === 1)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("EDU-1: a collateral below the initial margin is shown as such, and computes the engine's price all the same", () => {
    const m = market("BTC-PERP");
    const calc = liquidationCalculation(m, { side: "long", size: "1", entryPrice: "60000", collateral: "100" });
    expect(calc.ok && calc.result.meetsInitialMargin).toBe(false);
  });

  it("EDU-1: a position above the market's position limit is refused on the size", () => {
    const m = market("BTC-PERP");
    const calc = liquidationCalculation(m, { side: "long", size: "100000", entryPrice: "1000000", collateral: "1000" });
    expect(calc).toEqual({ ok: false, errors: { size: { problem: "aboveLimit", limit: m.maxPositionNotional.toString() } } });
  });
});

describe("funding cost calculator (EDU-1)", () => {
  it("EDU-1: a payer's funding per interval is exactly what the engine settles; a receiver's is within one micro-USD below", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SYMBOLS),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 100_000, max: 12_000_000 }),
        fc.bigInt({ min: -500_000n, max: 500_000n }),
        (symbol, lots, price, interest) => {
          const m = spec(symbol);
          // With no premium samples the rate is the interest term (inside the clamp band), so it is the input here.
          const s = newEngine(
            configWith((c) => {
              for (const input of c.markets) input.funding.interestRatePerInterval = interest;
            }),
          );
          quotes(s, symbol, price, T1);
          fundedAccount(s, 1, BIG_CENTS, T1);
          fundedAccount(s, 2, BIG_CENTS, T1);
          open(s, symbol, 1, 2, "long", lots, price, 1);
          const r = apply(s, { type: "Tick", nowMs: marketView(s, symbol)!.nextFundingMs });
          const settled = r.events.find((e) => e.type === "FundingSettled" && e.market === symbol);
          if (settled?.type !== "FundingSettled") throw new Error("no funding settled");
          const input = {
            size: steps(lots, m.lotSize),
            markPrice: steps(settled.markPrice, m.tickSize),
            ratePercent: decimal(settled.rate, 7),
            intervals: "1",
          };
          const long = fundingCalculation(market(symbol), { ...input, side: "long" });
          const short = fundingCalculation(market(symbol), { ...input, side: "short" });
          if (!long.ok || !short.ok) throw new Error("refused");
          const paid = (id: number) => -(settled.transfers.find((t) => t.accountId === id)?.amount ?? 0n);
          const [payer, receiver] = settled.rate >= 0n ? [long, short] : [short, long];
          const [payerId, receiverId] = settled.rate >= 0n ? [1, 2] : [2, 1];
          expect(payer.result.perInterval).toBe(paid(payerId));
          const extra = -paid(receiverId) - -receiver.result.perInterval;
          expect(extra >= 0n && extra <= 1n).toBe(true);
          expect(long.result.total).toBe(long.result.perInterval);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("EDU-1: over a holding period it is the per-interval payment times the count, and the period is the count of funding intervals", () => {
    const m = market("BTC-PERP");
    const calc = fundingCalculation(m, { side: "short", size: "2", markPrice: "60000", ratePercent: "0.01", intervals: "21" });
    if (!calc.ok) throw new Error("refused");
    // 2 BTC × 60,000 = 120,000 USD; a short receives 0.01 % = 12 USD per interval.
    expect(calc.result.perInterval).toBe(-12_000_000n);
    expect(calc.result.total).toBe(-252_000_000n);
    expect(calc.result.holdingMs).toBe(21 * m.fundingIntervalMs);
  });

  it("EDU-1: a rate beyond the market's funding cap is refused with the cap", () => {
    const m = market("BTC-PERP");
    const cap = m.fundingCapRate;
    const calc = fundingCalculation(m, { side: "long", size: "1", markPrice: "60000", ratePercent: `-${decimal(cap + 1n, 7)}`, intervals: "3" });
    expect(calc).toEqual({ ok: false, errors: { ratePercent: { problem: "aboveCap", limit: cap.toString() } } });
  });
});

describe("margin tier calculator (EDU-1)", () => {
  it("EDU-1: the tier, initial and maintenance margin before and after are the engine's, on the configuration the page passes", () => {
    for (const symbol of SYMBOLS) expect(market(symbol).marginTiers).toEqual(spec(symbol).marginTiers);
    fc.assert(
      fc.property(
        fc.constantFrom(...SYMBOLS),
        fc.bigInt({ min: 1n, max: 20_000_000_000_000n }),
        fc.bigInt({ min: 1n, max: 20_000_000_000_000n }),
        (symbol, a, b) => {
          const m = spec(symbol);
          const calc = tierChangeCalculation(market(symbol), { notionalBefore: decimal(a, 6), notionalAfter: decimal(b, 6) });
          if (!calc.ok) throw new Error(JSON.stringify(calc.errors));
          for (const [figures, notional] of [
            [calc.result.before, a],
            [calc.result.after, b],
          ] as const) {
            expect(figures.tier).toEqual(tierFor(m, notional));
            expect(figures.initialMargin).toBe(initialMargin(m, notional));
            expect(figures.maintenanceMargin).toBe(maintenanceMargin(m, notional));
            expect(figures.maintenanceMargin).toBe(maintenanceMarginBracketed(m, notional));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("EDU-1: crossing a tier floor raises the initial margin rate on the whole notional", () => {
    const m = market("BTC-PERP");
    const floor = m.marginTiers[1].floorNotional;
    const calc = tierChangeCalculation(m, { notionalBefore: decimal(floor - 1n, 6), notionalAfter: decimal(floor, 6) });
    if (!calc.ok) throw new Error("refused");
    expect(calc.result.before.tier.tier).toBe(1);
    expect(calc.result.after.tier.tier).toBe(2);
    expect(calc.result.after.initialMargin).toBe(floor / BigInt(m.marginTiers[1].maxLeverage));
  });
});

describe("ADL calculator (EDU-1)", () => {
  it("EDU-1: the queue order, rank keys and lots taken are those of the engine's ADL stage for the same positions", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lots: fc.integer({ min: 1, max: 100 }),
            offset: fc.integer({ min: -1_500, max: 1_500 }),
            cents: fc.bigInt({ min: 1_000_000n, max: 10_000_000n }),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.integer({ min: 85, max: 93 }),
        (rows, dropTo) => {
          const symbol = "BTC-PERP";
          const m = spec(symbol);
          const s = newEngine(quietConfig());
          quotes(s, symbol, 600_000, T1);
          const total = rows.reduce((sum, r) => sum + BigInt(r.lots) * BigInt(600_000 + r.offset) * m.tickLotValue, 0n);
          // The position in default: 3 % of its notional as collateral, long against every example short.
          fundedAccount(s, 1, (total * 3n) / 100n / 10_000n + 100n, T1);
          rows.forEach((r, i) => {
            fundedAccount(s, i + 2, r.cents, T1);
            open(s, symbol, 1, i + 2, "long", r.lots, 600_000 + r.offset, 10 * (i + 1));
          });
          const cash = rows.map((_, i) => accountView(s, i + 2)!.cash);
          const mark = Math.floor((600_000 * dropTo) / 100);
          const r = quotes(s, symbol, mark, T1 + 1);
          const stage = r.events.find((e): e is LiqStageEntered => e.type === "LiqStageEntered" && e.stage === "adl");
          if (!stage) throw new Error("no ADL stage");
          const calc = adlCalculation(market(symbol), {
            bankruptSide: "long",
            sizeLeft: steps(stage.sizeToClose, m.lotSize),
            markPrice: steps(stage.markPrice, m.tickSize),
            positions: rows.map((row, i) => ({
              size: steps(row.lots, m.lotSize),
              entryPrice: steps(600_000 + row.offset, m.tickSize),
              collateral: decimal(cash[i], 6),
            })),
          });
          if (!calc.ok) throw new Error(JSON.stringify(calc.errors));
          const taken = calc.result.rows
            .filter((row) => row.lotsTaken > 0)
            .sort((x, y) => x.queuePosition! - y.queuePosition!)
            .map((row) => ({ accountId: row.row + 1, lots: row.lotsTaken, rankPpb: row.rankKey, upnlBefore: row.unrealizedPnl }));
          expect(taken).toEqual(stage.counterparties);
          expect(calc.result.lotsUnmatched).toBe(stage.sizeToClose - stage.sizeClosed);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("EDU-1: a position not in profit at the mark is not in the queue, and the most profitable, most leveraged is first", () => {
    const m = market("BTC-PERP");
    const calc = adlCalculation(m, {
      bankruptSide: "long",
      sizeLeft: "0.15",
      markPrice: "50000",
      positions: [
        { size: "0.1", entryPrice: "60000", collateral: "10000" },
        { size: "0.1", entryPrice: "60000", collateral: "1000" },
        { size: "0.1", entryPrice: "45000", collateral: "1000" },
      ],
    });
    if (!calc.ok) throw new Error("refused");
    expect(calc.result.rows.map((row) => [row.queuePosition, row.lotsTaken])).toEqual([
      [2, 50],
      [1, 100],
      [null, 0],
    ]);
    expect(calc.result.lotsUnmatched).toBe(0);
  });
});

describe("calculator inputs refuse what they cannot read exactly (EDU-1)", () => {
  const m = market("BTC-PERP");

  it("EDU-1: letters, separators, signs, exponents, too many decimals, huge and over-long figures each get their reason", () => {
    expect(parseSteps("abc", "0.1", 10)).toEqual({ ok: false, problem: "notANumber" });
    expect(parseSteps("1e5", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "notANumber" });
    expect(parseSteps("0x10", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "notANumber" });
    expect(parseSteps("60,000", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "thousandsSeparator" });
    expect(parseSteps("-5", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "negative" });
    expect(parseSteps("−5", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "negative" });
    expect(parseSteps("60000.15", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "offStep", limit: "0.1" });
    expect(parseSteps("0", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "zero" });
    expect(parseSteps("   ", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "missing" });
    expect(parseSteps("100000001", "0.1", 10 ** 9)).toEqual({ ok: false, problem: "tooLarge" });
    expect(parseSteps("9".repeat(MAX_INPUT_LENGTH + 1), "0.1", 10 ** 9)).toEqual({ ok: false, problem: "tooLong" });
    expect(parseSteps("9".repeat(1_000_000), "0.1", 10 ** 9)).toEqual({ ok: false, problem: "tooLong" });
    expect(parseScaled("1.1234567", 6, 10n ** 18n)).toEqual({ ok: false, problem: "tooManyDecimals", limit: "6" });
    expect(parseScaled("NaN", 6, 10n ** 18n)).toEqual({ ok: false, problem: "notANumber" });
    expect(parseScaled("Infinity", 6, 10n ** 18n)).toEqual({ ok: false, problem: "notANumber" });
    expect(parseScaled("1000000000001", 6, 10n ** 18n)).toEqual({ ok: false, problem: "tooLarge" });
    expect(parseScaled("-0.01", 7, 10n ** 9n, { signed: true })).toEqual({ ok: true, value: -100_000n });
    expect(parseCount("2.5", 10)).toEqual({ ok: false, problem: "tooManyDecimals", limit: "0" });
    expect(parseCount("11", 10)).toEqual({ ok: false, problem: "tooLarge" });
    expect(parseSteps(" 60000.10 ", "0.1", 10 ** 9)).toEqual({ ok: true, value: 600_001 });
  });

  it("EDU-1: any text that is not an exact in-range quantity computes nothing, and every field says why", () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.constantFrom("", "-1", "1e9", "1,000", "0", "0.0000001", "٣", "１０", "9".repeat(40), "1..2", ".5", "5.", "+-1", "Infinity"),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, (size, entryPrice, collateral) => {
        const calc = liquidationCalculation(m, { side: "long", size, entryPrice, collateral });
        const sizeOk = parseSteps(size, m.lotSize, 2_147_483_647).ok;
        const entryOk = parseSteps(entryPrice, m.tickSize, m.maxPriceTicks).ok;
        const collateralOk = parseScaled(collateral, 6, 10n ** 18n).ok;
        if (!calc.ok) {
          expect(Object.keys(calc.errors).length).toBeGreaterThan(0);
          expect("size" in calc.errors).toBe(!sizeOk || (sizeOk && entryOk && collateralOk));
        } else {
          expect(sizeOk && entryOk && collateralOk).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("EDU-1: every exactly representable value reads back to itself", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (micros) => {
        expect(parseScaled(decimal(micros, 6), 6, 10n ** 18n, { signed: true })).toEqual({ ok: true, value: micros });
      }),
    );
  });
});
