"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { formatLots, formatPpbPercentExact, formatTicks, formatUsdMicros } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { publicMarketQueries } from "@/lib/queries/public-markets";
import { useMarketStream } from "@/lib/queries/use-market-stream";
import type { MarketListRow } from "@/lib/wire/public-api";
import { fundingCountdown } from "./market-live";
import styles from "./market-pages.module.css";
import { StreamBadge } from "./stream-badge";

/**
 * The markets overview table: the server's figures first, then each market's stream; the 24 h
 * volume (no stream carries it) is re-read from GET /api/public/markets.
 */
export function MarketsOverview({ initial }: { initial: MarketListRow[] }) {
  const t = useTranslations("components.marketsOverview");
  const list = useQuery({ ...publicMarketQueries.list(), initialData: initial });
  const rows = list.data ?? initial;
  return (
    <div className={styles.tableWrap}>
      <table className="data-table" data-testid="markets-overview">
        <caption>{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.market")}</th>
            <th scope="col">{t("columns.last")}</th>
            <th scope="col">{t("columns.mark")}</th>
            <th scope="col">{t("columns.index")}</th>
            <th scope="col">{t("columns.fundingLast")}</th>
            <th scope="col">{t("columns.predicted")}</th>
            <th scope="col">{t("columns.next")}</th>
            <th scope="col">{t("columns.openInterest")}</th>
            <th scope="col">{t("columns.volume")}</th>
            <th scope="col">{t("columns.feed")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OverviewRow key={row.symbol} row={row} />
          ))}
        </tbody>
      </table>
      {list.error ? <p role="status">{t("volumeError", { message: list.error.message })}</p> : null}
    </div>
  );
}

function OverviewRow({ row }: { row: MarketListRow }) {
  const t = useTranslations("components.market");
  const { snapshot, status } = useMarketStream(row.symbol);
  const stats = snapshot?.latest.stats?.data;
  const price = (ticks: number | null | undefined) => (typeof ticks === "number" && ticks > 0 ? formatTicks(ticks, row.tickSize) : "—");
  const last = stats?.lastTrade ?? row.last;
  const mark = snapshot?.latest.mark?.data.price ?? stats?.mark ?? row.mark;
  const index = snapshot?.latest.index?.data.price ?? stats?.index ?? row.index;
  const lastFunding = stats?.lastFundingRate ?? row.lastFundingRate;
  const predicted = stats?.predictedFunding.rate ?? row.predictedFundingRate?.rate ?? null;
  const nextFundingMs = stats?.nextFundingMs ?? row.nextFundingMs;
  const engineNowMs = Math.max(row.engineTimeMs, snapshot?.atMs ?? 0);
  const openInterest = stats?.openInterestLongLots ?? row.openInterestLots?.long ?? null;
  return (
    <tr data-market={row.symbol}>
      <th scope="row" className={styles.numeric}>
        <Link href={`/disclosures/markets/${encodeURIComponent(row.symbol)}`}>{row.symbol}</Link>
      </th>
      <td className={styles.numeric}>{price(last)}</td>
      <td className={styles.numeric} data-testid="overview-mark">
        {price(mark)}
      </td>
      <td className={styles.numeric}>{price(index)}</td>
      <td className={styles.numeric}>{lastFunding !== null ? formatPpbPercentExact(lastFunding) : "—"}</td>
      <td className={styles.numeric}>{predicted !== null ? formatPpbPercentExact(predicted) : "—"}</td>
      <td className={styles.numeric}>{fundingCountdown(t, nextFundingMs, engineNowMs)}</td>
      <td className={styles.numeric}>{openInterest !== null ? `${formatLots(openInterest, row.lotSize)} ${row.baseAsset}` : "—"}</td>
      <td className={styles.numeric}>
        {formatLots(row.volume24h.lots, row.lotSize)} {row.baseAsset}
        <small className="muted"> ({formatUsdMicros(row.volume24h.notional)} USD)</small>
      </td>
      <td>
        <StreamBadge status={status} lastMessageId={snapshot?.id ?? 0} compact />
      </td>
    </tr>
  );
}
