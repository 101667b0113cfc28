import { enumWords } from "@/lib/parameter-format";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ParamDoc } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatLots, formatPpbPercentExact, formatTicks, formatUsdMicrosExact, valueText } from "@/lib/format";
import { instrumentText, readerTextNode } from "@/lib/i18n/instrument-names";
import type { MarketDetail } from "@/lib/wire/public-api";
import styles from "./market-pages.module.css";

/**
 * Parameter tables of a market page (DISC-1), rendered from the engine's own
 * configuration (the spec as GET /api/public/markets/{symbol} gives it) and MARKET_PARAMETER_DOCS:
 * labels, units and meanings come from the docs, values from the spec; nothing is typed here.
 * Server-rendered: readable without JavaScript. The table's own words (headings, unit phrases,
 * the index rules) are in the catalogue; the docs' labels and meanings are the engine's.
 */

type Spec = MarketDetail["spec"];
type Docs = Record<string, ParamDoc>;
type ParameterText = ReturnType<typeof useTranslations<"components.parameters">>;

/** The value at a docs path such as "funding.intervalMs" (no array paths). */
function valueAt(spec: Spec, path: string): unknown {
  let value: unknown = spec;
  for (const key of path.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A parameter value in its documented unit, exactly (decimal strings, ppb and micro-USD as integers). */
export function formatParameter(t: ParameterText, value: unknown, unit: ParamDoc["unit"], spec: Spec): string {
  if (value === undefined || value === null) return "—";
  switch (unit) {
    case "USD (decimal string)":
      return `${valueText(value)} USD`;
    case "base units (decimal string)":
      return `${valueText(value)} ${spec.baseAsset}`;
    case "micro-USD":
      // Exactly: one tick × one lot is 0.0001 USD on BTC-PERP, which cents would show as 0.00.
      return `${formatUsdMicrosExact(valueText(value))} USD`;
    case "ppb":
      return `${formatPpbPercentExact(valueText(value))} (${formatInteger(valueText(value))} ppb)`;
    case "ms":
      return `${formatDurationMs(Number(value))} (${formatInteger(Number(value))} ms)`;
    case "ticks":
      return t("value.ticks", { count: formatInteger(Number(value)), price: formatTicks(Number(value), spec.tickSize) });
    case "lots":
      return t("value.lots", { count: formatInteger(Number(value)), size: formatLots(Number(value), spec.lotSize), asset: spec.baseAsset });
    case "x (leverage)":
      return `${formatInteger(Number(value))}×`;
    case "integer weight":
    case "count":
      return formatInteger(Number(value));
    case "bps":
      return `${formatInteger(Number(value))} bps`;
    case "whole USD":
      return `${formatInteger(Number(value))} USD`;
    case "percent":
      return `${formatInteger(Number(value))} %`;
    case "fraction": {
      const f = value as { numerator: number; denominator: number };
      return `${f.numerator}/${f.denominator}`;
    }
    default:
      if (value !== null && typeof value === "object" && "kind" in value) {
        const rule = value as { kind: string; multiple?: string; rate?: string };
        return rule.kind === "MMR_MULTIPLE"
          ? t("value.mmrMultiple", { multiple: formatPpbPercentExact(rule.multiple ?? "0") })
          : formatPpbPercentExact(rule.rate ?? "0");
      }
      return typeof value === "string" ? enumWords(value) : valueText(value);
  }
}

/** A table of documented parameters, one row per path. */
export function ParameterTable({ spec, docs, paths, caption }: { spec: Spec; docs: Docs; paths: string[]; caption: string }) {
  const t = useTranslations("components.parameters");
  const names = useTranslations("instruments");
  return (
    <div className={styles.tableWrap}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.parameter")}</th>
            <th scope="col">{t("columns.value")}</th>
            <th scope="col">{t("columns.meaning")}</th>
            <th scope="col">{t("columns.requirements")}</th>
          </tr>
        </thead>
        <tbody>
          {paths.map((path) => {
            const doc = docs[path];
            if (!doc) throw new Error(`no parameter doc for ${path}`);
            return (
              <tr key={path}>
                <th scope="row">
                  {doc.label}
                  {doc.derived ? <small> {t("derived")}</small> : null}
                </th>
                <td className={styles.numeric}>
                  {/* The market's name in the reader's language; every other value is a figure or a code. */}
                  {path === "displayName"
                    ? readerTextNode(instrumentText(names, "markets", spec.symbol, spec.displayName))
                    : formatParameter(t, valueAt(spec, path), doc.unit, spec)}
                </td>
                <td>{doc.description}</td>
                <td>{doc.requirements.join(", ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export const CONTRACT_PATHS = [
  "symbol",
  "displayName",
  "contractType",
  "baseAsset",
  "quoteAsset",
  "settleAsset",
  "tickSize",
  "lotSize",
  "tickLotValue",
  "minSizeLots",
  "maxOrderLots",
  "maxPriceTicks",
  "maxPositionNotional",
  "maxLeverage",
  "fees.makerFeeRate",
  "fees.takerFeeRate",
  "liquidation.liquidationFeeRate",
];

export const FUNDING_PATHS = [
  "funding.intervalMs",
  "funding.sampleEveryMs",
  "funding.sampleWeighting",
  "funding.interestRatePerInterval",
  "funding.premiumClampBand",
  "funding.cap",
  "funding.capRate",
  "funding.impactMargin",
  "funding.impactNotional",
];

export const INDEX_PATHS = [
  "index.aggregation",
  "index.outlierMode",
  "index.bandRate",
  "index.staleAfterMs",
  "index.minValidSources",
  "index.minSourceVolumeUsd",
];

export const MARK_PATHS = ["mark.basisWindowMs", "mark.basisSampleEveryMs", "funding.intervalMs", "maxPriceTicks"];

/** The margin tiers with their derived rates and amounts. */
export function MarginTierTable({ spec, docs }: { spec: Spec; docs: Docs }) {
  const t = useTranslations("components.parameters");
  const label = (key: string) => docs[`marginTiers[].${key}`]?.label ?? key;
  return (
    <div className={styles.tableWrap}>
      <table className="data-table">
        <caption>{t("tiersCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{label("tier")}</th>
            <th scope="col">{label("floorNotional")}</th>
            <th scope="col">{label("capNotional")}</th>
            <th scope="col">{label("maxLeverage")}</th>
            <th scope="col">{label("initialMarginRate")}</th>
            <th scope="col">{label("maintenanceMarginRate")}</th>
            <th scope="col">{label("maintenanceAmount")}</th>
          </tr>
        </thead>
        <tbody>
          {spec.marginTiers.map((tier) => (
            <tr key={tier.tier}>
              <th scope="row">{tier.tier}</th>
              <td className={styles.numeric}>{formatUsdMicrosExact(tier.floorNotional)} USD</td>
              <td className={styles.numeric}>{formatUsdMicrosExact(tier.capNotional)} USD</td>
              <td className={styles.numeric}>{tier.maxLeverage}×</td>
              <td className={styles.numeric}>{formatPpbPercentExact(tier.initialMarginRate)}</td>
              <td className={styles.numeric}>{formatPpbPercentExact(tier.maintenanceMarginRate)}</td>
              <td className={styles.numeric}>{formatUsdMicrosExact(tier.maintenanceAmount)} USD</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The index rules as numbered steps, each parameter from the spec (index-price.ts module doc). */
export function IndexRules({ spec }: { spec: Spec }) {
  const t = useTranslations("components.parameters.indexRules");
  const ix = spec.index;
  const band = formatPpbPercentExact(ix.bandRate);
  return (
    <ol>
      <li>{t.rich("checked", { stale: formatDurationMs(ix.staleAfterMs), em: (chunks: ReactNode) => <em>{chunks}</em> })}</li>
      <li>{t("median")}</li>
      <li>{t("band", { band, mode: ix.outlierMode })}</li>
      <li>{t("tooFew", { min: String(ix.minValidSources) })}</li>
      <li>{t("otherwise", { aggregation: ix.aggregation })}</li>
    </ol>
  );
}
