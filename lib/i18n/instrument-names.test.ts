import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { english, messagesFor, traditionalChinese } from "@/lib/i18n/catalogue";
import { collateralName, instrumentKey, marketName, spotListingName, type InstrumentGroup } from "@/lib/i18n/instrument-names";
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
});
