"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { LiquidationStage } from "@/lib/engine/index";
import { formatPpbPercent, formatPpbPercentExact, formatTicks, formatUsdMicros, formatUtcTime } from "@/lib/format";
import { formatFraction } from "@/lib/parameter-format";
import { CONNECTING } from "@/lib/queries/stream-status";
import { useMarketStreams } from "@/lib/queries/use-market-streams";
import type { BackstopFigures, MarketLiveFigures, WireMarketSpec } from "@/lib/risk-disclosure-types";
import { StreamBadge } from "./stream-badge";
import { useHydrated } from "./use-hydrated";

type Live = MarketLiveFigures;
type Liquidation = WireMarketSpec["liquidation"];

export interface DefaultManagementMarket {
  symbol: string;
  tickSize: string;
  liquidation: Liquidation;
  live: Live;
}

/**
 * The default-management order of priority (LIQ-1) with each step's trigger and its live figures:
 * server-rendered from the engine, then kept current by the market streams' "stats" messages
 * (mark, insurance fund, backstop capacity remaining, distance to ADL). Stale marker when a stream drops.
 */
const usd = (micros: string | null | undefined) => (micros === null || micros === undefined ? "—" : `${formatUsdMicros(micros)} USD`);
const LEVEL_LABEL: Record<string, string> = { low: "Low", elevated: "Elevated", high: "High" };

