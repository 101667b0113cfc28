// Perps risk quiz: seeded draw, exact reconstruction, grading and the retake limit
// (SUIT-5, SUIT-9). Pure: the seed and the clock are inputs.
import { createPrng, type Prng } from "@/lib/random/prng";
import { QUIZ_POLICY } from "./constants";
import { QUIZ_TOPICS, toPublic, type PublicQuestion, type QuestionBank, type QuizTopic } from "./quiz-bank";

export interface QuizError {
  path: string;
  code:
    | "INVALID_SEED"
    | "INVALID_PER_TOPIC"
    | "NOT_ENOUGH_QUESTIONS"
    | "BANK_MISMATCH"
    | "UNKNOWN_QUESTION"
    | "UNKNOWN_OPTION"
    | "INVALID_OPTION_ORDER"
    | "NOT_PRESENTED"
    | "DUPLICATE_ANSWER"
    | "MISSING_ANSWER"
    | "INVALID_TIME"
    | "FUTURE_ATTEMPT"
    | "INVALID_POLICY";
  message: string;
}

export interface PresentedQuestion {
  questionId: string;
  /** Option ids in the order they were shown. */
  optionOrder: string[];
}

/** The record of one draw: with the bank of the same hash it reproduces the screen exactly. */
export interface PresentedQuiz {
  bankId: string;
  version: string;
  contentHash: string;
  seed: number;
  perTopic: number;
  /** In display order. */
  questions: PresentedQuestion[];
}

export type DrawResult = { ok: true; quiz: PresentedQuiz } | { ok: false; errors: QuizError[] };

function shuffle<T>(items: readonly T[], rng: Prng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * Draws `perTopic` questions from every topic, shuffles the question order and each question's option
 * order. The same bank and seed give the same draw on every machine (sfc32, integer-only).
 */
export function drawQuiz(bank: QuestionBank, opts: { seed: number; perTopic?: number }): DrawResult {
  const perTopic = opts.perTopic ?? QUIZ_POLICY.QUESTIONS_PER_TOPIC;
  const errors: QuizError[] = [];
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffff_ffff)
    errors.push({ path: "seed", code: "INVALID_SEED", message: `seed must be an integer from 0 to 4294967295, got ${opts.seed}` });
  if (!Number.isInteger(perTopic) || perTopic < 1)
    errors.push({ path: "perTopic", code: "INVALID_PER_TOPIC", message: `questions per topic must be a positive integer, got ${perTopic}` });
  const byTopic = new Map<QuizTopic, string[]>(QUIZ_TOPICS.map((t) => [t, []]));
  for (const q of bank.questions) byTopic.get(q.topic)?.push(q.id);
  for (const [topic, ids] of byTopic)
    if (Number.isInteger(perTopic) && ids.length < perTopic)
      errors.push({
        path: "perTopic",
        code: "NOT_ENOUGH_QUESTIONS",
        message: `topic ${topic} has ${ids.length} questions in ${bank.bankId}@${bank.version}, fewer than ${perTopic}`,
      });
  if (errors.length > 0) return { ok: false, errors };

  const rng = createPrng(opts.seed);
  const chosen = QUIZ_TOPICS.flatMap((t) => shuffle(byTopic.get(t) ?? [], rng).slice(0, perTopic));
  const optionsOf = new Map(bank.questions.map((q) => [q.id, q.options.map((o) => o.id)]));
  const questions = shuffle(chosen, rng).map((questionId) => ({ questionId, optionOrder: shuffle(optionsOf.get(questionId) ?? [], rng) }));
  return { ok: true, quiz: { bankId: bank.bankId, version: bank.version, contentHash: bank.contentHash, seed: opts.seed, perTopic, questions } };
}

function checkBank(bank: QuestionBank, presented: PresentedQuiz, errors: QuizError[]): void {
  if (presented.bankId !== bank.bankId || presented.version !== bank.version || presented.contentHash !== bank.contentHash)
    errors.push({
      path: "presented.contentHash",
      code: "BANK_MISMATCH",
      message: `the quiz was drawn from ${presented.bankId}@${presented.version} (${presented.contentHash}), not ${bank.bankId}@${bank.version} (${bank.contentHash})`,
    });
}

