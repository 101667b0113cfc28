import type { Command } from "@/lib/engine/index";
import type { SimulationFactory } from "@/lib/simulation/host";

// The engine set-up the trading db tests share: a quiet market with one maker, run in the test's process.

export const T0 = 1_767_225_600_000 + 86_400_000;
export const SOURCES = ["hashkey", "osl", "coinbase", "kraken", "bitstamp"];
export const MAKER = 1;

/** A quiet market: fixed index prices and one maker resting both sides of BTC-PERP around 60,000 USD. */
export const quietMarket: SimulationFactory = () => ({
  bootstrap(nowMs) {
    const commands: Command[] = [
      { type: "FundInsurance", nowMs, fundingId: "if-seed", market: "BTC-PERP", amount: 1_000_000_000_000n },
      { type: "CreateAccount", nowMs, accountId: MAKER, kind: "afmm" },
      { type: "Deposit", nowMs, accountId: MAKER, depositId: "maker", assetId: "USD", amountMinor: 100_000_000_00n },
      { type: "SettleDeposit", nowMs, depositId: "maker" },
    ];
    for (const market of ["BTC-PERP", "ETH-PERP"]) {
      const price = market === "BTC-PERP" ? 600_000 : 300_000;
      commands.push({ type: "IndexQuotes", nowMs, market, quotes: SOURCES.map((sourceId) => ({ sourceId, price, timestampMs: nowMs })) });
    }
    commands.push({
      type: "PlaceOrder",
      nowMs,
      accountId: MAKER,
      orderId: 1,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 600_010,
      size: 20_000,
      tif: "GTC",
    });
    commands.push({
      type: "PlaceOrder",
      nowMs,
      accountId: MAKER,
      orderId: 2,
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 599_990,
      size: 20_000,
      tif: "GTC",
    });
    return commands;
  },
  step(_engine, nowMs) {
    return ["BTC-PERP", "ETH-PERP"].map((market) => ({
      type: "IndexQuotes",
      nowMs,
      market,
      quotes: SOURCES.map((sourceId) => ({ sourceId, price: market === "BTC-PERP" ? 600_000 : 300_000, timestampMs: nowMs })),
    }));
  },
  observe() {},
});
