import { createFormatter, createTranslator } from "next-intl";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CONFIGURATION_ANSWERS, knowledgeEntries } from "@/app/[locale]/learn/questions/entries";
import { COMPLAINT_POLICY } from "@/lib/complaints/policy";
import { collateralSchedule, DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { formatDurationMs, formatPpbPercentExact, formatUsdMicrosExact } from "@/lib/format";
import { messagesFor } from "@/lib/i18n/catalogue";
import type { AppLocale } from "@/lib/i18n/routing";
import { productTextFindings } from "@/lib/product-text/patterns";
import type { MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { plain } from "@/lib/services/public-market-data/common";
import { KNOWLEDGE_BASE_QUESTIONS, searchKnowledgeBase } from "./knowledge-base";

// The page's translator and formatter, outside a request: the catalogue of the language under test.
const request = vi.hoisted((): { locale: AppLocale } => ({ locale: "en" }));
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) =>
    createTranslator({ locale: request.locale, messages: messagesFor(request.locale), namespace: namespace as never }),
  getFormatter: async () => createFormatter({ locale: request.locale, timeZone: "UTC" }),
}));

/** The methodology answer for the configuration as launched, with an insurance fund balance in the first market. */
function launchMethodology(): MethodologyAnswer {
  const markets = DEFAULT_ENGINE_CONFIG.markets.map((spec, i) => ({
    spec: plain(spec),
    live: { mark: null, adl: null, insuranceFund: i === 0 ? { balance: "2500000000000" } : null },
  }));
  const collateral = { usdPerHkd: null, assets: plain(collateralSchedule(DEFAULT_ENGINE_CONFIG.collateral, Date.UTC(2026, 0, 1))) };
  return { markets, collateral, configHash: "abc" } as unknown as MethodologyAnswer;
}

const LOCALES: readonly AppLocale[] = ["en", "zh-HK"];

describe("EDU-2: the knowledge base's answers as the page renders them", () => {
  beforeEach(() => {
    request.locale = "en";
  });

  it("EDU-2: in both languages every answer renders with its figures filled in, none left as a placeholder, and no product-text finding", async () => {
    for (const locale of LOCALES) {
      request.locale = locale;
      const entries = await knowledgeEntries(launchMethodology());
      expect(entries.map((entry) => entry.id)).toEqual(KNOWLEDGE_BASE_QUESTIONS.map((question) => question.id));
      for (const entry of entries) {
        const text = [entry.question, ...entry.answer].join("\n");
        expect(text, `${locale} ${entry.id}`).not.toMatch(/[{}]|knowledgeBase\./);
        expect(productTextFindings(`${locale} ${entry.id}`, text)).toEqual([]);
        if (locale === "zh-HK") expect(text, entry.id).toMatch(/[\u3400-\u9fff]/);
      }
    }
  });

  it("EDU-2: the figures are the configuration's and the policy's own, one sentence per market", async () => {
    const entries = await knowledgeEntries(launchMethodology());
    const answer = (id: string) => entries.find((entry) => entry.id === id)!.answer.join(" ");
    for (const spec of DEFAULT_ENGINE_CONFIG.markets) {
      expect(answer("funding")).toContain(`In ${spec.symbol} funding is settled every ${formatDurationMs(spec.funding.intervalMs)}.`);
      expect(answer("funding")).toContain(`±${formatPpbPercentExact(spec.funding.capRate)}`);
      expect(answer("fees")).toContain(`maker ${formatPpbPercentExact(spec.fees.makerFeeRate)}, taker ${formatPpbPercentExact(spec.fees.takerFeeRate)}`);
      expect(answer("leverage")).toContain(`up to ${spec.marginTiers[0].maxLeverage}x`);
      expect(answer("orderRefused")).toContain(`${formatUsdMicrosExact(spec.maxPositionNotional)} USD`);
      expect(answer("insuranceFund")).toContain(`${formatUsdMicrosExact(spec.liquidation.insuranceFundFloor)} USD`);
    }
    expect(answer("insuranceFund")).toContain("holds 2,500,000.00 USD now");
    expect(answer("complaint")).toContain(`within ${COMPLAINT_POLICY.acknowledgeBusinessDays} Hong Kong business days`);
    expect(answer("complaint")).toContain(`within ${COMPLAINT_POLICY.finalResponseDays} days`);
    expect(answer("collateral")).toMatch(/Eligible now: .*haircut/);
  });

  it("EDU-2: searching the rendered answers finds funding in English and in Chinese", async () => {
    const english = await knowledgeEntries(launchMethodology());
    const found = searchKnowledgeBase(english, "funding");
    expect(found.kind === "results" && found.entries[0].id).toBe("funding");
    request.locale = "zh-HK";
    const chinese = await knowledgeEntries(launchMethodology());
    const zh = searchKnowledgeBase(chinese, "資金費用");
    expect(zh.kind === "results" && zh.entries[0].id).toBe("funding");
    expect(searchKnowledgeBase(chinese, "聯屬莊家").entries.map((entry) => entry.id)).toContain("afmm");
  });

  it("EDU-2: without the configuration in force, the answers that quote it are left out and the rest remain", async () => {
    const entries = await knowledgeEntries(null);
    expect(entries.map((entry) => entry.id)).toEqual(KNOWLEDGE_BASE_QUESTIONS.map((question) => question.id).filter((id) => !CONFIGURATION_ANSWERS.has(id)));
    expect(entries.some((entry) => entry.id === "complaint")).toBe(true);
  });
});
