import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { COMPLAINT_POLICY, enquiryWindowRange } from "@/lib/complaints/policy";
import { KNOWLEDGE_BASE_QUESTIONS, type KnowledgeEntry, type KnowledgeQuestionId } from "@/lib/education/knowledge-base";
import { closeOutOf } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatPpbPercentExact, formatUsdMicrosExact } from "@/lib/format";
import { collateralName } from "@/lib/i18n/instrument-names";
import { incidentPolicy } from "@/lib/incidents/policy-in-force";
import { formatFraction } from "@/lib/parameter-format";
import { RETENTION_POLICY } from "@/lib/retention/policy";
import { EXPIRY_REMINDER_DAYS } from "@/lib/services/suitability/entitlement";
import type { MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { PI_THRESHOLDS } from "@/lib/suitability/constants";
import { PI_STATUS_VALIDITY_MONTHS } from "@/lib/suitability/dates";

/** The answers that quote the engine's configuration in force (markets or collateral): left out when it cannot be read. */
export const CONFIGURATION_ANSWERS: ReadonlySet<KnowledgeQuestionId> = new Set([
  "orderRefused",
  "markPrice",
  "leverage",
  "liquidationProcess",
  "adlLikelihood",
  "insuranceFund",
  "funding",
  "fees",
  "collateral",
]);

export type Entry = KnowledgeEntry & { id: KnowledgeQuestionId; links: (typeof KNOWLEDGE_BASE_QUESTIONS)[number]["links"] };

const usd = (micros: string) => formatUsdMicrosExact(micros);
const pct = (ppb: string) => formatPpbPercentExact(ppb);
/** HKD cents as whole Hong Kong dollars, grouped: 8_000_000_00n → "8,000,000". */
const hkd = (cents: bigint) => formatInteger(cents / 100n);

/**
 * EDU-2: every question with its answer in the reader's language. Each figure is read from what
 * runs: the engine configuration in force (`methodology`, the answer behind the public methodology
 * page), the complaints, incident, retention and professional-investor policies. Without the
 * configuration (null) the answers that need it are left out.
 */
export async function knowledgeEntries(methodology: MethodologyAnswer | null): Promise<Entry[]> {
  const [t, format, names] = await Promise.all([getTranslations("knowledgeBase.questions"), getFormatter(), getTranslations("instruments")]);
  const markets = methodology?.markets ?? [];
  const enquiry = enquiryWindowRange();

  const answers: Record<KnowledgeQuestionId, () => string[]> = {
    professionalInvestor: () => [
      t("professionalInvestor.answer", {
        individual: hkd(PI_THRESHOLDS.INDIVIDUAL_PORTFOLIO_MIN),
        corporatePortfolio: hkd(PI_THRESHOLDS.CORPORATE_PORTFOLIO_MIN),
        corporateAssets: hkd(PI_THRESHOLDS.CORPORATE_TOTAL_ASSETS_MIN),
        months: PI_STATUS_VALIDITY_MONTHS,
        reminders: format.list(EXPIRY_REMINDER_DAYS.map(String)),
      }),
    ],
    reduceOnly: () => [t("reduceOnly.answer")],
    orderRefused: () => [
      t("orderRefused.answer"),
      ...markets.map(({ spec }) =>
        spec.orderProtection
          ? t("orderRefused.market", {
              market: spec.symbol,
              band: pct(spec.orderProtection.limitPriceBandRate),
              slippage: pct(spec.orderProtection.marketOrderSlippageRate),
              limit: usd(spec.maxPositionNotional),
            })
          : t("orderRefused.marketNoBand", { market: spec.symbol, limit: usd(spec.maxPositionNotional) }),
      ),
    ],
    markPrice: () => [
      t("markPrice.answer"),
      ...markets.map(({ spec }) => t("markPrice.market", { market: spec.symbol, min: spec.index.minValidSources, sources: spec.index.sources.length })),
    ],
    leverage: () => [
      t("leverage.answer"),
      ...markets.map(({ spec }) => {
        const first = spec.marginTiers[0];
        const last = spec.marginTiers[spec.marginTiers.length - 1];
        return t("leverage.market", {
          market: spec.symbol,
          firstCap: usd(first.capNotional),
          firstLeverage: first.maxLeverage,
          lastFloor: usd(last.floorNotional),
          lastLeverage: last.maxLeverage,
          limit: usd(spec.maxPositionNotional),
        });
      }),
    ],
    liquidationPrice: () => [t("liquidationPrice.answer")],
    liquidationProcess: () => [
      t("liquidationProcess.answer"),
      ...markets.map(({ spec }) =>
        t(closeOutOf(spec.liquidation) === "full" ? "liquidationProcess.marketFull" : "liquidationProcess.marketPartial", {
          market: spec.symbol,
          chunk: usd(spec.liquidation.maxBookChunkNotional),
          fraction: formatFraction(spec.liquidation.backstopEquityBelowMaintenance),
          fee: pct(spec.liquidation.liquidationFeeRate),
        }),
      ),
    ],
    adl: () => [t("adl.answer")],
    adlLikelihood: () => [
      t("adlLikelihood.answer"),
      ...markets.map(({ spec }) =>
        t("adlLikelihood.market", {
          market: spec.symbol,
          stress: pct(spec.adlRisk.stressMove),
          elevatedCoverage: pct(spec.adlRisk.elevatedBelowCoverage),
          highCoverage: pct(spec.adlRisk.highBelowCoverage),
          elevatedDistance: pct(spec.adlRisk.elevatedBelowDistance),
          highDistance: pct(spec.adlRisk.highBelowDistance),
        }),
      ),
    ],
    insuranceFund: () => [
      t("insuranceFund.answer"),
      ...markets.map(({ spec, live }) =>
        live.insuranceFund
          ? t("insuranceFund.marketBalance", { market: spec.symbol, floor: usd(spec.liquidation.insuranceFundFloor), balance: usd(live.insuranceFund.balance) })
          : t("insuranceFund.market", { market: spec.symbol, floor: usd(spec.liquidation.insuranceFundFloor) }),
      ),
    ],
    eventNotice: () => [t("eventNotice.answer", { hours: Math.floor(incidentPolicy().reportDueMs / 3_600_000) })],
    funding: () => [
      t("funding.answer"),
      ...markets.map(({ spec }) =>
        t("funding.market", {
          market: spec.symbol,
          interval: formatDurationMs(spec.funding.intervalMs),
          interest: pct(spec.funding.interestRatePerInterval),
          band: pct(spec.funding.premiumClampBand),
          cap: pct(spec.funding.capRate),
        }),
      ),
    ],
    fees: () => [
      t("fees.answer"),
      ...markets.map(({ spec }) =>
        t("fees.market", {
          market: spec.symbol,
          maker: pct(spec.fees.makerFeeRate),
          taker: pct(spec.fees.takerFeeRate),
          liquidation: pct(spec.liquidation.liquidationFeeRate),
        }),
      ),
    ],
    collateral: () => {
      const eligible = (methodology?.collateral.assets ?? []).filter((asset) => asset.status === "EFFECTIVE");
      return [
        t("collateral.answer"),
        eligible.length === 0
          ? t("collateral.none")
          : t("collateral.assets", {
              assets: format.list(eligible.map((asset) => t("collateral.asset", { name: collateralName(names, asset), haircut: pct(asset.haircutRate) }))),
            }),
      ];
    },
    deposits: () => [t("deposits.answer")],
    complaint: () => [
      t("complaint.answer", {
        acknowledge: COMPLAINT_POLICY.acknowledgeBusinessDays,
        respond: COMPLAINT_POLICY.finalResponseDays,
        min: enquiry.min,
        max: enquiry.max,
      }),
    ],
    fdrc: () => [t("fdrc.answer")],
    afmm: () => [t("afmm.answer")],
    publicData: () => [t("publicData.answer")],
    records: () => [
      t("records.answer", {
        orders: RETENTION_POLICY.orders.years,
        accounting: Math.min(RETENTION_POLICY.accounting.years, RETENTION_POLICY.compliance.years),
        cdd: RETENTION_POLICY.amlCdd.years,
      }),
    ],
  };

  return KNOWLEDGE_BASE_QUESTIONS.filter((entry) => methodology !== null || !CONFIGURATION_ANSWERS.has(entry.id)).map((entry) => ({
    id: entry.id,
    category: entry.category,
    links: entry.links,
    question: t(`${entry.id}.question`),
    answer: answers[entry.id](),
  }));
}
