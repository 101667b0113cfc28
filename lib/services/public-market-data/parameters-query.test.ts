import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseParametersQuery } from "./parameters-query";

const parse = (query: string) => parseParametersQuery(new URLSearchParams(query));
const message = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    return error instanceof ZodError ? error.issues[0].message : String(error);
  }
  return "accepted";
};

describe("parameter registry query (issue 6 pt 8 / pt 11)", () => {
  it("DISC-1: no filter, a market, or a scope; empty form fields mean no filter", () => {
    expect(parse("")).toEqual({ market: undefined, scope: undefined });
    expect(parse("market=BTC-PERP")).toEqual({ market: "BTC-PERP", scope: "market" });
    expect(parse("scope=collateral&market=")).toEqual({ market: undefined, scope: "collateral" });
  });
  it("refuses bad input with a message that says what is wrong", () => {
    expect(message("scope=fees")).toBe("scope must be one of platform, market, collateral");
    expect(message("market=btc perp")).toBe("market must be a market symbol such as BTC-PERP");
    expect(message("market=BTC-PERP&scope=collateral")).toBe("market filters market parameters: leave scope out or set it to market");
    expect(message("limit=5")).toBe("unknown query parameter limit; allowed: market, scope");
    expect(message("market=BTC-PERP&market=ETH-PERP")).toBe("market must be given once");
  });
});
