import { describe, expect, it } from "vitest";
import { QUIZ_POLICY } from "../constants";
import { drawQuiz, presentedQuestions } from "../quiz";
import { QUIZ_TOPICS, validateQuestionBank, type QuestionBank } from "../quiz-bank";
import { DEFAULT_ENGINE_CONFIG } from "../../engine/index";
import { liquidationRuleSummary } from "../../liquidation-rule";
import {
  ALL_QUESTION_BANKS,
  CURRENT_COURSE_QUIZ_BANK,
  CURRENT_RISK_QUIZ_BANK,
  PERPS_COURSE_QUIZ_V1,
  PERPS_COURSE_QUIZ_V2,
  PERPS_RISK_QUIZ_V1,
  PERPS_RISK_QUIZ_V2,
  perpsCourseQuizV2For,
} from "./index";
import { pickBySurface, playSurfaceStrategy, SURFACE_STRATEGIES } from "./surface-strategies";

const CURRENT: readonly QuestionBank[] = [CURRENT_RISK_QUIZ_BANK, CURRENT_COURSE_QUIZ_BANK];
const DRAWS = 10_000;
const passCount = (total: number) => Math.ceil((QUIZ_POLICY.PASS_MARK_PCT * total) / 100);
const lengthsOf = (bank: QuestionBank) =>
  bank.questions.map((q) => ({ id: q.id, lengths: q.options.map((o) => o.text.length), correct: q.options.findIndex((o) => o.id === q.correctOptionId) }));

describe("quiz banks: the course has its own (SUIT-3, SUIT-9)", () => {
  it("SUIT-3: the course quiz and the risk quiz draw from different banks that share no question id or question text", () => {
    expect(CURRENT_RISK_QUIZ_BANK).toBe(PERPS_RISK_QUIZ_V2);
    expect(CURRENT_COURSE_QUIZ_BANK).toBe(PERPS_COURSE_QUIZ_V2);
    expect(CURRENT_COURSE_QUIZ_BANK.bankId).not.toBe(CURRENT_RISK_QUIZ_BANK.bankId);
    const riskIds = new Set(ALL_QUESTION_BANKS.filter((b) => b.bankId === CURRENT_RISK_QUIZ_BANK.bankId).flatMap((b) => b.questions.map((q) => q.id)));
    const riskTexts = new Set(ALL_QUESTION_BANKS.filter((b) => b.bankId === CURRENT_RISK_QUIZ_BANK.bankId).flatMap((b) => b.questions.map((q) => q.text)));
    for (const q of CURRENT_COURSE_QUIZ_BANK.questions) {
      expect(riskIds.has(q.id), q.id).toBe(false);
      expect(riskTexts.has(q.text), q.text).toBe(false);
    }
  });

  it("SUIT-3: every bank is valid, sealed with its own content hash, and covers every topic with enough questions for a draw", () => {
    const hashes = new Set(ALL_QUESTION_BANKS.map((b) => b.contentHash));
    expect(hashes.size).toBe(ALL_QUESTION_BANKS.length);
    expect(new Set(ALL_QUESTION_BANKS.map((b) => `${b.bankId}@${b.version}`)).size).toBe(ALL_QUESTION_BANKS.length);
    for (const bank of CURRENT) {
      expect(validateQuestionBank(bank)).toEqual([]);
      for (const topic of QUIZ_TOPICS)
        expect(bank.questions.filter((q) => q.topic === topic).length, `${bank.bankId} ${topic}`).toBeGreaterThan(QUIZ_POLICY.QUESTIONS_PER_TOPIC);
    }
  });

  it("SUIT-9: the risk bank's version 2 keeps version 1's questions (same ids and texts) and changes only options and explanations", () => {
    expect(PERPS_RISK_QUIZ_V2.bankId).toBe(PERPS_RISK_QUIZ_V1.bankId);
    expect(PERPS_RISK_QUIZ_V2.version).not.toBe(PERPS_RISK_QUIZ_V1.version);
    expect(PERPS_RISK_QUIZ_V2.questions.map((q) => q.id)).toEqual(PERPS_RISK_QUIZ_V1.questions.map((q) => q.id));
  });
});