export function DefaultManagementLive({ renderedAtMs, backstop, markets }: { renderedAtMs: number; backstop: BackstopFigures | null; markets: DefaultManagementMarket[] }) {
  const hydrated = useHydrated();
  const streams = useMarketStreams(markets.map((market) => market.symbol));
  const rows = markets.map((market) => {
    const stream = streams[market.symbol];
    const stats = stream?.snapshot?.latest.stats?.data;
    const live: Live = hydrated && stats ? { mark: stats.mark, insuranceFund: stats.insuranceFund, adl: stats.adl ?? market.live.adl } : market.live;
    return { ...market, live, status: stream?.status ?? CONNECTING, lastMessageId: stream?.snapshot?.id ?? 0 };
  });
  const remaining = rows.find((row) => row.live.adl)?.live.adl?.backstopCapacity ?? backstop?.remaining ?? null;
  const price = (row: (typeof rows)[number], ticks: number | null | undefined) => (ticks ? `${formatTicks(ticks, row.tickSize)} USD` : "—");

  const step = (stage: LiquidationStage | "trigger" | "residual", title: string, trigger: ReactNode, what: ReactNode, figures: ReactNode) => (
    <li key={stage} data-testid="waterfall-step" data-stage={stage} className="waterfall-step">
      <h3>{title}</h3>
      <dl className="facts">
        <div>
          <dt>Trigger</dt>
          <dd>{trigger}</dd>
        </div>
        <div>
          <dt>What happens</dt>
          <dd>{what}</dd>
        </div>
        <div>
          <dt>Parameters and live figures</dt>
          <dd>{figures}</dd>
        </div>
      </dl>
    </li>
  );

  return (
    <div>
      <p className="toolbar">
        {rows.map((row) => (
          <span key={row.symbol}>
            {row.symbol}: <StreamBadge status={row.status} lastMessageId={row.lastMessageId} asOfMs={renderedAtMs} />
          </span>
        ))}
      </p>
      <ol className="waterfall">
        {step(
          "cancel_orders",
          "Liquidation starts: resting orders are cancelled",
          <>The account&apos;s equity is below its maintenance margin at the current mark prices.</>,
          <>All the account&apos;s resting orders are cancelled, so none can trade against its own liquidation, and its health is checked again.</>,
          <ul>
            {rows.map((row) => (
              <li key={row.symbol}>
                {row.symbol} mark price: <strong data-testid={`live-mark-${row.symbol}`}>{price(row, row.live.mark)}</strong> (live)
              </li>
            ))}
          </ul>,
        )}
        {step(
          "book",
          "Order book",
          <>Still below maintenance margin after the cancellations.</>,
          <>
            The position is sold (or bought back) in the order book with immediate-or-cancel orders at prices no worse than its
            bankruptcy price, one step at a time, re-checking after each step; it stops as soon as the account is healthy again
            (partial liquidation). The liquidation fee on each closed step goes to the insurance fund. The order book is skipped, or
            left, once equity is below the backstop fraction of maintenance margin.
          </>,
          <ul>
            {rows.map((row) => (
              <li key={row.symbol}>
                {row.symbol}: largest step {usd(row.liquidation.maxBookChunkNotional)} of notional; liquidation fee{" "}
                {formatPpbPercentExact(row.liquidation.liquidationFeeRate)}; backstop fraction {formatFraction(row.liquidation.backstopEquityBelowMaintenance)}
              </li>
            ))}
          </ul>,
        )}
        {step(
          "backstop",
          "Backstop liquidity providers",
          <>
            The order book could not absorb the rest at or better than the bankruptcy price, or equity fell below the backstop
            fraction of maintenance margin.
          </>,
          <>
            Backstop liquidity providers, in their priority order, take over what is left of the position at the bankruptcy price,
            each up to its remaining committed capacity, and only as much as the insurance fund can compensate (next step).
          </>,
          <ul>
            <li>
              Backstop capacity remaining (all providers): <strong data-testid="live-backstop-remaining">{usd(remaining)}</strong> (live)
            </li>
            {backstop ? (
              <li>
                {backstop.providers} providers; committed {usd(backstop.committed)}; used so far {usd(backstop.used)} (at {formatUtcTime(renderedAtMs)})
              </li>
            ) : null}
          </ul>,
        )}
        {step(
          "insurance_fund",
          "Insurance fund",
          <>A backstop provider took a position at a bankruptcy price worse than the mark price.</>,
          <>
            The market&apos;s insurance fund pays the provider the difference between the bankruptcy price and the mark price, so the
            provider takes over the position, not the loss. The fund pays only from its <strong>available</strong> amount: its balance
            above its floor.
          </>,
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Insurance fund per market, live</caption>
              <thead>
                <tr>
                  <th scope="col">Market</th>
                  <th scope="col">Balance</th>
                  <th scope="col">Floor</th>
                  <th scope="col">Available above floor</th>
                  <th scope="col">Depleted</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.symbol}>
                    <th scope="row">{row.symbol}</th>
                    <td>{usd(row.live.insuranceFund?.balance)}</td>
                    <td>{usd(row.live.insuranceFund?.floor ?? row.liquidation.insuranceFundFloor)}</td>
                    <td data-testid={`live-fund-available-${row.symbol}`}>{usd(row.live.insuranceFund?.available)}</td>
                    <td>{row.live.insuranceFund ? (row.live.insuranceFund.depleted ? "Yes" : "No") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>,
        )}
        {step(
          "adl",
          "Auto-deleveraging (ADL)",
          <>
            The insurance fund cannot compensate one more lot (its available amount is used up), or the backstop providers have no
            capacity left.
          </>,
          <>
            Profitable positions on the other side, ranked by profit × effective leverage, are closed against the bankrupt position at
            its bankruptcy price. While the fund still has money above its floor it compensates them up to the mark price, so no loss
            is shared while the fund can pay. <Link href="/disclosures/adl">How far each market is from ADL</Link>.
          </>,
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Distance to ADL per market, live</caption>
              <thead>
                <tr>
                  <th scope="col">Market</th>
                  <th scope="col">ADL needed after a fall of</th>
                  <th scope="col">ADL needed after a rise of</th>
                  <th scope="col">ADL risk level</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const adl = row.live.adl;
                  const move = (d: { price: number; movePpb: string } | null | undefined) => (adl ? (d ? `${formatPpbPercent(d.movePpb, 2)} (to ${formatTicks(d.price, row.tickSize)} USD)` : "beyond the modelled range") : "—");
                  return (
                    <tr key={row.symbol}>
                      <th scope="row">{row.symbol}</th>
                      <td>{move(adl?.down)}</td>
                      <td>{move(adl?.up)}</td>
                      <td data-testid={`live-adl-level-${row.symbol}`}>{adl?.indicator ? LEVEL_LABEL[adl.indicator.level] : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>,
        )}
        {step(
          "residual",
          "Residual loss of a closed-out account",
          <>An account with no position left still has a negative USD balance.</>,
          <>
            Its other collateral is converted at the haircut value the margin already assumed, only as far as needed. What that
            cannot cover is paid by the insurance fund — the only payment allowed below the floor, never below zero. The client never
            owes more than the collateral in the account.
          </>,
          <>See the insurance fund figures above and the <Link href="/disclosures/methodology/collateral">collateral valuations</Link>.</>,
        )}
      </ol>
    </div>
  );
}
