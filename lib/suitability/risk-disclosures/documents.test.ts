import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acknowledgementCovers, canonicalText, currentVersion, RISK_DISCLOSURE_VERSIONS, versionListProblems, type RiskDisclosureVersion } from "./index";
import { contentHash } from "./hash";
import { RISK_DISCLOSURE_V1 } from "./v1";
import { RISK_DISCLOSURE_V2 } from "./v2";
import { RISK_DISCLOSURE_V3, riskDisclosureV3For } from "./v3";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { localizedDisclosure } from "./documents";

const v = (id: string, effectiveFrom: string, material = true): RiskDisclosureVersion => ({ ...RISK_DISCLOSURE_V1, id, effectiveFrom, material });

describe("risk-disclosure documents (DISC-8)", () => {
  it("DISC-8: v1 covers leverage, liquidation, funding, insurance fund and ADL, collateral depeg, AFMM conflicts and operational risk", () => {
    expect(RISK_DISCLOSURE_V1.sections.map((s) => s.id)).toEqual([
      "leverage",
      "liquidation",
      "funding",
      "insurance-fund-adl",
      "collateral-depeg",
      "afmm-conflicts",
      "operational",
    ]);
    expect(versionListProblems(RISK_DISCLOSURE_VERSIONS)).toEqual([]);
  });

  it("DISC-8: the text types no figure; numbers live on the linked pages", () => {
    const body = RISK_DISCLOSURE_V1.sections.flatMap((s) => s.paragraphs).join(" ");
    expect(body).not.toMatch(/\d/);
  });

  it("REC-6: the hash is SHA-256 of the canonical text and changes with any visible change", () => {
    expect(contentHash(RISK_DISCLOSURE_V1)).toBe(createHash("sha256").update(canonicalText(RISK_DISCLOSURE_V1)).digest("hex"));
    const edited = {
      ...RISK_DISCLOSURE_V1,
      sections: RISK_DISCLOSURE_V1.sections.map((s, i) => (i === 0 ? { ...s, seeAlso: [{ href: "/x", label: s.seeAlso[0].label }] } : s)),
    };
    expect(contentHash(edited)).not.toBe(contentHash(RISK_DISCLOSURE_V1));
  });

  it("DISC-8: the current version is the latest in effect; acknowledgements carry over only non-material changes", () => {
    const versions = [v("a", "2026-01-01T00:00:00+08:00"), v("b", "2026-02-01T00:00:00+08:00", false), v("c", "2026-03-01T00:00:00+08:00")];
    expect(currentVersion(versions, new Date("2025-12-31T15:59:59Z"))).toBeNull();
    expect(currentVersion(versions, new Date("2025-12-31T16:00:00Z"))?.id).toBe("a");
    expect(currentVersion(versions, new Date("2026-02-15T00:00:00Z"))?.id).toBe("b");
    expect(acknowledgementCovers(versions, "a", versions[1])).toBe(true);
    expect(acknowledgementCovers(versions, "a", versions[2])).toBe(false);
    expect(acknowledgementCovers(versions, "b", versions[2])).toBe(false);
    expect(acknowledgementCovers(versions, "c", versions[2])).toBe(true);
    expect(acknowledgementCovers(versions, "unknown", versions[0])).toBe(false);
  });

  it("DISC-8: a version list with duplicate ids, unordered dates or a non-material first version is invalid", () => {
    expect(versionListProblems([v("a", "2026-01-01T00:00:00Z", false), v("a", "2025-01-01T00:00:00Z")])).toEqual([
      "a: the first version must be material",
      "duplicate version id a",
      "a: effectiveFrom must be later than the previous version's",
    ]);
  });

  it("DISC-8: v2 is material, mirrors its English in Traditional Chinese section for section, and its hash covers both languages", () => {
    expect(RISK_DISCLOSURE_V2.material).toBe(true);
    expect(RISK_DISCLOSURE_VERSIONS).toContain(RISK_DISCLOSURE_V2);
    const zh = RISK_DISCLOSURE_V2.translations!["zh-HK"]!;
    expect(zh.sections.map((s) => s.id)).toEqual(RISK_DISCLOSURE_V2.sections.map((s) => s.id));
    expect(zh.sections.flatMap((s) => s.paragraphs).join(" ")).not.toMatch(/\d/);
    expect(localizedDisclosure(RISK_DISCLOSURE_V2, "zh-HK")).toMatchObject({ language: "zh-HK", title: zh.title });
    expect(localizedDisclosure(RISK_DISCLOSURE_V2, "en")).toMatchObject({ language: "en", title: RISK_DISCLOSURE_V2.title });
    expect(localizedDisclosure(RISK_DISCLOSURE_V1, "zh-HK").language).toBe("en");
    const retranslated = { ...RISK_DISCLOSURE_V2, translations: { "zh-HK": { ...zh, title: `${zh.title} ` } } };
    expect(contentHash(retranslated)).not.toBe(contentHash(RISK_DISCLOSURE_V2));
    // v1 has no translation, so its text, and every stored hash of it, is unchanged.
    expect(canonicalText(RISK_DISCLOSURE_V1)).not.toContain("Language: zh-HK");
    const broken = { ...RISK_DISCLOSURE_V2, translations: { "zh-HK": { ...zh, sections: zh.sections.slice(1) } } };
    expect(versionListProblems([RISK_DISCLOSURE_V1, broken])).toContain("rd-2026-12-v2: zh-HK sections differ from the English");
  });

  it("LIQ-1, DISC-8: v3 is material, current now, and states the configured rule: a position in default is closed in full", () => {
    expect(RISK_DISCLOSURE_V3.material).toBe(true);
    expect(RISK_DISCLOSURE_VERSIONS.at(-1)).toBe(RISK_DISCLOSURE_V3);
    expect(currentVersion(RISK_DISCLOSURE_VERSIONS, new Date(Date.parse(RISK_DISCLOSURE_V3.effectiveFrom)))).toBe(RISK_DISCLOSURE_V3);
    expect(currentVersion(RISK_DISCLOSURE_VERSIONS, new Date(Date.parse(RISK_DISCLOSURE_V3.effectiveFrom) - 1))).toBe(RISK_DISCLOSURE_V2);
    expect(acknowledgementCovers(RISK_DISCLOSURE_VERSIONS, RISK_DISCLOSURE_V2.id, RISK_DISCLOSURE_V3)).toBe(false);
    expect(versionListProblems(RISK_DISCLOSURE_VERSIONS)).toEqual([]);
    // Written from the launched configuration's rule, which is full close-out in every market.
    expect(DEFAULT_ENGINE_CONFIG.markets.every((m) => m.liquidation.closeOut === "full")).toBe(true);
    expect(RISK_DISCLOSURE_V3).toEqual(riskDisclosureV3For("full"));
    const liquidation = (doc: typeof RISK_DISCLOSURE_V3, locale: string) =>
      localizedDisclosure(doc, locale).sections.find((s) => s.id === "liquidation")!.paragraphs[0];
    expect(liquidation(RISK_DISCLOSURE_V3, "en")).toContain("every position you hold, in every market, is closed in full");
    expect(liquidation(RISK_DISCLOSURE_V3, "en")).toContain("so no position remains open");
    expect(liquidation(RISK_DISCLOSURE_V3, "zh-HK")).toContain("都會被全數平倉");
    // The alternative reads differently, and correctly, in both languages.
    const partial = riskDisclosureV3For("partial");
    expect(liquidation(partial, "en")).toContain("until your account is back above its maintenance margin, so part of a position can remain open");
    expect(liquidation(partial, "zh-HK")).toContain("倉位的一部分可能仍未平倉");
    expect(contentHash(partial)).not.toBe(contentHash(RISK_DISCLOSURE_V3));
    // Only the liquidation section changed from v2, in both languages; no figures in the text.
    const others = (doc: typeof RISK_DISCLOSURE_V3) => doc.sections.filter((s) => s.id !== "liquidation");
    expect(others(RISK_DISCLOSURE_V3)).toEqual(others(RISK_DISCLOSURE_V2));
    const zh = RISK_DISCLOSURE_V3.translations!["zh-HK"]!;
    expect(zh.sections.filter((s) => s.id !== "liquidation")).toEqual(
      RISK_DISCLOSURE_V2.translations!["zh-HK"]!.sections.filter((s) => s.id !== "liquidation"),
    );
    expect([...RISK_DISCLOSURE_V3.sections, ...zh.sections].flatMap((s) => s.paragraphs).join(" ")).not.toMatch(/\d/);
  });
});
