import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { MarketSpec } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatPpbDecimal, formatPpbPercentExact, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import type { Messages } from "@/lib/i18n/catalogue";
import { Link } from "@/lib/i18n/navigation";
import { HTML_LANG } from "@/lib/i18n/routing";
import { formatFraction } from "@/lib/parameter-format";
import type { WireMarketSpec } from "@/lib/risk-disclosure-types";
import type { PerpsCourseVersion } from "@/lib/suitability/course";
import type { QuizTopic } from "@/lib/suitability/quiz-bank";
import styles from "./perps-course.module.css";

/** A market as the engine runs it: `MarketSpec` from the config in force, or its JSON form from the public API. */
export type CourseMarketSpec = MarketSpec | WireMarketSpec;

export interface PerpsCourseProps {
  course: PerpsCourseVersion;
  /**
   * The configuration in force, e.g. `(await configInForce(await publicEngine())).config`, or
   * `{ markets: methodology.markets.map((m) => m.spec) }` from getMethodology(); null when the engine
   * cannot be read, and the course then says so instead of showing figures.
   */
  config: { markets: readonly CourseMarketSpec[] } | null;
  /** The hash of that configuration (ConfigInForce.configHash), shown so the figures can be traced. */
  configHash?: string;
  /** Engine time the configuration was read at (ConfigInForce.nowMs). */
  asOfMs?: number;
  headingLevel?: 2 | 3;
}

type CourseText = ReturnType<typeof useTranslations<"components.course">>;

/**
 * One course version, rendered field for field as `canonicalText` lists them, so the text on screen is
 * the text whose hash a completion records (SUIT-3). Under each module the figures of the engine
 * configuration in force are shown; they are not part of the versioned text, since they change while
 * a market runs and a completed course must not. The text around the course (version line, module
 * navigation, figure tables) is in the reader's language and marked so; the course keeps its own.
 */
