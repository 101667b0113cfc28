import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatLots, formatTicks, formatUsdMicrosExact } from "@/lib/format";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import type { MarketMinuteWire } from "@/lib/wire/public-api";
import {
  appendLivePoint,
  chartMinutes,
  historySummary,
  mergeHistory,
  openInterestPoints,
  plotRows,
  plotUnits,
  pricePoints,
  seriesStats,
  statsText,
  windowStart,
  type PricePoint,
} from "./market-history";

const M0 = 1_767_225_600_000; // 2026-01-01 00:00 UTC
const MIN = 60_000;

function minute(i: number, figures: Partial<MarketMinuteWire> = {}): MarketMinuteWire {
  return {
    minuteMs: M0 + i * MIN,
    final: true,
    throughSeq: 10 * (i + 1),
    mark: null,
    markClose: 0,
    indexClose: 0,
    lastTradeClose: 0,
    openInterestLots: 0,
    funding: { lastRate: null, settlements: 0 },
    ...figures,
  };
}

const price = (i: number, mark: number | null, index: number | null, last: number | null, final = true): PricePoint => ({
  atMs: M0 + i * MIN,
  final,
  mark,
  index,
  last,
});

describe("market history charts: minute rollups to plot points (DISC-2)", () => {
  it("DISC-2: mark, index and last traded price come from each minute's close; 0 (none yet) and an unrecorded last trade are gaps, never a price", () => {
    const rows = [
      minute(0, { markClose: 650_001, indexClose: 0, lastTradeClose: 0 }),
      minute(1, { markClose: 650_010, indexClose: 649_990, lastTradeClose: null }),
      minute(2, { markClose: 650_020, indexClose: 650_000, lastTradeClose: 650_015, final: false }),
    ];
    expect(pricePoints(rows)).toEqual([price(0, 650_001, null, null), price(1, 650_010, 649_990, null), price(2, 650_020, 650_000, 650_015, false)]);
  });

  it("DISC-2: open interest is the long lots at each minute's close (0 is a value: no open position)", () => {
    expect(openInterestPoints([minute(0, { openInterestLots: 0 }), minute(1, { openInterestLots: 15 })])).toEqual([
      { atMs: M0, final: true, openInterest: 0 },
      { atMs: M0 + MIN, final: true, openInterest: 15 },
    ]);
  });

  it("DISC-2: the page carries only the figures the charts read", () => {
    const full = { ...minute(0, { markClose: 1 }), trades: 3, volumeLots: "6", insuranceFund: { close: "1" } } as MarketMinuteWire;
    const [cut] = chartMinutes([full]);
    expect(cut).toEqual(minute(0, { markClose: 1 }));
    expect(cut).not.toHaveProperty("trades");
  });

  it("DISC-2: plotted numbers are the exact decimal of ticks × tick size and lots × lot size, read once as a Number", () => {
    expect(plotUnits(650_001, "0.1")).toBe(65_000.1);
    expect(plotUnits(15, "0.001")).toBe(0.015);
    expect(plotUnits(3, "0.1")).toBe(0.3); // 3 × 0.1 in floats would be 0.30000000000000004
    expect(plotUnits(123_456_789, "0.01")).toBe(1_234_567.89);
    expect(plotUnits(7, "5")).toBe(35);
    expect(plotRows([price(0, 650_001, null, 3)], ["mark", "index", "last"], "0.1")).toEqual([{ atMs: M0, mark: 65_000.1, index: null, last: 0.3 }]);
  });

  it("DISC-2: a window of n minutes starts n − 1 minutes before the current minute (one page of the minutes API)", () => {
    expect(windowStart(M0 + 59 * MIN + 30_000, 60 * MIN)).toBe(M0);
    expect(windowStart(M0 + 1_439 * MIN, 1_440 * MIN)).toBe(M0);
  });
});

