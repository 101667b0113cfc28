"use client";

import { useQuery } from "@tanstack/react-query";
import { AdlLight } from "@/components/adl-light";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { useHydrated } from "@/components/use-hydrated";
import {
  formatLots,
  formatMinorUnits,
  formatPpbPercent,
  formatPpbPercentExact,
  formatTicks,
  formatUsdMicros,
  formatUsdMicrosExact,
  formatUtc,
  formatUtcTime,
} from "@/lib/format";
import { tradingQueries } from "@/lib/queries/trading";
import type { TradingAccountView, TradingMarket, TradingView } from "@/lib/wire/portal-trading";
import { CancelButton, FormResult, OpenAccountForm, useCancelOrder } from "./account-forms";
import { DepositForm } from "./deposit-form";
import { OrderTicket } from "./order-ticket";
import type { OrderTraders } from "@/lib/suitability/corporate-pi";

const usd = (micros: string) => `${formatUsdMicros(micros)} USD`;

/**
 * The live part of /portal/positions. The server renders it with the figures of the request (so
 * they read without JavaScript); in the browser TanStack Query re-reads GET /api/portal/trading
 * every TRADING_REFRESH_MS and marks the figures stale when a read fails.
 */
export function TradingDesk({ initial, renderedAt, traders }: { initial: TradingView; renderedAt: number; traders?: OrderTraders }) {
  const hydrated = useHydrated();
  const query = useQuery({ ...tradingQueries.view(), initialData: initial, initialDataUpdatedAt: renderedAt });
  const view = query.data;
  const account = view.account;
  const t = useTranslations("trading.desk");
  const badge = !hydrated ? (
    <span className="badge">{t("figuresAsOf", { at: formatUtc(view.engineNowMs) })}</span>
  ) : query.isError ? (
    <span className="badge badge-stale" role="status">
      {t("staleSince", { at: formatUtcTime(query.dataUpdatedAt), error: query.error.message })}
    </span>
  ) : (
    <span className="badge badge-live">{t("live", { at: formatUtcTime(view.engineNowMs) })}</span>
  );

  if (!account || !account.inEngine) {
    return (
      <div className="stack">
        <OpenAccountForm demoDepositCents={view.demoDepositCents} confirmationMs={view.depositConfirmationMs} repair={account !== null} />
      </div>
    );
  }
  const markets = new Map(view.markets.map((market) => [market.symbol, market]));
  return (
    <div className="stack">
      <section className="live-panel" aria-labelledby="account-summary">
        <header className="live-panel-header">
          <h2 id="account-summary">{t("account", { accountId: String(account.engineAccountId) })}</h2>
          {badge}
        </header>
        <Summary account={account} />
        {account.reduceOnly ? <Alert tone="warn">{t("reduceOnly")}</Alert> : null}
      </section>
      <Positions account={account} markets={markets} />
      <div className="trading-grid">
        <OrderTicket markets={view.markets} traders={traders} />
        <OpenOrders account={account} markets={markets} />
      </div>
      <Collateral account={account} usdHaircut={view.collateralAssets.find((asset) => asset.assetId === "USD")?.haircutRate ?? null} />
      <DepositForm assets={view.collateralAssets} confirmationMs={view.depositConfirmationMs} />
    </div>
  );
}

