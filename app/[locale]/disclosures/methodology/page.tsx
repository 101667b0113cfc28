import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { DefaultManagementLive } from "@/components/default-management-live";
import { HardFloors } from "@/components/hard-floors";
import { LiquidationRule } from "@/components/liquidation-rule";
import { StressResults } from "@/components/stress-results";
import { UnavailablePage } from "@/components/unavailable-page";
import { formatDurationMs, formatPpbPercentExact, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import { incidentPolicy } from "@/lib/incidents/policy-in-force";
import { Link } from "@/lib/i18n/navigation";
import { formatFraction } from "@/lib/parameter-format";
import { getMethodology, type MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { getPublishedStress } from "@/lib/services/risk-governance/stress/get-published-stress";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { code, strong } from "../rich-text";
import { publicAnswer } from "../../public-answer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.methodology");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

type MarketEntry = MethodologyAnswer["markets"][number];
const usd = (micros: string) => `${formatUsdMicrosExact(micros)} USD`;

/** The related disclosure pages, each with the message that says what it holds. */
const RELATED = [
  ["/disclosures/methodology/collateral", "collateral"],
  ["/disclosures/adl", "adl"],
  ["/disclosures/parameters", "parameters"],
  ["/disclosures/insurance-fund", "insuranceFund"],
  ["/disclosures/markets", "markets"],
] as const;

/**
 * MRG-1, LIQ-1, LIQ-3, DISC-1: every figure is read from the configuration the engine runs
 * (getMethodology, the same answer as GET /api/public/methodology) and the live engine state;
 * the page text names parameters, never their values (the catalogue's messages take them as arguments).
 */
export default async function MethodologyPage() {
  const t = await getTranslations("disclosures.methodology");
  const answer = await publicAnswer(() => getMethodology({ ctx: anonymousContext() }));
  if (!answer.ok) return <UnavailablePage title={t("title")} what={t("unavailableWhat")} reason={answer.reason} />;
  const data = answer.data;
  return (
    <article className="section-page methodology-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section aria-labelledby="configuration">
        <h2 id="configuration">{t("configuration.heading")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("configuration.hash")}</dt>
            <dd>
              <code data-testid="config-hash">{data.configHash}</code>
              <br />
              <span className="muted">
                {t.rich("configuration.hashExplained", {
                  methodologyEndpoint: "GET /api/public/methodology",
                  parametersEndpoint: "GET /api/public/parameters",
                  code,
                  link: (chunks) => <Link href="/disclosures/parameters">{chunks}</Link>,
                })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("configuration.formulaVersion")}</dt>
            <dd>
              <code>{data.platform.formulaVersion}</code> <span className="muted">{t("configuration.formulaVersionStamped")}</span>
            </dd>
          </div>
          <div>
            <dt>{t("configuration.readAt")}</dt>
            <dd>{t("configuration.readAtTime", { time: formatUtc(data.engineTimeMs) })}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="margin">
        <h2 id="margin">{t("margin.heading")}</h2>
        <p>{t.rich("margin.notional", { strong })}</p>
        <ul>
          <li>{t.rich("margin.initial", { strong })}</li>
          <li>{t.rich("margin.maintenance", { strong })}</li>
        </ul>
        <p>{t.rich("margin.cross", { strong })}</p>
        {data.markets.map((market) => (
          <TierTable key={market.spec.symbol} market={market} />
        ))}
      </section>

      <HardFloors listings={data.spotListings} />

      <section aria-labelledby="liquidation">
        <h2 id="liquidation">{t("liquidation.heading")}</h2>
        <p>{t.rich("liquidation.trigger", { strong })}</p>
        <LiquidationRule markets={data.markets} />
        <p>{t.rich("liquidation.fees", { strong })}</p>
        <LiquidationTable markets={data.markets} />
      </section>

      <section aria-labelledby="default-management">
        <h2 id="default-management">{t("defaultManagement.heading")}</h2>
        <p>{t("defaultManagement.text")}</p>
        <DefaultManagementLive
          renderedAtMs={data.engineTimeMs}
          backstop={data.backstop}
          markets={data.markets.map((market) => ({
            symbol: market.spec.symbol,
            tickSize: market.spec.tickSize,
            liquidation: market.spec.liquidation,
            live: market.live,
          }))}
        />
      </section>

      <StressResults stress={await getPublishedStress({ ctx: anonymousContext() })} />

      <IncidentPolicySection />

      <section aria-labelledby="more">
        <h2 id="more">{t("related.heading")}</h2>
        <ul>
          {RELATED.map(([href, key]) => (
            <li key={href}>{t.rich(`related.${key}`, { link: (chunks) => <Link href={href}>{chunks}</Link> })}</li>
          ))}
        </ul>
        <p className="muted">{t.rich("related.machineReadable", { endpoint: "GET /api/public/methodology", code })}</p>
      </section>
    </article>
  );
}

function TierTable({ market }: { market: MarketEntry }) {
  const t = useTranslations("disclosures.methodology.tiers");
  const { spec, example } = market;
  const id = `tiers-${spec.symbol}`;
  const tier = spec.marginTiers.find((candidate) => candidate.tier === example.tier)!;
  return (
    <section aria-labelledby={id} data-testid={`tiers-${spec.symbol}`}>
      <h3 id={id}>{spec.symbol}</h3>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t("caption", { symbol: spec.symbol })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.tier")}</th>
              <th scope="col">{t("columns.from")}</th>
              <th scope="col">{t("columns.upTo")}</th>
              <th scope="col">{t("columns.maxLeverage")}</th>
              <th scope="col">{t("columns.initialRate")}</th>
              <th scope="col">{t("columns.maintenanceRate")}</th>
              <th scope="col">{t("columns.maintenanceAmount")}</th>
            </tr>
          </thead>
          <tbody>
            {spec.marginTiers.map((row) => (
              <tr key={row.tier} data-testid="tier-row">
                <th scope="row">{row.tier}</th>
                <td>{formatUsdMicrosExact(row.floorNotional)}</td>
                <td>{formatUsdMicrosExact(row.capNotional)}</td>
                <td>{t("leverage", { leverage: row.maxLeverage })}</td>
                <td>{formatPpbPercentExact(row.initialMarginRate)}</td>
                <td>{formatPpbPercentExact(row.maintenanceMarginRate)}</td>
                <td>{formatUsdMicrosExact(row.maintenanceAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {t.rich("example", {
          limit: usd(spec.maxPositionNotional),
          notional: usd(example.notional),
          tier: example.tier,
          rate: formatPpbPercentExact(tier.maintenanceMarginRate),
          amount: usd(tier.maintenanceAmount),
          maintenanceMargin: usd(example.maintenanceMargin),
          bracketedAgrees: example.maintenanceMarginBracketed === example.maintenanceMargin ? "yes" : "no",
          leverage: tier.maxLeverage,
          initialMargin: usd(example.initialMargin),
          strong,
        })}
      </p>
    </section>
  );
}

function LiquidationTable({ markets }: { markets: MarketEntry[] }) {
  const t = useTranslations("disclosures.methodology.liquidation");
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="liquidation-parameters">
        <caption>{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.market")}</th>
            <th scope="col">{t("columns.fee")}</th>
            <th scope="col">{t("columns.bookStep")}</th>
            <th scope="col">{t("columns.backstopBelow")}</th>
            <th scope="col">{t("columns.fundFloor")}</th>
            <th scope="col">{t("columns.makerFee")}</th>
            <th scope="col">{t("columns.takerFee")}</th>
          </tr>
        </thead>
        <tbody>
          {markets.map(({ spec }) => (
            <tr key={spec.symbol}>
              <th scope="row">{spec.symbol}</th>
              <td>{formatPpbPercentExact(spec.liquidation.liquidationFeeRate)}</td>
              <td>{usd(spec.liquidation.maxBookChunkNotional)}</td>
              <td>{t("backstopFraction", { fraction: formatFraction(spec.liquidation.backstopEquityBelowMaintenance) })}</td>
              <td>{usd(spec.liquidation.insuranceFundFloor)}</td>
              <td>{formatPpbPercentExact(spec.fees.makerFeeRate)}</td>
              <td>{formatPpbPercentExact(spec.fees.takerFeeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The incident policy exactly as the incident monitor runs it (the same object). */
function IncidentPolicySection() {
  const t = useTranslations("disclosures.methodology.incidents");
  const policy = incidentPolicy();
  return (
    <section aria-labelledby="incidents" data-testid="incident-policy">
      <h2 id="incidents">{t("heading")}</h2>
      <p>{t("text")}</p>
      <h3>{t("openOn")}</h3>
      <ul>
        {policy.openOn.map((step) => (
          <li key={step}>{t(`steps.${step}`)}</li>
        ))}
      </ul>
      <p>{t("quiet", { duration: formatDurationMs(policy.quietMs) })}</p>
      <p>{t("due", { duration: formatDurationMs(policy.reportDueMs), reminders: policy.escalateBeforeDueMs.map(formatDurationMs).join(t("and")) })}</p>
      <h3>{t("broadcastOn")}</h3>
      <ul>
        {policy.broadcastOn.map((step) => (
          <li key={step}>{t(`steps.${step}`)}</li>
        ))}
      </ul>
      <p>{t("own")}</p>
      <p>{t("published")}</p>
    </section>
  );
}
