import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG, KNOWN_INELIGIBLE_ASSETS } from "@/lib/engine/index";
import { english, messagesFor, traditionalChinese } from "@/lib/i18n/catalogue";
import { isValidElement } from "react";
import {
  COLLATERAL_TEXT_FIELDS,
  collateralFieldText,
  collateralName,
  collateralText,
  ineligibleReason,
  instrumentKey,
  instrumentText,
  marketName,
  readerTextNode,
  spotListingName,
  type InstrumentGroup,
} from "@/lib/i18n/instrument-names";
import type { AppLocale } from "@/lib/i18n/routing";

const translator = (locale: AppLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: "instruments" });
const en = translator("en");
const zh = translator("zh-HK");

/** Every instrument of the default engine configuration: its group, stable id and configured name. */
const INSTRUMENTS: { group: InstrumentGroup; id: string; name: string }[] = [
  ...DEFAULT_ENGINE_CONFIG.markets.map((m) => ({ group: "markets" as const, id: m.symbol, name: m.displayName })),
  ...DEFAULT_ENGINE_CONFIG.collateral.map((a) => ({ group: "collateral" as const, id: a.assetId, name: a.name })),
  ...(DEFAULT_ENGINE_CONFIG.spotListings ?? []).map((l) => ({ group: "spot" as const, id: l.asset, name: l.name })),
];

/** An instrument's name through the function its pages use. */
function nameOf(t: typeof en, { group, id, name }: (typeof INSTRUMENTS)[number]): string {
  if (group === "markets") return marketName(t, { symbol: id, displayName: name });
  if (group === "collateral") return collateralName(t, { assetId: id, name });
  return spotListingName(t, { asset: id, name });
}

const entry = (catalogue: { instruments?: unknown }, group: InstrumentGroup, id: string) =>
  ((catalogue.instruments as Record<string, Record<string, string> | undefined> | undefined)?.[group] ?? {})[instrumentKey(id)];

describe("instrument names in the reader's language (DISC-1 / DISC-10 / MRG-2, bilingual pages of DISC-8)", () => {
  it("the default configuration has markets, collateral assets and spot listings to name", () => {
    expect(INSTRUMENTS.filter((i) => i.group === "markets").length).toBeGreaterThan(0);
    expect(INSTRUMENTS.filter((i) => i.group === "collateral").length).toBeGreaterThan(0);
    expect(INSTRUMENTS.filter((i) => i.group === "spot").length).toBeGreaterThan(0);
  });

  it.each(INSTRUMENTS)("DISC-1 / DISC-10 / MRG-2: $group $id has its configured name in English and a Chinese name", (instrument) => {
    const { group, id, name } = instrument;
    expect(entry(english, group, id), `en instruments.${group}.${instrumentKey(id)}`).toBe(name);
    const chinese = entry(traditionalChinese, group, id);
    expect(chinese, `zh-HK instruments.${group}.${instrumentKey(id)}`).toMatch(/[\u3400-\u9fff]/);
    expect(nameOf(en, instrument)).toBe(name);
    expect(nameOf(zh, instrument)).toBe(chinese);
  });

  it("DISC-1: the market heading reads the name in each language", () => {
    const btc = DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === "BTC-PERP")!;
    expect(marketName(en, btc)).toBe("Bitcoin perpetual (USD-settled)");
    expect(marketName(zh, btc)).toBe("比特幣永續合約（以美元結算）");
  });

  it("DISC-1 / DISC-10 / MRG-2: an instrument the catalogue does not know shows its configured name, never a key", () => {
    for (const t of [en, zh]) {
      expect(marketName(t, { symbol: "SOL-PERP", displayName: "Solana perpetual (USD-settled)" })).toBe("Solana perpetual (USD-settled)");
      expect(collateralName(t, { assetId: "EURX-DEMO", name: "Demo EUR stablecoin" })).toBe("Demo EUR stablecoin");
      expect(spotListingName(t, { asset: "SOL", name: "Solana" })).toBe("Solana");
      // Ids that look like catalogue paths or object members are still only ids.
      expect(collateralName(t, { assetId: "constructor", name: "Odd asset" })).toBe("Odd asset");
      expect(marketName(t, { symbol: "markets.BTC_PERP", displayName: "Dotted market" })).toBe("Dotted market");
    }
  });

  it("DISC-1: a known instrument renamed by configuration shows the configured name, not the translation of the old one", () => {
    for (const t of [en, zh]) {
      expect(marketName(t, { symbol: "BTC-PERP", displayName: "Bitcoin perpetual (USD-margined)" })).toBe("Bitcoin perpetual (USD-margined)");
      expect(collateralName(t, { assetId: "HKDX-DEMO", name: "HKDX stablecoin" })).toBe("HKDX stablecoin");
    }
  });

  it("keys an id by its letters and digits", () => {
    expect(instrumentKey("BTC-PERP")).toBe("BTC_PERP");
    expect(instrumentKey("TD-HKD-DEMOBANK")).toBe("TD_HKD_DEMOBANK");
    expect(instrumentKey("a.b c")).toBe("a_b_c");
  });

  it("DISC-1 / DISC-10 / MRG-2: a name shown in its configured English says so; a translated one reads in the page's language", () => {
    expect(instrumentText(zh, "markets", "BTC-PERP", "Bitcoin perpetual (USD-settled)")).toEqual({ text: "比特幣永續合約（以美元結算）", lang: undefined });
    expect(instrumentText(zh, "markets", "BTC-PERP", "Bitcoin perpetual (USD-margined)")).toEqual({ text: "Bitcoin perpetual (USD-margined)", lang: "en" });
    expect(instrumentText(zh, "spot", "SOL", "Solana")).toEqual({ text: "Solana", lang: "en" });
  });
});

