import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messageWords } from "@/test/message-words";
import { TOPICS } from "@/app/[locale]/learn/topics";
import { ACCESS_MATRIX } from "@/e2e/access-matrix";
import { COMPLAINT_CATEGORIES } from "@/lib/complaints/policy";
import { english, traditionalChinese } from "@/lib/i18n/catalogue";
import { messageKeys } from "@/lib/i18n/catalogue-gaps";
import { productTextFindings } from "@/lib/product-text/patterns";
import { KNOWLEDGE_BASE_QUESTIONS, KNOWLEDGE_QUERY_MAX, queryOf, searchKnowledgeBase, type KnowledgeEntry } from "./knowledge-base";

const entry = (id: string, question: string, answer: string, category: KnowledgeEntry["category"] = "other"): KnowledgeEntry => ({
  id,
  category,
  question,
  answer: [answer],
});

const ENTRIES = [
  entry("liq", "How is my liquidation price worked out?", "The mark price at which equity falls below maintenance margin.", "liquidation_adl"),
  entry("funding", "How is funding charged?", "Funding is settled every 8 h; the rate is capped. Liquidation does not change it.", "fees_funding"),
  entry("fees", "What fees do I pay?", "Maker and taker fees; a liquidation fee goes to the insurance fund.", "fees_funding"),
  entry("zh", "資金費用如何收取？", "資金費用在每個結算期完結時於好倉與淡倉之間支付。", "fees_funding"),
  entry("regex", "Odd text", "A literal .*( in the answer and a <b>tag</b>."),
];

const ids = (entries: readonly KnowledgeEntry[]) => entries.map((e) => e.id);

describe("EDU-2: searching the knowledge base", () => {
  it("EDU-2: no query, an empty one or one of spaces only lists every answer in order", () => {
    for (const raw of [undefined, "", "   ", "\t\n ", [], ["  "]]) {
      const result = searchKnowledgeBase(ENTRIES, raw);
      expect(result.kind, JSON.stringify(raw)).toBe("all");
      expect(ids(result.entries)).toEqual(ids(ENTRIES));
    }
  });

  it("EDU-2: matches the question and the answer, case-insensitively, question-title matches first", () => {
    const result = searchKnowledgeBase(ENTRIES, "LIQUIDATION");
    expect(result.kind).toBe("results");
    // "liq" has the word in its question; "funding" and "fees" only in their answers, kept in page order.
    expect(ids(result.entries)).toEqual(["liq", "funding", "fees"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "insurance fund").entries)).toEqual(["fees"]);
  });

  it("EDU-2: every word must occur, not necessarily together; more words in the question rank higher", () => {
    expect(ids(searchKnowledgeBase(ENTRIES, "funding capped").entries)).toEqual(["funding"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "funding nowhere-to-be-found").entries)).toEqual([]);
    expect(ids(searchKnowledgeBase(ENTRIES, "fee liquidation").entries)).toEqual(["fees"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "how is").entries)).toEqual(["liq", "funding"]);
  });

  it("EDU-2: Chinese matches as a substring, and full-width letters match plain ones", () => {
    expect(ids(searchKnowledgeBase(ENTRIES, "資金").entries)).toEqual(["zh"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "好倉").entries)).toEqual(["zh"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "ＦＵＮＤＩＮＧ").entries)[0]).toBe("funding");
  });

  it("EDU-2: hostile input is matched literally: regular-expression characters, HTML, spaces around", () => {
    expect(ids(searchKnowledgeBase(ENTRIES, ".*(").entries)).toEqual(["regex"]);
    expect(ids(searchKnowledgeBase(ENTRIES, ".*").entries)).toEqual(["regex"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "(").entries)).toEqual(["regex"]);
    expect(ids(searchKnowledgeBase(ENTRIES, "[a-z]+").entries)).toEqual([]);
    expect(ids(searchKnowledgeBase(ENTRIES, "\\").entries)).toEqual([]);
    const script = searchKnowledgeBase(ENTRIES, "<script>alert(1)</script>");
    expect(script).toEqual({ kind: "results", query: "<script>alert(1)</script>", entries: [] });
    expect(ids(searchKnowledgeBase(ENTRIES, "  <b>tag</b>  ").entries)).toEqual(["regex"]);
    expect(searchKnowledgeBase(ENTRIES, "  fees  ")).toMatchObject({ kind: "results", query: "fees" });
  });

  it(`EDU-2: a query longer than ${KNOWLEDGE_QUERY_MAX} characters is refused and nothing is searched; ${KNOWLEDGE_QUERY_MAX} is searched`, () => {
    const tooLong = "a".repeat(KNOWLEDGE_QUERY_MAX + 1);
    expect(searchKnowledgeBase(ENTRIES, tooLong)).toEqual({ kind: "tooLong", query: tooLong, length: KNOWLEDGE_QUERY_MAX + 1, entries: [] });
    expect(searchKnowledgeBase(ENTRIES, "x".repeat(100_000)).kind).toBe("tooLong");
    expect(searchKnowledgeBase(ENTRIES, "a".repeat(KNOWLEDGE_QUERY_MAX)).kind).toBe("results");
    // Counted in characters, not UTF-16 units: 100 Chinese characters (or emoji) are within the limit.
    expect(searchKnowledgeBase(ENTRIES, "資".repeat(KNOWLEDGE_QUERY_MAX)).kind).toBe("results");
    expect(searchKnowledgeBase(ENTRIES, "😀".repeat(KNOWLEDGE_QUERY_MAX)).kind).toBe("results");
    // Spaces around do not count.
    expect(searchKnowledgeBase(ENTRIES, `  ${"a".repeat(KNOWLEDGE_QUERY_MAX)}  `).kind).toBe("results");
  });

  it("EDU-2: a repeated q parameter searches its first value", () => {
    expect(queryOf(["fees", "funding"])).toBe("fees");
    expect(ids(searchKnowledgeBase(ENTRIES, ["fees", "funding"]).entries)).toEqual(["fees"]);
  });
});

