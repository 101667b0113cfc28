"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { failedState, savedState } from "@/lib/form-state";
import { formatInteger, formatLots, formatTicks, formatUsdMicros } from "@/lib/format";
import { cancelOrder } from "@/lib/services/trading/cancel-order";
import { depositCollateral } from "@/lib/services/trading/deposit-collateral";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder, type OrderOutcome } from "@/lib/services/trading/place-order";
import { previewOrder } from "@/lib/services/trading/preview-order";
import { parseBandRejection } from "@/lib/engine/index";
import type { TradingOrderPreview } from "@/lib/wire/portal-trading";
import type { DepositInput, OrderTicketInput } from "@/lib/services/trading/schemas";
import { rejectionMessages, type ExplainedRejection } from "@/lib/services/trading/rejections";
import { runAction } from "@/lib/transport/action";
import { requestMessages } from "@/lib/transport/messages";
import { formTexts } from "@/lib/transport/posted-form";
import type { TradingFormState } from "./form-result";

const PAGE = "/portal/positions";

const tradingMessages = () => getTranslations("trading.messages");
type Messages = Awaited<ReturnType<typeof tradingMessages>>;

/** The engine's refusal with its check and explanation in the reader's language; the engine's own message stays as it is. */
async function explained(rejection: ExplainedRejection): Promise<{ rejection: ExplainedRejection }> {
  const { check, explanation } = await refusalText(rejection.code, rejection.message);
  return { rejection: { ...rejection, check, explanation } };
}

/**
 * A refusal's check and explanation in the reader's language. For the price band the explanation
 * leads with the band and its edges, read from the engine's message (the engine's figures, in the
 * reader's words).
 */
async function refusalText(code: string, message: string): Promise<{ check: string; explanation: string }> {
  const text = await requestMessages();
  const { check, explanation } = rejectionMessages(code);
  const band = code === "PRICE_OUTSIDE_BAND" ? parseBandRejection(message) : null;
  if (band === null) return { check: text(check), explanation: text(explanation) };
  const t = await getTranslations("orderProtection");
  const usd = (value: string) => {
    const [whole, fraction] = value.split(".");
    return fraction === undefined ? formatInteger(whole) : `${formatInteger(whole)}.${fraction}`;
  };
  const sentence = t("refused", { kind: band.kind, price: usd(band.price), rate: band.rate, mark: usd(band.mark), low: usd(band.low), high: usd(band.high) });
  return { check: text(check), explanation: `${sentence} ${text(explanation)}` };
}

const PREVIEW_FIELDS = ["market", "side", "orderType", "price", "size", "reduceOnly"] as const;

/**
 * The engine's estimate of the order on the ticket, for the client's own account (the ticket calls
 * it as the client types). Null while the ticket is incomplete or invalid: the form's own validation
 * speaks when it is sent.
 */
export async function previewOrderAction(formData: FormData): Promise<TradingOrderPreview | { ok: false; unavailable: string } | null> {
  const values = formTexts(formData, PREVIEW_FIELDS);
  const result = await runAction((ctx) => previewOrder({ ctx, input: values as unknown as OrderTicketInput }));
  if (!result.ok) return result.code === "INVALID_INPUT" ? null : { ok: false, unavailable: result.error };
  const p = result.data;
  if (!p.ok) return { ok: false, code: p.code, message: p.message, ...(await refusalText(p.code, p.message)) };
  return {
    ok: true,
    market: p.market,
    ...p.units,
    estimatedFillLots: p.estimatedFillLots,
    estimatedAveragePrice: p.estimatedAveragePrice,
    worstPrice: p.worstPrice,
    restingLots: p.restingLots,
    cancelledLots: p.cancelledLots,
    protectivePrice: p.protectivePrice,
    band: p.band,
    fee: p.fee.toString(),
    marginUsed: p.marginUsed.toString(),
    freeCollateralAfter: p.freeCollateralAfter.toString(),
    positionAfter: p.positionAfter,
    liquidationPriceAfter: p.liquidationPriceAfter,
    wouldBeRejected:
      p.wouldBeRejected === null
        ? null
        : { code: p.wouldBeRejected.code, message: p.wouldBeRejected.message, ...(await refusalText(p.wouldBeRejected.code, p.wouldBeRejected.message)) },
  };
}

