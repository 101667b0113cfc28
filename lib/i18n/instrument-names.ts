import configured from "@/messages/en/instruments.json" with { type: "json" };

/**
 * Instrument names in the reader's language: a market's displayName, a collateral asset's name and a
 * spot listing's name come from the engine configuration in English; pages, e-mails and PDFs show them
 * through here, the API keeps the configuration's own (they are data there, not page text).
 *
 * The catalogue (namespace "instruments") keys each name by the instrument's stable id — market symbol,
 * collateral assetId, spot asset — with every character other than a letter or digit replaced by "_"
 * (next-intl reads a dot as a key path). The configuration's name is shown as it is when the catalogue
 * has no entry for the id (a market added later by configuration), and also when the English entry is
 * not the configured name any more (a name changed by configuration): a translation of an old name
 * must never stand in for the name in force, in either language.
 */

type Catalogue = typeof configured;
export type InstrumentGroup = keyof Catalogue;
type InstrumentKey = { [G in InstrumentGroup]: `${G}.${Extract<keyof Catalogue[G], string>}` }[InstrumentGroup];

/** What is needed of next-intl's translator for the "instruments" namespace: useTranslations("instruments") or getTranslations("instruments"). */
export interface InstrumentTranslator {
  (key: InstrumentKey): string;
  has(key: InstrumentKey): boolean;
}

/** The catalogue key of an instrument id: "BTC-PERP" → "BTC_PERP", "TD-HKD-DEMOBANK" → "TD_HKD_DEMOBANK". */
export function instrumentKey(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, "_");
}

/** The name of an instrument of a group in the translator's language, or its configured name (see above). */
export function instrumentName(t: InstrumentTranslator, group: InstrumentGroup, id: string, configuredName: string): string {
  const key = instrumentKey(id);
  const english = (configured[group] as Record<string, string | undefined>)[key];
  if (english !== configuredName) return configuredName;
  const path = `${group}.${key}` as InstrumentKey;
  return t.has(path) ? t(path) : configuredName;
}

/** A market's name (its configured displayName) in the reader's language. */
export function marketName(t: InstrumentTranslator, market: { symbol: string; displayName: string }): string {
  return instrumentName(t, "markets", market.symbol, market.displayName);
}

/** A collateral asset's name in the reader's language. */
export function collateralName(t: InstrumentTranslator, asset: { assetId: string; name: string }): string {
  return instrumentName(t, "collateral", asset.assetId, asset.name);
}

/** A spot listing's name in the reader's language. */
export function spotListingName(t: InstrumentTranslator, listing: { asset: string; name: string }): string {
  return instrumentName(t, "spot", listing.asset, listing.name);
}