function Summary({ account }: { account: TradingAccountView }) {
  const t = useTranslations("trading.desk.summary");
  const figures: Array<[string, string]> = [
    [t("equity"), usd(account.equity)],
    [t("freeCollateral"), usd(account.freeCollateral)],
    [t("initialMargin"), usd(account.initialMargin)],
    [t("maintenanceMargin"), usd(account.maintenanceMargin)],
    [t("marginRatio"), account.marginRatioPpb === null ? t("marginRatioUndefined") : formatPpbPercent(account.marginRatioPpb, 2)],
    [t("cash"), usd(account.cash)],
    [t("otherCollateral"), usd(account.collateralValue)],
    [t("pendingDeposits"), usd(account.pendingDeposits)],
  ];
  return (
    <dl className="trading-figures">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Signed({ micros }: { micros: string }) {
  const value = BigInt(micros);
  return <span className={value > 0n ? "pnl-up" : value < 0n ? "pnl-down" : undefined}>{formatUsdMicros(micros)}</span>;
}

function Positions({ account, markets }: { account: TradingAccountView; markets: Map<string, TradingMarket> }) {
  const t = useTranslations("trading.desk.positions");
  return (
    <section aria-labelledby="positions">
      <h2 id="positions">{t("title")}</h2>
      {account.positions.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        // Focusable so keyboard users can scroll it sideways on narrow screens. The columns a client watches
        // (market, size, mark, liquidation price, P&L) come first so a phone shows them without scrolling.
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("tableLabel")}>
          <table className="table table--positions">
            <caption className="visually-hidden">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("market")}</th>
                <th scope="col">{t("size")}</th>
                <th scope="col" className="num">
                  {t("mark")}
                </th>
                <th scope="col" className="num">
                  {t("liquidationPrice")}
                </th>
                <th scope="col" className="num">
                  {t("unrealisedPnl")}
                </th>
                <th scope="col" className="num">
                  {t("entry")}
                </th>
                <th scope="col" className="num">
                  {t("bankruptcyPrice")}
                </th>
                <th scope="col" className="num">
                  {t("marginRatio")}
                </th>
                <th scope="col" className="num">
                  {t("maintenanceMargin")}
                </th>
                <th scope="col" className="num">
                  {t("fundingPaid")}
                </th>
                <th scope="col">{t("adlLight")}</th>
              </tr>
            </thead>
            <tbody>
              {account.positions.map((position) => {
                const market = markets.get(position.market)!;
                const price = (ticks: number) => formatTicks(ticks, market.tickSize);
                return (
                  <tr key={position.market}>
                    <th scope="row" className="nowrap">
                      {position.market}
                    </th>
                    <td className="nowrap">
                      {t("sizeValue", {
                        side: position.size > 0 ? "long" : "short",
                        size: formatLots(Math.abs(position.size), market.lotSize),
                        asset: market.baseAsset,
                      })}
                    </td>
                    <td className="num">{price(position.mark)}</td>
                    {/* No liquidation price in range means equity stays above maintenance margin at every price, so the
                        bankruptcy price the engine reports is only its clamp to the price range. */}
                    <td className="num">{position.liquidationPrice === 0 ? t("noneInRange") : price(position.liquidationPrice)}</td>
                    <td className="num">
                      <Signed micros={position.unrealizedPnl} />
                    </td>
                    <td className="num">{price(position.averageEntry)}</td>
                    <td className="num">{position.liquidationPrice === 0 ? t("noneInRange") : price(position.bankruptcyPrice)}</td>
                    <td className="num">{account.marginRatioPpb === null ? "—" : formatPpbPercent(account.marginRatioPpb, 2)}</td>
                    <td className="num">{formatUsdMicros(position.maintenanceMargin)}</td>
                    <td className="num">{formatUsdMicrosExact(position.fundingPaid)}</td>
                    <td>
                      <AdlLight lights={position.adlLights} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OpenOrders({ account, markets }: { account: TradingAccountView; markets: Map<string, TradingMarket> }) {
  const t = useTranslations("trading.desk.orders");
  const cancel = useCancelOrder();
  return (
    <section className="panel" aria-labelledby="open-orders">
      <h2 id="open-orders">{t("title")}</h2>
      <FormResult state={cancel.state} />
      {account.openOrders.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <TableShell caption={t("caption")}>
          <thead>
            <tr>
              <th scope="col">{t("order")}</th>
              <th scope="col">{t("market")}</th>
              <th scope="col">{t("side")}</th>
              <th scope="col" className="num">
                {t("price")}
              </th>
              <th scope="col" className="num">
                {t("remaining")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("action")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {account.openOrders.map((order) => {
              const market = markets.get(order.market)!;
              return (
                <tr key={order.orderId}>
                  <th scope="row">{order.orderId}</th>
                  <td>{order.market}</td>
                  <td>{t("sideValue", { side: order.side, reduceOnly: order.reduceOnly ? "yes" : "no" })}</td>
                  <td className="num">{formatTicks(order.price, market.tickSize)}</td>
                  <td className="num">
                    {formatLots(order.remaining, market.lotSize)} {market.baseAsset}
                  </td>
                  <td>
                    <CancelButton orderId={order.orderId} formAction={cancel.formAction} pending={cancel.pending} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableShell>
      )}
    </section>
  );
}

function Collateral({ account, usdHaircut }: { account: TradingAccountView; usdHaircut: string | null }) {
  const t = useTranslations("trading.desk.collateral");
  return (
    <section aria-labelledby="collateral">
      <h2 id="collateral">{t("title")}</h2>
      <div className="trading-grid">
        <div>
          <h3>{t("settled")}</h3>
          <TableShell caption={t("settledCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("asset")}</th>
                <th scope="col" className="num">
                  {t("amount")}
                </th>
                <th scope="col" className="num">
                  {t("haircut")}
                </th>
                <th scope="col" className="num">
                  {t("value")}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("usdCash")}</th>
                <td className="num">{formatUsdMicros(account.cash)}</td>
                <td className="num">{usdHaircut === null ? "—" : formatPpbPercentExact(usdHaircut)}</td>
                <td className="num">{formatUsdMicros(account.cash)}</td>
              </tr>
              {account.collateral.map((held) => (
                <tr key={held.assetId}>
                  <th scope="row">
                    {held.status === "EFFECTIVE"
                      ? held.assetId
                      : t("heldAsset", { asset: held.assetId, status: held.status, statusText: held.status.toLowerCase().replaceAll("_", " ") })}
                  </th>
                  <td className="num">{formatMinorUnits(held.amountMinor, held.decimals)}</td>
                  <td className="num">{formatPpbPercentExact(held.haircut)}</td>
                  <td className="num">{formatUsdMicros(held.valueUsd)}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        </div>
        <div>
          <h3>{t("pending")}</h3>
          {account.pending.length === 0 ? (
            <p>{t("noPending")}</p>
          ) : (
            <TableShell caption={t("pendingCaption")}>
              <thead>
                <tr>
                  <th scope="col">{t("asset")}</th>
                  <th scope="col" className="num">
                    {t("amount")}
                  </th>
                  <th scope="col" className="num">
                    {t("indicativeValue")}
                  </th>
                  <th scope="col">{t("confirmation")}</th>
                </tr>
              </thead>
              <tbody>
                {account.pending.map((deposit) => (
                  <tr key={deposit.depositId}>
                    <th scope="row">{deposit.assetId}</th>
                    <td className="num">{formatMinorUnits(deposit.amountMinor, deposit.decimals)}</td>
                    <td className="num">{formatUsdMicros(deposit.indicativeValueUsd)}</td>
                    <td>
                      {deposit.confirmsAtMs === null ? t("awaitingConfirmation") : t("expectedFrom", { at: formatUtcTime(deposit.confirmsAtMs) })}
                      {deposit.refusal ? (
                        <>
                          <br />
                          {t.rich("lastAttemptRefused", {
                            refusalCode: deposit.refusal.code,
                            message: deposit.refusal.message,
                            code: (chunks: ReactNode) => <code>{chunks}</code>,
                          })}
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableShell>
          )}
        </div>
      </div>
    </section>
  );
}
