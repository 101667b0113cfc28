import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid, NotFound, ServiceError } from "@/lib/services/errors";
import { PERPS_RISK_QUIZ_V1, type PublicQuestion, type QuestionBank } from "@/lib/suitability/quiz-bank";
import { lockCase } from "@/lib/services/suitability/onboarding";
import { attemptAllowed, DEFAULT_ATTEMPT_POLICY, drawQuiz, gradeQuiz, presentedQuestions, type PresentedQuiz, type QuizAnswer } from "@/lib/suitability/quiz";

/**
 * "risk_quiz": the Code 5.3 understanding check every client must pass (issue 7 pt 4).
 * "course_quiz": the end quiz of the platform's perps course, which counts as derivative training (SUIT-3).
 * Both draw from the same versioned bank; each has its own retake limit.
 */
export const QUIZ_PURPOSES = ["risk_quiz", "course_quiz"] as const;
export type QuizPurpose = (typeof QUIZ_PURPOSES)[number];

/** The bank new attempts draw from; older banks stay listed so their attempts can be rebuilt (pt 8). */
export const CURRENT_QUIZ_BANK: QuestionBank = PERPS_RISK_QUIZ_V1;
const BANKS: readonly QuestionBank[] = [PERPS_RISK_QUIZ_V1];

export function bankOf(presented: PresentedQuiz): QuestionBank {
  const bank = BANKS.find((b) => b.contentHash === presented.contentHash);
  if (!bank) throw new Error(`quiz bank ${presented.bankId}@${presented.version} (${presented.contentHash}) is not in the code: a published bank was edited or removed`);
  return bank;
}

export interface GradedAttemptView {
  attemptId: string;
  submittedAt: Date;
  bankVersion: string;
  correct: number;
  total: number;
  scorePct: number;
  passMarkPct: number;
  passed: boolean;
  /** Right or wrong per question in display order; never the right option (SUIT-9). */
  perQuestion: { questionId: string; correct: boolean }[];
  /** The same, with the question and the client's own answer as they were shown, for the client to review. */
  review: { questionId: string; text: string; chosenText: string; correct: boolean }[];
}

export interface QuizStatus {
  purpose: QuizPurpose;
  maxAttempts: number;
  windowMs: number;
  attemptsInWindow: number;
  /** When the retake limit is reached: the moment the next attempt is allowed. */
  nextAllowedAt: Date | null;
  /** An attempt drawn and not yet answered (a reload shows the same questions). */
  open: { attemptId: string; startedAt: Date; questions: PublicQuestion[] } | null;
  latestGraded: GradedAttemptView | null;
  /** The latest passed attempt, if any. */
  passed: GradedAttemptView | null;
}

type AttemptRow = NonNullable<Awaited<ReturnType<Db["quizAttempt"]["findFirst"]>>>;

function gradedView(row: AttemptRow): GradedAttemptView | null {
  if (!row.submittedAt || row.correct === null || row.total === null || row.passed === null) return null;
  const presented = row.presented as unknown as PresentedQuiz;
  const answers = row.answers as unknown as QuizAnswer[];
  const graded = gradeQuiz(bankOf(presented), presented, answers);
  if (!graded.ok) throw new Error(`stored quiz attempt ${row.id} no longer grades: ${graded.errors.map((e) => e.message).join("; ")}`);
  const shown = new Map(questionsOf(row).map((question) => [question.id, question]));
  return {
    attemptId: row.id,
    submittedAt: row.submittedAt,
    bankVersion: row.bankVersion,
    correct: graded.graded.correct,
    total: graded.graded.total,
    scorePct: graded.graded.scorePct,
    passMarkPct: graded.graded.passMarkPct,
    passed: graded.graded.passed,
    perQuestion: graded.graded.perQuestion.map((q) => ({ questionId: q.questionId, correct: q.correct })),
    review: graded.graded.perQuestion.map((q) => {
      const question = shown.get(q.questionId);
      return { questionId: q.questionId, text: question?.text ?? q.questionId, chosenText: question?.options.find((option) => option.id === q.chosenOptionId)?.text ?? q.chosenOptionId, correct: q.correct };
    }),
  };
}

