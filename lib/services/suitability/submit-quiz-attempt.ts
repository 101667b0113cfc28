import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { gradeQuiz, type PresentedQuiz } from "@/lib/suitability/quiz";
import { bankOf, gradedView, QuizIncomplete, type GradedAttemptView } from "@/lib/services/suitability/quiz-attempts";
import { SubmitQuizInput } from "@/lib/services/suitability/schemas";

/** Grade an open attempt once. Partial answer sets are refused (nothing recorded) so the client can finish. */
export async function submitQuizAttempt({ ctx, input }: { ctx: ServiceContext; input: SubmitQuizInput }): Promise<GradedAttemptView> {
  const actor = authorize(ctx, "portal.view");
  const { attemptId, answers } = SubmitQuizInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const row = await tx.quizAttempt.findUnique({ where: { id: attemptId } });
    if (!row || row.userId !== actor.userId) throw new NotFound(msg("errors.quiz.noSuchAttempt"));
    if (row.submittedAt) throw new Conflict(msg("errors.quiz.alreadySubmitted"));
    const presented = row.presented as unknown as PresentedQuiz;
    const answered = new Set(answers.map((a) => a.questionId));
    const unanswered = presented.questions.map((q) => q.questionId).filter((id) => !answered.has(id));
    if (unanswered.length > 0) throw new QuizIncomplete(unanswered, presented.questions.length);
    const graded = gradeQuiz(bankOf(presented), presented, answers);
    // The grader's problems name question and option ids: technical detail, given as it is.
    if (!graded.ok) throw new Invalid(msg("errors.quiz.answersDoNotFit", { problems: graded.errors.map((e) => e.message).join("; ") }));
    // Conditional on still being open, so a double submit grades once.
    const claimed = await tx.quizAttempt.updateMany({
      where: { id: attemptId, submittedAt: null },
      data: {
        answers: answers,
        submittedAt: ctx.now(),
        correct: graded.graded.correct,
        total: graded.graded.total,
        passed: graded.graded.passed,
      },
    });
    if (claimed.count !== 1) throw new Conflict(msg("errors.quiz.alreadySubmitted"));
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
