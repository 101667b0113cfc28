import type { ParamDoc } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatLots, formatPpbPercent, formatTicks, formatUsdMicros } from "@/lib/format";
import type { MarketDetail } from "@/lib/wire/public-api";
import styles from "./market-pages.module.css";

/**
 * Parameter tables of a market page (DISC-1), rendered from the engine's own
 * configuration (the spec as GET /api/public/markets/{symbol} gives it) and MARKET_PARAMETER_DOCS:
 * labels, units and meanings come from the docs, values from the spec; nothing is typed here.
 * Server-rendered: readable without JavaScript.
 */

type Spec = MarketDetail["spec"];
type Docs = Record<string, ParamDoc>;

/** The value at a docs path such as "funding.intervalMs" (no array paths). */
function valueAt(spec: Spec, path: string): unknown {
  let value: unknown = spec;
  for (const key of path.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A parameter value in its documented unit, exactly (decimal strings, ppb and micro-USD as integers). */
export function formatParameter(value: unknown, unit: ParamDoc["unit"], spec: Spec): string {
  if (value === undefined || value === null) return "—";
  switch (unit) {
    case "USD (decimal string)":
      return `${String(value)} USD`;
    case "base units (decimal string)":
      return `${String(value)} ${spec.baseAsset}`;
    case "micro-USD":
      return `${formatUsdMicros(String(value))} USD`;
    case "ppb":
      return `${formatPpbPercent(String(value))} (${formatInteger(String(value))} ppb)`;
    case "ms":
      return `${formatDurationMs(Number(value))} (${formatInteger(Number(value))} ms)`;
    case "ticks":
      return `${formatInteger(Number(value))} ticks (${formatTicks(Number(value), spec.tickSize)} USD)`;
    case "lots":
      return `${formatInteger(Number(value))} lots (${formatLots(Number(value), spec.lotSize)} ${spec.baseAsset})`;
    case "x (leverage)":
      return `${formatInteger(Number(value))}×`;
    case "integer weight":
    case "count":
      return formatInteger(Number(value));
    case "fraction": {
      const f = value as { numerator: number; denominator: number };
      return `${f.numerator}/${f.denominator}`;
    }
    default:
      if (value !== null && typeof value === "object" && "kind" in value) {
        const rule = value as { kind: string; multiple?: string; rate?: string };
        return rule.kind === "MMR_MULTIPLE" ? `${rule.kind}: ${formatPpbPercent(rule.multiple ?? "0", 2)} of the tier-1 maintenance margin rate` : `${rule.kind}: ${formatPpbPercent(rule.rate ?? "0")}`;
      }
      return String(value);
  }
}

/** A table of documented parameters, one row per path. */
export function ParameterTable({ spec, docs, paths, caption }: { spec: Spec; docs: Docs; paths: string[]; caption: string }) {
  return (
    <div className={styles.tableWrap}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
            <th scope="col">Requirements</th>
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
                  {doc.derived ? <small> (derived)</small> : null}
                </th>
                <td className={styles.numeric}>{formatParameter(valueAt(spec, path), doc.unit, spec)}</td>
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

export const INDEX_PATHS = ["index.aggregation", "index.outlierMode", "index.bandRate", "index.staleAfterMs", "index.minValidSources"];

export const MARK_PATHS = ["mark.basisWindowMs", "mark.basisSampleEveryMs", "funding.intervalMs", "maxPriceTicks"];

/** The margin tiers with their derived rates and amounts. */
export function MarginTierTable({ spec, docs }: { spec: Spec; docs: Docs }) {
  const label = (key: string) => docs[`marginTiers[].${key}`]?.label ?? key;
  return (
    <div className={styles.tableWrap}>
      <table className="data-table">
        <caption>Margin tiers: the whole position notional falls in one tier</caption>
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
              <td className={styles.numeric}>{formatUsdMicros(tier.floorNotional)} USD</td>
              <td className={styles.numeric}>{formatUsdMicros(tier.capNotional)} USD</td>
              <td className={styles.numeric}>{tier.maxLeverage}×</td>
              <td className={styles.numeric}>{formatPpbPercent(tier.initialMarginRate)}</td>
              <td className={styles.numeric}>{formatPpbPercent(tier.maintenanceMarginRate)}</td>
              <td className={styles.numeric}>{formatUsdMicros(tier.maintenanceAmount)} USD</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The index rules as numbered steps, each parameter from the spec (index-price.ts module doc). */
export function IndexRules({ spec }: { spec: Spec }) {
  const ix = spec.index;
  const band = formatPpbPercent(ix.bandRate);
  return (
    <ol>
      <li>
        Each constituent&apos;s latest quote is checked: a source with no quote is <em>missing</em>; a quote that is not a positive price or is
        timestamped in the future is <em>invalid</em>; a quote older than {formatDurationMs(ix.staleAfterMs)} is <em>stale</em>. These are excluded.
      </li>
      <li>The weighted median m of the remaining (fresh) prices is taken, each source weighted by its configured weight.</li>
      <li>
        Band: m × (1 − {band}) to m × (1 + {band}), rounded inwards to whole ticks. A fresh price outside the band is{" "}
        {ix.outlierMode === "clamp" ? "clamped to the nearest band edge (status clamped)" : "excluded (status excluded, reason outlier)"}.
      </li>
      <li>
        If fewer than {ix.minValidSources} sources count, the index keeps its previous value and is marked not valid: the mark price and
        liquidations pause until enough sources are back.
      </li>
      <li>
        Otherwise the index is{" "}
        {ix.aggregation === "weighted_median"
          ? "the weighted median of the counted prices"
          : "the weighted mean Σ weight × price ÷ Σ weight of the counted (possibly clamped) prices, rounded half-to-even to a tick"}
        .
      </li>
    </ol>
  );
}
