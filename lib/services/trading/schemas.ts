import { z } from "zod";
import { depositLimitProblem, type EngineConfig, type MarketSpec } from "@/lib/engine/index";
import { formatMinorUnits } from "@/lib/format";
import { amountToMinorUnits, priceToTicks, sizeToLots } from "@/lib/services/trading/units";
import { msg, zodIssue, zodMessage } from "@/lib/i18n/message-ref";

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

const numberText = z
  .string({ error: zodMessage("validation.trading.valueRequired") })
  .max(MAX_NUMBER_TEXT, zodMessage("validation.trading.tooManyCharacters", { max: MAX_NUMBER_TEXT }))
  .optional()
  .default("");

const CHOOSE_MARKET = zodMessage("validation.common.chooseMarket");

export const OrderTicketFields = z.object({
  market: z.string({ error: CHOOSE_MARKET }).min(1, CHOOSE_MARKET).max(32, CHOOSE_MARKET),
  side: z.enum(["buy", "sell"], { error: zodMessage("validation.trading.sideRequired") }),
  orderType: z.enum(["limit", "market"], { error: zodMessage("validation.trading.orderTypeRequired") }),
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
      ctx.addIssue({
        code: "custom",
        path: ["market"],
        ...zodIssue(msg("validation.trading.unknownMarket", { markets: markets.map((market) => market.symbol).join(", ") })),
      });
      return z.NEVER;
    }
    let price: number | undefined;
    if (input.orderType === "limit") {
      const converted = priceToTicks(input.price, spec.tickSize);
      if (converted.ok) price = converted.value;
      else
        ctx.addIssue({
          code: "custom",
          path: ["price"],
          ...zodIssue(input.price.trim() === "" ? msg("validation.trading.limitPriceRequired") : converted.ref),
        });
    } else if (input.price.trim() !== "") {
      ctx.addIssue({ code: "custom", path: ["price"], ...zodIssue(msg("validation.trading.marketOrderHasNoPrice")) });
    }
    const size = sizeToLots(input.size, spec.lotSize, spec.baseAsset);
    if (!size.ok) ctx.addIssue({ code: "custom", path: ["size"], ...zodIssue(size.ref) });
    if (!size.ok || (input.orderType === "limit" && price === undefined) || (input.orderType === "market" && input.price.trim() !== "")) return z.NEVER;
    return { market: spec.symbol, side: input.side, orderType: input.orderType, price, size: size.value, reduceOnly: input.reduceOnly };
  });
}

const CHOOSE_ASSET = zodMessage("validation.trading.assetRequired");

export const DepositFields = z.object({
  assetId: z.string({ error: CHOOSE_ASSET }).min(1, CHOOSE_ASSET).max(64, CHOOSE_ASSET),
  amount: numberText,
});
export type DepositInput = z.input<typeof DepositFields>;

/** A deposit of an asset in the engine's collateral registry; the amount goes to the asset's minor units exactly. */
export function depositSchema(registry: EngineConfig["collateral"]) {
  return DepositFields.transform((input, ctx) => {
    const asset = registry.find((entry) => entry.assetId === input.assetId);
    if (!asset) {
      ctx.addIssue({
        code: "custom",
        path: ["assetId"],
        ...zodIssue(msg("validation.trading.unknownAsset", { assets: registry.map((entry) => entry.assetId).join(", ") })),
      });
      return z.NEVER;
    }
    const amount = amountToMinorUnits(input.amount, asset.decimals, asset.assetId);
    if (!amount.ok) {
      ctx.addIssue({ code: "custom", path: ["amount"], ...zodIssue(amount.ref) });
      return z.NEVER;
    }
    // The engine applies the registry's limits to every deposit; checking the per-deposit one here
    // refuses an oversized amount before anything is recorded, with the limit in the asset's units.
    if (depositLimitProblem(asset, amount.value, 0n) !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        ...zodIssue(msg("validation.trading.depositTooLarge", { asset: asset.assetId, max: formatMinorUnits(asset.maxDepositMinor, asset.decimals) })),
      });
      return z.NEVER;
    }
    return { assetId: asset.assetId, amountMinor: amount.value };
  });
}

export const CancelOrderInput = z.object({
  orderId: z.coerce
    .number({ error: zodMessage("validation.trading.orderId.notANumber") })
    .int(zodMessage("validation.trading.orderId.notWhole"))
    .positive(zodMessage("validation.trading.orderId.notPositive"))
    .max(0x7fffffff, zodMessage("validation.trading.orderId.unknown")),
});
export type CancelOrderInput = z.input<typeof CancelOrderInput>;

/** What a row of the client's trading history records (lib/simulation's journal projection into AccountActivity). */
export const ACTIVITY_KINDS = ["fill", "liquidation", "adl", "funding"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const HISTORY_PAGE_SIZE = 25;
export const HISTORY_MAX_PAGE_SIZE = 50;

/** "" (an empty query parameter, or "all" in a filter's menu) as absent. */
const blankAsAbsent = (value: unknown) => (value === "" || value === null ? undefined : value);

/** A journal position from the address: digits only, at most 18 (within PostgreSQL's bigint). */
const seqCursor = z.preprocess(
  (value) => (typeof value === "number" || typeof value === "bigint" ? String(value) : blankAsAbsent(value)),
  z
    .string({ error: zodMessage("validation.trading.history.cursor") })
    .regex(/^\d{1,18}$/, zodMessage("validation.trading.history.cursor"))
    .transform((digits) => BigInt(digits))
    .optional(),
);

const HISTORY_PAGE_SIZE_MESSAGE = zodMessage("validation.trading.history.pageSize", { max: HISTORY_MAX_PAGE_SIZE });

export const AccountActivityFilter = z
  .object({
    kind: z.preprocess(blankAsAbsent, z.enum(ACTIVITY_KINDS, { error: zodMessage("validation.trading.history.kind") }).optional()),
    /** Checked against the markets the engine runs by the service, which knows them. */
    market: z.preprocess(
      blankAsAbsent,
      z
        .string({ error: CHOOSE_MARKET })
        .max(32, zodMessage("validation.trading.history.marketTooLong", { max: 32 }))
        .optional(),
    ),
    /** Rows older than this journal position (the "older" link). */
    before: seqCursor,
    /** Rows newer than this journal position (the "newer" link). */
    after: seqCursor,
    pageSize: z.preprocess(
      (value) => (typeof value === "string" && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : blankAsAbsent(value)),
      z
        .number({ error: HISTORY_PAGE_SIZE_MESSAGE })
        .int(HISTORY_PAGE_SIZE_MESSAGE)
        .min(1, HISTORY_PAGE_SIZE_MESSAGE)
        .max(HISTORY_MAX_PAGE_SIZE, HISTORY_PAGE_SIZE_MESSAGE)
        .optional(),
    ),
  })
  .refine((filter) => filter.before === undefined || filter.after === undefined, {
    path: ["after"],
    message: zodMessage("validation.trading.history.oneCursor"),
  });
export type AccountActivityFilter = z.input<typeof AccountActivityFilter>;
