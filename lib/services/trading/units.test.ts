import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { amountToMinorUnits, priceToTicks, sizeToLots } from "./units";
import { CancelOrderInput, depositSchema, orderTicketSchema } from "./schemas";

const BTC = DEFAULT_ENGINE_CONFIG.markets.find((market) => market.symbol === "BTC-PERP")!;
const ETH = DEFAULT_ENGINE_CONFIG.markets.find((market) => market.symbol === "ETH-PERP")!;

describe("order ticket inputs convert to ticks and lots exactly", () => {
  it("USD prices become whole ticks of the market's tick size", () => {
    expect(priceToTicks("60000.1", BTC.tickSize)).toEqual({ ok: true, value: 600_001 });
    expect(priceToTicks("60000", BTC.tickSize)).toEqual({ ok: true, value: 600_000 });
    expect(priceToTicks(" 60000.10 ", BTC.tickSize)).toEqual({ ok: true, value: 600_001 });
    expect(priceToTicks("3000.05", ETH.tickSize)).toEqual({ ok: true, value: 300_005 });
    expect(priceToTicks(".5", BTC.tickSize)).toEqual({ ok: true, value: 5 });
  });

  it("an off-tick price is refused naming the tick size and the nearest valid prices", () => {
    const result = priceToTicks("60000.05", BTC.tickSize);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe("The price 60000.05 USD is not a multiple of 0.1 USD; use e.g. 60000.0 or 60000.1.");
    const tiny = priceToTicks("0.05", BTC.tickSize);
    expect(!tiny.ok && tiny.message).toMatch(/use e\.g\. 0\.1\.$/);
  });

  it("sizes become whole lots; fractions of a lot are refused", () => {
    expect(sizeToLots("0.015", BTC.lotSize, "BTC")).toEqual({ ok: true, value: 15 });
    expect(sizeToLots("2", ETH.lotSize, "ETH")).toEqual({ ok: true, value: 200 });
    const off = sizeToLots("0.0005", BTC.lotSize, "BTC");
    expect(!off.ok && off.message).toBe("The size 0.0005 BTC is not a multiple of 0.001 BTC; use e.g. 0.001.");
  });

  it("empty, zero, negative, thousands separators and non-numbers get specific messages", () => {
    const message = (text: string) => {
      const result = priceToTicks(text, BTC.tickSize);
      return result.ok ? "accepted" : result.message;
    };
    expect(message("")).toBe("Enter the price.");
    expect(message("0")).toBe("The price must be greater than zero.");
    expect(message("-5")).toBe("The price must be greater than zero.");
    expect(message("60,000")).toMatch(/without thousands separators/);
    expect(message("1e5")).toMatch(/must be a number/);
    expect(message("abc")).toMatch(/must be a number/);
    expect(message("99999999999999999999")).toBe("The price is too large.");
  });

  it("COL-1: collateral amounts go to the asset's minor units, at most its decimals", () => {
    expect(amountToMinorUnits("1000.5", 2, "USD")).toEqual({ ok: true, value: 100_050n });
    expect(amountToMinorUnits("25", 6, "USDX-DEMO")).toEqual({ ok: true, value: 25_000_000n });
    const tooPrecise = amountToMinorUnits("1.005", 2, "USD");
    expect(!tooPrecise.ok && tooPrecise.message).toBe("USD has 2 decimal places; the amount 1.005 has 3.");
    expect(amountToMinorUnits("0.00", 2, "USD")).toEqual({ ok: false, message: "The amount must be greater than zero." });
  });
});

describe("the order ticket schema (limit, market, reduce-only)", () => {
  const schema = orderTicketSchema(DEFAULT_ENGINE_CONFIG.markets);
  const issues = (input: Record<string, unknown>) => {
    const result = schema.safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  };

  it("a limit order needs a price; a market order has none; the reduce-only checkbox is read", () => {
    expect(schema.parse({ market: "BTC-PERP", side: "buy", orderType: "limit", price: "60000.1", size: "0.01" })).toEqual({
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 600_001,
      size: 10,
      reduceOnly: false,
    });
    expect(schema.parse({ market: "ETH-PERP", side: "sell", orderType: "market", price: "", size: "1", reduceOnly: "on" })).toEqual({
      market: "ETH-PERP",
      side: "sell",
      orderType: "market",
      price: undefined,
      size: 100,
      reduceOnly: true,
    });
    expect(issues({ market: "BTC-PERP", side: "buy", orderType: "limit", price: "", size: "0.01" })).toEqual({
      price: "A limit order needs a limit price (USD).",
    });
    expect(issues({ market: "BTC-PERP", side: "buy", orderType: "market", price: "60000", size: "0.01" })).toEqual({
      price: "A market order has no limit price: clear the price, or choose a limit order.",
    });
  });

  it("off-tick prices, off-lot sizes and unknown markets are refused per field", () => {
    expect(issues({ market: "BTC-PERP", side: "buy", orderType: "limit", price: "60000.05", size: "0.0001" })).toEqual({
      price: "The price 60000.05 USD is not a multiple of 0.1 USD; use e.g. 60000.0 or 60000.1.",
      size: "The size 0.0001 BTC is not a multiple of 0.001 BTC; use e.g. 0.001.",
    });
    expect(issues({ market: "DOGE-PERP", side: "buy", orderType: "market", size: "1" }).market).toBe("Choose one of the markets: BTC-PERP, ETH-PERP.");
    expect(issues({ market: "BTC-PERP", side: "hold", orderType: "market", size: "1" }).side).toBe("Choose buy or sell.");
  });

  it("COL-1: deposits name a registry asset; cancel takes a positive order id", () => {
    const deposit = depositSchema(DEFAULT_ENGINE_CONFIG.collateral);
    expect(deposit.parse({ assetId: "USDX-DEMO", amount: "250.5" })).toEqual({ assetId: "USDX-DEMO", amountMinor: 250_500_000n });
    const refused = deposit.safeParse({ assetId: "USDT", amount: "10" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toMatch(/^Choose an asset from the collateral registry: .*USD/);
    expect(CancelOrderInput.safeParse({ orderId: "0" }).success).toBe(false);
    expect(CancelOrderInput.parse({ orderId: "42" })).toEqual({ orderId: 42 });
  });
});
