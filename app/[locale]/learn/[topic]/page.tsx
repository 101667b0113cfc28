import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { UnavailablePage } from "@/components/unavailable-page";
import { calculatorMarketWire } from "@/lib/education/calculators";
import { closeOutOf, type MarketSpec } from "@/lib/engine/index";
import { formatDurationMs, formatPpbPercentExact, formatUsdMicrosExact } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { formatFraction } from "@/lib/parameter-format";
import { getMethodology, type MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import type { Wire } from "@/lib/wire/plain";
import { publicAnswer } from "../../public-answer";
import { AdlCalculator } from "../adl-calculator";
import { FundingCalculator } from "../funding-calculator";
import { LiquidationCalculator } from "../liquidation-calculator";
import { TierCalculator } from "../tier-calculator";
import { TOPICS, type Topic } from "../topics";

type Params = Promise<{ topic: string }>;
type MarketEntry = MethodologyAnswer["markets"][number];
type Spec = Wire<MarketSpec>;

const topicOf = (slug: string): Topic | undefined => TOPICS.find((topic) => topic.slug === slug);
const usd = (micros: string) => formatUsdMicrosExact(micros);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ topic: slug }, t] = await Promise.all([params, getTranslations("education.topics")]);
  const topic = topicOf(slug);
  return topic ? { title: t(`${topic.key}.title`) } : {};
}

export const dynamic = "force-dynamic";

/** The public pages with the live figures behind each guide. */
const RELATED: Record<Topic["key"], readonly (readonly [string, "methodology" | "parameters" | "insuranceFund" | "adl" | "markets"])[]> = {
  liquidation: [
    ["/disclosures/methodology", "methodology"],
    ["/disclosures/insurance-fund", "insuranceFund"],
  ],
  funding: [
    ["/disclosures/markets", "markets"],
    ["/disclosures/parameters", "parameters"],
  ],
  marginTiers: [
    ["/disclosures/methodology", "methodology"],
    ["/disclosures/parameters", "parameters"],
  ],
  adl: [
    ["/disclosures/adl", "adl"],
    ["/disclosures/insurance-fund", "insuranceFund"],
  ],
};

/**
 * EDU-1: one guide with its calculator. Every figure in the text is read from the configuration in
 * force (getMethodology, the answer behind the public methodology page and API), never typed into a
 * message; the calculator runs the engine's own functions on the same configuration in the browser.
 */
