import type { Command, EngineState } from "../engine/index";
import type { SimulationFactory } from "./host";

/** Test support for the journal's database tests (not loaded by the portal). */

export const T0 = 1_767_225_600_000 + 86_400_000;
const SOURCES = ["hashkey", "osl", "coinbase", "kraken", "bitstamp"];

/** Four funded traders crossing around a random-walking BTC index: enough to move every figure. */
export const crossingMarket: SimulationFactory = ({ seed, ids }) => {
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  let price = 650_000;
  return {
    bootstrap(nowMs) {
      const commands: Command[] = [{ type: "FundInsurance", nowMs, fundingId: "if-seed", market: "BTC-PERP", amount: 1_000_000_000_000n }];
      for (let accountId = 1; accountId <= 4; accountId++) {
        commands.push({ type: "CreateAccount", nowMs, accountId, kind: "client" });
        commands.push({ type: "Deposit", nowMs, accountId, depositId: `seed-${accountId}`, assetId: "USD", amountMinor: 1_000_000_000n });
        commands.push({ type: "SettleDeposit", nowMs, depositId: `seed-${accountId}` });
      }
      return commands;
    },
    step(_engine: EngineState, nowMs: number) {
      price += (next() % 401) - 200;
      const commands: Command[] = [
        {
          type: "IndexQuotes",
          nowMs,
          market: "BTC-PERP",
          quotes: SOURCES.map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
        },
      ];
      for (let i = 0; i < 4; i++) {
        const side = next() % 2 === 0 ? "buy" : "sell";
        commands.push({
          type: "PlaceOrder",
          nowMs,
          accountId: 1 + (next() % 4),
          orderId: ids.nextOrderId(),
          market: "BTC-PERP",
          side,
          orderType: "limit",
          price: price + (next() % 40) - 20,
          size: 1 + (next() % 20),
          tif: "GTC",
        });
      }
      commands.push({ type: "Tick", nowMs });
      return commands;
    },
    observe() {},
  };
};
