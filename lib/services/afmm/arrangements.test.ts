import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { messagesFor } from "@/lib/i18n/catalogue";
import { afmmArrangements, leafPaths, type ArrangementsInput } from "./arrangements";
import { surveillanceSettingsInForce } from "./surveillance-settings";
import { afmmTermsOf, type AfmmTerms } from "./terms";

const base = (terms: AfmmTerms = afmmTermsOf(DEFAULT_ENGINE_CONFIG), surveillance: object = surveillanceSettingsInForce()): ArrangementsInput => ({
  config: DEFAULT_ENGINE_CONFIG,
  terms,
  surveillance,
  affiliates: [
    {
      legalName: "Example Liquidity Ltd",
      relationship: "a subsidiary of the platform's holding company",
      agreementRef: "MM-2026-01",
      agreementDateMs: Date.UTC(2026, 0, 5),
    },
  ],
  orderEntry: { suspended: false, reason: "gates_met", sinceMs: Date.UTC(2026, 0, 6) },
  designation: { capacity: "RO", sinceMs: Date.UTC(2026, 0, 4) },
  sfcNotification: { notifiedOnMs: Date.UTC(2026, 0, 3), thirdPartyReportRef: "TPR-17" },
});

const WITH_OVERRIDE: AfmmTerms = {
  feeOverrides: [{ market: "BTC-PERP", makerFeeRate: -50_000n, takerFeeRate: 300_000n }],
  quoteObligations: afmmTermsOf(DEFAULT_ENGINE_CONFIG).quoteObligations,
};

/** A surveillance configuration with settings of every shape, for the leaf walk. */
const SURVEILLANCE_SAMPLE = {
  rules: {
    front_running: { windowMs: 5_000, minClientLots: 100 },
    offMarkFill: { thresholdBps: 50 },
    wash_trade: { enabled: true },
    spoofing: { minLots: 500, cancelWithinMs: 2_000 },
    quote_obligation: { windowMs: 3_600_000 },
    volume_share: { maxSharePct: 60, windowMs: 86_400_000 },
    price_divergence: { thresholdBps: 100 },
  },
  sampling: { ordinaryTradesPerDay: 20 },
};

const english = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "disclosures.afmmArrangements" });
const chinese = createTranslator({ locale: "zh-HK", messages: messagesFor("zh-HK"), namespace: "disclosures.afmmArrangements" });
const TAGS = { code: (chunks: string) => chunks, link: (chunks: string) => chunks };
const render = (t: typeof english, input: ArrangementsInput) =>
  afmmArrangements(input).map((line) => String(t.markup(`lines.${line.key}` as Parameters<typeof t.markup>[0], { ...line.values, ...TAGS })));

describe("AFMM-6: the AFMM arrangements disclosure is rendered from the configuration", () => {
  const cases: Array<[string, ArrangementsInput]> = [
    ["the configuration in force", base()],
    ["a fee override", base(WITH_OVERRIDE)],
    ["no obligations and no overrides", base({ feeOverrides: [], quoteObligations: [] })],
    ["a full surveillance configuration", base(undefined, SURVEILLANCE_SAMPLE)],
  ];
  it.each(cases)("AFMM-6: every leaf of the AFMM terms and of the surveillance configuration has a line (%s)", (_name, input) => {
    const rendered = new Set(afmmArrangements(input).flatMap((line) => line.paths));
    const leaves = [...leafPaths(input.terms, "afmm"), ...leafPaths(input.surveillance, "surveillance")];
    expect(leaves.length).toBeGreaterThan(0);
    expect(leaves.filter((path) => !rendered.has(path))).toEqual([]);
  });

  it("AFMM-6: every line has its words in English and Traditional Chinese", () => {
    for (const [, input] of cases) {
      for (const text of [...render(english, input), ...render(chinese, input)]) {
        expect(text).not.toMatch(/disclosures\.afmmArrangements|\{\w+\}/);
      }
      const zh = render(chinese, input);
      const en = render(english, input);
      expect(zh.filter((text, i) => text === en[i])).toEqual([]);
    }
  });

  it("AFMM-6: changing a configured value changes the line that renders it (the page cannot hard-code it)", () => {
    const before = render(english, base());
    const terms = afmmTermsOf(DEFAULT_ENGINE_CONFIG);
    const changed = {
      ...terms,
      quoteObligations: terms.quoteObligations.map((o, i) => (i === 0 ? { ...o, maxSpreadBps: o.maxSpreadBps + 7, minTimeOnBookPct: 55 } : o)),
    };
    const after = render(english, base(changed));
    const diff = after.filter((text, i) => text !== before[i]);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toContain(`${terms.quoteObligations[0].maxSpreadBps + 7} basis points`);
    expect(diff[0]).toContain("55%");

    const fees = render(english, base(WITH_OVERRIDE));
    expect(before.some((text) => text.includes("pays the same maker and taker fees"))).toBe(true);
    expect(fees.some((text) => text.includes("pays the same maker and taker fees"))).toBe(false);
    expect(fees.find((text) => text.startsWith("Fees in BTC-PERP"))).toMatch(
      /[−-]0\.005% on maker fills and 0\.03% on taker fills, where every other participant pays 0\.02% and 0\.05%/,
    );

    const sampled = render(english, base(undefined, SURVEILLANCE_SAMPLE));
    const bumped = render(english, base(undefined, { ...SURVEILLANCE_SAMPLE, rules: { ...SURVEILLANCE_SAMPLE.rules, offMarkFill: { thresholdBps: 75 } } }));
    expect(sampled.find((text) => text.startsWith("Fills away"))).toContain("thresholdBps: 50 bps");
    expect(bumped.find((text) => text.startsWith("Fills away"))).toContain("thresholdBps: 75 bps");
  });

  it("AFMM-6: the registers decide who, the officer's capacity (not a name), the SFC record and order entry", () => {
    const none = render(english, {
      ...base(),
      affiliates: [],
      designation: null,
      sfcNotification: null,
      orderEntry: { suspended: true, reason: "no_designated_officer", sinceMs: Date.UTC(2026, 0, 7) },
    });
    expect(none.join("\n")).toContain("No affiliated market maker is approved");
    expect(none.join("\n")).toContain("Order entry is suspended since 2026-01-07 00:00:00 UTC");
    expect(none.join("\n")).toContain("no Responsible Officer or Manager-in-Charge is designated");
    const some = render(english, base()).join("\n");
    expect(some).toContain(
      "Example Liquidity Ltd: a subsidiary of the platform's holding company. It acts under the market-making agreement MM-2026-01 dated 2026-01-05.",
    );
    expect(some).toContain("A Responsible Officer of the platform is designated");
    expect(some).toContain("notified the SFC on 2026-01-03");
    expect(some).toContain("TPR-17");
  });
});
