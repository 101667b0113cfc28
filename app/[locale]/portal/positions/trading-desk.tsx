"use client";

import { useQuery } from "@tanstack/react-query";
import { AdlLight } from "@/components/adl-light";
import { useHydrated } from "@/components/use-hydrated";
import { formatLots, formatMinorUnits, formatPpbPercent, formatTicks, formatUsdMicros } from "@/lib/format";
import { tradingQueries } from "@/lib/queries/trading";
import type { TradingAccountView, TradingMarket, TradingView } from "@/lib/wire/portal-trading";
import { CancelButton, FormResult, OpenAccountForm, useCancelOrder } from "./account-forms";
import { DepositForm } from "./deposit-form";
import { OrderTicket } from "./order-ticket";

const usd = (micros: string) => `${formatUsdMicros(micros)} USD`;
const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
const utcDateTime = (ms: number) => `${new Date(ms).toISOString().replace("T", " ").slice(0, 19)} UTC`;

/**
 * The live part of /portal/positions. The server renders it with the figures of the request (so
 * they read without JavaScript); in the browser TanStack Query re-reads GET /api/portal/trading
 * every TRADING_REFRESH_MS and marks the figures stale when a read fails.
 */
export function TradingDesk({ initial, renderedAt }: { initial: TradingView; renderedAt: number }) {
  const hydrated = useHydrated();
  const query = useQuery({ ...tradingQueries.view(), initialData: initial, initialDataUpdatedAt: renderedAt });
  const view = query.data;
  const account = view.account;
  const badge = !hydrated ? (
    <span className="badge">Figures as of {utcDateTime(view.engineNowMs)} (engine time)</span>
  ) : query.isError ? (
    <span className="badge badge-stale" role="status">
      Stale since {utcTime(query.dataUpdatedAt)}: {query.error.message}. Retrying
    </span>
  ) : (
    <span className="badge badge-live">Live · engine time {utcTime(view.engineNowMs)}</span>
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
          <h2 id="account-summary">Account {account.engineAccountId}</h2>
          {badge}
        </header>
        <Summary account={account} />
        {account.reduceOnly ? (
          <p className="alert alert--warn">Your account is reduce-only: orders may only reduce positions.</p>
        ) : null}
      </section>
      <Positions account={account} markets={markets} />
      <div className="trading-grid">
        <OrderTicket markets={view.markets} />
        <OpenOrders account={account} markets={markets} />
      </div>
      <Collateral account={account} usdHaircut={view.collateralAssets.find((asset) => asset.assetId === "USD")?.haircutRate ?? null} />
      <DepositForm assets={view.collateralAssets} confirmationMs={view.depositConfirmationMs} />
    </div>
  );
}

