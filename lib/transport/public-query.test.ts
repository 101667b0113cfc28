import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  FUNDING_DEFAULT_WINDOW_MS,
  fundingWindow,
  GetFundingHistoryInput,
  GetMarketAtInput,
  GetMarkTrailInput,
  GetParametersInput,
  ListTradesInput,
  MARK_TRAIL_DEFAULT_WINDOW_MS,
  markTrailWindow,
  TRADES_DEFAULT_LIMIT,
  TRADES_MAX_LIMIT,
} from "@/lib/services/public-market-data/schemas";
import { fundingHistoryInput, marketAtInput, markTrailInput, parametersInput, parseInstant, searchParamsOf, tradesInput } from "./public-query";

/**
 * A query string as a public route reads it: the transport's parse (text → typed input), then the
 * service's own schema and window rule, so each case here is the 400 (or the answer's query) the
 * route gives.
 */

const NOW = 1_800_000_000_000;

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof z.ZodError) return error.issues[0]?.message ?? "";
    throw error;
  }
  throw new Error("expected a validation error");
}

const trail = (query: string) => {
  const { symbol: _symbol, format, afterSeq = 0, ...requested } = GetMarkTrailInput.parse(markTrailInput("BTC-PERP", new URLSearchParams(query)));
  return { ...markTrailWindow(requested, NOW), format, afterSeq };
};

describe("mark-trail query", () => {
  it("defaults to the last hour of engine time as JSON", () => {
    expect(trail("")).toEqual({ from: NOW - MARK_TRAIL_DEFAULT_WINDOW_MS, to: NOW, format: "json", afterSeq: 0 });
  });

  it("accepts an explicit window, CSV and a paging cursor", () => {
    expect(trail(`from=${NOW - 1000}&to=${NOW}&format=csv&afterSeq=42`)).toEqual({ from: NOW - 1000, to: NOW, format: "csv", afterSeq: 42 });
    expect(trail(`to=${NOW - 5000}`)).toEqual({ from: NOW - 5000 - MARK_TRAIL_DEFAULT_WINDOW_MS, to: NOW - 5000, format: "json", afterSeq: 0 });
  });

  it("says exactly what is wrong", () => {
    expect(errorOf(() => trail("from=yesterday"))).toMatch(/^from must be epoch milliseconds or an ISO 8601 date-time/);
    expect(errorOf(() => trail("from=1.5"))).toMatch(/^from must be epoch milliseconds or an ISO 8601 date-time/);
    expect(errorOf(() => trail("to=-1"))).toMatch(/^to must be epoch milliseconds or an ISO 8601 date-time/);
    expect(errorOf(() => trail("to=2026-02-30T10:00"))).toMatch(/^to must be epoch milliseconds/);
    expect(errorOf(() => trail(`from=${NOW}&to=${NOW - 1}`))).toBe("to must be ≥ from");
    expect(errorOf(() => trail(`from=${NOW - 86_400_001}&to=${NOW}`))).toMatch(/^window must be ≤ 24 h/);
    expect(errorOf(() => trail(`from=${NOW - 90_000_000}`))).toMatch(/^window must be ≤ 24 h/);
    expect(errorOf(() => trail("format=xml"))).toBe('format must be "json" or "csv"');
    expect(errorOf(() => trail("afterSeq=x"))).toBe("afterSeq must be a non-negative integer");
    expect(errorOf(() => trail("from=1&from=2"))).toBe("from must be given once");
    expect(errorOf(() => trail("symbol=BTC"))).toMatch(/^unknown query parameter symbol/);
  });

  it("accepts ISO date-times (UTC unless an offset is given) and empty form fields, so a plain GET form works", () => {
    const from = Date.UTC(2027, 0, 15, 8, 0, 0);
    expect(trail("from=2027-01-15T08:00&to=2027-01-15T08:30:15&format=csv")).toEqual({ from, to: from + 30 * 60_000 + 15_000, format: "csv", afterSeq: 0 });
    expect(trail("from=2027-01-15T16:00%2B08:00&to=2027-01-15T08:00:00.5Z")).toMatchObject({ from, to: from + 500 });
    expect(trail("from=&to=")).toEqual({ from: NOW - MARK_TRAIL_DEFAULT_WINDOW_MS, to: NOW, format: "json", afterSeq: 0 });
  });

  it("accepts a window of exactly 24 h", () => {
    expect(trail(`from=${NOW - 86_400_000}&to=${NOW}`).from).toBe(NOW - 86_400_000);
  });
});

describe("trades query", () => {
  const trades = (query: string) => {
    const { limit, before } = ListTradesInput.parse(tradesInput("BTC-PERP", new URLSearchParams(query)));
    return { limit, before };
  };

  it("defaults and accepts paging", () => {
    expect(trades("")).toEqual({ limit: TRADES_DEFAULT_LIMIT, before: undefined });
    expect(trades("limit=5&before=1234")).toEqual({ limit: 5, before: 1234 });
    expect(trades(`limit=${TRADES_MAX_LIMIT}`).limit).toBe(TRADES_MAX_LIMIT);
  });

  it("refuses bad values with a specific message", () => {
    expect(errorOf(() => trades("limit=0"))).toBe("limit must be a positive integer");
    expect(errorOf(() => trades("limit=ten"))).toBe("limit must be a positive integer");
    expect(errorOf(() => trades(`limit=${TRADES_MAX_LIMIT + 1}`))).toBe(`limit must be ≤ ${TRADES_MAX_LIMIT}`);
    expect(errorOf(() => trades("before=-3"))).toBe("before must be a positive integer");
    expect(errorOf(() => trades("before=0"))).toBe("before must be a positive integer");
    expect(errorOf(() => trades("page=2"))).toMatch(/^unknown query parameter page/);
  });
});

