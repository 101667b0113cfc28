import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import { ASSET_CLASS_LABELS, CATEGORY_LABELS, formatMinor, fractionPercent } from "@/lib/suitability/draft";
import { rateText } from "@/lib/suitability/fx-reference";
import type { Fraction } from "@/lib/suitability/money";
import type { LineBreakdown, PiTestName } from "@/lib/suitability/pi-evaluator";
import styles from "../onboarding.module.css";

const TEST_LABEL: Record<PiTestName, string> = { portfolio: "Portfolio", total_assets: "Total assets", institutional: "Institutional" };

const hkd = (cents: bigint) => `HK$${formatMinor(cents, "HKD")}`;
const percent = (f: Fraction) => fractionPercent({ numerator: f.numerator.toString(), denominator: f.denominator.toString() });

/**
 * The PI evaluator's answer on the draft as it stands (issue 7 pt 2): every line with its HKD value,
 * share and what it adds or why it adds nothing, each test with its threshold, and every FX rate used.
 */
export function PiBreakdown({ view }: { view: OnboardingView }) {
  const { pi, piErrors } = view.preview;
  const { draft } = view;
  return (
    <section className="panel" data-testid="pi-breakdown" aria-labelledby="pi-breakdown-title">
      <h2 id="pi-breakdown-title">Professional-investor evaluation (preview)</h2>
      <p>
        The automatic evaluation of the evidence above, as of <strong>{view.assessmentDate}</strong> (Hong Kong date), recomputed each time this page loads.
        It is a preview, not a decision: a compliance officer reviews your evidence and decides.
      </p>
      {draft.category === null ? <p>Choose your investor category to see the evaluation.</p> : null}
      {piErrors.length > 0 ? (
        <div className="alert alert--error">
          <p>
            <strong>The evaluation cannot run until these are fixed:</strong>
          </p>
          <ul>
            {piErrors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {pi ? (
        <div className={styles.result}>
          <p className={styles.verdict}>
            {CATEGORY_LABELS[pi.category]}:{" "}
            {pi.passed ? (
              <strong>meets the {TEST_LABEL[pi.passedTest!].toLowerCase()} test</strong>
            ) : (
              <strong>does not meet {pi.tests.length > 1 ? "either test" : "the test"} yet</strong>
            )}
            .
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption>Tests applied</caption>
              <thead>
                <tr>
                  <th scope="col">Test</th>
                  <th scope="col">Rule</th>
                  <th scope="col" className="num">
                    Threshold
                  </th>
                  <th scope="col" className="num">
                    Amount counted
                  </th>
                  <th scope="col">Met</th>
                </tr>
              </thead>
              <tbody>
                {pi.tests.map((test) => (
                  <tr key={test.test}>
                    <th scope="row">{TEST_LABEL[test.test]}</th>
                    <td>{test.rule}</td>
                    <td className="num">{test.thresholdHkdCents === null ? "—" : hkd(test.thresholdHkdCents)}</td>
                    <td className="num">{test.amountHkdCents === null ? "—" : hkd(test.amountHkdCents)}</td>
                    <td>{test.passed ? <span className="pill pill--ok">Met</span> : <span className="pill pill--warn">Not met</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pi.portfolioLines.length > 0 ? (
            <LinesTable
              caption="Portfolio lines"
              lines={pi.portfolioLines}
              label={(index) => {
                const line = draft.portfolio[index];
                return line ? `${ASSET_CLASS_LABELS[line.assetClass]} at ${line.custodianOrIssuer}` : `Line ${index + 1}`;
              }}
              total={pi.portfolioTotalHkdCents}
              showShare
            />
          ) : null}
          {pi.totalAssetsLines.length > 0 ? (
            <LinesTable caption="Total-assets lines" lines={pi.totalAssetsLines} label={(index) => draft.totalAssets[index]?.description ?? `Line ${index + 1}`} total={pi.totalAssetsHkdCents} />
          ) : null}
          <h3>FX rates applied</h3>
          {pi.fxRatesUsed.length === 0 ? (
            <p>None: all your evidence is in HKD.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">FX rates applied, with their date and source</caption>
                <thead>
                  <tr>
                    <th scope="col">Currency</th>
                    <th scope="col" className="num">
                      HKD per unit
                    </th>
                    <th scope="col">Rate date</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {pi.fxRatesUsed.map((rate) => (
                    <tr key={rate.currency}>
                      <th scope="row">{rate.currency}</th>
                      <td className="num">{rateText(rate)}</td>
                      <td className="nowrap">{rate.asOf}</td>
                      <td>{rate.source}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="field__hint">
            Conversions and shares are exact and rounded down, so rounding never lifts a total over a threshold. Evidence counts for 365 days after its date
            (audited financial statements: 16 months).
          </p>
        </div>
      ) : null}
    </section>
  );
}

function LinesTable({ caption, lines, label, total, showShare = false }: { caption: string; lines: LineBreakdown[]; label: (index: number) => string; total: bigint; showShare?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">FX rate (HKD per unit)</th>
            <th scope="col" className="num">
              HKD value
            </th>
            {showShare ? <th scope="col">Your share</th> : null}
            <th scope="col">Counted</th>
            <th scope="col" className="num">
              Evidence age
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.index}>
              <th scope="row">
                {line.index + 1}. {label(line.index)}
              </th>
              <td className="num">
                {line.currency} {formatMinor(line.valueMinor, line.currency)}
              </td>
              <td>{line.currency === "HKD" ? "—" : `${rateText(line.fxRate)} (${line.fxRate.asOf})`}</td>
              <td className="num">{hkd(line.hkdCents)}</td>
              {showShare ? <td>{percent(line.share)}</td> : null}
              <td>
                {line.exclusionReasons.length === 0 ? (
                  <span className={styles.figure}>{hkd(line.countedHkdCents)}</span>
                ) : (
                  <>
                    <span className={styles.excluded}>Not counted (HK$0.00):</span>
                    <ul className={styles.reasons}>
                      {line.exclusionReasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td className="num">{line.evidenceAgeDays} days</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={showShare ? 5 : 4}>
              Total counted
            </th>
            <td className={styles.figure}>{hkd(total)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
