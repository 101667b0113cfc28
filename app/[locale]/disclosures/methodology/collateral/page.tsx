import type { Metadata } from "next";
import Link from "next/link";
import { formatMinorUnits, formatPpbDecimal, formatPpbPercentExact, formatUtc } from "@/lib/format";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getMethodology, type MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { UnavailablePage } from "@/components/unavailable-page";

export const metadata: Metadata = { title: "Eligible collateral" };
export const dynamic = "force-dynamic";

const KIND_LABEL: Record<string, string> = {
  FIAT: "Fiat currency",
  HKMA_LICENSED_STABLECOIN: "Stablecoin of an HKMA-licensed issuer",
  AI_TOKENIZED_DEPOSIT: "Tokenized deposit of an HKMA authorised institution",
};

const STATUS_LABEL: Record<string, string> = {
  EFFECTIVE: "Eligible",
  NOT_YET_EFFECTIVE: "Not yet eligible",
  EXPIRED: "No longer eligible",
  SUSPENDED: "Suspended: new deposits refused, held amounts count for nothing",
  HAIRCUT_100: "Suspended: counts for nothing (100 % haircut)",
  FX_RATE_UNAVAILABLE: "Counts for nothing until a USD/HKD rate is available",
};

/**
 * DISC-10 / COL-1 / COL-3: the eligible-collateral list rendered from the engine's registry in force
 * (collateralSchedule, the same rows as GET /api/public/methodology `collateral.assets`), with each
 * asset's valuation as the engine applies it to held amounts now.
 */
export default async function CollateralPage() {
  let data: MethodologyAnswer;
  try {
    data = await getMethodology();
  } catch (error) {
    if (!(error instanceof PublicApiError)) throw error;
    return <UnavailablePage title="Eligible collateral" what="The collateral list" reason={error.message} />;
  }
  const { collateral } = data;
  return (
    <article className="section-page wide-page">
      <h1>Eligible collateral</h1>
      <p className="lead">
        The assets that count as margin for perpetual contracts, why each is eligible, and the haircut applied to its value. Only
        fiat currency, stablecoins of issuers licensed by the HKMA under the Stablecoins Ordinance (Cap. 656) and tokenized deposits
        of HKMA authorised institutions are accepted. This list is the exchange engine&apos;s own registry: an asset not listed here
        is refused when deposited.
      </p>
      <p>
        <strong>Collateral value</strong> = amount × the USD price of its currency × (1 − haircut), rounded down to the micro-dollar.
        USD is the settlement currency: it is held as cash at par. An asset counts only between its eligibility dates and while no
        circuit breaker (a depeg or a licence event) suspends it; a suspended asset counts for nothing until the breaker is lifted, and
        holders are notified. Each asset also has a largest single deposit and a most one account may hold of it (its holding, or
        for USD its deposits less withdrawals, pending deposits included); the engine refuses a deposit beyond either. Values as of {formatUtc(data.engineTimeMs)} (engine time); USD/HKD reference rate in force:{" "}
        {collateral.usdPerHkd === null ? "none received yet" : `1 HKD = ${formatPpbDecimal(collateral.usdPerHkd)} USD`}.
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="collateral-table">
          <caption>Eligible collateral registry and valuation in force</caption>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Category and issuer</th>
              <th scope="col">Haircut</th>
              <th scope="col">Deposit limits</th>
              <th scope="col">Status now</th>
              <th scope="col">Valuation applied now</th>
              <th scope="col">Eligible from / until</th>
              <th scope="col">Regulatory basis</th>
              <th scope="col">Valuation method</th>
            </tr>
          </thead>
          <tbody>
            {collateral.assets.map((asset) => (
              <tr key={asset.assetId} data-testid="collateral-row" data-asset={asset.assetId}>
                <th scope="row">
                  <code>{asset.assetId}</code>
                  <br />
                  {asset.name}
                  {asset.illustrative ? (
                    <>
                      <br />
                      <span className="pill pill--warn">Illustrative entry</span>
                    </>
                  ) : null}
                </th>
                <td>
                  {KIND_LABEL[asset.kind] ?? asset.kind} ({asset.currency})
                  <br />
                  {asset.issuer}
                  {asset.licenceNo ? (
                    <>
                      <br />
                      Licence / AI no. <code>{asset.licenceNo}</code>
                    </>
                  ) : null}
                </td>
                <td data-testid="collateral-haircut">{formatPpbPercentExact(asset.haircutRate)}</td>
                <td data-testid="collateral-limits">
                  at most {formatMinorUnits(asset.maxDepositMinor, asset.decimals)} {asset.assetId} per deposit
                  <br />
                  at most {formatMinorUnits(asset.maxAccountMinor, asset.decimals)} {asset.assetId} per account
                </td>
                <td>{STATUS_LABEL[asset.status] ?? asset.status}</td>
                <td>
                  {!asset.valuation
                    ? "—"
                    : asset.valuation.status !== "EFFECTIVE"
                      ? (STATUS_LABEL[asset.valuation.status] ?? asset.valuation.status)
                      : `haircut ${formatPpbPercentExact(asset.valuation.haircut)}${asset.currency !== "USD" ? `; 1 ${asset.currency} = ${formatPpbDecimal(asset.valuation.usdPerUnit)} USD` : ""}`}
                </td>
                <td>
                  {formatUtc(asset.effectiveFromMs)}
                  <br />
                  {asset.effectiveToMs === null ? "open-ended" : formatUtc(asset.effectiveToMs)}
                </td>
                <td>{asset.regulatoryBasis}</td>
                <td>{asset.valuationMethod}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Assets that are not eligible</h2>
      <p>Assets clients most often try to post, and why the engine refuses them:</p>
      <ul>
        {data.ineligibleExamples.map((example) => (
          <li key={example.assetId}>
            <strong>{example.assetId}</strong>: {example.reason}
          </li>
        ))}
      </ul>
      <p className="muted">
        Haircut changes and circuit breakers are listed with their time and previous value in the{" "}
        <Link href="/disclosures/parameters?scope=collateral">parameter change log</Link>. Machine-readable:{" "}
        <code>GET /api/public/methodology</code> (<code>collateral.assets</code>).
      </p>
    </article>
  );
}