export default async function TopicPage({ params }: { params: Params }) {
  const { topic: slug } = await params;
  const topic = topicOf(slug);
  if (!topic) notFound();
  const t = await getTranslations("education");
  const answer = await publicAnswer(() => getMethodology({ ctx: anonymousContext() }));
  if (!answer.ok) return <UnavailablePage title={t(`topics.${topic.key}.title`)} what={t("hub.unavailableWhat")} reason={answer.reason} />;
  const { markets, configHash } = answer.data;
  const wires = markets.map((entry) => calculatorMarketWire(entry.spec));
  return (
    <article className="section-page">
      <p>
        <Link href="/learn">{t("hub.back")}</Link>
      </p>
      <h1>{t(`topics.${topic.key}.title`)}</h1>
      <p className="lead">{t(`topics.${topic.key}.summary`)}</p>
      {topic.key === "liquidation" ? <LiquidationArticle markets={markets} /> : null}
      {topic.key === "funding" ? <FundingArticle markets={markets} /> : null}
      {topic.key === "marginTiers" ? <MarginTiersArticle markets={markets} /> : null}
      {topic.key === "adl" ? <AdlArticle markets={markets} /> : null}
      <p className="field__hint">{t.rich("hub.configuration", { hash: configHash, code: (chunks) => <code>{chunks}</code> })}</p>
      {topic.key === "liquidation" ? <LiquidationCalculator markets={wires} /> : null}
      {topic.key === "funding" ? <FundingCalculator markets={wires} /> : null}
      {topic.key === "marginTiers" ? <TierCalculator markets={wires} /> : null}
      {topic.key === "adl" ? <AdlCalculator markets={wires} /> : null}
      <section aria-labelledby="related">
        <h2 id="related">{t("hub.related")}</h2>
        <ul>
          {RELATED[topic.key].map(([href, key]) => (
            <li key={href}>
              <Link href={href}>{t(`related.${key}`)}</Link>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function LiquidationArticle({ markets }: { markets: MarketEntry[] }) {
  const t = useTranslations("education.topics.liquidation");
  return (
    <section className="prose">
      <p>{t("cross")}</p>
      {markets.map(({ spec }) => (
        <p key={spec.symbol}>
          {t(closeOutOf(spec.liquidation) === "full" ? "full" : "partial", {
            market: spec.symbol,
            chunk: usd(spec.liquidation.maxBookChunkNotional),
            fraction: formatFraction(spec.liquidation.backstopEquityBelowMaintenance),
          })}{" "}
          {t("fee", { market: spec.symbol, fee: formatPpbPercentExact(spec.liquidation.liquidationFeeRate) })}
        </p>
      ))}
      <p>{t("price")}</p>
    </section>
  );
}

function FundingArticle({ markets }: { markets: MarketEntry[] }) {
  const t = useTranslations("education.topics.funding");
  return (
    <section className="prose">
      <p>{t("why")}</p>
      {markets.map(({ spec }) => (
        <p key={spec.symbol}>
          {t("rate", {
            market: spec.symbol,
            interval: formatDurationMs(spec.funding.intervalMs),
            interest: formatPpbPercentExact(spec.funding.interestRatePerInterval),
            band: formatPpbPercentExact(spec.funding.premiumClampBand),
            cap: formatPpbPercentExact(spec.funding.capRate),
          })}
        </p>
      ))}
      <p>{t("payment")}</p>
      <p>{t("assumption")}</p>
    </section>
  );
}

function MarginTiersArticle({ markets }: { markets: MarketEntry[] }) {
  const t = useTranslations("education.topics.marginTiers");
  return (
    <section className="prose">
      <p>{t("how")}</p>
      <p>{t("crossing")}</p>
      {markets.map(({ spec }) => (
        <TierTable key={spec.symbol} spec={spec} />
      ))}
      <p>{t.rich("changes", { link: (chunks) => <Link href="/disclosures/parameters">{chunks}</Link> })}</p>
    </section>
  );
}

function TierTable({ spec }: { spec: Spec }) {
  const t = useTranslations("education.topics.marginTiers");
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{t("caption", { market: spec.symbol })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.tier")}</th>
            <th scope="col">{t("columns.from")}</th>
            <th scope="col">{t("columns.to")}</th>
            <th scope="col">{t("columns.leverage")}</th>
            <th scope="col">{t("columns.initial")}</th>
            <th scope="col">{t("columns.maintenance")}</th>
            <th scope="col">{t("columns.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {spec.marginTiers.map((tier) => (
            <tr key={tier.tier}>
              <th scope="row">{tier.tier}</th>
              <td>{usd(tier.floorNotional)}</td>
              <td>{usd(tier.capNotional)}</td>
              <td>{tier.maxLeverage}x</td>
              <td>{formatPpbPercentExact(tier.initialMarginRate)}</td>
              <td>{formatPpbPercentExact(tier.maintenanceMarginRate)}</td>
              <td>{usd(tier.maintenanceAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AdlArticle({ markets }: { markets: MarketEntry[] }) {
  const t = useTranslations("education.topics.adl");
  return (
    <section className="prose">
      {markets.map(({ spec, live }) => (
        <p key={spec.symbol}>
          {t("fund", { market: spec.symbol, floor: usd(spec.liquidation.insuranceFundFloor) })}{" "}
          {live.insuranceFund ? t("fundNow", { market: spec.symbol, balance: usd(live.insuranceFund.balance) }) : null}
        </p>
      ))}
      <p>{t("when")}</p>
      <p>{t("rank")}</p>
      {markets.map(({ spec }) => (
        <p key={spec.symbol}>
          {t.rich("level", {
            market: spec.symbol,
            link: (chunks) => <Link href="/disclosures/adl">{chunks}</Link>,
            stress: formatPpbPercentExact(spec.adlRisk.stressMove),
            elevated: formatPpbPercentExact(spec.adlRisk.elevatedBelowCoverage),
            high: formatPpbPercentExact(spec.adlRisk.highBelowCoverage),
          })}
        </p>
      ))}
    </section>
  );
}
