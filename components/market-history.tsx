"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useState } from "react";
import { formatLots, formatTicks, formatUtc, formatUtcDayMinute, formatUtcTime } from "@/lib/format";
import {
  appendLivePoint,
  DEFAULT_HISTORY_WINDOW,
  HISTORY_WINDOWS,
  historyWindowMs,
  mergeHistory,
  minuteOf,
  MINUTE_MS,
  openInterestPoints,
  PRICE_SERIES,
  pricePoints,
  plotRows,
  historySummary,
  windowStart,
  type HistoryPoint,
  type HistoryWindowKey,
  type OpenInterestPoint,
  type PricePoint,
} from "@/lib/market-history";
import { publicMarketQueries } from "@/lib/queries/public-markets";
import type { MarketMinutes, MarketMinuteWire } from "@/lib/wire/public-api";
import { ChartFigure } from "./charts/chart-figure";
import type { TimeSeries } from "./charts/time-series-chart";
import { useMarketLive, type MarketLiveValue } from "./market-live";
import styles from "./market-pages.module.css";

const TimeSeriesChart = dynamic(() => import("./charts/time-series-chart"), { ssr: false, loading: () => <ChartLoading /> });

function ChartLoading() {
  const t = useTranslations("components.charts");
  return <p>{t("loading")}</p>;
}

const HEIGHT = 260;
const COLORS = { mark: "#0b5d6b", index: "#7a3e00", last: "#5b3fa0", openInterest: "#0b5d6b" } as const;

type HistoryText = ReturnType<typeof useTranslations<"components.charts.history">>;

/**
 * Mark, index and last traded price minute by minute over a chosen window: the minute rollups
 * (server-rendered for the default window), then the market stream's figures added minute by minute.
 */
export function PriceHistory({ initial }: { initial: MarketMinutes | null }) {
  const t = useTranslations("components.charts.history");
  const live = useMarketLive();
  const [windowKey, setWindowKey] = useState<HistoryWindowKey>(DEFAULT_HISTORY_WINDOW);
  const history = useMinutes(initial, windowKey);
  const trail = useLiveTrail(livePricePoint(live));
  const tickSize = live.spec.tickSize;
  const names = { mark: t("mark"), index: t("index"), last: t("last") };
  const text = (units: number) => `${formatTicks(units, tickSize)} USD`;
  return (
    <HistoryFigure
      t={t}
      testId="price-history"
      windowKey={windowKey}
      onWindow={setWindowKey}
      history={history}
      toPoints={pricePoints}
      trail={trail}
      keys={PRICE_SERIES}
      series={PRICE_SERIES.map((key) => ({ key, name: names[key], color: COLORS[key], dashed: key === "index" }))}
      step={tickSize}
      text={text}
      labels={{
        title: t("priceTitle", { symbol: live.symbol }),
        caption: t("priceCaption"),
        table: t("priceTable"),
        empty: t("priceEmpty"),
      }}
    />
  );
}

/** Open interest (long lots = short lots) minute by minute, the same way. */
export function OpenInterestHistory({ initial }: { initial: MarketMinutes | null }) {
  const t = useTranslations("components.charts.history");
  const live = useMarketLive();
  const [windowKey, setWindowKey] = useState<HistoryWindowKey>(DEFAULT_HISTORY_WINDOW);
  const history = useMinutes(initial, windowKey);
  const f = live.figures;
  const trail = useLiveTrail<OpenInterestPoint>(f ? { atMs: minuteOf(live.engineNowMs), final: false, openInterest: f.openInterestLongLots } : null);
  const { lotSize, baseAsset } = live.spec;
  return (
    <HistoryFigure
      t={t}
      testId="open-interest-history"
      windowKey={windowKey}
      onWindow={setWindowKey}
      history={history}
      toPoints={openInterestPoints}
      trail={trail}
      keys={["openInterest"] as const}
      series={[{ key: "openInterest", name: t("openInterest"), color: COLORS.openInterest }]}
      step={lotSize}
      text={(units) => `${formatLots(units, lotSize)} ${baseAsset}`}
      labels={{
        title: t("openInterestTitle", { symbol: live.symbol }),
        caption: t("openInterestCaption", { asset: baseAsset }),
        table: t("openInterestTable"),
        empty: t("openInterestEmpty"),
      }}
    />
  );
}

interface MinutesState {
  minutes: MarketMinuteWire[] | null;
  error: string | null;
  fromMs: number;
  toMs: number;
}

/**
 * The window's minute rollups (react-query; the server's answer seeds the default window). The
 * window ends at the engine's clock as last published, never the browser's.
 */
function useMinutes(initial: MarketMinutes | null, windowKey: HistoryWindowKey): MinutesState {
  const live = useMarketLive();
  const windowMs = historyWindowMs(windowKey);
  const seeded = windowKey === DEFAULT_HISTORY_WINDOW && initial ? initial : undefined;
  const query = useQuery({ ...publicMarketQueries.minutes(live.symbol, windowMs, () => live.engineNowMs), initialData: seeded });
  const toMs = minuteOf(live.engineNowMs);
  return {
    minutes: query.data?.minutes ?? null,
    error: query.error?.message ?? null,
    fromMs: windowStart(live.engineNowMs, windowMs),
    toMs,
  };
}

