"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { LiquidationStage } from "@/lib/engine/index";
import { formatPpbPercent, formatPpbPercentExact, formatTicks, formatUsdMicros, formatUtcTime } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { liquidationRuleSummary } from "@/lib/liquidation-rule";
import { formatFraction } from "@/lib/parameter-format";
import { CONNECTING } from "@/lib/queries/stream-status";
import { useMarketStreams } from "@/lib/queries/use-market-streams";
import type { BackstopFigures, MarketLiveFigures, WireMarketSpec } from "@/lib/risk-disclosure-types";
import { adlLevelLabel } from "./adl-level";
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
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

export function DefaultManagementLive({
  renderedAtMs,
  backstop,
  markets,
}: {
  renderedAtMs: number;
  backstop: BackstopFigures | null;
  markets: DefaultManagementMarket[];
}) {
  const t = useTranslations("components.defaultManagement");
  const adlText = useTranslations("components.adlRisk");
  const ruleText = useTranslations("components.liquidationRule");
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
          <dt>{t("trigger")}</dt>
          <dd>{trigger}</dd>
        </div>
        <div>
          <dt>{t("what")}</dt>
          <dd>{what}</dd>
        </div>
        <div>
          <dt>{t("figures")}</dt>
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
          t("cancel.title"),
          t("cancel.trigger"),
          t("cancel.what"),
          <ul>
            {rows.map((row) => (
              <li key={row.symbol}>
                {t.rich("cancel.mark", {
                  symbol: row.symbol,
                  price: price(row, row.live.mark),
                  figure: (chunks) => <strong data-testid={`live-mark-${row.symbol}`}>{chunks}</strong>,
                })}
              </li>
            ))}
          </ul>,
        )}
        {step(
          "book",
          t("book.title"),
          t("book.trigger"),
          ruleText(`bookWhat.${liquidationRuleSummary(markets)}`),
          <ul>
            {rows.map((row) => (
              <li key={row.symbol}>
                {t("book.figures", {
                  symbol: row.symbol,
                  step: usd(row.liquidation.maxBookChunkNotional),
                  fee: formatPpbPercentExact(row.liquidation.liquidationFeeRate),
                  fraction: formatFraction(row.liquidation.backstopEquityBelowMaintenance),
                })}
              </li>
            ))}
          </ul>,
        )}
        {step(
          "backstop",
          t("backstop.title"),
          t("backstop.trigger"),
          t("backstop.what"),
          <ul>
            <li>
              {t.rich("backstop.remaining", { amount: usd(remaining), figure: (chunks) => <strong data-testid="live-backstop-remaining">{chunks}</strong> })}
            </li>
            {backstop ? (
              <li>
                {t("backstop.providers", {
                  providers: String(backstop.providers),
                  committed: usd(backstop.committed),
                  used: usd(backstop.used),
                  time: formatUtcTime(renderedAtMs),
                })}
              </li>
            ) : null}
            {backstop ? <li data-testid="backstop-replenishment">{t("backstop.replenishment", { amount: usd(backstop.replenishPerHour) })}</li> : null}
          </ul>,
        )}
        {step(
          "insurance_fund",
          t("insuranceFund.title"),
          t("insuranceFund.trigger"),
          t.rich("insuranceFund.what", { strong }),
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("insuranceFund.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("insuranceFund.columns.market")}</th>
                  <th scope="col">{t("insuranceFund.columns.balance")}</th>
                  <th scope="col">{t("insuranceFund.columns.floor")}</th>
                  <th scope="col">{t("insuranceFund.columns.available")}</th>
                  <th scope="col">{t("insuranceFund.columns.depleted")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.symbol}>
                    <th scope="row">{row.symbol}</th>
                    <td>{usd(row.live.insuranceFund?.balance)}</td>
                    <td>{usd(row.live.insuranceFund?.floor ?? row.liquidation.insuranceFundFloor)}</td>
                    <td data-testid={`live-fund-available-${row.symbol}`}>{usd(row.live.insuranceFund?.available)}</td>
                    <td>{row.live.insuranceFund ? (row.live.insuranceFund.depleted ? t("insuranceFund.yes") : t("insuranceFund.no")) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>,
        )}
        {step(
          "adl",
          t("adl.title"),
          t("adl.trigger"),
          t.rich("adl.what", { link: (chunks) => <Link href="/disclosures/adl">{chunks}</Link> }),
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("adl.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("adl.columns.market")}</th>
                  <th scope="col">{t("adl.columns.down")}</th>
                  <th scope="col">{t("adl.columns.up")}</th>
                  <th scope="col">{t("adl.columns.level")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const adl = row.live.adl;
                  const move = (d: { price: number; movePpb: string } | null | undefined) =>
                    adl ? (d ? t("adl.move", { percent: formatPpbPercent(d.movePpb, 2), price: formatTicks(d.price, row.tickSize) }) : t("adl.beyond")) : "—";
                  return (
                    <tr key={row.symbol}>
                      <th scope="row">{row.symbol}</th>
                      <td>{move(adl?.down)}</td>
                      <td>{move(adl?.up)}</td>
                      <td data-testid={`live-adl-level-${row.symbol}`}>{adl?.indicator ? adlLevelLabel(adlText, adl.indicator.level) : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>,
        )}
        {step(
          "residual",
          t("residual.title"),
          t("residual.trigger"),
          t("residual.what"),
          t.rich("residual.figures", { link: (chunks) => <Link href="/disclosures/methodology/collateral">{chunks}</Link> }),
        )}
      </ol>
    </div>
  );
}