describe("course quiz bank version 2 teaches the configured liquidation rule (SUIT-3, LIQ-1)", () => {
  const keyText = (bank: QuestionBank, id: string) => {
    const question = bank.questions.find((q) => q.id === id)!;
    return question.options.find((o) => o.id === question.correctOptionId)!.text;
  };

  it("LIQ-1: version 2 keeps version 1's questions but the liquidation-extent one, and version 1 stays listed for its attempts", () => {
    expect(ALL_QUESTION_BANKS).toContain(PERPS_COURSE_QUIZ_V1);
    expect(ALL_QUESTION_BANKS).toContain(PERPS_COURSE_QUIZ_V2);
    expect(PERPS_COURSE_QUIZ_V2.bankId).toBe(PERPS_COURSE_QUIZ_V1.bankId);
    expect(PERPS_COURSE_QUIZ_V2.version).not.toBe(PERPS_COURSE_QUIZ_V1.version);
    expect(PERPS_COURSE_QUIZ_V2.questions.map((q) => q.id)).toEqual(
      PERPS_COURSE_QUIZ_V1.questions.map((q) => (q.id === "course-liquidation-partial" ? "course-liquidation-extent" : q.id)),
    );
    PERPS_COURSE_QUIZ_V2.questions.forEach((q, i) => {
      const old = PERPS_COURSE_QUIZ_V1.questions[i];
      if (q.id === "course-liquidation-extent") return;
      expect(q.text).toBe(old.text);
      expect(q.options).toEqual(old.options);
      expect(q.correctOptionId).toBe(old.correctOptionId);
      if (q.id !== "course-liquidation-orders") expect(q.explanation).toBe(old.explanation);
    });
  });

  it("LIQ-1: the published bank's key is the launched rule, full close-out: every position in the account is closed, and nothing says it stops when healthy", () => {
    expect(liquidationRuleSummary(DEFAULT_ENGINE_CONFIG.markets)).toBe("full");
    expect(PERPS_COURSE_QUIZ_V2).toEqual(perpsCourseQuizV2For("full"));
    expect(keyText(PERPS_COURSE_QUIZ_V2, "course-liquidation-extent")).toBe("No, every position in your account is closed in full");
    const extent = PERPS_COURSE_QUIZ_V2.questions.find((q) => q.id === "course-liquidation-extent")!;
    expect(extent.explanation).toMatch(/order book, then by backstop liquidity providers compensated by the insurance fund, then by ADL/);
    const secret = PERPS_COURSE_QUIZ_V2.questions.flatMap((q) => [q.explanation, q.options.find((o) => o.id === q.correctOptionId)!.text]).join("\n");
    expect(secret).not.toMatch(/healthy again|stops once|stopping as soon/);
  });

  it("LIQ-1: under the partial rule the same question's key is the other answer, so the bank is a function of the rule", () => {
    const partial = perpsCourseQuizV2For("partial");
    expect(validateQuestionBank(partial)).toEqual([]);
    expect(partial.contentHash).not.toBe(PERPS_COURSE_QUIZ_V2.contentHash);
    expect(keyText(partial, "course-liquidation-extent")).toBe("Yes, it stops as soon as your account is healthy again");
    const options = (bank: QuestionBank) => bank.questions.find((q) => q.id === "course-liquidation-extent")!.options;
    expect(options(partial)).toEqual(options(PERPS_COURSE_QUIZ_V2));
  });
});

