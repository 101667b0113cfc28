import "server-only";
import type { Db, Tx } from "@/lib/services/context";
import { Invalid, ServiceError } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import type { PublicQuestion, QuestionBank } from "@/lib/suitability/quiz-bank";
import { ALL_QUESTION_BANKS, CURRENT_COURSE_QUIZ_BANK, CURRENT_RISK_QUIZ_BANK } from "@/lib/suitability/quiz-banks";
import { DEFAULT_ATTEMPT_POLICY, gradeQuiz, presentedQuestions, type PresentedQuiz, type QuizAnswer, type QuizScore } from "@/lib/suitability/quiz";
import type { QuizPurpose } from "@/lib/services/suitability/schemas";

// Quiz attempts as stored: the banks they draw from, the graded view a client may see, and the
// refusals the quiz verbs share.

/**
 * The bank new attempts of each quiz draw from (SUIT-3: the course's end quiz has its own bank, so
 * passing the course is not passing the risk quiz). Older banks stay listed so their attempts can be
 * rebuilt (the submission record keeps what was shown).
 */
export const CURRENT_QUIZ_BANKS: Readonly<Record<QuizPurpose, QuestionBank>> = { risk_quiz: CURRENT_RISK_QUIZ_BANK, course_quiz: CURRENT_COURSE_QUIZ_BANK };
const BANKS: readonly QuestionBank[] = ALL_QUESTION_BANKS;

export function bankOf(presented: PresentedQuiz): QuestionBank {
  const bank = BANKS.find((b) => b.contentHash === presented.contentHash);
  if (!bank)
    throw new Error(`quiz bank ${presented.bankId}@${presented.version} (${presented.contentHash}) is not in the code: a published bank was edited or removed`);
  return bank;
}

export interface GradedAttemptView extends QuizScore {
  attemptId: string;
  submittedAt: Date;
  bankVersion: string;
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

export type AttemptRow = NonNullable<Awaited<ReturnType<Db["quizAttempt"]["findFirst"]>>>;

export function gradedView(row: AttemptRow): GradedAttemptView | null {
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
      return {
        questionId: q.questionId,
        text: question?.text ?? q.questionId,
        chosenText: question?.options.find((option) => option.id === q.chosenOptionId)?.text ?? q.chosenOptionId,
        correct: q.correct,
      };
    }),
  };
}

export function questionsOf(row: AttemptRow): PublicQuestion[] {
  const presented = row.presented as unknown as PresentedQuiz;
  const rebuilt = presentedQuestions(bankOf(presented), presented);
  if (!rebuilt.ok) throw new Error(`stored quiz attempt ${row.id} cannot be rebuilt: ${rebuilt.errors.map((e) => e.message).join("; ")}`);
  return rebuilt.questions;
}

/** The latest passed attempt of a purpose, for the submission record and the course credit. */
export async function latestPassedAttempt(db: Db | Tx, userId: string, purpose: QuizPurpose): Promise<AttemptRow | null> {
  return db.quizAttempt.findFirst({ where: { userId, purpose, passed: true }, orderBy: [{ submittedAt: "desc" }, { id: "desc" }] });
}

export class RetakeLimitReached extends ServiceError {
  constructor(
    readonly nextAllowedAt: Date,
    attempts: number,
  ) {
    super(
      msg("errors.quiz.retakeLimit", {
        attempts,
        maxAttempts: DEFAULT_ATTEMPT_POLICY.maxAttempts,
        days: DEFAULT_ATTEMPT_POLICY.windowMs / 86_400_000,
        nextAllowedAt: nextAllowedAt.toISOString().replace("T", " ").slice(0, 16),
      }),
      429,
      "QUIZ_RETAKE_LIMIT",
    );
  }
}

export class QuizIncomplete extends Invalid {
  constructor(
    readonly unanswered: string[],
    total: number,
  ) {
    super(msg("errors.quiz.incomplete", { unanswered: unanswered.length, total }));
  }
}
