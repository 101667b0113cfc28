import { formatTicks, formatUtc } from "./format";
import type { MarketMinuteWire } from "./wire/public-api";

/**
 * The market page's history charts, as data: minute rollups (GET /api/public/markets/{symbol}/minutes)
 * and live stream figures become points in the engine's own integers (ticks, lots), and the summary
 * that stands in for a chart is computed from those integers. Floats appear only in `plotRows`, for
 * drawing, converted from the exact decimal text lib/format gives. Pure: no clock, no I/O.
 */

export const MINUTE_MS = 60_000;

/** The windows a history chart offers, each one page of the minutes API (at most 1,440 minutes). */
export const HISTORY_WINDOWS = [
  { key: "1h", ms: 3_600_000 },
  { key: "6h", ms: 21_600_000 },
  { key: "24h", ms: 86_400_000 },
] as const;

export type HistoryWindowKey = (typeof HISTORY_WINDOWS)[number]["key"];

/** The window the page is server-rendered with: an hour keeps the page's HTML and payload small. */
export const DEFAULT_HISTORY_WINDOW: HistoryWindowKey = "1h";

export function historyWindowMs(key: HistoryWindowKey): number {
  return HISTORY_WINDOWS.find((window) => window.key === key)!.ms;
}

/**
 * One point of a chart: `atMs` its time (a minute's start for the rollups); every other field an
 * integer in engine units (a bigint where it can pass 2^53, such as micro-USD), or null for none.
 */
export type HistoryPoint<K extends string, V extends number | bigint = number> = { atMs: number; final: boolean } & Record<K, V | null>;

export type PricePoint = HistoryPoint<"mark" | "index" | "last">;
export type OpenInterestPoint = HistoryPoint<"openInterest">;

export const PRICE_SERIES = ["mark", "index", "last"] as const;

/** A price of 0 is the engine's "none yet" (no mark, index or trade before the first): not a price to draw. */
const price = (ticks: number | null): number | null => (ticks === null || ticks === 0 ? null : ticks);

/** Mark, index and last traded price at each minute's close. */
export function pricePoints(minutes: readonly MarketMinuteWire[]): PricePoint[] {
  return minutes.map((minute) => ({
    atMs: minute.minuteMs,
    final: minute.final,
    mark: price(minute.markClose),
    index: price(minute.indexClose),
    last: price(minute.lastTradeClose),
  }));
}

/** Open interest (long lots = short lots) at each minute's close. */
export function openInterestPoints(minutes: readonly MarketMinuteWire[]): OpenInterestPoint[] {
  return minutes.map((minute) => ({ atMs: minute.minuteMs, final: minute.final, openInterest: minute.openInterestLots }));
}

/** Only the fields the charts read, so a server-rendered page does not carry every rollup figure to the browser. */
export function chartMinutes(minutes: readonly MarketMinuteWire[]): MarketMinuteWire[] {
  return minutes.map((m) => ({
    minuteMs: m.minuteMs,
    final: m.final,
    throughSeq: m.throughSeq,
    mark: m.mark,
    markClose: m.markClose,
    indexClose: m.indexClose,
    lastTradeClose: m.lastTradeClose,
    openInterestLots: m.openInterestLots,
    funding: { lastRate: m.funding.lastRate, settlements: m.funding.settlements },
  }));
}

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** The first minute of a window ending with the minute of `nowMs`: a window of n minutes holds n rows at most, one API page. */
export function windowStart(nowMs: number, windowMs: number): number {
  return minuteOf(nowMs) - windowMs + MINUTE_MS;
}

/**
 * The live trail with the stream's latest figures as the point of their minute: a newer value of
 * the same minute replaces the older one (the rollup keeps the minute's close, the last value too).
 * Returns the same array when nothing changed, so a caller can keep it in state without looping.
 */
export function appendLivePoint<P extends { atMs: number; final: boolean }>(trail: readonly P[], live: P, keepFromMs: number): readonly P[] {
  const last = trail.at(-1);
  if (last && last.atMs > live.atMs) return trail;
  if (last && last.atMs === live.atMs && samePoint(last, live)) return trail;
  const kept = trail.filter((point) => point.atMs >= keepFromMs && point.atMs !== live.atMs);
  return [...kept, live];
}

function samePoint(a: object, b: object): boolean {
  const right = b as Record<string, unknown>;
  return Object.entries(a).every(([key, value]) => right[key] === value);
}

/**
 * History and live trail merged, oldest first, within [fromMs, ∞): a final minute of the history
 * (the engine clock has left it, the row will not change) wins over the trail; otherwise the
 * trail's point, seen later, wins.
 */
