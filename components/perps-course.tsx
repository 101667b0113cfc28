import Link from "next/link";
import type { ReactNode } from "react";
import type { MarketSpec } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatPpbDecimal, formatPpbPercentExact, formatUsdMicrosExact, formatUtc } from "@/lib/format";
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

/**
 * One course version, rendered field for field as `canonicalText` lists them, so the text on screen is
 * the text whose hash a completion records (SUIT-3). Under each module the figures of the engine
 * configuration in force are shown; they are not part of the versioned text, since they change while
 * a market runs and a completed course must not.
 */
export function PerpsCourse({ course, config, configHash, asOfMs, headingLevel = 2 }: PerpsCourseProps) {
  const [Title, ModuleHeading, FiguresHeading] = headingLevel === 2 ? (["h2", "h3", "h4"] as const) : (["h3", "h4", "h5"] as const);
  const markets = config && config.markets.length > 0 ? config.markets : null;
  return (
    <article className={`prose ${styles.course}`} lang={course.language} aria-labelledby="perps-course-title">
      <Title id="perps-course-title">{course.title}</Title>
      {course.introduction.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <p className={styles.source}>
        Course version <code>{course.id}</code>, in effect from {formatUtc(Date.parse(course.effectiveFrom))}.{" "}
        {markets ? (
          <>
            Live figures read from the configuration the exchange engine runs
            {configHash ? (
              <>
                {" "}
                (configuration hash <code>{configHash}</code>)
              </>
            ) : null}
            {asOfMs === undefined ? "" : `, engine time ${formatUtc(asOfMs)}`}.
          </>
        ) : (
          "The live figures cannot be read from the exchange engine right now; the linked pages show them when it is back."
        )}
      </p>
      <nav aria-label="Course modules">
        <ol>
          {course.modules.map((courseModule) => (
            <li key={courseModule.id}>
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
          {markets ? <LiveFigures topic={courseModule.topic} heading={courseModule.heading} markets={markets} Heading={FiguresHeading} /> : null}
          {courseModule.seeAlso.length > 0 ? (
            <ul className={styles.seeAlso}>
              {courseModule.seeAlso.map((link) => (
                <li key={link.href + link.label}>
                  See: <Link href={link.href}>{link.label}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  );
}

function LiveFigures({ topic, heading, markets, Heading }: { topic: QuizTopic; heading: string; markets: readonly CourseMarketSpec[]; Heading: "h4" | "h5" }) {
  return (
    <div className={styles.figures} data-testid={`course-figures-${topic}`}>
      <Heading>Live figures in force</Heading>
      <div className={styles.tableWrap}>
        <table className={styles.figuresTable}>
          <caption className="visually-hidden">Live figures in force: {heading}</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
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
                <th scope="row">{row.label}</th>
                {markets.map((spec) => (
                  <td key={spec.symbol}>{row.value(spec)}</td>
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
  label: string;
  value: (spec: CourseMarketSpec) => ReactNode;
}

const usd = (micros: bigint | string) => `${formatUsdMicrosExact(micros)} USD`;
const pct = formatPpbPercentExact;
const leverage = (times: number) => `${formatInteger(times)}x`;

// Keyed by every quiz topic, so a new topic does not compile until it has figures (or an empty list).
const FIGURES: Record<QuizTopic, FigureRow[]> = {
  funding: [
    { label: "Funding interval", value: (spec) => formatDurationMs(spec.funding.intervalMs) },
    {
      label: "Premium sampled every",
      value: (spec) => `${formatDurationMs(spec.funding.sampleEveryMs)}; ${spec.funding.sampleWeighting === "linear" ? "later samples weigh more" : "all samples weigh the same"}`,
    },
    { label: "Interest rate per interval", value: (spec) => pct(spec.funding.interestRatePerInterval) },
    { label: "Clamp band around the interest rate", value: (spec) => `± ${pct(spec.funding.premiumClampBand)}` },
    {
      label: "Funding rate cap per interval",
      value: (spec) =>
        spec.funding.cap.kind === "MMR_MULTIPLE"
          ? `± ${pct(spec.funding.capRate)} (${formatPpbDecimal(spec.funding.cap.multiple)} × the first tier's maintenance margin rate)`
          : `± ${pct(spec.funding.capRate)}`,
    },
  ],
  leverage: [
    {
      label: "Maximum leverage by position notional",
      value: (spec) => <TierList spec={spec} show={(tier) => leverage(tier.maxLeverage)} />,
    },
    { label: "Position limit (notional)", value: (spec) => usd(spec.maxPositionNotional) },
  ],
  liquidation: [
    {
      label: "Maintenance margin rate by position notional",
      value: (spec) => <TierList spec={spec} show={(tier) => pct(tier.maintenanceMarginRate)} />,
    },
    { label: "Liquidation fee (of the notional closed on the book)", value: (spec) => pct(spec.liquidation.liquidationFeeRate) },
    { label: "Largest order-book liquidation step (notional)", value: (spec) => usd(spec.liquidation.maxBookChunkNotional) },
    { label: "Backstop providers take over when equity is below", value: (spec) => `${formatFraction(spec.liquidation.backstopEquityBelowMaintenance)} × maintenance margin` },
  ],
  insurance_fund: [
    { label: "Insurance fund floor", value: (spec) => usd(spec.liquidation.insuranceFundFloor) },
    { label: "Liquidation fee paid into the fund", value: (spec) => pct(spec.liquidation.liquidationFeeRate) },
  ],
  adl: [
    { label: "Insurance fund floor (ADL compensation stops there)", value: (spec) => usd(spec.liquidation.insuranceFundFloor) },
    { label: "Stress move for the risk level", value: (spec) => `± ${pct(spec.adlRisk.stressMove)} of the mark price` },
    {
      label: "Risk level high when",
      value: (spec) => `coverage below ${pct(spec.adlRisk.highBelowCoverage)} or distance to ADL below ${pct(spec.adlRisk.highBelowDistance)}`,
    },
    {
      label: "Risk level elevated when",
      value: (spec) => `coverage below ${pct(spec.adlRisk.elevatedBelowCoverage)} or distance to ADL below ${pct(spec.adlRisk.elevatedBelowDistance)}`,
    },
  ],
  afmm_conflicts: [
    { label: "Maker fee in the engine (negative is a rebate)", value: (spec) => pct(spec.fees.makerFeeRate) },
    { label: "Taker fee in the engine", value: (spec) => pct(spec.fees.takerFeeRate) },
  ],
};

type CourseTier = CourseMarketSpec["marginTiers"][number];

function TierList({ spec, show }: { spec: CourseMarketSpec; show: (tier: CourseTier) => string }) {
  const tiers: readonly CourseTier[] = spec.marginTiers;
  return (
    <ul className={styles.tierList}>
      {tiers.map((tier) => (
        <li key={tier.tier}>
          from {usd(tier.floorNotional)}: {show(tier)}
        </li>
      ))}
    </ul>
  );
}