describe("market history charts: live updates from the stream (DISC-2)", () => {
  it("DISC-2: the live trail keeps the latest value of each minute, adds a new minute, and ignores an unchanged or older point", () => {
    const a = appendLivePoint([], price(0, 100, 100, 100, false), M0);
    expect(a).toEqual([price(0, 100, 100, 100, false)]);
    expect(appendLivePoint(a, price(0, 100, 100, 100, false), M0)).toBe(a);
    const b = appendLivePoint(a, price(0, 101, 100, 100, false), M0);
    expect(b).toEqual([price(0, 101, 100, 100, false)]);
    const c = appendLivePoint(b, price(1, 102, 101, 100, false), M0);
    expect(c).toEqual([price(0, 101, 100, 100, false), price(1, 102, 101, 100, false)]);
    expect(appendLivePoint(c, price(0, 99, 99, 99, false), M0)).toBe(c);
    // Minutes older than the longest window are dropped.
    expect(appendLivePoint(c, price(2, 103, 101, 100, false), M0 + MIN)).toEqual([price(1, 102, 101, 100, false), price(2, 103, 101, 100, false)]);
  });

  it("DISC-2: history and trail merge by minute: a final rollup minute wins, an open one gives way to the stream's later value; the window is kept", () => {
    const history = [price(0, 100, 100, 100), price(1, 101, 101, 101), price(2, 102, 102, 102, false)];
    const trail = [price(1, 999, 999, 999, false), price(2, 103, 102, 102, false), price(3, 104, 103, 103, false)];
    expect(mergeHistory(history, trail, M0 + MIN)).toEqual([price(1, 101, 101, 101), price(2, 103, 102, 102, false), price(3, 104, 103, 103, false)]);
    expect(mergeHistory([], [price(0, 1, 1, 1, false)], M0)).toEqual([price(0, 1, 1, 1, false)]);
  });
});

describe("market history charts: the text alternative (DISC-2)", () => {
  it("DISC-2: first, last, lowest and highest are compared as integers (the earliest on a tie), skipping gaps", () => {
    const points = [price(0, 650_010, null, null), price(1, 650_001, null, 5), price(2, 650_020, null, 5), price(3, 650_001, null, 4)];
    expect(seriesStats(points, "mark")).toEqual({
      first: { atMs: M0, units: 650_010 },
      last: { atMs: M0 + 3 * MIN, units: 650_001 },
      min: { atMs: M0 + MIN, units: 650_001 },
      max: { atMs: M0 + 2 * MIN, units: 650_020 },
      count: 4,
    });
    expect(seriesStats(points, "index")).toBeNull();
    expect(seriesStats(points, "last")?.first).toEqual({ atMs: M0 + MIN, units: 5 });
    // Micro-USD past 2^53 stay exact as bigints.
    const big = [
      { atMs: 1, final: true, balance: 9_007_199_254_740_993n },
      { atMs: 2, final: true, balance: 9_007_199_254_740_992n },
    ];
    const stats = seriesStats(big, "balance")!;
    expect(statsText(stats, (micros) => formatUsdMicrosExact(micros))).toMatchObject({ min: "9,007,199,254.740992", max: "9,007,199,254.740993" });
  });

  it("DISC-2: one point is a chart too: its first, last, lowest and highest are that point", () => {
    const stats = seriesStats([{ atMs: M0, final: true, openInterest: 15 }], "openInterest")!;
    expect(statsText(stats, (lots) => formatLots(lots, "0.001"))).toEqual({
      first: "0.015",
      last: "0.015",
      min: "0.015",
      max: "0.015",
      firstAt: M0,
      lastAt: M0,
      minAt: M0,
      maxAt: M0,
      count: 1,
    });
  });

  it.each<AppLocale>(["en", "zh-HK"])("DISC-2: the summary states the window and each series' figures exactly, in the reader's language (%s)", (locale) => {
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "components.charts.history" });
    const points = [price(0, 650_010, 649_990, null), price(1, 650_001, 650_000, null), price(2, 650_020, 650_005, null)];
    const summary = historySummary((key, values) => t(key, values), {
      title: t("priceTitle", { symbol: "BTC-PERP" }),
      window: t("window", { from: "2026-01-01 00:00:00 UTC", to: "2026-01-01 00:03:00 UTC" }),
      points,
      series: [
        { key: "mark", name: t("mark") },
        { key: "last", name: t("last") },
      ],
      format: (ticks) => `${formatTicks(ticks, "0.1")} USD`,
    });
    for (const figure of ["65,001.0 USD", "65,000.1 USD", "65,002.0 USD", "2026-01-01 00:01:00 UTC", "2026-01-01 00:02:00 UTC", "BTC-PERP", "3"])
      expect(summary).toContain(figure);
    expect(summary).toContain(t("summaryNone", { series: t("last") }));
    if (locale === "en")
      expect(summary).toBe(
        "BTC-PERP mark, index and last traded price, minute by minute, 2026-01-01 00:00:00 UTC – 2026-01-01 00:03:00 UTC, 3 minutes with activity. " +
          "Mark price: first 65,001.0 USD, last 65,002.0 USD, lowest 65,000.1 USD (minute 2026-01-01 00:01:00 UTC), highest 65,002.0 USD (minute 2026-01-01 00:02:00 UTC). " +
          "Last traded price: none in this window.",
      );
    else expect(summary).toContain("最後成交價");
  });
});
