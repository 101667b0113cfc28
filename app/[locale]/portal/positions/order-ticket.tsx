"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { describedBy, Field, FieldErrors, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { formatTicks } from "@/lib/format";
import type { TradingMarket } from "@/lib/wire/portal-trading";
import { useRefreshOnSuccess } from "./account-forms";
import { placeOrderAction } from "./actions";
import { FormResult, type TradingFormState } from "./form-result";
import type { OrderTraders } from "@/lib/suitability/corporate-pi";
import { TraderField } from "./trader-field";

/**
 * The order ticket: limit (good till cancelled) or market, buy or sell, reduce-only.
 * Prices in USD and sizes in the base asset are converted to ticks and lots exactly on the server;
 * the engine's pre-trade check then accepts or refuses, and a refusal is explained here.
 */
export function OrderTicket({ markets, traders }: { markets: TradingMarket[]; traders?: OrderTraders }) {
  const t = useTranslations("trading.ticket");
  const [state, formAction, pending] = useActionState(placeOrderAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  return (
    <section className="panel" aria-labelledby="order-ticket">
      <h2 id="order-ticket">{t("title")}</h2>
      {/* Remounted per answer, so the fields show what was submitted (also without JavaScript). */}
      <TicketForm key={state.at} markets={markets} traders={traders} state={state} formAction={formAction} pending={pending} />
      <FormResult state={state} />
    </section>
  );
}

function TicketForm({
  markets,
  traders,
  state,
  formAction,
  pending,
}: {
  markets: TradingMarket[];
  traders?: OrderTraders;
  state: TradingFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
}) {
  const t = useTranslations("trading.ticket");
  const values = state.values ?? {};
  const [marketSymbol, setMarketSymbol] = useState(values.market ?? markets[0]?.symbol ?? "");
  const [orderType, setOrderType] = useState(values.orderType === "market" ? "market" : "limit");
  const market = markets.find((candidate) => candidate.symbol === marketSymbol) ?? markets[0];
  const errors = (name: string) => state.fieldErrors?.[name];
  const price = (ticks: number | null | undefined) => (market && ticks ? formatTicks(ticks, market.tickSize) : "—");
  const marketHint = market ? t("marketHint", { mark: price(market.mark), bid: price(market.bestBid), ask: price(market.bestAsk) }) : undefined;
  const priceHint = orderType === "market" ? t("priceHintMarket") : market ? t("priceHintLimit", { tickSize: market.tickSize }) : t("priceHintLimitNoMarket");
  const sizeHint = market ? t("sizeHint", { lotSize: market.lotSize, asset: market.baseAsset }) : t("sizeHintNoMarket");
  return (
    <form action={formAction} className="form" noValidate aria-label={t("formLabel")}>
      <Field id="ticket-market" label={t("market")} hint={marketHint} errors={errors("market")}>
        <select
          id="ticket-market"
          name="market"
          defaultValue={marketSymbol}
          onChange={(event) => setMarketSymbol(event.target.value)}
          aria-invalid={invalid(errors("market"))}
          aria-describedby={describedBy("ticket-market", marketHint, errors("market"))}
        >
          {markets.map((candidate) => (
            <option key={candidate.symbol} value={candidate.symbol}>
              {candidate.symbol}
            </option>
          ))}
        </select>
      </Field>
      <div className="ticket-row">
        <fieldset className="field">
          <legend>{t("side")}</legend>
          <div className="checks">
            <label>
              <input type="radio" name="side" value="buy" defaultChecked={values.side !== "sell"} /> {t("buy")}
            </label>
            <label>
              <input type="radio" name="side" value="sell" defaultChecked={values.side === "sell"} /> {t("sell")}
            </label>
          </div>
          <FieldErrors id="ticket-side" errors={errors("side")} />
        </fieldset>
        <fieldset className="field">
          <legend>{t("orderType")}</legend>
          <div className="checks">
            <label>
              <input type="radio" name="orderType" value="limit" defaultChecked={orderType === "limit"} onChange={() => setOrderType("limit")} /> {t("limit")}
            </label>
            <label>
              <input type="radio" name="orderType" value="market" defaultChecked={orderType === "market"} onChange={() => setOrderType("market")} />{" "}
              {t("marketOrder")}
            </label>
          </div>
          <FieldErrors id="ticket-orderType" errors={errors("orderType")} />
        </fieldset>
      </div>
      <div className="ticket-row">
        <Field id="ticket-price" label={t("price")} hint={priceHint} errors={errors("price")}>
          <input
            id="ticket-price"
            name="price"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.price ?? ""}
            disabled={orderType === "market"}
            aria-invalid={invalid(errors("price"))}
            aria-describedby={describedBy("ticket-price", priceHint, errors("price"))}
          />
        </Field>
        <Field id="ticket-size" label={market ? t("size", { asset: market.baseAsset }) : t("sizeNoMarket")} hint={sizeHint} errors={errors("size")}>
          <input
            id="ticket-size"
            name="size"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.size ?? ""}
            aria-invalid={invalid(errors("size"))}
            aria-describedby={describedBy("ticket-size", sizeHint, errors("size"))}
          />
        </Field>
      </div>
      <TraderField traders={traders} value={values.traderId} errors={errors("traderId")} />
      <div className="field">
        <label>
          <input type="checkbox" name="reduceOnly" defaultChecked={values.reduceOnly === "on"} /> {t("reduceOnly")}
        </label>
        <p className="field__hint">{t("reduceOnlyHint")}</p>
      </div>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("placing") : t("place")}
        </button>
      </p>
    </form>
  );
}