function Summary({ account }: { account: TradingAccountView }) {
  const figures: Array<[string, string]> = [
    ["Equity", usd(account.equity)],
    ["Free collateral", usd(account.freeCollateral)],
    ["Initial margin in use", usd(account.initialMargin)],
    ["Maintenance margin", usd(account.maintenanceMargin)],
    ["Margin ratio (maintenance ÷ equity)", account.marginRatioPpb === null ? "Not defined: equity is zero or negative" : formatPpbPercent(account.marginRatioPpb, 2)],
    ["USD cash (settled)", usd(account.cash)],
    ["Other collateral, after haircut", usd(account.collateralValue)],
    ["Pending deposits (not counted)", usd(account.pendingDeposits)],
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
  return (
    <section aria-labelledby="positions">
      <h2 id="positions">Open positions</h2>
      {account.positions.length === 0 ? (
        <p>No open positions. An order that fills opens one.</p>
      ) : (
        // Focusable so keyboard users can scroll it sideways on narrow screens.
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Open positions table">
          <table className="table table--positions">
            <caption className="visually-hidden">Open positions with the engine&apos;s figures; prices in USD</caption>
            <thead>
              <tr>
                <th scope="col">Market</th>
                <th scope="col">Size</th>
                <th scope="col" className="num">Entry</th>
                <th scope="col" className="num">Mark</th>
                <th scope="col" className="num">Liquidation price</th>
                <th scope="col" className="num">Bankruptcy price</th>
                <th scope="col" className="num">Margin ratio (account)</th>
                <th scope="col" className="num">Maintenance margin (USD)</th>
                <th scope="col" className="num">Unrealised PnL (USD)</th>
                <th scope="col" className="num">Funding paid (USD)</th>
                <th scope="col">ADL light</th>
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
                      {position.size > 0 ? "Long" : "Short"} {formatLots(Math.abs(position.size), market.lotSize)} {market.baseAsset}
                    </td>
                    <td className="num">{price(position.averageEntry)}</td>
                    <td className="num">{price(position.mark)}</td>
                    {/* No liquidation price in range means equity stays above maintenance margin at every price, so the
                        bankruptcy price the engine reports is only its clamp to the price range. */}
                    <td className="num">{position.liquidationPrice === 0 ? "None in range" : price(position.liquidationPrice)}</td>
                    <td className="num">{position.liquidationPrice === 0 ? "None in range" : price(position.bankruptcyPrice)}</td>
                    <td className="num">{account.marginRatioPpb === null ? "—" : formatPpbPercent(account.marginRatioPpb, 2)}</td>
                    <td className="num">{formatUsdMicros(position.maintenanceMargin)}</td>
                    <td className="num">
                      <Signed micros={position.unrealizedPnl} />
                    </td>
                    <td className="num">{formatUsdMicros(position.fundingPaid)}</td>
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
  const cancel = useCancelOrder();
  return (
    <section className="panel" aria-labelledby="open-orders">
      <h2 id="open-orders">Open orders</h2>
      <FormResult state={cancel.state} />
      {account.openOrders.length === 0 ? (
        <p>No orders resting on the book.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Your orders resting on the book</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Market</th>
                <th scope="col">Side</th>
                <th scope="col" className="num">Price (USD)</th>
                <th scope="col" className="num">Remaining</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
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
                    <td>
                      {order.side === "buy" ? "Buy" : "Sell"}
                      {order.reduceOnly ? ", reduce-only" : ""}
                    </td>
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
          </table>
        </div>
      )}
    </section>
  );
}

function Collateral({ account, usdHaircut }: { account: TradingAccountView; usdHaircut: string | null }) {
  return (
    <section aria-labelledby="collateral">
      <h2 id="collateral">Collateral</h2>
      <div className="trading-grid">
        <div>
          <h3>Settled (counts as margin)</h3>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Settled collateral with haircut and value</caption>
              <thead>
                <tr>
                  <th scope="col">Asset</th>
                  <th scope="col" className="num">Amount</th>
                  <th scope="col" className="num">Haircut</th>
                  <th scope="col" className="num">Value (USD)</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">USD cash</th>
                  <td className="num">{formatUsdMicros(account.cash)}</td>
                  <td className="num">{usdHaircut === null ? "—" : formatPpbPercent(usdHaircut, 2)}</td>
                  <td className="num">{formatUsdMicros(account.cash)}</td>
                </tr>
                {account.collateral.map((held) => (
                  <tr key={held.assetId}>
                    <th scope="row">
                      {held.assetId}
                      {held.status !== "EFFECTIVE" ? ` (${held.status.toLowerCase().replaceAll("_", " ")})` : ""}
                    </th>
                    <td className="num">{formatMinorUnits(held.amountMinor, held.decimals)}</td>
                    <td className="num">{formatPpbPercent(held.haircut, 2)}</td>
                    <td className="num">{formatUsdMicros(held.valueUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <h3>Pending deposits (not counted)</h3>
          {account.pending.length === 0 ? (
            <p>No deposits pending.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Deposits awaiting confirmation</caption>
                <thead>
                  <tr>
                    <th scope="col">Asset</th>
                    <th scope="col" className="num">Amount</th>
                    <th scope="col" className="num">Indicative value (USD)</th>
                    <th scope="col">Confirmation</th>
                  </tr>
                </thead>
                <tbody>
                  {account.pending.map((deposit) => (
                    <tr key={deposit.depositId}>
                      <th scope="row">{deposit.assetId}</th>
                      <td className="num">{formatMinorUnits(deposit.amountMinor, deposit.decimals)}</td>
                      <td className="num">{formatUsdMicros(deposit.indicativeValueUsd)}</td>
                      <td>
                        {deposit.confirmsAtMs === null ? "Awaiting confirmation" : `Expected from ${utcTime(deposit.confirmsAtMs)} (engine time)`}
                        {deposit.refusal ? (
                          <>
                            <br />
                            Last attempt refused: <code>{deposit.refusal.code}</code> {deposit.refusal.message}
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
