import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CollateralChangeValue } from "@/components/collateral-change-value";
import { UnavailablePage } from "@/components/unavailable-page";
import type { CollateralAsset } from "@/lib/engine/index";
import { formatMinorUnits, formatPpbDecimal, formatPpbPercentExact, formatUtc } from "@/lib/format";
import { collateralText, ineligibleReason, instrumentText, readerTextNode } from "@/lib/i18n/instrument-names";
import { Link } from "@/lib/i18n/navigation";
import { getFxSource } from "@/lib/services/collateral-governance/fx-status";
import { recentCollateralChanges } from "@/lib/services/collateral-governance/read";
import { getMethodology } from "@/lib/services/public-market-data/get-methodology";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { code, strong } from "../../rich-text";
import { publicAnswer } from "../../../public-answer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.collateral");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** The engine's collateral categories and statuses, each with the message that names it. */
const KIND_KEY = {
  FIAT: "fiat",
  HKMA_LICENSED_STABLECOIN: "hkmaLicensedStablecoin",
  AI_TOKENIZED_DEPOSIT: "aiTokenizedDeposit",
} as const;

const STATUS_KEY = {
  EFFECTIVE: "effective",
  NOT_YET_EFFECTIVE: "notYetEffective",
  EXPIRED: "expired",
  SUSPENDED: "suspended",
  HAIRCUT_100: "haircut100",
  FX_RATE_UNAVAILABLE: "fxRateUnavailable",
} as const;

/** The fields a registry change's record names (an entry's fields, and its breakers), each labelled in disclosures.collateralChanges.fields. */
const CHANGE_FIELDS = [
  "assetId",
  "name",
  "kind",
  "currency",
  "issuer",
  "licenceNo",
  "haircutRate",
  "decimals",
  "maxDepositMinor",
  "maxAccountMinor",
  "effectiveFromMs",
  "effectiveToMs",
  "regulatoryBasis",
  "valuationMethod",
  "illustrative",
  "circuitBreaker",
] as const satisfies readonly (keyof CollateralAsset | "circuitBreaker")[];

const isChangeField = (field: string): field is (typeof CHANGE_FIELDS)[number] => (CHANGE_FIELDS as readonly string[]).includes(field);

const keyOf = <Keys extends Record<string, string>>(keys: Keys, value: string): Keys[keyof Keys] | undefined =>
  Object.hasOwn(keys, value) ? keys[value as keyof Keys] : undefined;

/**
 * DISC-10 / COL-1 / COL-3: the eligible-collateral list rendered from the engine's registry in force
 * (collateralSchedule, the same rows as GET /api/public/methodology `collateral.assets`), with each
 * asset's valuation as the engine applies it to held amounts now.
 */