describe("parseInstant", () => {
  it("reads epoch ms and ISO 8601 date-times, and refuses impossible dates", () => {
    expect(parseInstant("1767225600000")).toBe(1_767_225_600_000);
    expect(parseInstant("2026-01-01T00:00")).toBe(1_767_225_600_000);
    expect(parseInstant("2026-01-01T08:00:00+08:00")).toBe(1_767_225_600_000);
    expect(parseInstant("2026-01-01T00:00:00.25Z")).toBe(1_767_225_600_250);
    expect(parseInstant("2026-02-29T00:00")).toBeNull();
    expect(parseInstant("2026-01-01T24:00")).toBeNull();
    expect(parseInstant("2026-01-01")).toBeNull();
    expect(parseInstant("1969-12-31T23:59")).toBeNull();
  });
});

describe("funding-history query", () => {
  const funding = (query: string) => {
    const { symbol: _symbol, afterSeq = 0, ...requested } = GetFundingHistoryInput.parse(fundingHistoryInput("BTC-PERP", new URLSearchParams(query)));
    return { ...fundingWindow(requested, NOW), afterSeq };
  };

  it("defaults to the last 7 days of engine time and accepts a window and a paging cursor", () => {
    expect(funding("")).toEqual({ from: NOW - FUNDING_DEFAULT_WINDOW_MS, to: NOW, afterSeq: 0 });
    expect(funding(`from=${NOW - 1000}&to=${NOW}&afterSeq=9`)).toEqual({ from: NOW - 1000, to: NOW, afterSeq: 9 });
  });

  it("says exactly what is wrong", () => {
    expect(errorOf(() => funding(`from=${NOW}&to=${NOW - 1}`))).toBe("to must be ≥ from");
    expect(errorOf(() => funding(`from=${NOW - 367 * 86_400_000}&to=${NOW}`))).toMatch(/^window must be ≤ 366 days/);
    expect(errorOf(() => funding("from=soon"))).toMatch(/^from must be epoch milliseconds/);
    expect(errorOf(() => funding("afterSeq=-1"))).toBe("afterSeq must be a non-negative integer");
    expect(errorOf(() => funding("format=csv"))).toMatch(/^unknown query parameter format; allowed: from, to, afterSeq/);
  });
});

describe("market-at query", () => {
  const at = (query: string) => GetMarketAtInput.parse(marketAtInput("BTC-PERP", new URLSearchParams(query))).seq;

  it("takes one journal seq, and says what a missing or bad one should be", () => {
    expect(at("seq=42")).toBe(42);
    expect(errorOf(() => at(""))).toBe("seq is required: the journal event sequence number to recompute at");
    expect(errorOf(() => at("seq=0"))).toBe("seq must be a positive integer");
    expect(errorOf(() => at("seq=-1"))).toBe("seq must be a positive integer");
    expect(errorOf(() => at("seq=1&seq=2"))).toBe("seq must be given once");
    expect(errorOf(() => at("seq=1&at=1"))).toMatch(/^unknown query parameter at; allowed: seq/);
  });
});

describe("parameter registry query", () => {
  const parse = (query: string) => GetParametersInput.parse(parametersInput(new URLSearchParams(query)));

  it("DISC-1: no filter, a market, or a scope; empty form fields mean no filter", () => {
    expect(parse("")).toEqual({ market: undefined, scope: undefined });
    expect(parse("market=BTC-PERP")).toEqual({ market: "BTC-PERP", scope: "market" });
    expect(parse("scope=collateral&market=")).toEqual({ market: undefined, scope: "collateral" });
  });

  it("refuses bad input with a message that says what is wrong", () => {
    expect(errorOf(() => parse("scope=fees"))).toBe("scope must be one of platform, market, collateral");
    expect(errorOf(() => parse("market=btc perp"))).toBe("market must be a market symbol such as BTC-PERP");
    expect(errorOf(() => parse("market=BTC-PERP&scope=collateral"))).toBe("market filters market parameters: leave scope out or set it to market");
    expect(errorOf(() => parse("limit=5"))).toBe("unknown query parameter limit; allowed: market, scope");
    expect(errorOf(() => parse("market=BTC-PERP&market=ETH-PERP"))).toBe("market must be given once");
  });

  it("a page's searchParams read as the same query string (repeated values kept, so they are refused alike)", () => {
    expect(searchParamsOf({ market: ["BTC-PERP", "ETH-PERP"], scope: undefined, x: "1" }).toString()).toBe("market=BTC-PERP&market=ETH-PERP&x=1");
  });
});
