import { useTranslations } from "next-intl";
import { HARD_FLOORS, type SpotListing } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatPpbPercentExact, formatUtc } from "@/lib/format";
import { instrumentText, readerTextNode } from "@/lib/i18n/instrument-names";

/**
 * MRG-5 and MRG-2 on the methodology page: the hard floors every market meets whatever else is
 * configured, rendered from the engine's own HARD_FLOORS (the numbers validateMarketSpec checks),
 * and the retail spot listing registry of the configuration in force (a perpetual's reference asset
 * must be listed). `listings` is null for a configuration written before the registry existed.
 */
export function HardFloors({ listings }: { listings: SpotListing[] | null }) {
  const t = useTranslations("disclosures.methodology.hardFloors");
  const names = useTranslations("instruments");
  const rows = [
    ["sources", { count: formatInteger(HARD_FLOORS.minIndexSources) }],
    ["validSources", { count: formatInteger(HARD_FLOORS.minValidIndexSources) }],
    ["tiers", {}],
    ["initialAboveMaintenance", {}],
    ["funding", { interval: formatDurationMs(HARD_FLOORS.maxFundingIntervalMs) }],
    ["band", { band: formatPpbPercentExact(HARD_FLOORS.maxIndexBandRate) }],
    ["staleness", { min: formatDurationMs(HARD_FLOORS.minIndexStaleAfterMs), max: formatDurationMs(HARD_FLOORS.maxIndexStaleAfterMs) }],
  ] as const;
  return (
    <section aria-labelledby="hard-floors" data-testid="hard-floors">
      <h2 id="hard-floors">{t("heading")}</h2>
      <p>{t("lead")}</p>
      <ul>
        {rows.map(([key, values]) => (
          <li key={key}>{t(`floors.${key}`, values)}</li>
        ))}
      </ul>
      <p>{t("volume")}</p>
      <h3 id="spot-listings">{t("listings.heading")}</h3>
      <p>{t("listings.lead")}</p>
      {listings === null ? (
        <p className="muted">{t("listings.notRecorded")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="spot-listings">
            <caption className="visually-hidden">{t("listings.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("listings.columns.asset")}</th>
                <th scope="col">{t("listings.columns.name")}</th>
                <th scope="col">{t("listings.columns.since")}</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((listing) => (
                <tr key={listing.asset}>
                  <th scope="row">{listing.asset}</th>
                  <td>{readerTextNode(instrumentText(names, "spot", listing.asset, listing.name))}</td>
                  <td>{formatUtc(listing.listedSinceMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
