"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import type { InsuranceChartPoint } from "@/components/charts/insurance-balance-chart";
import { plotUsd } from "@/components/charts/plot";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ChartFigure } from "@/components/charts/chart-figure";
import { formatPpbPercent, formatUsdMicros, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import { seriesStats, statsText } from "@/lib/market-history";
import { insuranceFundQuery, useInsuranceFundStreams } from "@/lib/queries/insurance-fund";
import { publicMarketQueries } from "@/lib/queries/public-markets";
import { CONNECTING, type StreamStatus } from "@/lib/queries/stream-status";
import type { InsuranceFundMarket, InsuranceLedgerRow, MarketListRow } from "@/lib/wire/public-api";
import { StreamBadge } from "./stream-badge";

const InsuranceBalanceChart = dynamic(() => import("@/components/charts/insurance-balance-chart"), { ssr: false, loading: () => <ChartLoading /> });

function ChartLoading() {
  const t = useTranslations("components.charts");
  return <p>{t("loading")}</p>;
}

type FundText = ReturnType<typeof useTranslations<"components.insuranceFund">>;

/**
 * The live part of /disclosures/insurance-fund: per market the balance, floor and depleted flag,
 * a balance chart, the ledger of inflows and outflows, and the open-interest coverage ratio.
 * Data flow: GET /api/public/insurance-fund seeds TanStack Query's cache (polled every 15 s); each
 * market's SSE stream folds its "insurance" ledger lines and "stats" fund figures into that cache.
 */
export function InsuranceFundLive() {
  const t = useTranslations("components.insuranceFund");
  const fund = useQuery(insuranceFundQuery);
  const markets = useQuery(publicMarketQueries.list());
  const streams = useInsuranceFundStreams((fund.data?.markets ?? []).map((market) => market.symbol));

  if (fund.error && !fund.data) {
    return <Alert tone="error">{t("loadError", { message: fund.error.message })}</Alert>;
  }
  if (!fund.data) return <p role="status">{t("loading")}</p>;
  if (fund.data.markets.length === 0) return <p>{t("noMarkets")}</p>;
  return (
    <div className="insurance-fund-markets">
      {fund.data.markets.map((market) => (
        <FundPanel
          key={market.symbol}
          market={market}
          stream={streams[market.symbol] ?? CONNECTING}
          marketRow={markets.data?.find((row) => row.symbol === market.symbol)}
          marketsError={markets.error?.message ?? null}
        />
      ))}
    </div>
  );
}

/** Why the fund moved, by the engine's reason code (a code without a label is shown as recorded). */
const REASONS = ["liquidation_fee", "backstop_compensation", "adl_compensation", "negative_equity_cover", "funding_deposit"] as const;

function reasonLabel(t: FundText, reason: string): string {
  return (REASONS as readonly string[]).includes(reason) ? t(`reason.${reason as (typeof REASONS)[number]}`) : reason;
}

const usd = (micros: string | null | undefined) => (micros === null || micros === undefined ? "—" : `${formatUsdMicros(micros)} USD`);

function FundPanel({
  market,
  stream,
  marketRow,
  marketsError,
}: {
  market: InsuranceFundMarket;
  stream: StreamStatus;
  marketRow: MarketListRow | undefined;
  marketsError: string | null;
}) {
  const t = useTranslations("components.insuranceFund");
  const headingId = `fund-${market.symbol}`;
  return (
    <section className="live-panel" aria-labelledby={headingId}>
      <header className="live-panel-header">
        <h2 id={headingId}>{market.symbol}</h2>
        <span>
          {market.depleted === true ? <Badge tone="stale">{t("depleted")}</Badge> : null}
          {market.depleted === false ? <Badge tone="live">{t("notDepleted")}</Badge> : null} <StreamBadge status={stream} />
        </span>
      </header>
      <dl className="live-figures">
        <Figure label={t("figures.balance")} value={usd(market.balance)} />
        <Figure label={t("figures.floor")} value={usd(market.floor)} />
        <Figure label={t("figures.available")} value={usd(market.available)} />
        <Figure label={t("figures.depleted")} value={market.depleted === null ? t("unknown") : market.depleted ? t("yes") : t("no")} />
        <Figure label={t("figures.totalIn")} value={usd(market.totalIn)} />
        <Figure label={t("figures.totalOut")} value={usd(market.totalOut)} />
        <Figure label={t("figures.coverage")} value={coverage(t, market.balance, marketRow, marketsError)} />
      </dl>
      <h3>{t("balanceOverTime")}</h3>
      <BalanceChart market={market} />
      <h3>{t("flows")}</h3>
      <LedgerTable history={market.history} />
    </section>
  );
}

/**
 * balance ÷ (open-interest lots × mark ticks × tickLotValue), all integers (micro-USD), as a
 * percentage with two decimals computed in BigInt. Open interest counts one side (long = short).
 */
function coverage(t: FundText, balance: string | null, row: MarketListRow | undefined, error: string | null): string {
  if (!row) return error ? t("coverage.unavailable", { error }) : "—";
  if (balance === null || row.mark === null || !row.openInterestLots) return "—";
  const lots = BigInt(Math.max(row.openInterestLots.long, row.openInterestLots.short));
  const notional = lots * BigInt(row.mark) * BigInt(row.tickLotValue);
  if (notional === 0n) return t("coverage.noOpenInterest");
  return t("coverage.ratio", { percent: formatPpbPercent((BigInt(balance) * 1_000_000_000n) / notional, 2), notional: formatUsdMicros(notional) });
}

const CHART_HEIGHT = 260;

type LedgerLine = Exclude<InsuranceLedgerRow, { change: "deposited" }>;

/**
 * The balance after each ledger line, drawn from the first line. Live: each market's stream folds
 * its "insurance" lines into the fund query's cache (useInsuranceFundStreams), so the chart grows
 * with the ledger.
 */
function BalanceChart({ market }: { market: InsuranceFundMarket }) {
  const t = useTranslations("components.insuranceFund");
  const charts = useTranslations("components.charts.insurance");
  // Oldest first; "deposited" rows are the top-up itself, whose ledger line is its "changed" row.
  const lines = market.history.flatMap((row) => (row.change === "deposited" ? [] : [row])).reverse();
  if (lines.length === 0) return <p>{t("chartEmpty")}</p>;
  const points: InsuranceChartPoint[] = lines.map((row) => ({
    atMs: row.atMs,
    seq: row.seq,
    dollars: plotUsd(row.balance),
    label: formatUsdMicros(row.balance),
  }));
  const floor = market.floor !== null ? plotUsd(market.floor) : null;
  return (
    <ChartFigure
      className="insurance-chart"
      height={CHART_HEIGHT}
      plot={<InsuranceBalanceChart symbol={market.symbol} points={points} floor={floor} height={CHART_HEIGHT} />}
      caption={charts("caption")}
      summary={balanceSummary(charts, market.symbol, lines)}
      testId={`insurance-chart-${market.symbol}`}
    />
  );
}

/** The chart's text alternative: the balance after the first and last line shown, its lowest and highest, exact to the micro-USD. */
function balanceSummary(t: ReturnType<typeof useTranslations<"components.charts.insurance">>, symbol: string, lines: LedgerLine[]): string {
  const stats = seriesStats(
    lines.map((row) => ({ atMs: row.atMs, final: true, balance: BigInt(row.balance) })),
    "balance",
  );
  if (!stats) return "";
  const s = statsText(stats, (micros) => `${formatUsdMicrosExact(micros)} USD`);
  return t("summary", {
    symbol,
    count: String(s.count),
    from: formatUtc(s.firstAt),
    to: formatUtc(s.lastAt),
    first: s.first,
    last: s.last,
    min: s.min,
    minAt: formatUtc(s.minAt),
    max: s.max,
    maxAt: formatUtc(s.maxAt),
  });
}

function LedgerTable({ history }: { history: InsuranceLedgerRow[] }) {
  const t = useTranslations("components.insuranceFund");
  // "deposited" events are the top-up itself; its ledger line is the "changed" row with reason funding_deposit.
  const rows = history.flatMap((row) => (row.change === "deposited" ? [] : [row]));
  if (rows.length === 0) return <p>{t("noFlows")}</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data-table">
        <caption className="visually-hidden">{t("ledgerCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.seq")}</th>
            <th scope="col">{t("columns.time")}</th>
            <th scope="col">{t("columns.reason")}</th>
            <th scope="col">{t("columns.amount")}</th>
            <th scope="col">{t("columns.balanceAfter")}</th>
            <th scope="col">{t("columns.causeSeq")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.seq}>
              <td>{row.seq}</td>
              <td>{formatUtc(row.atMs)}</td>
              <td>{row.change === "depleted" ? t("depletionAlert") : reasonLabel(t, row.reason)}</td>
              <td>{row.change === "changed" ? signed(row.delta) : "—"}</td>
              <td>{formatUsdMicros(row.balance)}</td>
              <td>{row.causeSeq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function signed(micros: string): string {
  const text = formatUsdMicros(micros);
  return micros.startsWith("-") ? text : `+${text}`;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
