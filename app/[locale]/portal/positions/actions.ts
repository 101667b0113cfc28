"use server";

import { revalidatePath } from "next/cache";
import { formatLots, formatTicks, formatUsdMicros } from "@/lib/format";
import { cancelOrder } from "@/lib/services/trading/cancel-order";
import { depositCollateral } from "@/lib/services/trading/deposit-collateral";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder, type OrderOutcome } from "@/lib/services/trading/place-order";
import type { DepositInput, OrderTicketInput } from "@/lib/services/trading/schemas";
import { runAction, type ActionResult } from "@/lib/transport/action";
import type { FormState } from "./form-state";
import { postedForm } from "@/lib/transport/posted-form";

const PAGE = "/portal/positions";

function fields(formData: unknown, names: readonly string[]): Record<string, string> {
  const form = postedForm(formData);
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

function failed(result: Extract<ActionResult<unknown>, { ok: false }>, values?: Record<string, string>): FormState {
  return { at: Date.now(), tone: "error", message: result.error, fieldErrors: result.fieldErrors, values };
}

export async function openAccountAction(_previous: FormState, _formData: FormData): Promise<FormState> {
  const result = await runAction((ctx) => openTradingAccount({ ctx }));
  if (!result.ok) return failed(result);
  revalidatePath(PAGE);
  return { at: Date.now(), tone: "ok", message: `Your simulated trading account ${result.data.engineAccountId} is open.` };
}

const ORDER_FIELDS = ["market", "side", "orderType", "price", "size", "reduceOnly"] as const;

export async function placeOrderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = fields(formData, ORDER_FIELDS);
  // Form fields are whatever was posted; the service validates them (bad input → field errors).
  const result = await runAction((ctx) => placeOrder({ ctx, input: values as unknown as OrderTicketInput }));
  if (!result.ok) return failed(result, values);
  const outcome = result.data;
  if (outcome.status === "rejected") {
    return { at: Date.now(), tone: "error", message: "Your order was refused; nothing was placed.", rejection: outcome.rejection, values };
  }
  revalidatePath(PAGE);
  return { at: Date.now(), tone: "ok", message: describeAccepted(outcome), values };
}

function describeAccepted(outcome: Extract<OrderOutcome, { status: "accepted" }>): string {
  const { ticket, units } = outcome;
  const size = (lots: number) => `${formatLots(lots, units.lotSize)} ${units.baseAsset}`;
  const price = (ticks: number) => `${formatTicks(ticks, units.tickSize)} USD`;
  const parts = [
    `Order ${outcome.orderId} accepted: ${ticket.side} ${size(outcome.acceptedLots)} ${ticket.market} ${ticket.orderType === "limit" ? `limit ${price(ticket.price!)}` : "at market"}${ticket.reduceOnly ? ", reduce-only" : ""}.`,
  ];
  if (outcome.acceptedLots < ticket.size) parts.push(`Reduce-only: clipped from ${size(ticket.size)} to the position it can reduce.`);
  if (outcome.fillPrices) {
    const { low, high } = outcome.fillPrices;
    parts.push(`Filled ${size(outcome.filledLots)} at ${low === high ? price(low) : `${price(low)} to ${price(high)}`}.`);
  } else parts.push("Nothing filled yet.");
  if (outcome.restingLots > 0) parts.push(`${size(outcome.restingLots)} resting on the book.`);
  if (outcome.cancelledLots > 0) parts.push(`${size(outcome.cancelledLots)} not filled and cancelled (a market order does not rest).`);
  return parts.join(" ");
}

export async function depositAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = fields(formData, ["assetId", "amount"]);
  const result = await runAction((ctx) => depositCollateral({ ctx, input: values as unknown as DepositInput }));
  if (!result.ok) return failed(result, values);
  const outcome = result.data;
  if (outcome.status === "rejected") {
    return { at: Date.now(), tone: "error", message: "Your deposit notice was refused; nothing was recorded.", rejection: outcome.rejection, values };
  }
  revalidatePath(PAGE);
  const seconds = outcome.confirmationMs === null ? null : outcome.confirmationMs / 1_000;
  return {
    at: Date.now(),
    tone: "ok",
    message:
      `Deposit notice of ${values.amount?.trim()} ${outcome.assetId} recorded (indicative value ${formatUsdMicros(outcome.indicativeValueUsd)} USD after haircut). ` +
      `It is pending and does not count as margin until it is confirmed${seconds === null ? "" : `, about ${seconds} seconds of engine time from now`}.`,
    values: { assetId: outcome.assetId },
  };
}

export async function cancelOrderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = fields(formData, ["orderId"]);
  const result = await runAction((ctx) => cancelOrder({ ctx, input: { orderId: values.orderId ?? "" } }));
  if (!result.ok) return failed(result, values);
  const outcome = result.data;
  if (outcome.status === "rejected") return { at: Date.now(), tone: "error", message: `Order ${outcome.orderId} was not cancelled.`, rejection: outcome.rejection, values };
  revalidatePath(PAGE);
  return { at: Date.now(), tone: "ok", message: `Order ${outcome.orderId} cancelled; it is off the book.`, values };
}