export function PerpsCourse({ course, config, configHash, asOfMs, headingLevel = 2 }: PerpsCourseProps) {
  const t = useTranslations("components.course");
  const seeAlso = useTranslations("components.document");
  const lang = HTML_LANG[useLocale()];
  const [Title, ModuleHeading, FiguresHeading] = headingLevel === 2 ? (["h2", "h3", "h4"] as const) : (["h3", "h4", "h5"] as const);
  const markets = config && config.markets.length > 0 ? config.markets : null;
  const code = (chunks: ReactNode) => <code>{chunks}</code>;
  return (
    <article className={`prose ${styles.course}`} lang={course.language} aria-labelledby="perps-course-title">
      <Title id="perps-course-title">{course.title}</Title>
      {course.introduction.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <p className={styles.source} lang={lang}>
        {t.rich("version", { id: course.id, from: formatUtc(Date.parse(course.effectiveFrom)), code })}{" "}
        {markets ? t.rich("liveFrom", { hash: configHash ?? "none", time: asOfMs === undefined ? "none" : formatUtc(asOfMs), code }) : t("liveUnavailable")}
      </p>
      <nav aria-label={t("modules")} lang={lang}>
        <ol>
          {course.modules.map((courseModule) => (
            <li key={courseModule.id} lang={course.language}>
              <a href={`#course-${courseModule.id}`}>{courseModule.heading}</a>
            </li>
          ))}
        </ol>
      </nav>
      {course.modules.map((courseModule) => (
        <section key={courseModule.id} className={styles.module} aria-labelledby={`course-${courseModule.id}`}>
          <ModuleHeading id={`course-${courseModule.id}`}>{courseModule.heading}</ModuleHeading>
          {courseModule.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          {markets ? (
            <LiveFigures t={t} lang={lang} topic={courseModule.topic} heading={courseModule.heading} markets={markets} Heading={FiguresHeading} />
          ) : null}
          {courseModule.seeAlso.length > 0 ? (
            <ul className={styles.seeAlso}>
              {courseModule.seeAlso.map((link) => (
                <li key={link.href + link.label}>{seeAlso.rich("seeAlso", { label: link.label, link: (chunks) => <Link href={link.href}>{chunks}</Link> })}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  );
}

function LiveFigures({
  t,
  lang,
  topic,
  heading,
  markets,
  Heading,
}: {
  t: CourseText;
  lang: string;
  topic: QuizTopic;
  heading: string;
  markets: readonly CourseMarketSpec[];
  Heading: "h4" | "h5";
}) {
  return (
    <div className={styles.figures} data-testid={`course-figures-${topic}`} lang={lang}>
      <Heading>{t("figuresHeading")}</Heading>
      <div className={styles.tableWrap}>
        <table className={styles.figuresTable}>
          <caption className="visually-hidden">{t("figuresCaption", { heading })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("parameter")}</th>
              {markets.map((spec) => (
                <th key={spec.symbol} scope="col">
                  {spec.symbol}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIGURES[topic].map((row) => (
              <tr key={row.label}>
                <th scope="row">{t(`figures.${row.label}`)}</th>
                {markets.map((spec) => (
                  <td key={spec.symbol}>{row.value(spec, t)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface FigureRow {
  label: keyof Messages["components"]["course"]["figures"];
  value: (spec: CourseMarketSpec, t: CourseText) => ReactNode;
}

const usd = (micros: bigint | string) => `${formatUsdMicrosExact(micros)} USD`;
const pct = formatPpbPercentExact;
const leverage = (times: number) => `${formatInteger(times)}x`;

// Keyed by every quiz topic, so a new topic does not compile until it has figures (or an empty list).
const FIGURES: Record<QuizTopic, FigureRow[]> = {
  funding: [
    { label: "fundingInterval", value: (spec) => formatDurationMs(spec.funding.intervalMs) },
    {
      label: "premiumSampled",
      value: (spec, t) => t("values.sampling", { every: formatDurationMs(spec.funding.sampleEveryMs), weighting: spec.funding.sampleWeighting }),
    },
    { label: "interestRate", value: (spec) => pct(spec.funding.interestRatePerInterval) },
    { label: "clampBand", value: (spec, t) => t("values.plusMinus", { rate: pct(spec.funding.premiumClampBand) }) },
    {
      label: "fundingCap",
      value: (spec, t) =>
        spec.funding.cap.kind === "MMR_MULTIPLE"
          ? t("values.capMultiple", { rate: pct(spec.funding.capRate), multiple: formatPpbDecimal(spec.funding.cap.multiple) })
          : t("values.plusMinus", { rate: pct(spec.funding.capRate) }),
    },
  ],
  leverage: [
    {
      label: "maxLeverage",
      value: (spec, t) => <TierList t={t} spec={spec} show={(tier) => leverage(tier.maxLeverage)} />,
    },
    { label: "positionLimit", value: (spec) => usd(spec.maxPositionNotional) },
  ],
  liquidation: [
    {
      label: "maintenanceRate",
      value: (spec, t) => <TierList t={t} spec={spec} show={(tier) => pct(tier.maintenanceMarginRate)} />,
    },
    { label: "liquidationFee", value: (spec) => pct(spec.liquidation.liquidationFeeRate) },
    { label: "largestStep", value: (spec) => usd(spec.liquidation.maxBookChunkNotional) },
    { label: "backstopBelow", value: (spec, t) => t("values.backstopBelow", { fraction: formatFraction(spec.liquidation.backstopEquityBelowMaintenance) }) },
  ],
  insurance_fund: [
    { label: "fundFloor", value: (spec) => usd(spec.liquidation.insuranceFundFloor) },
    { label: "feeIntoFund", value: (spec) => pct(spec.liquidation.liquidationFeeRate) },
  ],
  adl: [
    { label: "adlFloor", value: (spec) => usd(spec.liquidation.insuranceFundFloor) },
    { label: "stressMove", value: (spec, t) => t("values.stressMove", { rate: pct(spec.adlRisk.stressMove) }) },
    {
      label: "highWhen",
      value: (spec, t) => t("values.riskWhen", { coverage: pct(spec.adlRisk.highBelowCoverage), distance: pct(spec.adlRisk.highBelowDistance) }),
    },
    {
      label: "elevatedWhen",
      value: (spec, t) => t("values.riskWhen", { coverage: pct(spec.adlRisk.elevatedBelowCoverage), distance: pct(spec.adlRisk.elevatedBelowDistance) }),
    },
  ],
  afmm_conflicts: [
    { label: "makerFee", value: (spec) => pct(spec.fees.makerFeeRate) },
    { label: "takerFee", value: (spec) => pct(spec.fees.takerFeeRate) },
  ],
};

type CourseTier = CourseMarketSpec["marginTiers"][number];

function TierList({ t, spec, show }: { t: CourseText; spec: CourseMarketSpec; show: (tier: CourseTier) => string }) {
  const tiers: readonly CourseTier[] = spec.marginTiers;
  return (
    <ul className={styles.tierList}>
      {tiers.map((tier) => (
        <li key={tier.tier}>{t("values.tierFrom", { floor: usd(tier.floorNotional), value: show(tier) })}</li>
      ))}
    </ul>
  );
}
