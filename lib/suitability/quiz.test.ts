import { describe, expect, test } from "vitest";
import { QUIZ_POLICY } from "./constants";
import { attemptAllowed, drawQuiz, gradeQuiz, presentedQuestions, type PresentedQuiz, type QuizAnswer } from "./quiz";
import {
  defineQuestionBank,
  PERPS_RISK_QUIZ_V1,
  publicQuestions,
  questionBankHash,
  QUIZ_TOPICS,
  validateQuestionBank,
  type QuestionBank,
  type QuizQuestion,
} from "./quiz-bank";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

function draw(bank: QuestionBank, seed: number, perTopic?: number): PresentedQuiz {
  const r = drawQuiz(bank, { seed, perTopic });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.quiz;
}

/** Answers `nCorrect` of the presented questions right (in display order) and the rest wrong. */
function answer(bank: QuestionBank, quiz: PresentedQuiz, nCorrect: number): QuizAnswer[] {
  return quiz.questions.map((p, i) => {
    const q = bank.questions.find((x) => x.id === p.questionId) as QuizQuestion;
    const wrong = q.options.find((o) => o.id !== q.correctOptionId)?.id ?? "";
    return { questionId: q.id, optionId: i < nCorrect ? q.correctOptionId : wrong };
  });
}

describe("perps risk quiz: bank (SUIT-5, SUIT-9)", () => {
  test("SUIT-5: V1 is a valid bank of ≥ 12 questions with at least 2 per topic on every topic", () => {
    expect(validateQuestionBank(PERPS_RISK_QUIZ_V1)).toEqual([]);
    expect(PERPS_RISK_QUIZ_V1.questions.length).toBeGreaterThanOrEqual(12);
    for (const topic of QUIZ_TOPICS) expect(PERPS_RISK_QUIZ_V1.questions.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(2);
    expect(new Set(PERPS_RISK_QUIZ_V1.questions.map((q) => q.topic))).toEqual(new Set(QUIZ_TOPICS));
  });

  test("SUIT-9: publicQuestions carries no correct answer or explanation (serialized JSON checked)", () => {
    const json = JSON.stringify(publicQuestions(PERPS_RISK_QUIZ_V1));
    expect(json).not.toMatch(/correct/i);
    expect(json).not.toMatch(/explanation/i);
    for (const q of PERPS_RISK_QUIZ_V1.questions) expect(json).not.toContain(q.explanation);
    expect(JSON.parse(json)).toHaveLength(PERPS_RISK_QUIZ_V1.questions.length);
    for (const q of JSON.parse(json) as object[]) expect(Object.keys(q).sort()).toEqual(["id", "options", "text", "topic"]);
    const shown = presentedQuestions(PERPS_RISK_QUIZ_V1, draw(PERPS_RISK_QUIZ_V1, 7));
    expect(shown.ok && JSON.stringify(shown.questions)).not.toMatch(/correct|explanation/i);
  });

  test("the content hash changes when any text, option, answer or explanation changes", () => {
    const base = PERPS_RISK_QUIZ_V1;
    const first = base.questions[0];
    const variants: QuizQuestion[] = [
      { ...first, text: first.text + " " },
      { ...first, explanation: first.explanation.replace(".", "!") },
      { ...first, correctOptionId: first.options.find((o) => o.id !== first.correctOptionId)?.id ?? "" },
      { ...first, options: first.options.map((o, i) => (i === 3 ? { ...o, text: o.text.toUpperCase() } : o)) },
    ];
    expect(questionBankHash(base)).toBe(base.contentHash);
    const hashes = new Set([base.contentHash]);
    for (const v of variants) hashes.add(questionBankHash({ ...base, questions: [v, ...base.questions.slice(1)] }));
    hashes.add(questionBankHash({ ...base, version: "2" }));
    expect(hashes.size).toBe(variants.length + 2);
  });

  test("SUIT-9: a malformed bank is refused with every problem listed", () => {
    const bad = {
      id: "x",
      topic: "funding",
      text: "t",
      options: [
        { id: "a", text: "A" },
        { id: "a", text: "B" },
      ],
      correctOptionId: "z",
      explanation: "e",
    } as const;
    const errors = validateQuestionBank({
      bankId: "b",
      version: "1",
      questions: [
        { ...bad, options: [...bad.options] },
        { ...bad, options: [...bad.options] },
      ],
    });
    expect(errors.map((e) => e.code)).toEqual(["DUPLICATE_ID", "UNKNOWN_CORRECT_OPTION", "DUPLICATE_ID", "DUPLICATE_ID", "UNKNOWN_CORRECT_OPTION"]);
    expect(() => defineQuestionBank({ bankId: "b", version: "1", questions: [{ ...bad, options: [...bad.options] }] })).toThrow(/not one of its options/);
  });
});

describe("perps risk quiz: draw and reconstruction (SUIT-9)", () => {
  test("SUIT-9: a draw is reproducible from its seed, and the record rebuilds exactly what was shown", () => {
    const a = draw(PERPS_RISK_QUIZ_V1, 123_456);
    expect(draw(PERPS_RISK_QUIZ_V1, 123_456)).toEqual(a);
    expect(a.questions).toHaveLength(QUIZ_TOPICS.length * QUIZ_POLICY.QUESTIONS_PER_TOPIC);
    expect(new Set(a.questions.map((p) => p.questionId)).size).toBe(a.questions.length);
    for (const topic of QUIZ_TOPICS)
      expect(a.questions.filter((p) => PERPS_RISK_QUIZ_V1.questions.find((q) => q.id === p.questionId)?.topic === topic)).toHaveLength(2);
    // A stored record (round-tripped through JSON as a database would) rebuilds the same screen.
    const record = JSON.parse(JSON.stringify(a)) as PresentedQuiz;
    const shown = presentedQuestions(PERPS_RISK_QUIZ_V1, record);
    if (!shown.ok) throw new Error("reconstruction failed");
    expect(shown.questions.map((q) => q.id)).toEqual(a.questions.map((p) => p.questionId));
    expect(shown.questions.map((q) => q.options.map((o) => o.id))).toEqual(a.questions.map((p) => p.optionOrder));
    expect(drawQuiz(PERPS_RISK_QUIZ_V1, { seed: record.seed, perTopic: record.perTopic })).toEqual({ ok: true, quiz: record });
  });

  test("SUIT-9: different seeds randomise questions and option order", () => {
    const draws = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => draw(PERPS_RISK_QUIZ_V1, s));
    expect(new Set(draws.map((d) => d.questions.map((p) => p.questionId).join())).size).toBeGreaterThan(1);
    expect(new Set(draws.flatMap((d) => d.questions.map((p) => p.optionOrder.join())))).not.toEqual(new Set(["a,b,c,d"]));
  });

  test("a record from another bank version is not reconstructed against this one", () => {
    const quiz = draw(PERPS_RISK_QUIZ_V1, 9);
    const r = presentedQuestions(PERPS_RISK_QUIZ_V1, { ...quiz, contentHash: "0000000000000000" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe("BANK_MISMATCH");
  });

  test("SUIT-9: bad draw parameters are refused with specific messages", () => {
    const r = drawQuiz(PERPS_RISK_QUIZ_V1, { seed: -1, perTopic: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ code: "INVALID_SEED", path: "seed" });
      expect(r.errors.filter((e) => e.code === "NOT_ENOUGH_QUESTIONS").map((e) => e.message)).toContain(
        "topic funding has 3 questions in perps-risk-quiz@1, fewer than 5",
      );
    }
  });
});

describe("perps risk quiz: grading (SUIT-5)", () => {
  test(`SUIT-5: pass mark ${QUIZ_POLICY.PASS_MARK_PCT} %: exactly at the mark passes, one below fails`, () => {
    // A bank with 5 questions per topic gives 30 presented questions, so 80 % is exactly 24.
    const questions: QuizQuestion[] = QUIZ_TOPICS.flatMap((topic) =>
      [1, 2, 3, 4, 5].map((n) => ({
        id: `${topic}-${n}`,
        topic,
        text: `${topic} ${n}?`,
        options: [
          { id: "x", text: "X" },
          { id: "y", text: "Y" },
        ],
        correctOptionId: "y",
        explanation: "because",
      })),
    );
    const bank = defineQuestionBank({ bankId: "test", version: "1", questions });
    const quiz = draw(bank, 42, 5);
    expect(quiz.questions).toHaveLength(30);
    const at = gradeQuiz(bank, quiz, answer(bank, quiz, 24));
    const below = gradeQuiz(bank, quiz, answer(bank, quiz, 23));
    expect(at).toMatchObject({ ok: true, graded: { correct: 24, total: 30, scorePct: 80, passed: true } });
    expect(below).toMatchObject({ ok: true, graded: { correct: 23, total: 30, scorePct: 76, passed: false } });
  });

  test("SUIT-5: on V1's 12-question draw 10 correct pass and 9 fail; results name no correct option", () => {
    const quiz = draw(PERPS_RISK_QUIZ_V1, 2026);
    const pass = gradeQuiz(PERPS_RISK_QUIZ_V1, quiz, answer(PERPS_RISK_QUIZ_V1, quiz, 10));
    const fail = gradeQuiz(PERPS_RISK_QUIZ_V1, quiz, answer(PERPS_RISK_QUIZ_V1, quiz, 9));
    expect(pass.ok && pass.graded.passed).toBe(true);
    expect(fail.ok && fail.graded.passed).toBe(false);
    if (fail.ok) {
      expect(fail.graded.perQuestion.map((r) => r.correct)).toEqual([...Array<boolean>(9).fill(true), false, false, false]);
      expect(JSON.stringify(fail.graded)).not.toMatch(/correctOption|explanation/);
    }
  });

  test("SUIT-9: invalid answers are rejected with specific messages and no grade", () => {
    const quiz = draw(PERPS_RISK_QUIZ_V1, 5);
    const [first, second, third] = quiz.questions.map((p) => p.questionId) as [string, string, string];
    const notShown = PERPS_RISK_QUIZ_V1.questions.find((q) => !quiz.questions.some((p) => p.questionId === q.id))?.id ?? "";
    const answers: QuizAnswer[] = [
      ...answer(PERPS_RISK_QUIZ_V1, quiz, 12).filter((a) => a.questionId !== third),
      { questionId: "no-such-question", optionId: "a" },
      { questionId: notShown, optionId: "a" },
      { questionId: first, optionId: "b" },
    ];
    answers[1] = { questionId: second, optionId: "e" };
    const r = gradeQuiz(PERPS_RISK_QUIZ_V1, quiz, answers);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.code, e.message])).toEqual([
        ["UNKNOWN_OPTION", `"e" is not an option of question "${second}"`],
        ["UNKNOWN_QUESTION", `question "no-such-question" does not exist in perps-risk-quiz@1`],
        ["NOT_PRESENTED", `question "${notShown}" was not part of this quiz`],
        ["DUPLICATE_ANSWER", `question "${first}" is answered more than once`],
        ["MISSING_ANSWER", `question "${third}" (3 of 12) has no answer`],
      ]);
  });
});

