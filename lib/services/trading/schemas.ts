import { z } from "zod";
import { depositLimitProblem, type EngineConfig, type MarketSpec } from "@/lib/engine/index";
import { formatMinorUnits } from "@/lib/format";
import { amountToMinorUnits, priceToTicks, sizeToLots } from "@/lib/services/trading/units";

/**
 * Inputs of the trading verbs, as a form posts them (strings; a checked checkbox is "on"). Each
 * schema converts to engine units and reports problems per field, so the form can show them in place.
 */

const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** Longest number a form field takes: far more digits than any real price, size or amount has. */
export const MAX_NUMBER_TEXT = 40;

const numberText = z.string({ error: "Enter a value." }).max(MAX_NUMBER_TEXT, `Enter at most ${MAX_NUMBER_TEXT} characters.`).optional().default("");

export const OrderTicketFields = z.object({
  market: z.string({ error: "Choose a market." }).min(1, "Choose a market.").max(32, "Choose a market."),
  side: z.enum(["buy", "sell"], { error: "Choose buy or sell." }),
  orderType: z.enum(["limit", "market"], { error: "Choose limit or market." }),
  price: numberText,
  size: numberText,
  reduceOnly: checkbox,
});
export type OrderTicketInput = z.input<typeof OrderTicketFields>;

export interface OrderTicket {
  market: string;
  side: "buy" | "sell";
  orderType: "limit" | "market";
  /** Ticks; only for limit orders. */
  price?: number;
  /** Lots. */
  size: number;
  reduceOnly: boolean;
}

/** The order ticket against the markets the engine runs: limit needs a price, market has none; USD → ticks and base units → lots exactly. */
export function orderTicketSchema(markets: readonly MarketSpec[]) {
  return OrderTicketFields.transform((input, ctx): OrderTicket => {
    const spec = markets.find((market) => market.symbol === input.market);
    if (!spec) {
      ctx.addIssue({ code: "custom", path: ["market"], message: `Choose one of the markets: ${markets.map((market) => market.symbol).join(", ")}.` });
      return z.NEVER;
    }
    let price: number | undefined;
    if (input.orderType === "limit") {
      const converted = priceToTicks(input.price, spec.tickSize);
      if (converted.ok) price = converted.value;
      else ctx.addIssue({ code: "custom", path: ["price"], message: input.price.trim() === "" ? "A limit order needs a limit price (USD)." : converted.message });
    } else if (input.price.trim() !== "") {
      ctx.addIssue({ code: "custom", path: ["price"], message: "A market order has no limit price: clear the price, or choose a limit order." });
    }
    const size = sizeToLots(input.size, spec.lotSize, spec.baseAsset);
    if (!size.ok) ctx.addIssue({ code: "custom", path: ["size"], message: size.message });
    if (!size.ok || (input.orderType === "limit" && price === undefined) || (input.orderType === "market" && input.price.trim() !== "")) return z.NEVER;
    return { market: spec.symbol, side: input.side, orderType: input.orderType, price, size: size.value, reduceOnly: input.reduceOnly };
  });
}

export const DepositFields = z.object({
  assetId: z.string({ error: "Choose an asset." }).min(1, "Choose an asset.").max(64, "Choose an asset."),
  amount: numberText,
});
export type DepositInput = z.input<typeof DepositFields>;

/** A deposit of an asset in the engine's collateral registry; the amount goes to the asset's minor units exactly. */
export function depositSchema(registry: EngineConfig["collateral"]) {
  return DepositFields.transform((input, ctx) => {
    const asset = registry.find((entry) => entry.assetId === input.assetId);
    if (!asset) {
      ctx.addIssue({ code: "custom", path: ["assetId"], message: `Choose an asset from the collateral registry: ${registry.map((entry) => entry.assetId).join(", ")}.` });
      return z.NEVER;
    }
    const amount = amountToMinorUnits(input.amount, asset.decimals, asset.assetId);
    if (!amount.ok) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: amount.message });
      return z.NEVER;
    }
    // The engine applies the registry's limits to every deposit; checking the per-deposit one here
    // refuses an oversized amount before anything is recorded, with the limit in the asset's units.
    if (depositLimitProblem(asset, amount.value, 0n) !== null) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: `A single deposit of ${asset.assetId} is at most ${formatMinorUnits(asset.maxDepositMinor, asset.decimals)} ${asset.assetId}.` });
      return z.NEVER;
    }
    return { assetId: asset.assetId, amountMinor: amount.value };
  });
}

export const CancelOrderInput = z.object({
  orderId: z.coerce.number({ error: "Order id must be a number." }).int("Order id must be a whole number.").positive("Order id must be positive.").max(0x7fffffff, "No such order id."),
});
export type CancelOrderInput = z.input<typeof CancelOrderInput>;
