import { DEFAULT_ENGINE_CONFIG, type LiquidationCloseOut } from "../../engine/index";
import { liquidationRuleSummary } from "../../liquidation-rule";
import type { DisclosureSection, RiskDisclosureVersion } from "./documents";
import { RISK_DISCLOSURE_V2 } from "./v2";

/**
 * Version 3 of the perpetual-contract risk disclosure (DISC-8, LIQ-1), in English and Traditional
 * Chinese. Material: it states the liquidation rule the markets run. Version 2 said positions "are
 * closed" without saying how far; the markets close a position in default in full, so this version
 * says so, in words chosen by the configured rule (`liquidation.closeOut`, the same field the
 * methodology page and the parameter registry render). The other sections are version 2's, unchanged.
 */

/** The liquidation section for a rule, in one language; everything but the first paragraph is version 2's. */
function liquidationSection(base: DisclosureSection, first: string): DisclosureSection {
  return { ...base, paragraphs: [first, ...base.paragraphs.slice(1)] };
}

const FIRST_PARAGRAPH: Record<LiquidationCloseOut, { en: string; "zh-HK": string }> = {
  full: {
    en: "When your equity falls below your maintenance margin, measured at the mark price (not the last traded price), your account is in default and is liquidated without asking you: your resting orders are cancelled and every position you hold, in every market, is closed in full, on the order book first, then by backstop liquidity providers, at prices no worse than your bankruptcy price. The liquidation does not stop when your account is back above its maintenance margin, so no position remains open; what is left after that point is taken over at the mark price. A liquidation fee is charged and paid into the market's insurance fund.",
    "zh-HK":
      "當你的權益跌至低於維持保證金（按標記價格而非最後成交價計算）時，你的賬戶即屬違約，並會在不徵詢你的情況下被強制平倉：你的掛單會被取消，你在每個市場持有的每個倉位都會被全數平倉，先在訂單簿、再由後備流動性提供者平倉，成交價不會差於你的破產價格。即使你的賬戶已回升至維持保證金以上，強制平倉亦不會停止，因此不會留下任何未平倉的倉位；在那之後餘下的倉位會按標記價格被承接。平倉會收取強制平倉費，撥入該市場的保險基金。",
  },
  partial: {
    en: "When your equity falls below your maintenance margin, measured at the mark price (not the last traded price), your account is liquidated without asking you: your resting orders are cancelled and your positions are closed step by step, on the order book first, then by backstop liquidity providers, at prices no worse than your bankruptcy price, until your account is back above its maintenance margin, so part of a position can remain open. A liquidation fee is charged and paid into the market's insurance fund.",
    "zh-HK":
      "當你的權益跌至低於維持保證金（按標記價格而非最後成交價計算）時，你的賬戶會在不徵詢你的情況下被強制平倉：你的掛單會被取消，倉位會逐步平倉，先在訂單簿、再由後備流動性提供者平倉，成交價不會差於你的破產價格，直至你的賬戶回升至維持保證金以上為止，因此倉位的一部分可能仍未平倉。平倉會收取強制平倉費，撥入該市場的保險基金。",
  },
};

/** Version 3 as written for a liquidation rule; the published version is the one for the launched configuration. */
export function riskDisclosureV3For(rule: LiquidationCloseOut): RiskDisclosureVersion {
  const v2 = RISK_DISCLOSURE_V2;
  const zh = v2.translations!["zh-HK"]!;
  const withRule = (sections: readonly DisclosureSection[], language: "en" | "zh-HK") =>
    sections.map((section) => (section.id === "liquidation" ? liquidationSection(section, FIRST_PARAGRAPH[rule][language]) : section));
  return {
    ...v2,
    id: "rd-2026-12-v3",
    effectiveFrom: "2026-12-07T00:00:00+08:00",
    material: true,
    sections: withRule(v2.sections, "en"),
    translations: { "zh-HK": { ...zh, sections: withRule(zh.sections, "zh-HK") } },
  };
}

/** The rule every launched market runs; a configuration that mixes rules needs its own wording. */
function launchedRule(): LiquidationCloseOut {
  const summary = liquidationRuleSummary(DEFAULT_ENGINE_CONFIG.markets);
  if (summary === "mixed") throw new Error("risk disclosure v3 states one liquidation rule, but the launched markets mix full and partial close-out");
  return summary;
}

export const RISK_DISCLOSURE_V3: RiskDisclosureVersion = riskDisclosureV3For(launchedRule());
