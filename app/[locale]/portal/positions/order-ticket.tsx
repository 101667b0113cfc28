"use client";

import { useActionState, useState } from "react";
import { formatTicks } from "@/lib/format";
import type { TradingMarket } from "@/lib/wire/portal-trading";
import { useRefreshOnSuccess } from "./account-forms";
import { placeOrderAction } from "./actions";
import { EMPTY_FORM_STATE, type FormState } from "./form-state";
import { FieldError, FormResult } from "./form-result";

/**
 * The order ticket (issue 6 pt 9): limit (good till cancelled) or market, buy or sell, reduce-only.
 * Prices in USD and sizes in the base asset are converted to ticks and lots exactly on the server;
 * the engine's pre-trade check then accepts or refuses, and a refusal is explained here.
 */
export function OrderTicket({ markets }: { markets: TradingMarket[] }) {
  const [state, formAction, pending] = useActionState(placeOrderAction, EMPTY_FORM_STATE);
  useRefreshOnSuccess(state);
  return (
    <section className="panel" aria-labelledby="order-ticket">
      <h2 id="order-ticket">Order ticket</h2>
      {/* Remounted per answer, so the fields show what was submitted (also without JavaScript). */}
      <TicketForm key={state.at} markets={markets} state={state} formAction={formAction} pending={pending} />
      <FormResult state={state} />
    </section>
  );
}

function TicketForm({ markets, state, formAction, pending }: { markets: TradingMarket[]; state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const values = state.values ?? {};
  const [marketSymbol, setMarketSymbol] = useState(values.market ?? markets[0]?.symbol ?? "");
  const [orderType, setOrderType] = useState(values.orderType === "market" ? "market" : "limit");
  const market = markets.find((candidate) => candidate.symbol === marketSymbol) ?? markets[0];
  const invalid = (name: string) => (state.fieldErrors?.[name] ? { "aria-invalid": true as const, "aria-describedby": `ticket-${name}-error` } : {});
  return (
    <form action={formAction} className="form" noValidate aria-label="Place an order">
      <div className="field">
        <label htmlFor="ticket-market">Market</label>
        <select id="ticket-market" name="market" defaultValue={marketSymbol} onChange={(event) => setMarketSymbol(event.target.value)}>
          {markets.map((candidate) => (
            <option key={candidate.symbol} value={candidate.symbol}>
              {candidate.symbol}
            </option>
          ))}
        </select>
        {market ? (
          <p className="field__hint">
            Mark {market.mark ? formatTicks(market.mark, market.tickSize) : "—"} USD · best bid {market.bestBid ? formatTicks(market.bestBid, market.tickSize) : "—"} · best ask{" "}
            {market.bestAsk ? formatTicks(market.bestAsk, market.tickSize) : "—"} (as of the latest update)
          </p>
        ) : null}
        <FieldError state={state} name="market" id="ticket-market-error" />
      </div>
      <div className="ticket-row">
        <fieldset className="field">
          <legend>Side</legend>
          <div className="checks">
            <label>
              <input type="radio" name="side" value="buy" defaultChecked={values.side !== "sell"} /> Buy (long)
            </label>
            <label>
              <input type="radio" name="side" value="sell" defaultChecked={values.side === "sell"} /> Sell (short)
            </label>
          </div>
          <FieldError state={state} name="side" id="ticket-side-error" />
        </fieldset>
        <fieldset className="field">
          <legend>Order type</legend>
          <div className="checks">
            <label>
              <input type="radio" name="orderType" value="limit" defaultChecked={orderType === "limit"} onChange={() => setOrderType("limit")} /> Limit
            </label>
            <label>
              <input type="radio" name="orderType" value="market" defaultChecked={orderType === "market"} onChange={() => setOrderType("market")} /> Market
            </label>
          </div>
          <FieldError state={state} name="orderType" id="ticket-orderType-error" />
        </fieldset>
      </div>
      <div className="ticket-row">
        <div className="field">
          <label htmlFor="ticket-price">Limit price (USD)</label>
          <input
            id="ticket-price"
            name="price"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.price ?? ""}
            disabled={orderType === "market"}
            {...invalid("price")}
          />
          <p className="field__hint">{orderType === "market" ? "A market order takes the best prices on the book; it has no limit price." : `Limit orders only; a multiple of ${market?.tickSize ?? "the tick size"} USD.`}</p>
          <FieldError state={state} name="price" id="ticket-price-error" />
        </div>
        <div className="field">
          <label htmlFor="ticket-size">Size ({market?.baseAsset ?? "base asset"})</label>
          <input id="ticket-size" name="size" type="text" inputMode="decimal" autoComplete="off" defaultValue={values.size ?? ""} {...invalid("size")} />
          <p className="field__hint">A multiple of the lot size, {market ? `${market.lotSize} ${market.baseAsset}` : "see the contract specification"}.</p>
          <FieldError state={state} name="size" id="ticket-size-error" />
        </div>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" name="reduceOnly" defaultChecked={values.reduceOnly === "on"} /> Reduce-only
        </label>
        <p className="field__hint">Only shrinks a position you hold; refused if it could open or increase one.</p>
      </div>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Placing…" : "Place order"}
        </button>
      </p>
    </form>
  );
}