describe("perps risk quiz: attempt limit (SUIT-9)", () => {
  const policy = { maxAttempts: QUIZ_POLICY.MAX_ATTEMPTS, windowMs: QUIZ_POLICY.WINDOW_MS };

  test("SUIT-9: the 4th attempt within 30 days is refused with the wait, and allowed right when the oldest ages out", () => {
    const attempts = [{ startedAtMs: T0 }, { startedAtMs: T0 + 2 * DAY }, { startedAtMs: T0 + 5 * DAY }];
    expect(attemptAllowed(attempts.slice(0, 2), T0 + 5 * DAY)).toMatchObject({ ok: true, allowed: true, remaining: 1 });
    const now = T0 + 10 * DAY;
    expect(attemptAllowed(attempts, now, policy)).toEqual({ ok: true, allowed: false, attemptsInWindow: 3, nextAllowedAtMs: T0 + 30 * DAY, waitMs: 20 * DAY });
    expect(attemptAllowed(attempts, T0 + 30 * DAY - 1)).toMatchObject({ allowed: false, waitMs: 1 });
    expect(attemptAllowed(attempts, T0 + 30 * DAY)).toEqual({ ok: true, allowed: true, attemptsInWindow: 2, remaining: 1 });
  });

  test("SUIT-9: with more than the limit in the window (e.g. after a policy change) the wait runs to the attempt that brings the count below it", () => {
    const attempts = [T0 + 4 * DAY, T0, T0 + DAY, T0 + 3 * DAY].map((startedAtMs) => ({ startedAtMs }));
    const r = attemptAllowed(attempts, T0 + 10 * DAY, { maxAttempts: 3, windowMs: 30 * DAY });
    expect(r).toMatchObject({ allowed: false, attemptsInWindow: 4, nextAllowedAtMs: T0 + 31 * DAY });
    expect(attemptAllowed(attempts, T0 + 31 * DAY)).toMatchObject({ allowed: true, attemptsInWindow: 2 });
  });

  test("SUIT-9: future or invalid attempt times and a bad policy are refused", () => {
    const r = attemptAllowed([{ startedAtMs: T0 + 1 }, { startedAtMs: 1.5 }], T0, { maxAttempts: 0, windowMs: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(["INVALID_POLICY", "INVALID_POLICY", "FUTURE_ATTEMPT", "INVALID_TIME"]);
  });
});
