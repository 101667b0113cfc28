import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MARK_TRAIL_DEFAULT_WINDOW_MS, parseMarkTrailQuery, parseTradesQuery, TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT } from "./schemas";

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
    expect(errorOf(() => trail("from=yesterday"))).toBe("from must be an epoch-millisecond integer");
    expect(errorOf(() => trail("from=1.5"))).toBe("from must be an epoch-millisecond integer");
    expect(errorOf(() => trail("to=-1"))).toBe("to must be an epoch-millisecond integer");
    expect(errorOf(() => trail(`from=${NOW}&to=${NOW - 1}`))).toBe("to must be ≥ from");
    expect(errorOf(() => trail(`from=${NOW - 86_400_001}&to=${NOW}`))).toMatch(/^window must be ≤ 24 h/);
    expect(errorOf(() => trail(`from=${NOW - 90_000_000}`))).toMatch(/^window must be ≤ 24 h/);
    expect(errorOf(() => trail("format=xml"))).toBe('format must be "json" or "csv"');
    expect(errorOf(() => trail("afterSeq=x"))).toBe("afterSeq must be a non-negative integer");
    expect(errorOf(() => trail("from=1&from=2"))).toBe("from must be given once");
    expect(errorOf(() => trail("symbol=BTC"))).toMatch(/^unknown query parameter symbol/);
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
