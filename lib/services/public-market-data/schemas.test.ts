import { describe, expect, it } from "vitest";
import { zodErrorOf as errorOf } from "@/test/zod-error";
import {
  FUNDING_DEFAULT_WINDOW_MS,
  fundingWindow,
  GetMarketAtInput,
  GetMarkTrailInput,
  GetParametersInput,
  ListTradesInput,
  MARK_TRAIL_DEFAULT_WINDOW_MS,
  MARK_TRAIL_MAX_WINDOW_MS,
  markTrailWindow,
  TRADES_DEFAULT_LIMIT,
  TRADES_MAX_LIMIT,
} from "./schemas";

/**
 * The public services' own rules (values, ranges, enums, defaults, windows), for typed input as a page
 * passes it. What a query string adds before them (text to numbers, empty fields, repeated and unknown
 * parameters) is tested in lib/transport/public-query.test.ts; each rule is tested once, where it lives,
 * and a route answers with the same message.
 */

const NOW = 1_800_000_000_000;

describe("public market-data inputs", () => {
  it("instants and cursors are whole, non-negative, safe numbers", () => {
    expect(GetMarkTrailInput.parse({ symbol: "BTC-PERP" })).toEqual({ symbol: "BTC-PERP", format: "json" });
    expect(errorOf(() => GetMarkTrailInput.parse({ symbol: "BTC-PERP", from: 1.5 }))).toMatch(/^from must be epoch milliseconds/);
    expect(errorOf(() => GetMarkTrailInput.parse({ symbol: "BTC-PERP", to: -1 }))).toMatch(/^to must be epoch milliseconds/);
    expect(errorOf(() => GetMarkTrailInput.parse({ symbol: "BTC-PERP", afterSeq: Number.MAX_SAFE_INTEGER + 1 }))).toBe(
      "afterSeq must be a non-negative integer",
    );
    expect(errorOf(() => GetMarkTrailInput.parse({ symbol: "BTC-PERP", format: "xml" }))).toBe('format must be "json" or "csv"');
    expect(errorOf(() => GetMarkTrailInput.parse({ symbol: "X".repeat(65) }))).toBe("a market symbol has at most 64 characters");
  });

  it("a trades page is 1 to the maximum, the default when not given", () => {
    expect(ListTradesInput.parse({ symbol: "BTC-PERP" }).limit).toBe(TRADES_DEFAULT_LIMIT);
    expect(ListTradesInput.parse({ symbol: "BTC-PERP", limit: TRADES_MAX_LIMIT }).limit).toBe(TRADES_MAX_LIMIT);
    expect(errorOf(() => ListTradesInput.parse({ symbol: "BTC-PERP", limit: TRADES_MAX_LIMIT + 1 }))).toBe(`limit must be ≤ ${TRADES_MAX_LIMIT}`);
    expect(errorOf(() => ListTradesInput.parse({ symbol: "BTC-PERP", limit: 0 }))).toBe("limit must be a positive integer");
    expect(errorOf(() => ListTradesInput.parse({ symbol: "BTC-PERP", limit: 2.5 }))).toBe("limit must be a positive integer");
    expect(errorOf(() => ListTradesInput.parse({ symbol: "BTC-PERP", before: 0 }))).toBe("before must be a positive integer");
  });

  it("a recomputation needs its seq", () => {
    expect(errorOf(() => GetMarketAtInput.parse({ symbol: "BTC-PERP" }))).toBe("seq is required: the journal event sequence number to recompute at");
    expect(errorOf(() => GetMarketAtInput.parse({ symbol: "BTC-PERP", seq: 0 }))).toBe("seq must be a positive integer");
  });

  it("DISC-1: a market filter implies the market scope, and contradicts any other; scope and market are named as the registry names them", () => {
    expect(GetParametersInput.parse({})).toEqual({ market: undefined, scope: undefined });
    expect(GetParametersInput.parse({ market: "ETH-PERP" })).toEqual({ market: "ETH-PERP", scope: "market" });
    expect(errorOf(() => GetParametersInput.parse({ market: "ETH-PERP", scope: "platform" }))).toBe(
      "market filters market parameters: leave scope out or set it to market",
    );
    expect(GetParametersInput.parse({ scope: "collateral" })).toEqual({ market: undefined, scope: "collateral" });
    expect(errorOf(() => GetParametersInput.parse({ scope: "fees" }))).toBe("scope must be one of platform, market, collateral");
    expect(errorOf(() => GetParametersInput.parse({ market: "btc perp" }))).toBe("market must be a market symbol such as BTC-PERP");
  });
});

describe("history windows", () => {
  it("default from the engine's now, never before time 0", () => {
    expect(markTrailWindow({}, NOW)).toEqual({ from: NOW - MARK_TRAIL_DEFAULT_WINDOW_MS, to: NOW });
    expect(markTrailWindow({}, 1_000)).toEqual({ from: 0, to: 1_000 });
    expect(markTrailWindow({ to: NOW - 5000 }, NOW)).toEqual({ from: NOW - 5000 - MARK_TRAIL_DEFAULT_WINDOW_MS, to: NOW - 5000 });
    expect(fundingWindow({}, NOW)).toEqual({ from: NOW - FUNDING_DEFAULT_WINDOW_MS, to: NOW });
    // A `from` after the engine's now moves the default `to` with it.
    expect(markTrailWindow({ from: NOW + 10 }, NOW)).toEqual({ from: NOW + 10, to: NOW + 10 });
  });

  it("refuse a window that runs backwards or is too wide", () => {
    expect(errorOf(() => markTrailWindow({ from: NOW, to: NOW - 1 }, NOW))).toBe("to must be ≥ from");
    expect(markTrailWindow({ from: NOW - MARK_TRAIL_MAX_WINDOW_MS, to: NOW }, NOW).from).toBe(NOW - MARK_TRAIL_MAX_WINDOW_MS);
    expect(errorOf(() => markTrailWindow({ from: NOW - MARK_TRAIL_MAX_WINDOW_MS - 1, to: NOW }, NOW))).toBe("window must be ≤ 24 h (to − from ≤ 86400000 ms)");
    // Without a `to`, the window runs to the engine's now and is held to the same width.
    expect(errorOf(() => markTrailWindow({ from: NOW - 90_000_000 }, NOW))).toMatch(/^window must be ≤ 24 h/);
    expect(errorOf(() => fundingWindow({ from: 0, to: NOW }, NOW))).toMatch(/^window must be ≤ 366 days/);
  });
});
