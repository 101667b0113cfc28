import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  FUNDING_DEFAULT_WINDOW_MS,
  MARK_TRAIL_DEFAULT_WINDOW_MS,
  parseFundingHistoryQuery,
  parseInstant,
  parseMarkTrailQuery,
  parseTradesQuery,
  TRADES_DEFAULT_LIMIT,
  TRADES_MAX_LIMIT,
} from "./schemas";

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

const trail = (query: string) => parseMarkTrailQuery(new URLSearchParams(query), NOW);

describe("parseMarkTrailQuery", () => {
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

  it("issue 6 pt 3: accepts ISO date-times (UTC unless an offset is given) and empty form fields, so a plain GET form works", () => {
    const from = Date.UTC(2027, 0, 15, 8, 0, 0);
    expect(trail("from=2027-01-15T08:00&to=2027-01-15T08:30:15&format=csv")).toEqual({ from, to: from + 30 * 60_000 + 15_000, format: "csv", afterSeq: 0 });
    expect(trail("from=2027-01-15T16:00%2B08:00&to=2027-01-15T08:00:00.5Z")).toMatchObject({ from, to: from + 500 });
    expect(trail("from=&to=")).toEqual({ from: NOW - MARK_TRAIL_DEFAULT_WINDOW_MS, to: NOW, format: "json", afterSeq: 0 });
  });

  it("accepts a window of exactly 24 h", () => {
    expect(trail(`from=${NOW - 86_400_000}&to=${NOW}`).from).toBe(NOW - 86_400_000);
  });
});

describe("parseTradesQuery", () => {
  const trades = (query: string) => parseTradesQuery(new URLSearchParams(query));

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

describe("parseFundingHistoryQuery (issue 6 pt 1)", () => {
  const funding = (query: string) => parseFundingHistoryQuery(new URLSearchParams(query), NOW);

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
