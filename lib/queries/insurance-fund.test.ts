import { describe, expect, it } from "vitest";
import type { PublicMessage } from "@/lib/wire/market-stream";
import type { InsuranceFundMarket, InsuranceLedgerRow } from "@/lib/wire/public-api";
import { foldedFundMarket, MAX_LEDGER_ROWS, mergeHistory } from "./insurance-fund";

const market: InsuranceFundMarket = {
  symbol: "BTC-PERP",
  balance: "100000000",
  floor: "10000000",
  available: "90000000",
  depleted: false,
  totalIn: "100000000",
  totalOut: "0",
  history: [],
};

const insurance = (id: number, data: Extract<PublicMessage, { kind: "insurance" }>["data"]): PublicMessage => ({
  id,
  market: "BTC-PERP",
  kind: "insurance",
  atMs: 1_000 + id,
  data,
});

describe("the insurance-fund page folds the market stream into the fund's cache entry", () => {
  it("a ledger line moves the balance and is added to the history", () => {
    const next = foldedFundMarket(
      market,
      insurance(5, { change: "changed", delta: "-2000000", balance: "98000000", reason: "backstop_compensation", causeSeq: 4 }),
    );
    expect(next.balance).toBe("98000000");
    expect(next.history).toEqual([
      { seq: 5, atMs: 1_005, change: "changed", delta: "-2000000", balance: "98000000", reason: "backstop_compensation", causeSeq: 4 },
    ]);
  });

  it("a top-up event carries no balance: the balance waits for its own ledger line", () => {
    const next = foldedFundMarket(market, insurance(6, { change: "deposited", delta: "5000000", fundingId: "f-1" }));
    expect(next.balance).toBe(market.balance);
    expect(next.history.map((row) => row.seq)).toEqual([6]);
  });

  it("the depletion alert marks the fund depleted", () => {
    expect(foldedFundMarket(market, insurance(7, { change: "depleted", balance: "10000000", floor: "10000000", causeSeq: 6 })).depleted).toBe(true);
  });

  it("a stats message brings every fund figure; other kinds leave the fund as it was", () => {
    const fund = { balance: "1", floor: "2", available: "0", depleted: true, totalIn: "3", totalOut: "4" };
    const stats = {
      id: 8,
      market: "BTC-PERP",
      kind: "stats",
      atMs: 1_008,
      data: {
        market: "BTC-PERP",
        mark: 650_000,
        index: 650_000,
        indexValid: true,
        lastTrade: 650_000,
        bestBid: 649_999,
        bestAsk: 650_001,
        predictedFunding: { averagePremium: "0", sampleCount: 0, interestRate: "0", clampedInterestTerm: "0", uncappedRate: "0", rate: "0", capped: false },
        lastFundingRate: "0",
        nextFundingMs: 2_000,
        openInterestLongLots: 0,
        openInterestShortLots: 0,
        insuranceFund: fund,
        restingOrders: 0,
        adl: null,
        spec: null,
      },
    } satisfies PublicMessage;
    expect(foldedFundMarket(market, stats)).toEqual({ ...market, ...fund });
    const book: PublicMessage = { id: 9, market: "BTC-PERP", kind: "book", atMs: 1_009, data: { bids: [[649_999, 1]], asks: [] } };
    expect(foldedFundMarket(market, book)).toBe(market);
  });
});

describe("ledger histories merge by event seq", () => {
  const row = (seq: number, balance = "1"): InsuranceLedgerRow => ({
    seq,
    atMs: seq,
    change: "changed",
    delta: "1",
    balance,
    reason: "liquidation_fee",
    causeSeq: seq,
  });

  it("newest first, one row per seq (a seq is one journal event, so its copies are equal), capped", () => {
    expect(mergeHistory([row(3, "new")], [row(1), row(3, "old"), row(2)]).map((r) => [r.seq, r.change === "deposited" ? null : r.balance])).toEqual([
      [3, "old"],
      [2, "1"],
      [1, "1"],
    ]);
    const long = Array.from({ length: MAX_LEDGER_ROWS + 10 }, (_, i) => row(i + 1));
    const merged = mergeHistory(long, []);
    expect(merged).toHaveLength(MAX_LEDGER_ROWS);
    expect(merged[0].seq).toBe(MAX_LEDGER_ROWS + 10);
  });
});
