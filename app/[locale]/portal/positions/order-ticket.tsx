"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { describedBy, Field, FieldErrors, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { formatPpbPercentExact, formatTicks } from "@/lib/format";
import type { TradingMarket } from "@/lib/wire/portal-trading";
import { useRefreshOnSuccess } from "./account-forms";
import { placeOrderAction, previewOrderAction } from "./actions";
import { OrderPreview, type PreviewAnswer } from "./order-preview";
import { FormResult, type TradingFormState } from "./form-result";
import type { OrderTraders } from "@/lib/suitability/corporate-pi";
import { TraderField } from "./trader-field";

/**
 * The order ticket: limit (good till cancelled) or market, buy or sell, reduce-only.
 * Prices in USD and sizes in the base asset are converted to ticks and lots exactly on the server;
 * the engine's pre-trade check then accepts or refuses, and a refusal is explained here. Before it
 * is sent, the ticket shows the market's price band and the engine's estimate of the order (fill,
 * margin used, liquidation price after), refreshed as the client types.
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
  const tp = useTranslations("orderProtection");
  const values = state.values ?? {};
  const [marketSymbol, setMarketSymbol] = useState(values.market ?? markets[0]?.symbol ?? "");
  const [orderType, setOrderType] = useState(values.orderType === "market" ? "market" : "limit");
  const market = markets.find((candidate) => candidate.symbol === marketSymbol) ?? markets[0];
  const errors = (name: string) => state.fieldErrors?.[name];
  const price = (ticks: number | null | undefined) => (market && ticks ? formatTicks(ticks, market.tickSize) : "—");
  const marketHint = market ? t("marketHint", { mark: price(market.mark), bid: price(market.bestBid), ask: price(market.bestAsk) }) : undefined;
  const priceHint = orderType === "market" ? t("priceHintMarket") : market ? t("priceHintLimit", { tickSize: market.tickSize }) : t("priceHintLimitNoMarket");
  const sizeHint = market ? t("sizeHint", { lotSize: market.lotSize, asset: market.baseAsset }) : t("sizeHintNoMarket");
  const band = market?.priceBand;
  const bandText = !market
    ? undefined
    : !band
      ? tp("noBand")
      : orderType === "market"
        ? tp("marketSlippage", {
            rate: formatPpbPercentExact(band.slippageRate),
            buyLimit: price(band.marketBuyLimit),
            sellLimit: price(band.marketSellLimit),
          })
        : tp("band", { rate: formatPpbPercentExact(band.rate), low: price(band.low), high: price(band.high) });
  const fullPriceHint = bandText ? `${priceHint} ${bandText}` : priceHint;
  const { answer, loading, onChange, cancel } = usePreview();
  return (
    <form action={formAction} className="form" noValidate aria-label={t("formLabel")} onChange={onChange} onSubmit={cancel}>
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
        <Field id="ticket-price" label={t("price")} hint={fullPriceHint} errors={errors("price")}>
          <input
            id="ticket-price"
            name="price"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.price ?? ""}
            disabled={orderType === "market"}
            aria-invalid={invalid(errors("price"))}
            aria-describedby={describedBy("ticket-price", fullPriceHint, errors("price"))}
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
      <OrderPreview answer={answer} loading={loading} />
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("placing") : t("place")}
        </button>
      </p>
    </form>
  );
}

/** The engine's estimate of the ticket as it stands, asked again (debounced) whenever a field changes; a late answer to an older ticket is dropped. */
function usePreview() {
  const [answer, setAnswer] = useState<PreviewAnswer>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++asked.current;
      setLoading(true);
      previewOrderAction(new FormData(form))
        .then((next) => {
          if (n === asked.current) setAnswer(next);
        })
        .catch(() => {
          if (n === asked.current) setAnswer(null);
        })
        .finally(() => {
          if (n === asked.current) setLoading(false);
        });
    }, 250);
  };
  // Sending the order drops a preview still waiting to go: a server action dispatched just after the
  // submit could otherwise overtake it, and the order would never be sent.
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return { answer, loading, onChange, cancel };
}
