import { describe, expect, it } from "vitest";
import { apply, createEngine, DEFAULT_ENGINE_CONFIG_INPUT, REJECTION_CODES, type Command, type EngineState, type PlaceOrder } from "@/lib/engine/index";
import { explainRejection, REJECTION_EXPLANATIONS } from "./rejections";

const T0 = 1_767_225_600_000 + 86_400_000;
const SOURCES = ["hashkey", "osl", "coinbase", "kraken", "bitstamp"];
const FALLBACK = explainRejection("SOMETHING_NEW", "").check;

function must(s: EngineState, command: Command) {
  const result = apply(s, command);
  if (result.rejection) throw new Error(`${command.type}: ${result.rejection.code} ${result.rejection.message}`);
}

function account(s: EngineState, accountId: number, usdCents: bigint, settle = true) {
  must(s, { type: "CreateAccount", nowMs: T0, accountId, kind: "client" });
  must(s, { type: "Deposit", nowMs: T0, accountId, depositId: `d${accountId}`, assetId: "USD", amountMinor: usdCents });
  if (settle) must(s, { type: "SettleDeposit", nowMs: T0, depositId: `d${accountId}` });
}

/** A BTC market with a mark price, a resting ask, and accounts in the states each check needs. */
function market(): EngineState {
  const s = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
  must(s, {
    type: "IndexQuotes",
    nowMs: T0,
    market: "BTC-PERP",
    quotes: SOURCES.map((sourceId) => ({ sourceId, price: 600_000, timestampMs: T0, recentVolumeUsd: 50_000_000 })),
  });
  account(s, 1, 100_000_00n); // funded
  account(s, 2, 100_000_00n, false); // deposit still pending
  account(s, 3, 100_000_000_00n); // well funded
  account(s, 4, 100_000_00n); // capped
  must(s, { type: "SetAccountLimits", nowMs: T0, accountId: 4, maxNotional: 1_000_000n });
  account(s, 5, 100_000_00n); // reduce-only account
  must(s, { type: "SetAccountLimits", nowMs: T0, accountId: 5, reduceOnly: true });
  must(s, {
    type: "PlaceOrder",
    nowMs: T0,
    accountId: 3,
    orderId: 900,
    market: "BTC-PERP",
    side: "sell",
    orderType: "limit",
    price: 600_100,
    size: 10,
    tif: "GTC",
  });
  return s;
}

const order = (patch: Partial<PlaceOrder>): PlaceOrder => ({
  type: "PlaceOrder",
  nowMs: T0,
  accountId: 1,
  orderId: 1,
  market: "BTC-PERP",
  side: "buy",
  orderType: "limit",
  price: 599_000,
  size: 1,
  tif: "GTC",
  ...patch,
});

/** Every refusal PlaceOrder can give, each provoked on a real engine. */
const PLACE_ORDER_REFUSALS: Array<[string, PlaceOrder]> = [
  ["INVALID_COMMAND", order({ orderId: -1 })],
  ["TIME_WENT_BACKWARDS", order({ nowMs: T0 - 1 })],
  ["UNKNOWN_MARKET", order({ market: "DOGE-PERP" })],
  ["UNKNOWN_ACCOUNT", order({ accountId: 999 })],
  ["DUPLICATE_ORDER_ID", order({ orderId: 900 })],
  ["INVALID_SIZE", order({ size: 0 })],
  ["PRICE_OFF_TICK", order({ price: 599_000.5 })],
  ["PRICE_OUT_OF_BOUNDS", order({ price: 0 })],
  ["NO_MARK_PRICE", order({ market: "ETH-PERP", price: 300_000 })],
  ["INSUFFICIENT_MARGIN", order({ orderType: "market", price: undefined, tif: undefined, size: 1_000_000 })],
  ["COLLATERAL_NOT_RECEIVED", order({ accountId: 2 })],
  ["EXPOSURE_CAP", order({ accountId: 4, size: 100 })],
  ["POSITION_LIMIT", order({ accountId: 3, size: 900_000, price: 600_000 })],
  ["REDUCE_ONLY_ACCOUNT", order({ accountId: 5 })],
  ["REDUCE_ONLY_WOULD_INCREASE", order({ reduceOnly: true })],
  ["POST_ONLY_WOULD_CROSS", order({ price: 600_100, postOnly: true })],
  ["FOK_NOT_FILLABLE", order({ price: 600_100, size: 11, tif: "FOK" })],
];

describe("COL-2: every pre-trade refusal is explained in plain English", () => {
  it("every engine rejection code has its own explanation (the one mapping)", () => {
    for (const code of REJECTION_CODES) {
      const explained = explainRejection(code, "engine text");
      expect(explained.check, code).not.toBe(FALLBACK);
      expect(explained.explanation.length, code).toBeGreaterThan(30);
      expect(explained.message).toBe("engine text");
    }
    expect(Object.keys(REJECTION_EXPLANATIONS).sort()).toEqual([...REJECTION_CODES, "HOST_STOPPED"].sort());
  });

  for (const [code, command] of PLACE_ORDER_REFUSALS) {
    it(`COL-2: PlaceOrder refused with ${code} on a real engine gets that code's explanation`, () => {
      const result = apply(market(), command);
      expect(result.rejection?.code).toBe(code);
      const explained = explainRejection(result.rejection!.code, result.rejection!.message);
      expect(explained).toEqual({ code, message: result.rejection!.message, ...REJECTION_EXPLANATIONS[code as keyof typeof REJECTION_EXPLANATIONS] });
    });
  }

  it("an order id too old for the engine's id window is refused with ORDER_ID_TOO_OLD and that code's explanation", () => {
    const s = market();
    must(s, order({ orderId: 900_000, price: 590_000 }));
    const result = apply(s, order({ orderId: 2 }));
    expect(result.rejection?.code).toBe("ORDER_ID_TOO_OLD");
    expect(explainRejection(result.rejection!.code, result.rejection!.message)).toEqual({
      code: "ORDER_ID_TOO_OLD",
      message: result.rejection!.message,
      ...REJECTION_EXPLANATIONS.ORDER_ID_TOO_OLD,
    });
  });

  it("an unknown code still reads as a refusal, with the engine's message", () => {
    expect(explainRejection("SOMETHING_NEW", "why")).toMatchObject({ code: "SOMETHING_NEW", message: "why", check: "Engine check" });
  });
});