describe("quiz banks: no surface feature gives the answer (SUIT-9)", () => {
  for (const bank of CURRENT) {
    it(`SUIT-9: ${bank.bankId}@${bank.version}: options are shuffled per draw, and the shown order is kept in the record`, () => {
      const orders = new Set<string>();
      const correctAt = [0, 0, 0, 0];
      for (let seed = 1; seed <= 400; seed++) {
        const drawn = drawQuiz(bank, { seed });
        if (!drawn.ok) throw new Error("draw failed");
        const shown = presentedQuestions(bank, drawn.quiz);
        if (!shown.ok) throw new Error("rebuild failed");
        shown.questions.forEach((q, i) => {
          expect(q.options.map((o) => o.id)).toEqual(drawn.quiz.questions[i].optionOrder);
          const key = bank.questions.find((b) => b.id === q.id)!.correctOptionId;
          correctAt[q.options.findIndex((o) => o.id === key)]++;
        });
        orders.add(JSON.stringify(drawn.quiz.questions[0].optionOrder));
      }
      // The same seed gives the same order; different seeds give many orders.
      expect(drawQuiz(bank, { seed: 9 })).toEqual(drawQuiz(bank, { seed: 9 }));
      expect(orders.size).toBeGreaterThan(12);
      // Where the right answer is shown is spread evenly: each position gets 25 % ± 5 points.
      const n = correctAt.reduce((a, b) => a + b, 0);
      for (const count of correctAt) expect(Math.abs(count / n - 0.25)).toBeLessThan(0.05);
    });

    it(`SUIT-9: ${bank.bankId}@${bank.version}: option lengths are comparable; the right one is rarely the unique longest or the unique shortest`, () => {
      const rows = lengthsOf(bank);
      const uniqueLongest = rows.filter((r) => r.lengths.filter((l) => l >= r.lengths[r.correct]).length === 1).length;
      const uniqueShortest = rows.filter((r) => r.lengths.filter((l) => l <= r.lengths[r.correct]).length === 1).length;
      expect(uniqueLongest / rows.length).toBeLessThanOrEqual(0.15);
      expect(uniqueShortest / rows.length).toBeLessThanOrEqual(0.25);
      for (const r of rows) expect(Math.max(...r.lengths) / Math.min(...r.lengths), r.id).toBeLessThanOrEqual(1.6);
      // Written order is not a clue either: the key is spread over a–d.
      const byLetter = [0, 0, 0, 0];
      for (const r of rows) byLetter[r.correct]++;
      for (const count of byLetter) expect(count).toBeLessThanOrEqual(Math.ceil(rows.length / 4) + 1);
    });

    for (const strategy of SURFACE_STRATEGIES) {
      it(`SUIT-9: ${bank.bankId}@${bank.version}: "always pick the ${strategy}" stays below the pass mark over ${DRAWS} seeded draws`, () => {
        const outcome = playSurfaceStrategy(bank, strategy, DRAWS);
        console.info(
          `${bank.bankId}@${bank.version} ${strategy}: max ${outcome.maxCorrect}/${outcome.total}, mean ${outcome.meanCorrect.toFixed(3)}, passes ${outcome.passes}`,
        );
        expect(outcome.passes).toBe(0);
        expect(outcome.maxCorrect).toBeLessThan(passCount(outcome.total));
        // No better than guessing on average (one in four, plus a margin).
        expect(outcome.meanCorrect / outcome.total).toBeLessThan(0.3);
      }, 60_000);
    }
  }

  it("SUIT-9: the strategies would catch a bank where the right answer is the longest (version 1 of the risk bank passes 'longest')", () => {
    const outcome = playSurfaceStrategy(PERPS_RISK_QUIZ_V1, "longest", 200);
    expect(outcome.passes).toBe(200);
    expect(
      pickBySurface(
        [
          { id: "a", text: "xx" },
          { id: "b", text: "xxx" },
          { id: "c", text: "x" },
        ],
        "longest",
      ).id,
    ).toBe("b");
    expect(
      pickBySurface(
        [
          { id: "a", text: "xx" },
          { id: "b", text: "xxx" },
          { id: "c", text: "x" },
        ],
        "shortest",
      ).id,
    ).toBe("c");
    expect(
      pickBySurface(
        [
          { id: "a", text: "xx" },
          { id: "b", text: "xxx" },
        ],
        "last",
      ).id,
    ).toBe("b");
  });
});