const PAGES_ROOT = path.resolve(import.meta.dirname, "..", "..", "app", "[locale]");

describe("EDU-2: the knowledge base's questions", () => {
  it("EDU-2: between 16 and 20 questions, each once, each under a complaint and enquiry category", () => {
    const questionIds = KNOWLEDGE_BASE_QUESTIONS.map((question) => question.id);
    expect(questionIds.length).toBeGreaterThanOrEqual(16);
    expect(questionIds.length).toBeLessThanOrEqual(20);
    expect(new Set(questionIds).size).toBe(questionIds.length);
    for (const question of KNOWLEDGE_BASE_QUESTIONS) expect(COMPLAINT_CATEGORIES, question.id).toContain(question.category);
    // Every category offered for an enquiry has at least one answer.
    for (const category of COMPLAINT_CATEGORIES)
      expect(
        KNOWLEDGE_BASE_QUESTIONS.some((question) => question.category === category),
        category,
      ).toBe(true);
  });

  it("EDU-2: every question has its words in English and Traditional Chinese, and the catalogue holds no other", () => {
    const catalogueIds = Object.keys(english.knowledgeBase.questions).sort();
    expect(catalogueIds).toEqual(KNOWLEDGE_BASE_QUESTIONS.map((question) => question.id).sort());
    for (const { id } of KNOWLEDGE_BASE_QUESTIONS) {
      const en = english.knowledgeBase.questions[id];
      const zh = traditionalChinese.knowledgeBase.questions?.[id];
      expect(en.question, id).toMatch(/\?$/);
      expect(zh?.question, id).toMatch(/？$/);
      expect(zh?.answer, id).toMatch(/[\u3400-\u9fff]/);
    }
  });

  it("EDU-2: every link of every answer points to an existing public page, listed in the access matrix", () => {
    const publicRoutes = ACCESS_MATRIX.filter((entry) => entry.access === "public" && !entry.route.startsWith("/api/"));
    const pattern = (route: string) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
    /** The access-matrix route serving href, a static route before a dynamic one (as Next.js chooses). */
    const routeOf = (href: string) =>
      publicRoutes.find((entry) => entry.route === href)?.route ?? publicRoutes.find((entry) => pattern(entry.route).test(href))?.route;
    for (const question of KNOWLEDGE_BASE_QUESTIONS) {
      expect(question.links.length, question.id).toBeGreaterThan(0);
      for (const link of question.links) {
        const route = routeOf(link.href);
        expect(route, `${question.id}: ${link.href} is public in the access matrix`).toBeDefined();
        expect(fs.existsSync(path.join(PAGES_ROOT, ...route!.split("/").filter(Boolean), "page.tsx")), `${question.id}: ${link.href} has a page`).toBe(true);
        // A guide's address must name a guide: /learn/[topic] answers 404 for any other slug.
        if (route === "/learn/[topic]")
          expect(
            TOPICS.map((topic) => `/learn/${topic.slug}`),
            link.href,
          ).toContain(link.href);
        expect(english.knowledgeBase.links[link.label], link.label).toBeTruthy();
      }
    }
    expect(routeOf("/learn/questions")).toBe("/learn/questions");
    expect(fs.existsSync(path.join(PAGES_ROOT, "learn", "questions", "page.tsx"))).toBe(true);
  });

  it("EDU-2: no figure is typed into the words; every number is a placeholder filled from the configuration or policy in force", () => {
    const at = (catalogue: unknown, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
    for (const [language, catalogue] of [
      ["en", english.knowledgeBase],
      ["zh-HK", traditionalChinese.knowledgeBase],
    ] as const) {
      const typed = messageKeys(catalogue).filter((key) => /\d/.test(messageWords(String(at(catalogue, key)))));
      expect(typed, language).toEqual([]);
    }
  });

  it("EDU-2 / DISC-8: the words show no file path, repository document, issue number or engine code", () => {
    const at = (catalogue: unknown, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
    const findings = [english.knowledgeBase, traditionalChinese.knowledgeBase].flatMap((catalogue) =>
      messageKeys(catalogue).flatMap((key) => productTextFindings(key, messageWords(String(at(catalogue, key))))),
    );
    expect(findings).toEqual([]);
  });
});