/**
 * The stream's figures kept minute by minute while the page is open (the last value seen in each
 * minute, as the rollup keeps the minute's close), so the chart moves with the market without
 * re-reading the minutes: the stream already brings every change to this page on its one
 * connection, where polling the rollups would add a database read per reader every few seconds.
 * Kept for the longest window; the state is updated while rendering when the live point changes
 * (React's pattern for state derived from changing input), never in an effect.
 */
function useLiveTrail<P extends { atMs: number; final: boolean }>(live: P | null): readonly P[] {
  const [trail, setTrail] = useState<readonly P[]>([]);
  if (live) {
    const longest = HISTORY_WINDOWS[HISTORY_WINDOWS.length - 1].ms;
    const next = appendLivePoint(trail, live, windowStart(live.atMs, longest));
    if (next !== trail) setTrail(next);
  }
  return trail;
}

function livePricePoint(live: MarketLiveValue): PricePoint | null {
  const f = live.figures;
  if (!f) return null;
  const positive = (ticks: number | null | undefined) => (typeof ticks === "number" && ticks > 0 ? ticks : null);
  return {
    atMs: minuteOf(live.engineNowMs),
    final: false,
    mark: positive(live.mark?.data.price ?? f.mark),
    index: positive(live.index?.price ?? f.index),
    last: positive(f.lastTrade),
  };
}

function HistoryFigure<K extends string>({
  t,
  testId,
  windowKey,
  onWindow,
  history,
  toPoints,
  trail,
  keys,
  series,
  step,
  text,
  labels,
}: {
  t: HistoryText;
  testId: string;
  windowKey: HistoryWindowKey;
  onWindow: (key: HistoryWindowKey) => void;
  history: MinutesState;
  toPoints: (minutes: MarketMinuteWire[]) => HistoryPoint<K>[];
  trail: readonly HistoryPoint<K>[];
  keys: readonly K[];
  series: TimeSeries[];
  step: string;
  text: (units: number) => string;
  labels: { title: string; caption: string; table: string; empty: string };
}) {
  const { fromMs, toMs } = history;
  const points = mergeHistory(history.minutes ? toPoints(history.minutes) : [], trail, fromMs);
  const window = t("window", { from: formatUtc(fromMs), to: formatUtc(toMs + MINUTE_MS) });
  const names = Object.fromEntries(series.map((line) => [line.key, line.name]));
  const byMinute = new Map(points.map((point) => [point.atMs, point]));
  const valueText = (key: string, atMs: number) => {
    const units = byMinute.get(atMs)?.[key as K];
    return units === null || units === undefined ? "—" : text(units);
  };
  const picker = (
    <div className={styles.windowPicker} role="group" aria-label={t("windowPicker")}>
      {HISTORY_WINDOWS.map((option) => (
        <button key={option.key} type="button" className="button button--quiet" aria-pressed={option.key === windowKey} onClick={() => onWindow(option.key)}>
          {t(`windows.${option.key}`)}
        </button>
      ))}
    </div>
  );
  if (points.length === 0) {
    return (
      <div data-testid={testId}>
        {picker}
        {history.error ? <p role="alert">{t("loadError", { reason: history.error })}</p> : <p>{history.minutes ? labels.empty : t("loadingData")}</p>}
      </div>
    );
  }
  const summary = historySummary((key, values) => t(key, values), {
    title: labels.title,
    window,
    points,
    series: keys.map((key) => ({ key, name: names[key] })),
    format: text,
  });
  const timeTick = windowKey === "24h" ? formatUtcDayMinute : (ms: number) => formatUtcTime(ms, false).slice(0, 5);
  return (
    <div data-testid={testId}>
      {picker}
      {history.error ? <p role="alert">{t("loadError", { reason: history.error })}</p> : null}
      <ChartFigure
        height={HEIGHT}
        plot={
          <TimeSeriesChart
            rows={plotRows(points, keys, step)}
            series={series}
            domain={[fromMs, toMs + MINUTE_MS]}
            height={HEIGHT}
            title={labels.title}
            decimals={step.split(".")[1]?.length ?? 0}
            timeTick={timeTick}
            valueText={valueText}
          />
        }
        caption={labels.caption}
        summary={summary}
        tableLabel={t("tableToggle", { table: labels.table, count: String(points.length) })}
        table={
          <div className={styles.tableWrap}>
            <table className="data-table">
              <caption className="visually-hidden">{`${labels.table} (${window})`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("minute")}</th>
                  {series.map((line) => (
                    <th scope="col" key={line.key}>
                      {line.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...points].reverse().map((point) => (
                  <tr key={point.atMs}>
                    <th scope="row">{formatUtc(point.atMs)}</th>
                    {keys.map((key) => (
                      <td key={key} className={styles.numeric}>
                        {point[key] === null ? "—" : text(point[key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        }
      />
    </div>
  );
}
