import { describe, expect, it } from "vitest";
import {
  fundingWindow,
  GetFundingHistoryInput,
  GetMarketAtInput,
  GetMarkTrailInput,
  GetParametersInput,
  ListTradesInput,
  MARK_TRAIL_DEFAULT_WINDOW_MS,
  markTrailWindow,
} from "@/lib/services/public-market-data/schemas";
import { zodErrorOf as errorOf } from "@/test/zod-error";
import { fundingHistoryInput, marketAtInput, markTrailInput, parametersInput, parseInstant, searchParamsOf, tradesInput } from "./public-query";

/**
 * A query string as a public route reads it: the transport's parse (text → typed input), then the
 * service's own schema and window rule, so each case here is the 400 (or the answer's query) the
 * route gives. The cases are what the query string adds (text to numbers, empty fields, repeated
 * and unknown parameters); the service's own rules (ranges, enums, defaults, windows) are tested once,
 * with typed input, in lib/services/public-market-data/schemas.test.ts.
 */

const NOW = 1_800_000_000_000;

const trail = (query: string) => {
  const { symbol: _symbol, format, afterSeq = 0, ...requested } = GetMarkTrailInput.parse(markTrailInput("BTC-PERP", new URLSearchParams(query)));
  return { ...markTrailWindow(requested, NOW), format, afterSeq };
};

describe("mark-trail query", () => {
  it("accepts an explicit window, CSV and a paging cursor", () => {
    expect(trail(`from=${NOW - 1000}&to=${NOW}&format=csv&afterSeq=42`)).toEqual({ from: NOW - 1000, to: NOW, format: "csv", afterSeq: 42 });
  });

  it("says exactly what is wrong", () => {
    expect(errorOf(() => trail("from=yesterday"))).toMatch(/^from must be epoch milliseconds or an ISO 8601 date-time/);
    expect(errorOf(() => trail("from=1.5"))).toMatch(/^from must be epoch milliseconds or an ISO 8601 date-time/);
    expect(errorOf(() => trail("to=-1"))).toMatch(/^to must be epoch milliseconds or an ISO 8601 date-time/);
    expect(errorOf(() => trail("to=2026-02-30T10:00"))).toMatch(/^to must be epoch milliseconds/);
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
});

describe("trades query", () => {
  const trades = (query: string) => {
    const { limit, before } = ListTradesInput.parse(tradesInput("BTC-PERP", new URLSearchParams(query)));
    return { limit, before };
  };

  it("accepts paging", () => {
    expect(trades("limit=5&before=1234")).toEqual({ limit: 5, before: 1234 });
  });

  it("refuses bad values with a specific message", () => {
    expect(errorOf(() => trades("limit=ten"))).toBe("limit must be a positive integer");
    expect(errorOf(() => trades("before=-3"))).toBe("before must be a positive integer");
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

  it("accepts a window and a paging cursor", () => {
    expect(funding(`from=${NOW - 1000}&to=${NOW}&afterSeq=9`)).toEqual({ from: NOW - 1000, to: NOW, afterSeq: 9 });
  });

  it("says exactly what is wrong", () => {
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
    expect(errorOf(() => at("seq=-1"))).toBe("seq must be a positive integer");
    expect(errorOf(() => at("seq=1&seq=2"))).toBe("seq must be given once");
    expect(errorOf(() => at("seq=1&at=1"))).toMatch(/^unknown query parameter at; allowed: seq/);
  });
});

describe("parameter registry query", () => {
  const parse = (query: string) => GetParametersInput.parse(parametersInput(new URLSearchParams(query)));

  it("DISC-1: empty form fields mean no filter", () => {
    expect(parse("scope=collateral&market=")).toEqual({ market: undefined, scope: "collateral" });
  });

  it("refuses bad input with a message that says what is wrong", () => {
    expect(errorOf(() => parse("limit=5"))).toBe("unknown query parameter limit; allowed: market, scope");
    expect(errorOf(() => parse("market=BTC-PERP&market=ETH-PERP"))).toBe("market must be given once");
  });

  it("a page's searchParams read as the same query string (repeated values kept, so they are refused alike)", () => {
    expect(searchParamsOf({ market: ["BTC-PERP", "ETH-PERP"], scope: undefined, x: "1" }).toString()).toBe("market=BTC-PERP&market=ETH-PERP&x=1");
  });
});
