"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatLots, formatPpbPercent, formatTicks, formatUsdMicros } from "@/lib/format";
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
  const list = useQuery({ ...publicMarketQueries.list(), initialData: initial });
  const rows = list.data ?? initial;
  return (
    <div className={styles.tableWrap}>
      <table className="data-table" data-testid="markets-overview">
        <caption>Every market, prices in USD; funding rates per funding interval; next funding on the engine&apos;s clock</caption>
        <thead>
          <tr>
            <th scope="col">Market</th>
            <th scope="col">Last trade</th>
            <th scope="col">Mark price</th>
            <th scope="col">Index price</th>
            <th scope="col">Funding (last settled)</th>
            <th scope="col">Predicted funding</th>
            <th scope="col">Next funding</th>
            <th scope="col">Open interest</th>
            <th scope="col">24 h volume</th>
            <th scope="col">Feed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OverviewRow key={row.symbol} row={row} />
          ))}
        </tbody>
      </table>
      {list.error ? <p role="status">The 24 h volume could not be refreshed: {list.error.message}</p> : null}
    </div>
  );
}

function OverviewRow({ row }: { row: MarketListRow }) {
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
      <td className={styles.numeric}>{lastFunding !== null ? formatPpbPercent(lastFunding) : "—"}</td>
      <td className={styles.numeric}>{predicted !== null ? formatPpbPercent(predicted) : "—"}</td>
      <td className={styles.numeric}>
        {fundingCountdown(nextFundingMs, engineNowMs)}
      </td>
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