/** Every collateral asset of the default configuration with each of its free-text fields. */
const REGISTRY_TEXT = DEFAULT_ENGINE_CONFIG.collateral.flatMap((asset) => COLLATERAL_TEXT_FIELDS.map((field) => ({ asset, field, id: asset.assetId })));

const textEntry = (catalogue: { instruments?: unknown }, id: string, field: string) =>
  ((catalogue.instruments as { collateralText?: Record<string, Record<string, string> | undefined> } | undefined)?.collateralText?.[instrumentKey(id)] ?? {})[
    field
  ];

describe("the collateral registry's free text in the reader's language (DISC-10 / COL-1 / COL-3, bilingual pages of DISC-8)", () => {
  it("the default registry has issuer, regulatory basis and valuation method to show", () => {
    expect(REGISTRY_TEXT.length).toBe(DEFAULT_ENGINE_CONFIG.collateral.length * 3);
    expect(DEFAULT_ENGINE_CONFIG.collateral.length).toBeGreaterThan(0);
  });

  it.each(REGISTRY_TEXT)("DISC-10: $id $field has its configured text in English and a Chinese text", ({ asset, field, id }) => {
    expect(textEntry(english, id, field), `en instruments.collateralText.${instrumentKey(id)}.${field}`).toBe(asset[field]);
    const chinese = textEntry(traditionalChinese, id, field);
    expect(chinese, `zh-HK instruments.collateralText.${instrumentKey(id)}.${field}`).toMatch(/[\u3400-\u9fff]/);
    expect(collateralText(en, asset, field)).toEqual({ text: asset[field], lang: undefined });
    expect(collateralText(zh, asset, field)).toEqual({ text: chinese, lang: undefined });
    // The same text read off a record of registry changes, by asset id and field.
    expect(collateralFieldText(zh, id, field, asset[field])).toEqual({ text: chinese, lang: undefined });
  });

  it("DISC-10: the regulatory basis reads in Hong Kong's legal terms", () => {
    const hkdx = DEFAULT_ENGINE_CONFIG.collateral.find((asset) => asset.assetId === "HKDX-DEMO")!;
    expect(collateralText(zh, hkdx, "regulatoryBasis").text).toContain("《穩定幣條例》（第656章）");
    expect(collateralText(zh, hkdx, "regulatoryBasis").text).toContain("香港金融管理局");
  });

  it("DISC-10: a registry text changed by configuration shows the text in force, marked English, not the translation of the old one", () => {
    const usd = DEFAULT_ENGINE_CONFIG.collateral.find((asset) => asset.assetId === "USD")!;
    const changed = { ...usd, valuationMethod: "At par: 1 USD = 1 USD, checked daily." };
    for (const t of [en, zh]) {
      expect(collateralText(t, changed, "valuationMethod")).toEqual({ text: "At par: 1 USD = 1 USD, checked daily.", lang: "en" });
      expect(collateralText(t, changed, "issuer")).toEqual(collateralText(t, usd, "issuer"));
      // Matched by asset id and field: another asset's text does not stand in for this asset's.
      expect(collateralFieldText(t, "HKD", "valuationMethod", usd.valuationMethod)).toEqual({ text: usd.valuationMethod, lang: "en" });
    }
  });

  it("DISC-10: an asset the catalogue does not know shows its configured text, marked English, never a key", () => {
    for (const t of [en, zh]) {
      const unknown = { assetId: "EURX-DEMO", issuer: "Demo EUR issuer", regulatoryBasis: "Some basis.", valuationMethod: "At par to EUR." };
      for (const field of COLLATERAL_TEXT_FIELDS) expect(collateralText(t, unknown, field)).toEqual({ text: unknown[field], lang: "en" });
      // Ids and fields that look like catalogue paths or object members are still only ids and fields.
      expect(collateralFieldText(t, "constructor", "issuer", "Odd issuer")).toEqual({ text: "Odd issuer", lang: "en" });
      expect(collateralFieldText(t, "USD.issuer", "issuer", "Dotted")).toEqual({ text: "Dotted", lang: "en" });
      expect(collateralFieldText(t, "USD", "toString", "x")).toEqual({ text: "x", lang: undefined });
    }
  });

  it("DISC-10: in a record of changes, the name goes through the name catalogue and figures, dates and codes stay as they are", () => {
    expect(collateralFieldText(zh, "HKDX-DEMO", "name", "Demo HKD stablecoin (illustrative)")).toEqual({ text: "示範港元穩定幣（僅供說明）", lang: undefined });
    expect(collateralFieldText(zh, "HKDX-DEMO", "name", "HKDX")).toEqual({ text: "HKDX", lang: "en" });
    expect(collateralFieldText(zh, "HKDX-DEMO", "haircutRate", "2 %")).toEqual({ text: "2 %", lang: undefined });
    expect(collateralFieldText(zh, "HKDX-DEMO", "licenceNo", "ILLUSTRATIVE-SC-0001")).toEqual({ text: "ILLUSTRATIVE-SC-0001", lang: undefined });
  });

  it('DISC-8: configured English on a page is an element with lang="en"; text in the reader\'s language is plain text', () => {
    expect(readerTextNode({ text: "比特幣", lang: undefined })).toBe("比特幣");
    const node = readerTextNode({ text: "Solana", lang: "en" });
    expect(isValidElement(node)).toBe(true);
    expect(isValidElement(node) && node.type).toBe("span");
    expect(isValidElement<{ lang: string; children: string }>(node) && node.props).toEqual({ lang: "en", children: "Solana" });
  });
});

