import { useTranslations } from "next-intl";
import { formatMinorUnits, formatPpbDecimal, formatPpbPercentExact, formatUsdMicros } from "@/lib/format";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import { formatMinor, fractionPercent } from "@/lib/suitability/draft";
import type { LineBreakdown } from "@/lib/suitability/pi-evaluator";
import styles from "./page.module.css";
import { Check, Reasons } from "./review-marks";

// The stored record is plain JSON: its bigint fields arrive as decimal strings whatever the type says, which
// lib/format reads as well as bigints. HKD amounts are in cents (2 decimals), USD amounts in micro-USD.

export function EvaluatorColumn({ record }: { record: SubmissionRecord }) {
  const { pi, knowledge, exposureCap: cap, evaluator, platformCourse } = record;
  const t = useTranslations("compliance.reviews.evaluator");
  const categoryLabel = useTranslations("labels.category");
  return (
    <section className={styles.column} aria-labelledby="evaluator-heading">
      <h2 id="evaluator-heading">{t("title")}</h2>
      <dl className={styles.kv}>
        <dt>{t("overall")}</dt>
        <dd>
          <Check ok={evaluator.passed} yes={t("passed")} no={t("failed")} />
        </dd>
        <dt>{t("pi")}</dt>
        <dd>
          <Check ok={evaluator.piPassed} yes={t("pass")} no={t("fail")} />
        </dd>
        <dt>{t("knowledge")}</dt>
        <dd>
          <Check ok={evaluator.knowledgePassed} yes={t("pass")} no={t("fail")} />
        </dd>
        <dt>{t("quiz")}</dt>
        <dd>
          <Check ok={evaluator.quizPassed} yes={t("pass")} no={t("fail")} />
        </dd>
      </dl>

      <h3>{t("piTitle")}</h3>
      <dl className={styles.kv}>
        <dt>{t("category")}</dt>
        <dd>{categoryLabel(pi.category)}</dd>
        <dt>{t("assessmentDate")}</dt>
        <dd>{pi.assessmentDate}</dd>
        <dt>{t("passedBy")}</dt>
        <dd>{pi.passedTest ? t(`test.${pi.passedTest}`) : t("noTestPassed")}</dd>
      </dl>
      <ul className={styles.items} aria-label={t("testsApplied")}>
        {pi.tests.map((test) => (
          <li key={test.test}>
            <p className={styles.itemTitle}>
              {t(`test.${test.test}`)} <Check ok={test.passed} yes={t("passed")} no={t("notMet")} />
            </p>
            <dl className={styles.kv}>
              <dt>{t("rule")}</dt>
              <dd>{test.rule}</dd>
              {test.thresholdHkdCents !== null ? (
                <>
                  <dt>{t("threshold")}</dt>
                  <dd>≥ {formatMinorUnits(test.thresholdHkdCents, 2)} HKD</dd>
                </>
              ) : null}
              {test.amountHkdCents !== null ? (
                <>
                  <dt>{t("counted")}</dt>
                  <dd>{formatMinorUnits(test.amountHkdCents, 2)} HKD</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      <LineBreakdowns title={t("portfolioLines")} lines={pi.portfolioLines} total={pi.portfolioTotalHkdCents} />
      {pi.totalAssetsLines.length > 0 ? <LineBreakdowns title={t("totalAssetsLines")} lines={pi.totalAssetsLines} total={pi.totalAssetsHkdCents} /> : null}

      <h3>{t("fxTitle")}</h3>
      {record.fxRates.length === 0 ? (
        <p>{t("fxNone")}</p>
      ) : (
        <ul className={styles.items}>
          {record.fxRates.map((rate) => (
            <li key={rate.currency}>
              {t("fxRate", { currency: rate.currency, rate: formatPpbDecimal(rate.hkdPerUnitPpb), asOf: rate.asOf, source: rate.source })}
            </li>
          ))}
        </ul>
      )}

      <h3>{t("knowledgeTitle")}</h3>
      <dl className={styles.kv}>
        <dt>{t("result")}</dt>
        <dd>
          <Check ok={knowledge.hasKnowledge} yes={t("hasKnowledge")} no={t("noKnowledge")} />
        </dd>
        <dt>{t("basis")}</dt>
        <dd>{knowledge.basis.length > 0 ? knowledge.basis.map((b) => t(`basisKind.${b}`)).join(", ") : t("basisNone")}</dd>
        <dt>{t("training")}</dt>
        <dd>
          {knowledge.training.met ? t("met") : t("notMet")}
          <Reasons reasons={knowledge.training.reasons} />
        </dd>
        <dt>{t("workExperience")}</dt>
        <dd>
          {knowledge.workExperience.met ? t("met") : t("notMet")}
          <Reasons reasons={knowledge.workExperience.reasons} />
        </dd>
        <dt>{t("trading")}</dt>
        <dd>
          {t("tradingWindow", {
            met: String(knowledge.trading.met),
            trades: String(knowledge.trading.tradesInWindow),
            windowStart: knowledge.trading.windowStart,
          })}
          <Reasons reasons={knowledge.trading.reasons} />
        </dd>
      </dl>
      {knowledge.reasons.length > 0 ? <Reasons reasons={knowledge.reasons} /> : null}

      <h3>{t("courseTitle")}</h3>
      {platformCourse ? (
        <dl className={styles.kv}>
          <dt>{t("courseVersion")}</dt>
          <dd>
            <code>{platformCourse.courseVersion}</code>
          </dd>
          <dt>{t("courseHash")}</dt>
          <dd>
            <code className="hash">{platformCourse.courseHash}</code>
          </dd>
          <dt>{t("completed")}</dt>
          <dd>{platformCourse.completionDate}</dd>
          <dt>{t("courseQuizAttempt")}</dt>
          <dd>
            <code className="hash">{platformCourse.quizAttemptId}</code>
          </dd>
        </dl>
      ) : (
        <p>{t("courseNone")}</p>
      )}

      <h3>{t("capTitle")}</h3>
      <dl className={styles.kv}>
        <dt>{t("maxInitialMargin")}</dt>
        <dd>{formatUsdMicros(cap.maxInitialMarginMicroUsd)} USD</dd>
        <dt>{t("boundBy")}</dt>
        <dd>{cap.boundBy === "net_worth" ? t("boundByNetWorth") : t("boundByLiquidAssets")}</dd>
        <dt>{t("netWorth")}</dt>
        <dd>
          {formatUsdMicros(cap.netWorthMicroUsd)} USD × {formatPpbPercentExact(cap.netWorthFractionPpb)}
        </dd>
        <dt>{t("liquidAssets")}</dt>
        <dd>
          {formatUsdMicros(cap.liquidAssetsMicroUsd)} USD × {formatPpbPercentExact(cap.liquidAssetsFractionPpb)}
        </dd>
        <dt>{t("usdRate")}</dt>
        <dd>{t("fxRate", { currency: "USD", rate: formatPpbDecimal(cap.usdRate.hkdPerUnitPpb), asOf: cap.usdRate.asOf, source: cap.usdRate.source })}</dd>
      </dl>
    </section>
  );
}

function LineBreakdowns({ title, lines, total }: { title: string; lines: LineBreakdown[]; total: bigint }) {
  const t = useTranslations("compliance.reviews.evaluator.line");
  return (
    <>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ol className={styles.items}>
          {lines.map((line) => (
            <li key={line.index}>
              <p className={styles.itemTitle}>
                {line.index + 1}. {line.description}
              </p>
              <dl className={styles.kv}>
                <dt>{t("value")}</dt>
                <dd>
                  {line.currency === "HKD"
                    ? `${formatMinor(line.valueMinor, line.currency)} ${line.currency}`
                    : t("valueAtRate", {
                        amount: formatMinor(line.valueMinor, line.currency),
                        currency: line.currency,
                        rate: formatPpbDecimal(line.fxRate.hkdPerUnitPpb),
                      })}
                </dd>
                <dt>{t("inHkd")}</dt>
                <dd>{formatMinorUnits(line.hkdCents, 2)} HKD</dd>
                <dt>{t("share")}</dt>
                <dd>{fractionPercent({ numerator: String(line.share.numerator), denominator: String(line.share.denominator) })}</dd>
                <dt>{t("counted")}</dt>
                <dd>{formatMinorUnits(line.countedHkdCents, 2)} HKD</dd>
                <dt>{t("evidenceAge")}</dt>
                <dd>{t("evidenceAgeDays", { days: String(line.evidenceAgeDays) })}</dd>
                {line.exclusionReasons.length > 0 ? (
                  <>
                    <dt>{t("excluded")}</dt>
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
        <strong>{t("total", { amount: formatMinorUnits(total, 2) })}</strong>
      </p>
    </>
  );
}
