import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CONTRACT_PATHS, FUNDING_PATHS, formatParameter } from "@/components/market-parameters";
import { rateText } from "@/components/market-live";
import { DEFAULT_ENGINE_CONFIG, MARKET_PARAMETER_DOCS } from "@/lib/engine/index";
import { english } from "@/lib/i18n/catalogue";
import type { MarketDetail } from "@/lib/wire/public-api";

/**
 * Published units keep every digit they have (DISC-1): one tick × one lot on BTC-PERP is 100 micro-USD,
 * 0.0001 USD, which a cents formatter showed as "0.00 USD"; small funding rates lost their last digits.
 */

/** The spec as GET /api/public/markets/{symbol} sends it: bigints as decimal strings. */
const btc = DEFAULT_ENGINE_CONFIG.markets.find((market) => market.symbol === "BTC-PERP");
const spec = JSON.parse(JSON.stringify(btc, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as MarketDetail["spec"];
const t = createTranslator({ locale: "en", messages: english, namespace: "components.parameters" });

const valueAt = (path: string): unknown => path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], spec);
const shown = (path: string) => formatParameter(t, valueAt(path), MARKET_PARAMETER_DOCS[path].unit, spec);

describe("market parameter precision", () => {
  it("shows the tick × lot value exactly", () => {
    expect(MARKET_PARAMETER_DOCS.tickLotValue.label).toBe("Tick × lot value");
    expect(spec.tickLotValue).toBe("100");
    expect(shown("tickLotValue")).toBe("0.0001 USD");
  });

  it("shows micro-USD and ppb parameters without truncating them", () => {
    expect(formatParameter(t, "1", "micro-USD", spec)).toBe("0.000001 USD");
    expect(formatParameter(t, "250000000", "micro-USD", spec)).toBe("250.00 USD");
    expect(formatParameter(t, "12345", "ppb", spec)).toBe("0.0012345% (12,345 ppb)");
    expect(formatParameter(t, "200000", "ppb", spec)).toBe("0.02% (200,000 ppb)");
  });

  it("shows the tick and lot sizes as configured", () => {
    expect(shown("tickSize")).toBe(`${spec.tickSize} USD`);
    expect(shown("lotSize")).toBe(`${spec.lotSize} ${spec.baseAsset}`);
  });

  it("never rounds a published contract or funding parameter to zero", () => {
    for (const path of [...CONTRACT_PATHS, ...FUNDING_PATHS]) {
      const value = valueAt(path);
      if (typeof value !== "string" || !/^[1-9]\d*$/.test(value)) continue;
      const text = shown(path);
      expect(text, path).toMatch(/[1-9]/);
    }
  });

  it("shows funding rates exactly, with their ppb", () => {
    expect(rateText("12345")).toBe("0.0012345% (12,345 ppb)");
    expect(rateText("-100000")).toBe("−0.01% (−100,000 ppb)");
    expect(rateText("0")).toBe("0% (0 ppb)");
  });
});