export function mergeHistory<P extends { atMs: number; final: boolean }>(history: readonly P[], trail: readonly P[], fromMs: number): P[] {
  const byMinute = new Map<number, P>();
  for (const point of history) if (point.atMs >= fromMs) byMinute.set(point.atMs, point);
  for (const point of trail) {
    if (point.atMs < fromMs) continue;
    if (byMinute.get(point.atMs)?.final) continue;
    byMinute.set(point.atMs, point);
  }
  return [...byMinute.values()].sort((a, b) => a.atMs - b.atMs);
}

/** The integer type of a point's field: number or bigint, without its null. */
type Units<T> = Extract<T, number | bigint>;

/** One value of a series and the time it belongs to. */
export interface SeriesValue<V extends number | bigint = number> {
  atMs: number;
  units: V;
}

export interface SeriesStats<V extends number | bigint = number> {
  first: SeriesValue<V>;
  last: SeriesValue<V>;
  /** The lowest and highest values (the earliest on a tie). */
  min: SeriesValue<V>;
  max: SeriesValue<V>;
  count: number;
}

/** First, last, lowest and highest value of one series over the points that have one (integers compared exactly); null when none has. */
export function seriesStats<P extends { atMs: number }, K extends keyof P>(points: readonly P[], key: K): SeriesStats<Units<P[K]>> | null {
  type V = Units<P[K]>;
  let stats: SeriesStats<V> | null = null;
  for (const point of points) {
    const units = point[key] as V | null;
    if (units === null) continue;
    const value: SeriesValue<V> = { atMs: point.atMs, units };
    if (!stats) {
      stats = { first: value, last: value, min: value, max: value, count: 1 };
      continue;
    }
    stats.last = value;
    stats.count += 1;
    if (units < stats.min.units) stats.min = value;
    if (units > stats.max.units) stats.max = value;
  }
  return stats;
}

/** A summary's figures as text: each value formatted exactly from its integer units, with its minute. */
export interface StatsText {
  first: string;
  last: string;
  min: string;
  max: string;
  firstAt: number;
  lastAt: number;
  minAt: number;
  maxAt: number;
  count: number;
}

export function statsText<V extends number | bigint>(stats: SeriesStats<V>, format: (units: V) => string): StatsText {
  return {
    first: format(stats.first.units),
    last: format(stats.last.units),
    min: format(stats.min.units),
    max: format(stats.max.units),
    firstAt: stats.first.atMs,
    lastAt: stats.last.atMs,
    minAt: stats.min.atMs,
    maxAt: stats.max.atMs,
    count: stats.count,
  };
}

/** The messages a history summary is written with (components.charts.history), as a translator gives them. */
export type SummaryMessages = (key: "summaryWindow" | "summaryNone" | "summarySeries", values: Record<string, string>) => string;

/**
 * A history chart's text alternative: what it shows over which window, then each series' first,
 * last, lowest and highest value (each exact, with its minute in UTC).
 */
export function historySummary<K extends string>(
  t: SummaryMessages,
  {
    title,
    window,
    points,
    series,
    format,
  }: { title: string; window: string; points: readonly HistoryPoint<K>[]; series: readonly { key: K; name: string }[]; format: (units: number) => string },
): string {
  const lines = series.map(({ key, name }) => {
    const stats = seriesStats(points, key);
    if (!stats) return t("summaryNone", { series: name });
    const s = statsText(stats, format);
    return t("summarySeries", { series: name, first: s.first, last: s.last, min: s.min, minAt: formatUtc(s.minAt), max: s.max, maxAt: formatUtc(s.maxAt) });
  });
  return [t("summaryWindow", { title, window, count: String(points.length) }), ...lines].join(" ");
}

/**
 * Integer units × step as a Number, for drawing only: the exact decimal text of lib/format, read
 * as the nearest double. Never used for arithmetic or shown as a figure.
 */
export function plotUnits(units: number, step: string): number {
  return Number(formatTicks(units, step, false));
}

/** The points as chart rows: each series' value as a plotting Number (null stays a gap). */
export function plotRows<K extends string>(
  points: readonly HistoryPoint<K>[],
  keys: readonly K[],
  step: string,
): ({ atMs: number } & Record<K, number | null>)[] {
  return points.map((point) => {
    const row = { atMs: point.atMs } as { atMs: number } & Record<K, number | null>;
    for (const key of keys) {
      const units = point[key];
      (row as Record<string, number | null>)[key] = units === null ? null : plotUnits(units, step);
    }
    return row;
  });
}
