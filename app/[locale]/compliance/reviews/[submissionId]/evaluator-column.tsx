import { formatMinorUnits, formatPpbDecimal, formatPpbPercentExact, formatUsdMicros } from "@/lib/format";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import type { KnowledgeBasis } from "@/lib/suitability/derivative-knowledge";
import { CATEGORY_LABELS, formatMinor, fractionPercent } from "@/lib/suitability/draft";
import type { LineBreakdown, PiTestName } from "@/lib/suitability/pi-evaluator";
import styles from "./page.module.css";
import { Check, Reasons } from "./review-marks";

// The stored record is plain JSON: its bigint fields arrive as decimal strings whatever the type says, which
// lib/format reads as well as bigints. HKD amounts are in cents (2 decimals), USD amounts in micro-USD.

const TEST_LABELS: Record<PiTestName, string> = { portfolio: "Portfolio test", total_assets: "Total-assets test", institutional: "Institutional basis" };
const BASIS_LABELS: Record<KnowledgeBasis, string> = { training: "training", work_experience: "work experience", trading_experience: "trading experience" };

export function EvaluatorColumn({ record }: { record: SubmissionRecord }) {
  const { pi, knowledge, exposureCap: cap, evaluator, platformCourse } = record;
  return (
    <section className={styles.column} aria-labelledby="evaluator-heading">
      <h2 id="evaluator-heading">Evaluator result</h2>
      <dl className={styles.kv}>
        <dt>Overall</dt>
        <dd>
          <Check ok={evaluator.passed} yes="passed" no="failed" />
        </dd>
        <dt>Professional investor</dt>
        <dd>
          <Check ok={evaluator.piPassed} yes="pass" no="fail" />
        </dd>
        <dt>Derivative knowledge</dt>
        <dd>
          <Check ok={evaluator.knowledgePassed} yes="pass" no="fail" />
        </dd>
        <dt>Risk quiz</dt>
        <dd>
          <Check ok={evaluator.quizPassed} yes="pass" no="fail" />
        </dd>
      </dl>

      <h3>Professional investor (PI Rules)</h3>
      <dl className={styles.kv}>
        <dt>Category</dt>
        <dd>{CATEGORY_LABELS[pi.category]}</dd>
        <dt>Assessment date</dt>
        <dd>{pi.assessmentDate}</dd>
        <dt>Passed by</dt>
        <dd>{pi.passedTest ? TEST_LABELS[pi.passedTest] : "no test passed"}</dd>
      </dl>
      <ul className={styles.items} aria-label="Tests applied">
        {pi.tests.map((test) => (
          <li key={test.test}>
            <p className={styles.itemTitle}>
              {TEST_LABELS[test.test]} <Check ok={test.passed} yes="passed" no="not met" />
            </p>
            <dl className={styles.kv}>
              <dt>Rule</dt>
              <dd>{test.rule}</dd>
              {test.thresholdHkdCents !== null ? (
                <>
                  <dt>Threshold</dt>
                  <dd>≥ {formatMinorUnits(test.thresholdHkdCents, 2)} HKD</dd>
                </>
              ) : null}
              {test.amountHkdCents !== null ? (
                <>
                  <dt>Counted</dt>
                  <dd>{formatMinorUnits(test.amountHkdCents, 2)} HKD</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      <LineBreakdowns title="Portfolio lines" lines={pi.portfolioLines} total={pi.portfolioTotalHkdCents} />
      {pi.totalAssetsLines.length > 0 ? <LineBreakdowns title="Total-assets lines" lines={pi.totalAssetsLines} total={pi.totalAssetsHkdCents} /> : null}

      <h3>FX rates applied</h3>
      {record.fxRates.length === 0 ? (
        <p>None: every line is in HKD.</p>
      ) : (
        <ul className={styles.items}>
          {record.fxRates.map((rate) => (
            <li key={rate.currency}>
              1 {rate.currency} = {formatPpbDecimal(rate.hkdPerUnitPpb)} HKD, as of {rate.asOf} ({rate.source})
            </li>
          ))}
        </ul>
      )}

      <h3>Derivative knowledge (Code 5.1A)</h3>
      <dl className={styles.kv}>
        <dt>Result</dt>
        <dd>
          <Check ok={knowledge.hasKnowledge} yes="has knowledge" no="no knowledge shown" />
        </dd>
        <dt>Basis</dt>
        <dd>{knowledge.basis.length > 0 ? knowledge.basis.map((b) => BASIS_LABELS[b]).join(", ") : "none"}</dd>
        <dt>Training</dt>
        <dd>
          {knowledge.training.met ? "met" : "not met"}
          <Reasons reasons={knowledge.training.reasons} />
        </dd>
        <dt>Work experience</dt>
        <dd>
          {knowledge.workExperience.met ? "met" : "not met"}
          <Reasons reasons={knowledge.workExperience.reasons} />
        </dd>
        <dt>Trading</dt>
        <dd>
          {knowledge.trading.met ? "met" : "not met"}: {knowledge.trading.tradesInWindow} trade(s) on or after {knowledge.trading.windowStart}
          <Reasons reasons={knowledge.trading.reasons} />
        </dd>
      </dl>
      {knowledge.reasons.length > 0 ? <Reasons reasons={knowledge.reasons} /> : null}

      <h3>Platform course credit (SUIT-3)</h3>
      {platformCourse ? (
        <dl className={styles.kv}>
          <dt>Course version</dt>
          <dd>
            <code>{platformCourse.courseVersion}</code>
          </dd>
          <dt>Course hash</dt>
          <dd>
            <code className="hash">{platformCourse.courseHash}</code>
          </dd>
          <dt>Completed</dt>
          <dd>{platformCourse.completionDate}</dd>
          <dt>Course quiz attempt</dt>
          <dd>
            <code className="hash">{platformCourse.quizAttemptId}</code>
          </dd>
        </dl>
      ) : (
        <p>None: the client had not passed the platform course quiz when submitting.</p>
      )}

      <h3>Exposure cap (Code 5.3)</h3>
      <dl className={styles.kv}>
        <dt>Maximum initial margin</dt>
        <dd>{formatUsdMicros(cap.maxInitialMarginMicroUsd)} USD</dd>
        <dt>Bound by</dt>
        <dd>{cap.boundBy === "net_worth" ? "net worth" : "liquid assets"}</dd>
        <dt>Net worth</dt>
        <dd>
          {formatUsdMicros(cap.netWorthMicroUsd)} USD × {formatPpbPercentExact(cap.netWorthFractionPpb)}
        </dd>
        <dt>Liquid assets</dt>
        <dd>
          {formatUsdMicros(cap.liquidAssetsMicroUsd)} USD × {formatPpbPercentExact(cap.liquidAssetsFractionPpb)}
        </dd>
        <dt>USD rate</dt>
        <dd>
          1 USD = {formatPpbDecimal(cap.usdRate.hkdPerUnitPpb)} HKD, as of {cap.usdRate.asOf} ({cap.usdRate.source})
        </dd>
      </dl>
    </section>
  );
}

function LineBreakdowns({ title, lines, total }: { title: string; lines: LineBreakdown[]; total: bigint }) {
  return (
    <>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p>None.</p>
      ) : (
        <ol className={styles.items}>
          {lines.map((line) => (
            <li key={line.index}>
              <p className={styles.itemTitle}>
                {line.index + 1}. {line.description}
              </p>
              <dl className={styles.kv}>
                <dt>Value</dt>
                <dd>
                  {formatMinor(line.valueMinor, line.currency)} {line.currency}
                  {line.currency === "HKD" ? null : ` at ${formatPpbDecimal(line.fxRate.hkdPerUnitPpb)} HKD`}
                </dd>
                <dt>In HKD</dt>
                <dd>{formatMinorUnits(line.hkdCents, 2)} HKD</dd>
                <dt>Share</dt>
                <dd>{fractionPercent({ numerator: String(line.share.numerator), denominator: String(line.share.denominator) })}</dd>
                <dt>Counted</dt>
                <dd>{formatMinorUnits(line.countedHkdCents, 2)} HKD</dd>
                <dt>Evidence age</dt>
                <dd>{line.evidenceAgeDays} days</dd>
                {line.exclusionReasons.length > 0 ? (
                  <>
                    <dt>Excluded</dt>
                    <dd>
                      <Reasons reasons={line.exclusionReasons} />
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      )}
      <p>
        <strong>Total counted: {formatMinorUnits(total, 2)} HKD</strong>
      </p>
    </>
  );
}
