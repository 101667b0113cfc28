import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdlRiskLive } from "@/components/adl-risk-live";
import { UnavailablePage } from "@/components/unavailable-page";
import { formatPpbPercentExact } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getMarketAdl } from "@/lib/services/public-market-data/get-market-adl";
import { getMethodology } from "@/lib/services/public-market-data/get-methodology";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { code, strong } from "../rich-text";
import { publicAnswer } from "../../public-answer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.adl");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** The threshold columns, each a field of the market's ADL-risk configuration with its column heading. */
const THRESHOLDS = [
  ["stressMove", "stressMove"],
  ["highBelowCoverage", "highCoverage"],
  ["elevatedBelowCoverage", "elevatedCoverage"],
  ["highBelowDistance", "highDistance"],
  ["elevatedBelowDistance", "elevatedDistance"],
] as const;

/**
 * DISC-5 (the public part): per market the distance to ADL, its curve and the risk level. The
 * explanation names the parameters; their values are read from the market configuration the engine
 * runs (spec.adlRisk) and the engine's curve range.
 */
export default async function AdlPage() {
  const t = await getTranslations("disclosures.adl");
  const answer = await publicAnswer(async () => {
    const methodology = await getMethodology({ ctx: anonymousContext() });
    const answers = await Promise.all(methodology.markets.map((market) => getMarketAdl({ ctx: anonymousContext(), input: { symbol: market.spec.symbol } })));
    return { methodology, answers };
  });
  if (!answer.ok) return <UnavailablePage title={t("title")} what={t("unavailableWhat")} reason={answer.reason} />;
  const { methodology, answers } = answer.data;
  const range = methodology.adlCurve;
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section aria-labelledby="model">
        <h2 id="model">{t("model.heading")}</h2>
        <p>{t("model.shock", { maxShock: range.maxShockPct, step: range.stepPct })}</p>
        <ul>
          <li>{t.rich("model.inventory", { strong })}</li>
          <li>{t.rich("model.shortfall", { strong })}</li>
        </ul>
        <p>{t.rich("model.distance", { strong })}</p>
        <h3>{t("risk.heading")}</h3>
        <p>{t.rich("risk.text", { strong })}</p>
        <div className="table-wrap">
          <table className="data-table" data-testid="adl-thresholds">
            <caption>{t("risk.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("risk.columns.market")}</th>
                {THRESHOLDS.map(([field, column]) => (
                  <th key={field} scope="col">
                    {t(`risk.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {methodology.markets.map(({ spec }) => (
                <tr key={spec.symbol}>
                  <th scope="row">{spec.symbol}</th>
                  {THRESHOLDS.map(([field]) => (
                    <td key={field}>{formatPpbPercentExact(spec.adlRisk[field])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t.rich("risk.ownPositions", { link: (chunks) => <Link href="/disclosures/parameters">{chunks}</Link> })}</p>
      </section>

      <section aria-labelledby="markets-now">
        <h2 id="markets-now">{t("now.heading")}</h2>
        <noscript>
          <p>{t("now.noscript")}</p>
        </noscript>
        <AdlRiskLive
          renderedAtMs={methodology.engineTimeMs}
          markets={answers.map((answer) => ({ symbol: answer.symbol, tickSize: answer.tickSize, adl: answer.adl }))}
        />
        <p className="muted">
          {t.rich("now.machineReadable", {
            adlEndpoint: "GET /api/public/markets/{symbol}/adl",
            stats: "stats",
            streamEndpoint: "GET /api/public/markets/{symbol}/stream",
            code,
          })}
        </p>
      </section>
    </article>
  );
}
