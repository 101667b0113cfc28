import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { QUIZ_TOPICS } from "../quiz-bank";
import {
  canonicalText,
  courseVersionById,
  courseVersionProblems,
  currentCourse,
  PERPS_COURSE_V1,
  PERPS_COURSE_V2,
  PERPS_COURSE_V3,
  PERPS_COURSE_VERSIONS,
  perpsCourseV3For,
  type PerpsCourseVersion,
} from "./index";
import { courseContentHash } from "./hash";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { liquidationRuleSummary } from "../../liquidation-rule";
import { riskDisclosureV3For } from "../risk-disclosures/v3";

const v = (id: string, effectiveFrom: string): PerpsCourseVersion => ({ ...PERPS_COURSE_V1, id, effectiveFrom });

/** Everything the client reads, so a typed figure anywhere in the text is caught. */
const visibleText = (course: PerpsCourseVersion) =>
  [course.title, ...course.introduction, ...course.modules.flatMap((m) => [m.heading, ...m.paragraphs, ...m.seeAlso.map((l) => l.label)])].join("\n");

describe("perps course (SUIT-3)", () => {
  it("SUIT-3: the published version list is valid and v1 is in it", () => {
    expect(courseVersionProblems(PERPS_COURSE_VERSIONS)).toEqual([]);
    expect(PERPS_COURSE_VERSIONS).toContain(PERPS_COURSE_V1);
    expect(PERPS_COURSE_V1.id).toMatch(/^perps-course-\d{4}-\d{2}-v\d+$/);
  });

  it("SUIT-3: every end-quiz topic is taught by exactly one module, in the quiz's topic order", () => {
    expect(PERPS_COURSE_V1.modules.map((m) => m.topic)).toEqual([...QUIZ_TOPICS]);
    for (const topic of QUIZ_TOPICS) expect(PERPS_COURSE_V1.modules.filter((m) => m.topic === topic)).toHaveLength(1);
  });

  it("every module has text and links only to the portal's own pages", () => {
    for (const m of PERPS_COURSE_V1.modules) {
      expect(m.paragraphs.length, m.id).toBeGreaterThan(0);
      expect(m.seeAlso.length, m.id).toBeGreaterThan(0);
      for (const link of m.seeAlso) expect(link.href, m.id).toMatch(/^\/(disclosures|portal)\//);
    }
  });

  it("the text types no engine figure: no digit, no percentage, no leverage multiple (the page shows them live)", () => {
    const text = visibleText(PERPS_COURSE_V1);
    expect(text).not.toMatch(/\d\s*(%|per ?cent|x\b|×)/i);
    expect(text).not.toMatch(/\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)[\s-]*(per ?cent|times|x)\b/i);
    expect(text).not.toMatch(/\d/);
  });

  it("canonical text lists every visible field in display order and is stable", () => {
    const text = canonicalText(PERPS_COURSE_V1);
    expect(
      text.startsWith(`# ${PERPS_COURSE_V1.title}\nVersion: ${PERPS_COURSE_V1.id}\nEffective from: ${PERPS_COURSE_V1.effectiveFrom}\nLanguage: en\n`),
    ).toBe(true);
    let from = 0;
    for (const m of PERPS_COURSE_V1.modules) {
      for (const piece of [`## ${m.heading}`, ...m.paragraphs, ...m.seeAlso.map((l) => `See: ${l.label} <${l.href}>`)]) {
        const at = text.indexOf(piece, from);
        expect(at, piece).toBeGreaterThanOrEqual(from);
        from = at + piece.length;
      }
    }
    expect(canonicalText(structuredClone(PERPS_COURSE_V1))).toBe(text);
  });

  it("SUIT-3: the hash is SHA-256 of the canonical text and changes with any visible change", () => {
    expect(courseContentHash(PERPS_COURSE_V1)).toBe(createHash("sha256").update(canonicalText(PERPS_COURSE_V1)).digest("hex"));
    expect(courseContentHash(PERPS_COURSE_V1)).toMatch(/^[0-9a-f]{64}$/);
    const reworded = {
      ...PERPS_COURSE_V1,
      modules: PERPS_COURSE_V1.modules.map((m, i) => (i === 0 ? { ...m, paragraphs: [...m.paragraphs.slice(0, -1), `${m.paragraphs.at(-1)!} `] } : m)),
    };
    const relinked = {
      ...PERPS_COURSE_V1,
      modules: PERPS_COURSE_V1.modules.map((m, i) => (i === 5 ? { ...m, seeAlso: [{ href: "/x", label: m.seeAlso[0].label }] } : m)),
    };
    expect(courseContentHash(reworded)).not.toBe(courseContentHash(PERPS_COURSE_V1));
    expect(courseContentHash(relinked)).not.toBe(courseContentHash(PERPS_COURSE_V1));
  });

  it("SUIT-3: the version of a completion is the one in effect when it happened; a later version leaves it unchanged", () => {
    const versions = [v("a", "2026-01-01T00:00:00+08:00"), v("b", "2026-03-01T00:00:00+08:00")];
    expect(currentCourse(versions, new Date("2025-12-31T15:59:59Z"))).toBeNull();
    expect(currentCourse(versions, new Date("2025-12-31T16:00:00Z"))?.id).toBe("a");
    expect(currentCourse(versions, new Date("2026-02-28T15:59:59Z"))?.id).toBe("a");
    expect(currentCourse(versions, new Date("2026-02-28T16:00:00Z"))?.id).toBe("b");
    expect(courseVersionById(versions, "a")).toBe(versions[0]);
    expect(courseVersionById(versions, "unknown")).toBeNull();
    expect(currentCourse(PERPS_COURSE_VERSIONS, new Date(PERPS_COURSE_V1.effectiveFrom))).toBe(PERPS_COURSE_V1);
  });

  it("a version list with duplicate ids, unordered or invalid dates, or duplicate or empty modules is invalid", () => {
    const first = PERPS_COURSE_V1.modules[0];
    expect(courseVersionProblems([v("a", "2026-01-01T00:00:00Z"), v("a", "2025-01-01T00:00:00Z"), v("c", "not a date")])).toEqual([
      "duplicate version id a",
      "a: effectiveFrom must be later than the previous version's",
      "c: effectiveFrom is not a date",
    ]);
    expect(courseVersionProblems([{ ...v("d", "2026-01-01T00:00:00Z"), modules: [first, { ...first, paragraphs: [] }] }])).toEqual([
      "d: duplicate module id funding",
      "d: module funding has no text",
    ]);
    expect(courseVersionProblems([{ ...v("e", "2026-01-01T00:00:00Z"), modules: [] }])).toEqual(["e: a course needs at least one module"]);
  });
});