function questionsOf(row: AttemptRow): PublicQuestion[] {
  const presented = row.presented as unknown as PresentedQuiz;
  const rebuilt = presentedQuestions(bankOf(presented), presented);
  if (!rebuilt.ok) throw new Error(`stored quiz attempt ${row.id} cannot be rebuilt: ${rebuilt.errors.map((e) => e.message).join("; ")}`);
  return rebuilt.questions;
}

/** The latest passed attempt of a purpose, for the submission record and the course credit. */
export async function latestPassedAttempt(db: Db, userId: string, purpose: QuizPurpose): Promise<AttemptRow | null> {
  return db.quizAttempt.findFirst({ where: { userId, purpose, passed: true }, orderBy: [{ submittedAt: "desc" }, { id: "desc" }] });
}

export async function quizStatus(ctx: ServiceContext, purpose: QuizPurpose): Promise<QuizStatus> {
  const actor = authorize(ctx, "portal.view");
  const attempts = await ctx.db.quizAttempt.findMany({ where: { userId: actor.userId, purpose }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
  const decision = attemptAllowed(attempts.map((a) => ({ startedAtMs: a.startedAt.getTime() })), ctx.now().getTime());
  if (!decision.ok) throw new Error(decision.errors.map((e) => e.message).join("; "));
  const open = [...attempts].reverse().find((a) => a.submittedAt === null) ?? null;
  const graded = attempts.filter((a) => a.submittedAt !== null).sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime());
  const latest = graded.at(-1) ?? null;
  const passed = [...graded].reverse().find((a) => a.passed) ?? null;
  return {
    purpose,
    maxAttempts: DEFAULT_ATTEMPT_POLICY.maxAttempts,
    windowMs: DEFAULT_ATTEMPT_POLICY.windowMs,
    attemptsInWindow: decision.attemptsInWindow,
    nextAllowedAt: decision.allowed ? null : new Date(decision.nextAllowedAtMs),
    open: open ? { attemptId: open.id, startedAt: open.startedAt, questions: questionsOf(open) } : null,
    latestGraded: latest ? gradedView(latest) : null,
    passed: passed ? gradedView(passed) : null,
  };
}

export class RetakeLimitReached extends ServiceError {
  constructor(readonly nextAllowedAt: Date, attempts: number) {
    super(
      `You have used ${attempts} of ${DEFAULT_ATTEMPT_POLICY.maxAttempts} attempts allowed in ${DEFAULT_ATTEMPT_POLICY.windowMs / 86_400_000} days. The next attempt is allowed from ${nextAllowedAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      429,
      "QUIZ_RETAKE_LIMIT",
    );
  }
}

/**
 * Draw a new attempt (SUIT-9: random draw, retake limit). An unanswered attempt is returned again
 * instead, so a reload does not use up an attempt. The attempt is stored before the questions are
 * shown, so abandoning it still counts.
 */
export async function startQuizAttempt({ ctx, purpose }: { ctx: ServiceContext; purpose: QuizPurpose }): Promise<{ attemptId: string; questions: PublicQuestion[]; reused: boolean }> {
  const actor = authorize(ctx, "portal.view");
  return withTransaction(ctx, async (tx) => {
    // One client's attempts are counted and drawn one at a time, so two tabs cannot both pass the limit check.
    await lockCase(tx, ctx, actor.userId);
    const attempts = await tx.quizAttempt.findMany({ where: { userId: actor.userId, purpose }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
    const open = [...attempts].reverse().find((a) => a.submittedAt === null);
    if (open) return { attemptId: open.id, questions: questionsOf(open), reused: true };
    const decision = attemptAllowed(attempts.map((a) => ({ startedAtMs: a.startedAt.getTime() })), ctx.now().getTime());
    if (!decision.ok) throw new Error(decision.errors.map((e) => e.message).join("; "));
    if (!decision.allowed) throw new RetakeLimitReached(new Date(decision.nextAllowedAtMs), decision.attemptsInWindow);
    const drawn = drawQuiz(CURRENT_QUIZ_BANK, { seed: randomInt(0, 0xffff_ffff) });
    if (!drawn.ok) throw new Error(drawn.errors.map((e) => e.message).join("; "));
    const row = await tx.quizAttempt.create({
      data: {
        userId: actor.userId,
        purpose,
        bankId: drawn.quiz.bankId,
        bankVersion: drawn.quiz.version,
        bankHash: drawn.quiz.contentHash,
        presented: drawn.quiz as unknown as Prisma.InputJsonValue,
        startedAt: ctx.now(),
      },
    });
    await recordAudit(tx, ctx, { action: "quiz.start", entity: "QuizAttempt", entityId: row.id, after: { userId: actor.userId, purpose, bank: `${drawn.quiz.bankId}@${drawn.quiz.version}`, bankHash: drawn.quiz.contentHash, seed: drawn.quiz.seed, questions: drawn.quiz.questions } });
    return { attemptId: row.id, questions: questionsOf(row), reused: false };
  });
}

export const SubmitQuizInput = z.object({
  attemptId: z.string().uuid("The form did not carry its attempt; reload the page."),
  answers: z.array(z.object({ questionId: z.string().min(1).max(100), optionId: z.string().min(1).max(100) })).max(100),
});

export class QuizIncomplete extends Invalid {
  constructor(readonly unanswered: string[], total: number) {
    super(`Answer every question before submitting: ${unanswered.length} of ${total} ${unanswered.length === 1 ? "is" : "are"} unanswered. Nothing was recorded.`);
  }
}

/** Grade an open attempt once. Partial answer sets are refused (nothing recorded) so the client can finish. */
export async function submitQuizAttempt({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof SubmitQuizInput> }): Promise<GradedAttemptView> {
  const actor = authorize(ctx, "portal.view");
  const { attemptId, answers } = SubmitQuizInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const row = await tx.quizAttempt.findUnique({ where: { id: attemptId } });
    if (!row || row.userId !== actor.userId) throw new NotFound("No such quiz attempt.");
    if (row.submittedAt) throw new Conflict("This attempt was already submitted; its result is shown below. Start a new attempt to try again.");
    const presented = row.presented as unknown as PresentedQuiz;
    const answered = new Set(answers.map((a) => a.questionId));
    const unanswered = presented.questions.map((q) => q.questionId).filter((id) => !answered.has(id));
    if (unanswered.length > 0) throw new QuizIncomplete(unanswered, presented.questions.length);
    const graded = gradeQuiz(bankOf(presented), presented, answers);
    if (!graded.ok) throw new Invalid(`The answers do not fit the questions you were shown (${graded.errors.map((e) => e.message).join("; ")}). Nothing was recorded: reload the page.`);
    // Conditional on still being open, so a double submit grades once.
    const claimed = await tx.quizAttempt.updateMany({
      where: { id: attemptId, submittedAt: null },
      data: { answers: answers as unknown as Prisma.InputJsonValue, submittedAt: ctx.now(), correct: graded.graded.correct, total: graded.graded.total, passed: graded.graded.passed },
    });
    if (claimed.count !== 1) throw new Conflict("This attempt was already submitted; its result is shown below. Start a new attempt to try again.");
    const updated = (await tx.quizAttempt.findUnique({ where: { id: attemptId } }))!;
    await recordAudit(tx, ctx, {
      action: "quiz.submit",
      entity: "QuizAttempt",
      entityId: attemptId,
      after: { userId: actor.userId, purpose: row.purpose, answers, correct: graded.graded.correct, total: graded.graded.total, passed: graded.graded.passed },
    });
    return gradedView(updated)!;
  });
}