export default async function CollateralPage() {
  const t = await getTranslations("disclosures.collateral");
  const answer = await publicAnswer(() => getMethodology({ ctx: anonymousContext() }));
  if (!answer.ok) return <UnavailablePage title={t("title")} what={t("unavailableWhat")} reason={answer.reason} />;
  const data = answer.data;
  const { collateral } = data;
  const ctx = anonymousContext();
  const fx = getFxSource({ ctx });
  const changes = await publicAnswer(() => recentCollateralChanges({ ctx }));
  const c = await getTranslations("disclosures.collateralChanges");
  const names = await getTranslations("instruments");
  const kindLabel = (kind: string) => {
    const key = keyOf(KIND_KEY, kind);
    return key ? t(`kinds.${key}`) : kind;
  };
  const fieldLabel = (field: string) => (isChangeField(field) ? c(`fields.${field}`) : field);
  const diffValue = (assetId: string, field: string, value: string | null) =>
    value === null ? "—" : <CollateralChangeValue assetId={assetId} field={field} value={value} />;
  const statusLabel = (status: string) => {
    const key = keyOf(STATUS_KEY, status);
    return key ? t(`statuses.${key}`) : status;
  };
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <p>
        {t.rich("valuation", {
          time: formatUtc(data.engineTimeMs),
          rate: collateral.usdPerHkd === null ? t("noRate") : t("hkdRate", { rate: formatPpbDecimal(collateral.usdPerHkd) }),
          strong,
        })}
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="collateral-table">
          <caption>{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.asset")}</th>
              <th scope="col">{t("columns.category")}</th>
              <th scope="col">{t("columns.haircut")}</th>
              <th scope="col">{t("columns.limits")}</th>
              <th scope="col">{t("columns.status")}</th>
              <th scope="col">{t("columns.valuation")}</th>
              <th scope="col">{t("columns.eligible")}</th>
              <th scope="col">{t("columns.basis")}</th>
              <th scope="col">{t("columns.method")}</th>
            </tr>
          </thead>
          <tbody>
            {collateral.assets.map((asset) => (
              <tr key={asset.assetId} data-testid="collateral-row" data-asset={asset.assetId}>
                <th scope="row">
                  <code>{asset.assetId}</code>
                  <br />
                  {readerTextNode(instrumentText(names, "collateral", asset.assetId, asset.name))}
                  {asset.illustrative ? (
                    <>
                      <br />
                      <span className="pill pill--warn">{t("illustrative")}</span>
                    </>
                  ) : null}
                </th>
                <td>
                  {t("kindAndCurrency", { kind: kindLabel(asset.kind), currency: asset.currency })}
                  <br />
                  {readerTextNode(collateralText(names, asset, "issuer"))}
                  {asset.licenceNo ? (
                    <>
                      <br />
                      {t.rich("licence", { licence: asset.licenceNo, code })}
                    </>
                  ) : null}
                </td>
                <td data-testid="collateral-haircut">{formatPpbPercentExact(asset.haircutRate)}</td>
                <td data-testid="collateral-limits">
                  {t("maxPerDeposit", { amount: formatMinorUnits(asset.maxDepositMinor, asset.decimals), asset: asset.assetId })}
                  <br />
                  {t("maxPerAccount", { amount: formatMinorUnits(asset.maxAccountMinor, asset.decimals), asset: asset.assetId })}
                </td>
                <td>{statusLabel(asset.status)}</td>
                <td>
                  {!asset.valuation
                    ? "—"
                    : asset.valuation.status !== "EFFECTIVE"
                      ? statusLabel(asset.valuation.status)
                      : asset.currency !== "USD"
                        ? t("valuationHaircutRate", {
                            haircut: formatPpbPercentExact(asset.valuation.haircut),
                            currency: asset.currency,
                            rate: formatPpbDecimal(asset.valuation.usdPerUnit),
                          })
                        : t("valuationHaircut", { haircut: formatPpbPercentExact(asset.valuation.haircut) })}
                </td>
                <td>
                  {formatUtc(asset.effectiveFromMs)}
                  <br />
                  {asset.effectiveToMs === null ? t("openEnded") : formatUtc(asset.effectiveToMs)}
                </td>
                <td>{readerTextNode(collateralText(names, asset, "regulatoryBasis"))}</td>
                <td>{readerTextNode(collateralText(names, asset, "valuationMethod"))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{c("fxTitle")}</h2>
      <p data-testid="fx-source">
        {fx.source === "demo" && fx.hkdPerUsd !== null
          ? c("fxDemo", { rate: fx.hkdPerUsd })
          : fx.source === "feed" && fx.hkdPerUsd !== null
            ? c("fxFeed", { rate: fx.hkdPerUsd, source: fx.feedHost ?? "—", time: formatUtc(fx.asOfMs ?? 0) })
            : collateral.usdPerHkd !== null
              ? c("fxEngineOnly", { rate: formatPpbDecimal(collateral.usdPerHkd) })
              : c("fxNone")}
      </p>
      {fx.stale ? <p className="muted">{c("fxStale", { minutes: fx.staleAfterMinutes, problem: fx.problem ?? "—" })}</p> : null}
      <h2>{c("changesTitle")}</h2>
      <p>{c("changesLead")}</p>
      {!changes.ok || changes.data.length === 0 ? (
        <p>{c("changesNone")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="collateral-changes">
            <caption>{c("changesCaption")}</caption>
            <thead>
              <tr>
                {(["when", "asset", "change", "reason", "notified"] as const).map((column) => (
                  <th key={column} scope="col">
                    {c(`columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {changes.data.map((change, i) => (
                <tr key={`${change.assetId}-${change.effectiveAtMs ?? i}-${i}`} data-testid="collateral-change" data-asset={change.assetId}>
                  <td className="nowrap">{change.effectiveAtMs === null ? "—" : formatUtc(change.effectiveAtMs)}</td>
                  <td>
                    <code>{change.assetId}</code>
                  </td>
                  <td>
                    {c(`kinds.${change.kind}`)} ({c(`statuses.${change.status}`)})
                    <br />
                    {change.diff.map((row) => (
                      <span key={row.field}>
                        {c.rich("diffRow", {
                          field: fieldLabel(row.field),
                          before: () => diffValue(change.assetId, row.field, row.before),
                          after: () => diffValue(change.assetId, row.field, row.after),
                        })}
                        <br />
                      </span>
                    ))}
                  </td>
                  <td>{change.reason}</td>
                  <td>{change.holdersNotified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("ineligibleHeading")}</h2>
      <p>{t("ineligibleIntro")}</p>
      <ul>
        {data.ineligibleExamples.map((example) => (
          <li key={example.assetId}>
            {t.rich("ineligible", { asset: example.assetId, reason: () => readerTextNode(ineligibleReason(names, example)), strong })}
          </li>
        ))}
      </ul>
      <p className="muted">
        {t.rich("footer", {
          endpoint: "GET /api/public/methodology",
          field: "collateral.assets",
          code,
          link: (chunks) => <Link href={{ pathname: "/disclosures/parameters", query: { scope: "collateral" } }}>{chunks}</Link>,
        })}
      </p>
    </article>
  );
}
