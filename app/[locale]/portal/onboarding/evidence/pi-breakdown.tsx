import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { TableShell } from "@/components/ui/table-shell";
import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import { useMessageText } from "@/lib/transport/messages";
import { formatMinor, fractionPercent } from "@/lib/suitability/draft";
import { rateText } from "@/lib/suitability/fx-reference";
import type { Fraction } from "@/lib/suitability/money";
import type { LineBreakdown } from "@/lib/suitability/pi-evaluator";
import styles from "../onboarding.module.css";
import { EvaluatorProblems } from "../step";

const hkd = (cents: bigint) => `HK$${formatMinor(cents, "HKD")}`;
const percent = (f: Fraction) => fractionPercent({ numerator: f.numerator.toString(), denominator: f.denominator.toString() });
const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

/**
 * The PI evaluator's answer on the draft as it stands: every line with its HKD value, share and what
 * it adds or why it adds nothing, each test with its threshold, and every FX rate used.
 */
export function PiBreakdown({ view }: { view: OnboardingView }) {
  const t = useTranslations("onboarding.evidence.pi");
  const labels = useTranslations("labels");
  const text = useMessageText();
  const piErrors = view.preview.piErrors.map(text);
  const { pi } = view.preview;
  const { draft } = view;
  return (
    <section className="panel" data-testid="pi-breakdown" aria-labelledby="pi-breakdown-title">
      <h2 id="pi-breakdown-title">{t("title")}</h2>
      <p>{t.rich("intro", { date: view.assessmentDate, strong })}</p>
      {draft.category === null ? <p>{t("chooseCategory")}</p> : null}
      <EvaluatorProblems title={t("cannotRun")} problems={piErrors} />
      {pi ? (
        <div className={styles.result}>
          <p className={styles.verdict}>
            {pi.passed
              ? t.rich("verdictMet", { category: labels(`category.${pi.category}`), test: pi.passedTest!, strong })
              : t.rich("verdictNotMet", { category: labels(`category.${pi.category}`), tests: pi.tests.length > 1 ? "several" : "one", strong })}
          </p>
          <TableShell caption={t("tests.caption")} visibleCaption>
            <thead>
              <tr>
                <th scope="col">{t("tests.test")}</th>
                <th scope="col">{t("tests.rule")}</th>
                <th scope="col" className="num">
                  {t("tests.threshold")}
                </th>
                <th scope="col" className="num">
                  {t("tests.amountCounted")}
                </th>
                <th scope="col">{t("tests.met")}</th>
              </tr>
            </thead>
            <tbody>
              {pi.tests.map((test) => (
                <tr key={test.test}>
                  <th scope="row">{t("testName", { test: test.test })}</th>
                  <td>{test.rule}</td>
                  <td className="num">{test.thresholdHkdCents === null ? "—" : hkd(test.thresholdHkdCents)}</td>
                  <td className="num">{test.amountHkdCents === null ? "—" : hkd(test.amountHkdCents)}</td>
                  <td>{test.passed ? <span className="pill pill--ok">{t("met")}</span> : <span className="pill pill--warn">{t("notMet")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
          {pi.portfolioLines.length > 0 ? (
            <LinesTable
              caption={t("lines.portfolioCaption")}
              lines={pi.portfolioLines}
              label={(index) => {
                const line = draft.portfolio[index];
                return line
                  ? t("lines.portfolioLine", { assetClass: labels(`assetClass.${line.assetClass}`), custodian: line.custodianOrIssuer })
                  : t("lines.line", { number: index + 1 });
              }}
              total={pi.portfolioTotalHkdCents}
              showShare
            />
          ) : null}
          {pi.totalAssetsLines.length > 0 ? (
            <LinesTable
              caption={t("lines.totalAssetsCaption")}
              lines={pi.totalAssetsLines}
              label={(index) => draft.totalAssets[index]?.description ?? t("lines.line", { number: index + 1 })}
              total={pi.totalAssetsHkdCents}
            />
          ) : null}
          <h3>{t("fx.title")}</h3>
          {pi.fxRatesUsed.length === 0 ? (
            <p>{t("fx.none")}</p>
          ) : (
            <TableShell caption={t("fx.caption")}>
              <thead>
                <tr>
                  <th scope="col">{t("fx.currency")}</th>
                  <th scope="col" className="num">
                    {t("fx.hkdPerUnit")}
                  </th>
                  <th scope="col">{t("fx.rateDate")}</th>
                  <th scope="col">{t("fx.source")}</th>
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
            </TableShell>
          )}
          <p className="field__hint">{t("rounding")}</p>
        </div>
      ) : null}
    </section>
  );
}

function LinesTable({
  caption,
  lines,
  label,
  total,
  showShare = false,
}: {
  caption: string;
  lines: LineBreakdown[];
  label: (index: number) => string;
  total: bigint;
  showShare?: boolean;
}) {
  const t = useTranslations("onboarding.evidence.pi.lines");
  return (
    <TableShell caption={caption} visibleCaption>
      <thead>
        <tr>
          <th scope="col">{t("line")}</th>
          <th scope="col" className="num">
            {t("value")}
          </th>
          <th scope="col">{t("fxRate")}</th>
          <th scope="col" className="num">
            {t("hkdValue")}
          </th>
          {showShare ? <th scope="col">{t("share")}</th> : null}
          <th scope="col">{t("counted")}</th>
          <th scope="col" className="num">
            {t("evidenceAge")}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.index}>
            <th scope="row">{t("heading", { number: line.index + 1, label: label(line.index) })}</th>
            <td className="num">
              {line.currency} {formatMinor(line.valueMinor, line.currency)}
            </td>
            <td>{line.currency === "HKD" ? "—" : t("rateOn", { rate: rateText(line.fxRate), date: line.fxRate.asOf })}</td>
            <td className="num">{hkd(line.hkdCents)}</td>
            {showShare ? <td>{percent(line.share)}</td> : null}
            <td>
              {line.exclusionReasons.length === 0 ? (
                <span className={styles.figure}>{hkd(line.countedHkdCents)}</span>
              ) : (
                <>
                  <span className={styles.excluded}>{t("notCounted")}</span>
                  <ul className={styles.reasons}>
                    {line.exclusionReasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </>
              )}
            </td>
            <td className="num">{t("ageDays", { days: line.evidenceAgeDays })}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={showShare ? 5 : 4}>
            {t("totalCounted")}
          </th>
          <td className={styles.figure}>{hkd(total)}</td>
          <td />
        </tr>
      </tfoot>
    </TableShell>
  );
}
