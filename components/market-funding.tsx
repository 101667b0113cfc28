"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { formatDurationMs, formatInteger, formatPpbPercentExact, formatUsdMicros, formatUtc } from "@/lib/format";
import { seriesStats, statsText } from "@/lib/market-history";
import type { FundingSettlementWire } from "@/lib/wire/public-api";
import { Figure, fundingCountdown, rateText, useMarketLive } from "./market-live";
import styles from "./market-pages.module.css";
import { ChartFigure } from "./charts/chart-figure";

const FundingChart = dynamic(() => import("./charts/funding-rate-chart"), { ssr: false, loading: () => <ChartLoading /> });

const CHART_HEIGHT = 240;

function ChartLoading() {
  const t = useTranslations("components.charts");
  return <p>{t("loading")}</p>;
}

/**
 * Funding: the last settled rate, the predicted rate with every term of the
 * formula as the engine computed it, a countdown on the engine's clock, and the settlement history.
 */
export function LiveFunding() {
  const t = useTranslations("components.funding");
  const market = useTranslations("components.market");
  const live = useMarketLive();
  const f = live.figures;
  const funding = live.spec.funding;
  const p = f?.predictedFunding;
  const lastSettlement = live.funding?.settlements.at(-1);
  return (
    <>
      <dl className={styles.figures} data-testid="funding-figures">
        <Figure
          label={t("current")}
          value={f ? rateText(f.lastFundingRate) : "—"}
          hint={lastSettlement ? t("settledFor", { time: formatUtc(lastSettlement.intervalEndMs) }) : t("noSettlement")}
        />
        <Figure label={t("predicted")} value={p ? rateText(p.rate) : "—"} hint={t("predictedHint")} />
        <Figure
          label={t("next")}
          value={fundingCountdown(market, f?.nextFundingMs, live.engineNowMs)}
          hint={f ? t("nextHint", { time: formatUtc(f.nextFundingMs), interval: formatDurationMs(funding.intervalMs) }) : undefined}
          testId="funding-countdown"
        />
      </dl>

      <h3>{t("madeUp")}</h3>
      {p ? (
        <div className={styles.tableWrap}>
          <table className="data-table">
            <caption className="visually-hidden">{t("termsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.term")}</th>
                <th scope="col">{t("columns.value")}</th>
                <th scope="col">{t("columns.from")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("terms.averagePremium")}</th>
                <td className={styles.numeric}>{rateText(p.averagePremium)}</td>
                <td>
                  {t("terms.samples", {
                    count: formatInteger(p.sampleCount),
                    every: formatDurationMs(funding.sampleEveryMs),
                    weighting: funding.sampleWeighting,
                  })}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("terms.interest")}</th>
                <td className={styles.numeric}>{rateText(p.interestRate)}</td>
                <td>{t("terms.configured")}</td>
              </tr>
              <tr>
                <th scope="row">{t("terms.clamp")}</th>
                <td className={styles.numeric}>{rateText(p.clampedInterestTerm)}</td>
                <td>{t("terms.band", { band: formatPpbPercentExact(funding.premiumClampBand) })}</td>
              </tr>
              <tr>
                <th scope="row">{t("terms.uncapped")}</th>
                <td className={styles.numeric}>{rateText(p.uncappedRate)}</td>
                <td>{t("terms.beforeCap")}</td>
              </tr>
              <tr>
                <th scope="row">{t("terms.rate")}</th>
                <td className={styles.numeric}>{rateText(p.rate)}</td>
                <td>{t(p.capped ? "terms.capped" : "terms.withinCap", { cap: formatPpbPercentExact(funding.capRate) })}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("noPredicted")}</p>
      )}

      <h3>{t("history")}</h3>
      <FundingHistoryView />
    </>
  );
}

function FundingHistoryView() {
  const t = useTranslations("components.funding");
  const charts = useTranslations("components.charts.funding");
  const live = useMarketLive();
  const history = live.funding;
  if (!history) return <p role="alert">{t("historyError", { hasReason: live.fundingError ? "yes" : "no", reason: live.fundingError ?? "" })}</p>;
  const rows = history.settlements;
  const window = `${formatUtc(history.from)} – ${formatUtc(history.to)}`;
  if (rows.length === 0) return <p>{t("noSettlementInWindow", { window, interval: formatDurationMs(history.intervalMs) })}</p>;
  return (
    <>
      {/* Live: the provider re-reads the history when the stream announces a settlement (rates change only then). */}
      <ChartFigure
        height={CHART_HEIGHT}
        plot={<FundingChart rows={rows} capRate={history.capRate} height={CHART_HEIGHT} />}
        caption={charts("caption", { cap: formatPpbPercentExact(history.capRate) })}
        summary={fundingSummary(charts, rows, window)}
        testId="funding-history-chart"
      />
      <div className={styles.tableWrap}>
        <table className="data-table">
          <caption>{t("historyCaption", { window, truncated: history.truncated ? "yes" : "no" })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("historyColumns.intervalEnd")}</th>
              <th scope="col">{t("historyColumns.rate")}</th>
              <th scope="col">{t("historyColumns.mark")}</th>
              <th scope="col">{t("historyColumns.paid")}</th>
              <th scope="col">{t("historyColumns.seq")}</th>
            </tr>
          </thead>
          <tbody>
            {[...rows].reverse().map((row) => (
              <tr key={row.seq}>
                <td>{formatUtc(row.intervalEndMs)}</td>
                <td className={styles.numeric}>{rateText(row.rate)}</td>
                <td className={styles.numeric}>{live.price(row.markPrice)}</td>
                <td className={styles.numeric}>{formatUsdMicros(row.totalPaid)}</td>
                <td>{row.seq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The chart's text alternative: the settled rates' first, last, lowest and highest, each exact. */
function fundingSummary(t: ReturnType<typeof useTranslations<"components.charts.funding">>, rows: FundingSettlementWire[], window: string): string {
  // A rate is at most the cap (a few × 10^9 ppb): a safe integer.
  const stats = seriesStats(
    rows.map((row) => ({ atMs: row.intervalEndMs, final: true, rate: Number(row.rate) })),
    "rate",
  );
  if (!stats) return "";
  const s = statsText(stats, (ppb) => rateText(String(ppb)));
  return t("summary", {
    count: String(s.count),
    window,
    first: s.first,
    last: s.last,
    min: s.min,
    minAt: formatUtc(s.minAt),
    max: s.max,
    maxAt: formatUtc(s.maxAt),
  });
}