describe("why an asset is not perps collateral, in the reader's language (COL-1, bilingual pages of DISC-8)", () => {
  const EXAMPLES = Object.entries(KNOWN_INELIGIBLE_ASSETS).map(([assetId, reason]) => ({ assetId, reason }));

  it.each(EXAMPLES)("COL-1: $assetId's reason is the engine's in English and has a Chinese text", (example) => {
    expect(entry(english, "ineligible", example.assetId), `en instruments.ineligible.${instrumentKey(example.assetId)}`).toBe(example.reason);
    const chinese = entry(traditionalChinese, "ineligible", example.assetId);
    expect(chinese).toMatch(/[\u3400-\u9fff]/);
    expect(ineligibleReason(en, example)).toEqual({ text: example.reason, lang: undefined });
    expect(ineligibleReason(zh, example)).toEqual({ text: chinese, lang: undefined });
  });

  it("COL-1: a reason the engine words differently, or an asset the catalogue does not know, shows the engine's English, marked so", () => {
    for (const t of [en, zh]) {
      expect(ineligibleReason(t, { assetId: "USDT", reason: "USDT is not eligible." })).toEqual({ text: "USDT is not eligible.", lang: "en" });
      expect(ineligibleReason(t, { assetId: "DOGE", reason: "DOGE is a virtual asset." })).toEqual({ text: "DOGE is a virtual asset.", lang: "en" });
    }
  });
});