describe("perps course version 2 (SUIT-3, DISC-8)", () => {
  it("SUIT-3: v2 stays published, changes v1's text only in its introduction and AFMM module, and types no figure", () => {
    expect(PERPS_COURSE_VERSIONS).toContain(PERPS_COURSE_V2);
    expect(courseVersionProblems(PERPS_COURSE_VERSIONS)).toEqual([]);
    expect(PERPS_COURSE_V2.modules.map((m) => m.topic)).toEqual([...QUIZ_TOPICS]);
    PERPS_COURSE_V2.modules.forEach((m, i) => {
      if (m.id !== "afmm-conflicts") expect(m.paragraphs).toBe(PERPS_COURSE_V1.modules[i].paragraphs);
    });
    expect(visibleText(PERPS_COURSE_V2)).not.toMatch(/\d/);
    expect(courseContentHash(PERPS_COURSE_V2)).not.toBe(courseContentHash(PERPS_COURSE_V1));
    expect(visibleText(PERPS_COURSE_V2)).toContain("The end quiz has its own questions, different from the perps risk quiz");
  });
});

describe("perps course version 3 (SUIT-3, LIQ-1)", () => {
  const liquidationOf = (course: PerpsCourseVersion) => course.modules.find((m) => m.id === "liquidation")!.paragraphs.join("\n");

  it("SUIT-3: v3 is the current course and changes v2's text only in the liquidation module's close-out paragraph", () => {
    expect(PERPS_COURSE_VERSIONS.at(-1)).toBe(PERPS_COURSE_V3);
    expect(courseVersionProblems(PERPS_COURSE_VERSIONS)).toEqual([]);
    expect(PERPS_COURSE_V3.modules.map((m) => m.topic)).toEqual([...QUIZ_TOPICS]);
    expect(PERPS_COURSE_V3.introduction).toBe(PERPS_COURSE_V2.introduction);
    expect(PERPS_COURSE_V3.title).toBe(PERPS_COURSE_V2.title);
    PERPS_COURSE_V3.modules.forEach((m, i) => {
      expect(m.seeAlso).toBe(PERPS_COURSE_V2.modules[i].seeAlso);
      if (m.id !== "liquidation") return expect(m).toBe(PERPS_COURSE_V2.modules[i]);
      const changed = m.paragraphs.filter((p, j) => p !== PERPS_COURSE_V2.modules[i].paragraphs[j]);
      expect(changed).toHaveLength(1);
    });
    expect(visibleText(PERPS_COURSE_V3)).not.toMatch(/\d/);
    expect(courseContentHash(PERPS_COURSE_V3)).not.toBe(courseContentHash(PERPS_COURSE_V2));
  });

  it("SUIT-3: v3 takes effect with risk disclosure v3; a completion before then stays on v2", () => {
    const at = Date.parse(PERPS_COURSE_V3.effectiveFrom);
    expect(PERPS_COURSE_V3.effectiveFrom).toBe(riskDisclosureV3For("full").effectiveFrom);
    expect(currentCourse(PERPS_COURSE_VERSIONS, new Date(at))).toBe(PERPS_COURSE_V3);
    expect(currentCourse(PERPS_COURSE_VERSIONS, new Date(at - 1))).toBe(PERPS_COURSE_V2);
    expect(courseVersionById(PERPS_COURSE_VERSIONS, PERPS_COURSE_V1.id)).toBe(PERPS_COURSE_V1);
  });

  it("LIQ-1: the published v3 teaches the rule the launched markets run, which is full close-out", () => {
    expect(liquidationRuleSummary(DEFAULT_ENGINE_CONFIG.markets)).toBe("full");
    expect(PERPS_COURSE_V3).toEqual(perpsCourseV3For("full"));
    const text = liquidationOf(PERPS_COURSE_V3);
    expect(text).toContain("closes every position in your account, in every market, in full");
    expect(text).toContain("does not stop when your account is back above its maintenance margin, so no position remains open");
    expect(text).toContain("book first");
    expect(text).toMatch(/backstop liquidity providers compensated by the insurance fund, and auto-deleveraging last/);
    expect(visibleText(PERPS_COURSE_V3)).not.toMatch(/healthy again|can be partial|can remain open/);
  });

  it("LIQ-1: v3 is a function of the rule: full and partial give different text and hashes, each saying what the risk disclosure v3 says for that rule", () => {
    const full = perpsCourseV3For("full");
    const partial = perpsCourseV3For("partial");
    expect(courseContentHash(full)).not.toBe(courseContentHash(partial));
    expect(courseVersionProblems([PERPS_COURSE_V1, PERPS_COURSE_V2, partial])).toEqual([]);
    expect(visibleText(partial)).not.toMatch(/\d/);
    expect(liquidationOf(partial)).toContain("stops as soon as your account is back above its maintenance margin, so a liquidation can be partial");
    expect(liquidationOf(partial)).not.toContain("in full");
    for (const [course, rule, phrase] of [
      [full, "full", "does not stop when your account is back above its maintenance margin"],
      [partial, "partial", "part of a position can remain open"],
    ] as const) {
      const disclosure = riskDisclosureV3For(rule).sections.find((s) => s.id === "liquidation")!.paragraphs[0];
      expect(liquidationOf(course), rule).toContain(phrase);
      expect(disclosure, rule).toContain(phrase);
    }
  });
});
