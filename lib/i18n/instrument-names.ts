import { createElement, type ReactNode } from "react";
import configured from "@/messages/en/instruments.json" with { type: "json" };

/**
 * Instrument names and the collateral registry's free text in the reader's language: a market's
 * displayName, a collateral asset's name, issuer, regulatoryBasis and valuationMethod, and a spot
 * listing's name come from the engine configuration in English; pages, e-mails and PDFs show them
 * through here, the API keeps the configuration's own (they are data there, not page text).
 *
 * The catalogue (namespace "instruments") keys each text by the instrument's stable id — market symbol,
 * collateral assetId, spot asset — with every character other than a letter or digit replaced by "_"
 * (next-intl reads a dot as a key path): names under their group ("markets.BTC_PERP"), registry text
 * under "collateralText.<asset>.<field>". The configuration's text is shown as it is when the catalogue
 * has no entry for it (an instrument added later by configuration), and also when the English entry is
 * not the configured text any more (a text changed by configuration): a translation of an old text must
 * never stand in for the text in force, in either language. Text shown that way is English, and says so
 * (lang="en") so that screen readers and fonts on a Chinese page read it as English.
 */

type Catalogue = typeof configured;
/**
 * The groups keyed by an instrument id with one text each: the names, and "ineligible", the reason an
 * asset clients often try to post is not perps collateral (the engine's KNOWN_INELIGIBLE_ASSETS).
 * collateralText holds the registry's other free text, several fields an asset.
 */
export type InstrumentGroup = Exclude<keyof Catalogue, "collateralText">;
type CollateralTexts = Catalogue["collateralText"];
/** The registry fields written in words (CollateralAsset), besides the asset's name. */
export type CollateralTextField = keyof CollateralTexts[keyof CollateralTexts];
type InstrumentKey =
  | { [G in InstrumentGroup]: `${G}.${Extract<keyof Catalogue[G], string>}` }[InstrumentGroup]
  | { [A in Extract<keyof CollateralTexts, string>]: `collateralText.${A}.${CollateralTextField}` }[Extract<keyof CollateralTexts, string>];

/** What is needed of next-intl's translator for the "instruments" namespace: useTranslations("instruments") or getTranslations("instruments"). */
export interface InstrumentTranslator {
  (key: InstrumentKey): string;
  has(key: InstrumentKey): boolean;
}

/** A text as shown: in the reader's language (lang undefined), or the configured English (lang "en"). */
export interface ReaderText {
  text: string;
  lang: "en" | undefined;
}

export const COLLATERAL_TEXT_FIELDS = ["issuer", "regulatoryBasis", "valuationMethod"] as const satisfies readonly CollateralTextField[];

/** The catalogue key of an instrument id: "BTC-PERP" → "BTC_PERP", "TD-HKD-DEMOBANK" → "TD_HKD_DEMOBANK". */
export function instrumentKey(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, "_");
}

const own = (table: object, key: string): unknown => (Object.hasOwn(table, key) ? (table as Record<string, unknown>)[key] : undefined);

/**
 * The one rule (see above): the catalogue's text at `path` only while its English entry is the
 * configured text; otherwise the configured text, marked English.
 */
function inReaderLanguage(t: InstrumentTranslator, path: InstrumentKey, english: unknown, configuredText: string): ReaderText {
  if (english === configuredText && t.has(path)) return { text: t(path), lang: undefined };
  return { text: configuredText, lang: "en" };
}

/** The name of an instrument of a group in the translator's language, or its configured name, marked English. */
export function instrumentText(t: InstrumentTranslator, group: InstrumentGroup, id: string, configuredName: string): ReaderText {
  const key = instrumentKey(id);
  return inReaderLanguage(t, `${group}.${key}` as InstrumentKey, own(configured[group], key), configuredName);
}

/** The name of an instrument as plain text, for a message argument or an attribute (see instrumentText). */
export function instrumentName(t: InstrumentTranslator, group: InstrumentGroup, id: string, configuredName: string): string {
  return instrumentText(t, group, id, configuredName).text;
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

/** Why an asset is not perps collateral (the engine's reason, keyed by the asset) in the reader's language. */
export function ineligibleReason(t: InstrumentTranslator, example: { assetId: string; reason: string }): ReaderText {
  return instrumentText(t, "ineligible", example.assetId, example.reason);
}

/** A collateral asset's issuer, regulatory basis or valuation method in the reader's language. */
export function collateralText(
  t: InstrumentTranslator,
  asset: { assetId: string } & Record<CollateralTextField, string>,
  field: CollateralTextField,
): ReaderText {
  return collateralFieldText(t, asset.assetId, field, asset[field]);
}

/**
 * A value of a collateral asset's field as a record of registry changes holds it (a change log's before
 * or after): the name and the registry's free text through the catalogue when the value is the text
 * the catalogue translates; any other field's value (a figure, a date, a code) as it is.
 */
export function collateralFieldText(t: InstrumentTranslator, assetId: string, field: string, value: string): ReaderText {
  if (field === "name") return instrumentText(t, "collateral", assetId, value);
  if (!(COLLATERAL_TEXT_FIELDS as readonly string[]).includes(field)) return { text: value, lang: undefined };
  const key = instrumentKey(assetId);
  const entry = own(configured.collateralText, key);
  const english = typeof entry === "object" && entry !== null ? own(entry, field) : undefined;
  return inReaderLanguage(t, `collateralText.${key}.${field}` as InstrumentKey, english, value);
}

/** A text for a page: marked lang="en" when it is the configured English rather than the reader's language. */
export function readerTextNode({ text, lang }: ReaderText): ReactNode {
  return lang ? createElement("span", { lang }, text) : text;
}