export async function openAccountAction(_previous: TradingFormState, _formData: FormData): Promise<TradingFormState> {
  const result = await runAction((ctx) => openTradingAccount({ ctx }));
  if (!result.ok) return failedState(result);
  revalidatePath(PAGE);
  const t = await tradingMessages();
  return savedState(t("accountOpen", { accountId: String(result.data.engineAccountId) }));
}

const ORDER_FIELDS = ["market", "side", "orderType", "price", "size", "reduceOnly", "traderId"] as const;

export async function placeOrderAction(_previous: TradingFormState, formData: FormData): Promise<TradingFormState> {
  const values = formTexts(formData, ORDER_FIELDS);
  // Form fields are whatever was posted; the service validates them (bad input → field errors).
  const result = await runAction((ctx) => placeOrder({ ctx, input: values as unknown as OrderTicketInput }));
  if (!result.ok) return failedState(result, values);
  const outcome = result.data;
  const t = await tradingMessages();
  if (outcome.status === "rejected") return failedState({ error: t("orderRefused") }, values, await explained(outcome.rejection));
  revalidatePath(PAGE);
  return { ...savedState(describeAccepted(outcome, t)), values };
}

/** One sentence per fact (accepted, clipped, filled, resting, cancelled), each a message of its own. */
function describeAccepted(outcome: Extract<OrderOutcome, { status: "accepted" }>, t: Messages): string {
  const { ticket, units } = outcome;
  const size = (lots: number) => `${formatLots(lots, units.lotSize)} ${units.baseAsset}`;
  const price = (ticks: number) => `${formatTicks(ticks, units.tickSize)} USD`;
  const sentences = [
    t("orderAccepted", {
      orderId: String(outcome.orderId),
      side: ticket.side,
      size: size(outcome.acceptedLots),
      market: ticket.market,
      orderType: ticket.orderType,
      price: ticket.orderType === "limit" ? price(ticket.price!) : "",
      reduceOnly: ticket.reduceOnly ? "yes" : "no",
    }),
  ];
  if (outcome.acceptedLots < ticket.size) sentences.push(t("reduceOnlyClipped", { size: size(ticket.size) }));
  if (outcome.fillPrices) {
    const { low, high } = outcome.fillPrices;
    const filled = size(outcome.filledLots);
    sentences.push(
      low === high ? t("filledAt", { size: filled, price: price(low) }) : t("filledBetween", { size: filled, low: price(low), high: price(high) }),
    );
  } else sentences.push(t("nothingFilled"));
  if (outcome.restingLots > 0) sentences.push(t("resting", { size: size(outcome.restingLots) }));
  if (outcome.cancelledLots > 0) sentences.push(t("marketRestCancelled", { size: size(outcome.cancelledLots) }));
  return sentences.join(" ");
}

export async function depositAction(_previous: TradingFormState, formData: FormData): Promise<TradingFormState> {
  const values = formTexts(formData, ["assetId", "amount"]);
  const result = await runAction((ctx) => depositCollateral({ ctx, input: values as unknown as DepositInput }));
  if (!result.ok) return failedState(result, values);
  const outcome = result.data;
  const t = await tradingMessages();
  if (outcome.status === "rejected") return failedState({ error: t("depositRefused") }, values, await explained(outcome.rejection));
  revalidatePath(PAGE);
  const recorded = t("depositRecorded", { amount: values.amount?.trim() ?? "", asset: outcome.assetId, value: formatUsdMicros(outcome.indicativeValueUsd) });
  const pending = outcome.confirmationMs === null ? t("depositPending") : t("depositPendingFor", { seconds: String(outcome.confirmationMs / 1_000) });
  return { ...savedState(`${recorded} ${pending}`), values: { assetId: outcome.assetId } };
}

export async function cancelOrderAction(_previous: TradingFormState, formData: FormData): Promise<TradingFormState> {
  const values = formTexts(formData, ["orderId"]);
  const result = await runAction((ctx) => cancelOrder({ ctx, input: { orderId: values.orderId ?? "" } }));
  if (!result.ok) return failedState(result, values);
  const outcome = result.data;
  const t = await tradingMessages();
  const orderId = String(outcome.orderId);
  if (outcome.status === "rejected") return failedState({ error: t("notCancelled", { orderId }) }, values, await explained(outcome.rejection));
  revalidatePath(PAGE);
  return { ...savedState(t("cancelled", { orderId })), values };
}
