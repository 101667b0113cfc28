"use client";

import dynamic from "next/dynamic";
import { formatDurationMs, formatInteger, formatPpbPercent, formatUsdMicros, formatUtc } from "@/lib/format";
import { Figure, fundingCountdown, rateText, useMarketLive } from "./market-live";
import styles from "./market-pages.module.css";
import { WhenVisible } from "./when-visible";

const FundingChart = dynamic(() => import("./charts/funding-rate-chart"), { ssr: false, loading: () => <p>Loading the chart…</p> });

/**
 * Funding: the last settled rate, the predicted rate with every term of the
 * formula as the engine computed it, a countdown on the engine's clock, and the settlement history.
 */
export function LiveFunding() {
  const live = useMarketLive();
  const f = live.figures;
  const funding = live.spec.funding;
  const p = f?.predictedFunding;
  const lastSettlement = live.funding?.settlements.at(-1);
  return (
    <>
      <dl className={styles.figures} data-testid="funding-figures">
        <Figure
          label="Current funding rate (last settled)"
          value={f ? rateText(f.lastFundingRate) : "—"}
          hint={lastSettlement ? `settled for the interval ending ${formatUtc(lastSettlement.intervalEndMs)}` : "no settlement since the engine started; 0 until the first"}
        />
        <Figure label="Predicted funding rate" value={p ? rateText(p.rate) : "—"} hint="the rate the samples so far would settle at" />
        <Figure label="Next funding" value={fundingCountdown(f?.nextFundingMs, live.engineNowMs)} hint={f ? `at ${formatUtc(f.nextFundingMs)}, every ${formatDurationMs(funding.intervalMs)}` : undefined} testId="funding-countdown" />
      </dl>

      <h3>How the predicted rate is made up</h3>
      {p ? (
        <div className={styles.tableWrap}>
          <table className="data-table">
            <caption className="visually-hidden">Terms of the predicted funding rate</caption>
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Value</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">P̄, average premium index</th>
                <td className={styles.numeric}>{rateText(p.averagePremium)}</td>
                <td>
                  {formatInteger(p.sampleCount)} samples this interval (one every {formatDurationMs(funding.sampleEveryMs)}, {funding.sampleWeighting === "linear" ? "sample k weighs k" : "equal weights"})
                </td>
              </tr>
              <tr>
                <th scope="row">I, interest rate</th>
                <td className={styles.numeric}>{rateText(p.interestRate)}</td>
                <td>per interval, configured</td>
              </tr>
              <tr>
                <th scope="row">clamp(I − P̄, ±band)</th>
                <td className={styles.numeric}>{rateText(p.clampedInterestTerm)}</td>
                <td>band ± {formatPpbPercent(funding.premiumClampBand)}</td>
              </tr>
              <tr>
                <th scope="row">P̄ + clamp(I − P̄, ±band)</th>
                <td className={styles.numeric}>{rateText(p.uncappedRate)}</td>
                <td>before the cap</td>
              </tr>
              <tr>
                <th scope="row">F, predicted rate</th>
                <td className={styles.numeric}>{rateText(p.rate)}</td>
                <td>{p.capped ? `capped at ± ${formatPpbPercent(funding.capRate)}` : `within the cap of ± ${formatPpbPercent(funding.capRate)}`}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p>No predicted rate yet: the engine has not published this market.</p>
      )}

      <h3>Funding history</h3>
      <FundingHistoryView />
    </>
  );
}

function FundingHistoryView() {
  const live = useMarketLive();
  const history = live.funding;
  if (!history) return <p role="alert">The funding history could not be read{live.fundingError ? `: ${live.fundingError}` : ""}.</p>;
  const rows = history.settlements;
  const window = `${formatUtc(history.from)} – ${formatUtc(history.to)}`;
  if (rows.length === 0) {
    return (
      <p>
        No funding settlement in the window {window} (engine time). Funding settles every {formatDurationMs(history.intervalMs)}; the first
        settlement after the engine started will appear here.
      </p>
    );
  }
  return (
    <>
      <WhenVisible minHeight={280} placeholder={<p>The funding chart loads when you scroll to it; the table below has every figure.</p>}>
        <FundingChart rows={rows} capRate={history.capRate} />
      </WhenVisible>
      <div className={styles.tableWrap}>
        <table className="data-table">
          <caption>
            Funding settlements, {window} (engine time), newest first{history.truncated ? "; more in the API (follow next)" : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Interval end (UTC)</th>
              <th scope="col">Rate</th>
              <th scope="col">Mark price</th>
              <th scope="col">Total paid (USD)</th>
              <th scope="col">Event seq</th>
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