export type ReconstructResult = { ok: true; questions: PublicQuestion[] } | { ok: false; errors: QuizError[] };

/** The bank's question behind a presented one, or an UNKNOWN_QUESTION error when the record names one the bank lacks. */
function bankQuestionOf<Q>(bank: QuestionBank, byId: Map<string, Q>, p: { questionId: string }, index: number, errors: QuizError[]): Q | undefined {
  const q = byId.get(p.questionId);
  if (!q) {
    errors.push({
      path: `presented.questions[${index}]`,
      code: "UNKNOWN_QUESTION",
      message: `presented question "${p.questionId}" is not in ${bank.bankId}@${bank.version}`,
    });
  }
  return q;
}

/**
 * What the client saw, in display order with options in shown order and without the answer key. The server sends this to the browser and can rebuild it later from the stored record.
 */
export function presentedQuestions(bank: QuestionBank, presented: PresentedQuiz): ReconstructResult {
  const errors: QuizError[] = [];
  checkBank(bank, presented, errors);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const out: PublicQuestion[] = [];
  presented.questions.forEach((p, i) => {
    const q = bankQuestionOf(bank, byId, p, i, errors);
    if (!q) return;
    const pub = toPublic(q);
    const opts = new Map(pub.options.map((o) => [o.id, o]));
    const ordered = p.optionOrder.map((id) => opts.get(id));
    if (p.optionOrder.length !== pub.options.length || new Set(p.optionOrder).size !== p.optionOrder.length || ordered.some((o) => !o)) {
      errors.push({
        path: `presented.questions[${i}].optionOrder`,
        code: "INVALID_OPTION_ORDER",
        message: `option order [${p.optionOrder.join(", ")}] is not a permutation of question ${q.id}'s options`,
      });
      return;
    }
    out.push({ ...pub, options: ordered.filter((o) => o !== undefined) });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, questions: out };
}

export interface QuizAnswer {
  questionId: string;
  optionId: string;
}

/** What a client is told of a graded attempt: the score and, per question, right or wrong, never the right option (SUIT-9). */
export interface QuizScore {
  correct: number;
  total: number;
  /** Whole percent rounded down, for display; `passed` uses the exact comparison. */
  scorePct: number;
  passMarkPct: number;
  passed: boolean;
  /** In display order. */
  perQuestion: { questionId: string; correct: boolean }[];
}

export interface GradedQuiz extends QuizScore {
  /** No correct option or explanation: a failed client retakes without the key (SUIT-9). */
  perQuestion: { questionId: string; topic: QuizTopic; chosenOptionId: string; correct: boolean }[];
}

export type GradeResult = { ok: true; graded: GradedQuiz } | { ok: false; errors: QuizError[] };

/** Grades a complete set of answers to the presented questions; any invalid or missing answer → errors, no grade. */
export function gradeQuiz(bank: QuestionBank, presented: PresentedQuiz, answers: QuizAnswer[], passMarkPct: number = QUIZ_POLICY.PASS_MARK_PCT): GradeResult {
  const errors: QuizError[] = [];
  checkBank(bank, presented, errors);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const shown = new Set(presented.questions.map((p) => p.questionId));
  const given = new Map<string, string>();
  answers.forEach((a, i) => {
    const path = `answers[${i}]`;
    const q = byId.get(a.questionId);
    if (!q) errors.push({ path, code: "UNKNOWN_QUESTION", message: `question "${a.questionId}" does not exist in ${bank.bankId}@${bank.version}` });
    else if (!shown.has(a.questionId)) errors.push({ path, code: "NOT_PRESENTED", message: `question "${a.questionId}" was not part of this quiz` });
    else if (given.has(a.questionId)) errors.push({ path, code: "DUPLICATE_ANSWER", message: `question "${a.questionId}" is answered more than once` });
    else if (!q.options.some((o) => o.id === a.optionId))
      errors.push({ path, code: "UNKNOWN_OPTION", message: `"${a.optionId}" is not an option of question "${a.questionId}"` });
    else given.set(a.questionId, a.optionId);
  });
  const perQuestion: GradedQuiz["perQuestion"] = [];
  presented.questions.forEach((p, i) => {
    const q = bankQuestionOf(bank, byId, p, i, errors);
    if (!q) return;
    const chosen = given.get(p.questionId);
    if (chosen === undefined) {
      if (!answers.some((a) => a.questionId === p.questionId))
        errors.push({
          path: `answers`,
          code: "MISSING_ANSWER",
          message: `question "${p.questionId}" (${i + 1} of ${presented.questions.length}) has no answer`,
        });
      return;
    }
    perQuestion.push({ questionId: q.id, topic: q.topic, chosenOptionId: chosen, correct: chosen === q.correctOptionId });
  });
  if (!Number.isInteger(passMarkPct) || passMarkPct < 0 || passMarkPct > 100)
    errors.push({ path: "passMarkPct", code: "INVALID_POLICY", message: `pass mark must be an integer percent from 0 to 100, got ${passMarkPct}` });
  if (presented.questions.length === 0) errors.push({ path: "presented.questions", code: "UNKNOWN_QUESTION", message: "the quiz has no questions" });
  if (errors.length > 0) return { ok: false, errors };

  const total = presented.questions.length;
  const correct = perQuestion.filter((r) => r.correct).length;
  return {
    ok: true,
    graded: { correct, total, scorePct: Math.floor((correct * 100) / total), passMarkPct, passed: correct * 100 >= passMarkPct * total, perQuestion },
  };
}

export interface AttemptPolicy {
  maxAttempts: number;
  windowMs: number;
}

export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = { maxAttempts: QUIZ_POLICY.MAX_ATTEMPTS, windowMs: QUIZ_POLICY.WINDOW_MS };

export type AttemptDecision =
  | { ok: true; allowed: true; attemptsInWindow: number; remaining: number }
  | { ok: true; allowed: false; attemptsInWindow: number; nextAllowedAtMs: number; waitMs: number }
  | { ok: false; errors: QuizError[] };

/**
 * SUIT-9 retake limit. An attempt counts while `startedAtMs > nowMs − windowMs`. When `maxAttempts` count,
 * the next attempt is allowed once enough of them have aged out: at the start of the
 * (counted − maxAttempts + 1)-th oldest counted attempt plus the window.
 */
export function attemptAllowed(
  previousAttempts: readonly { startedAtMs: number }[],
  nowMs: number,
  policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY,
): AttemptDecision {
  const errors: QuizError[] = [];
  const validTime = (t: number) => Number.isSafeInteger(t) && t >= 0;
  if (!validTime(nowMs)) errors.push({ path: "nowMs", code: "INVALID_TIME", message: `now must be epoch milliseconds, got ${nowMs}` });
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    errors.push({ path: "policy.maxAttempts", code: "INVALID_POLICY", message: `maxAttempts must be a positive integer, got ${policy.maxAttempts}` });
  if (!validTime(policy.windowMs) || policy.windowMs === 0)
    errors.push({ path: "policy.windowMs", code: "INVALID_POLICY", message: `windowMs must be a positive integer, got ${policy.windowMs}` });
  previousAttempts.forEach((a, i) => {
    if (!validTime(a.startedAtMs))
      errors.push({
        path: `previousAttempts[${i}].startedAtMs`,
        code: "INVALID_TIME",
        message: `attempt start must be epoch milliseconds, got ${a.startedAtMs}`,
      });
    else if (validTime(nowMs) && a.startedAtMs > nowMs)
      errors.push({ path: `previousAttempts[${i}].startedAtMs`, code: "FUTURE_ATTEMPT", message: `attempt started at ${a.startedAtMs}, after now (${nowMs})` });
  });
  if (errors.length > 0) return { ok: false, errors };

  const counted = previousAttempts
    .map((a) => a.startedAtMs)
    .filter((t) => t > nowMs - policy.windowMs)
    .sort((x, y) => x - y);
  if (counted.length < policy.maxAttempts) return { ok: true, allowed: true, attemptsInWindow: counted.length, remaining: policy.maxAttempts - counted.length };
  const nextAllowedAtMs = (counted[counted.length - policy.maxAttempts] ?? nowMs) + policy.windowMs;
  return { ok: true, allowed: false, attemptsInWindow: counted.length, nextAllowedAtMs, waitMs: nextAllowedAtMs - nowMs };
}
