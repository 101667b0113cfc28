import "server-only";
import { randomInt } from "node:crypto";
import type { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import type { PublicQuestion } from "@/lib/suitability/quiz-bank";
import { attemptAllowed, drawQuiz } from "@/lib/suitability/quiz";
import { lockCase } from "@/lib/services/suitability/internal";
import { CURRENT_QUIZ_BANKS, questionsOf, RetakeLimitReached } from "@/lib/services/suitability/quiz-attempts";
import type { QuizPurposeInput } from "@/lib/services/suitability/schemas";

/**
 * Draw a new attempt (SUIT-9: random draw, retake limit) from the bank of its purpose: the risk quiz's
 * or the course's own (SUIT-3). The draw shuffles questions and options from a fresh random seed, and
 * the order shown is stored in `presented`, so the screen can be rebuilt exactly. An unanswered attempt is returned again
 * instead, so a reload does not use up an attempt. The attempt is stored before the questions are
 * shown, so abandoning it still counts.
 */
export async function startQuizAttempt({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: QuizPurposeInput;
}): Promise<{ attemptId: string; questions: PublicQuestion[]; reused: boolean }> {
  const actor = authorize(ctx, "portal.view");
  const { purpose } = input;
  return withTransaction(ctx, async (tx) => {
    // One client's attempts are counted and drawn one at a time, so two tabs cannot both pass the limit check.
    await lockCase(tx, ctx, actor.userId);
    const attempts = await tx.quizAttempt.findMany({ where: { userId: actor.userId, purpose }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
    const open = [...attempts].reverse().find((a) => a.submittedAt === null);
    if (open) return { attemptId: open.id, questions: questionsOf(open), reused: true };
    const decision = attemptAllowed(
      attempts.map((a) => ({ startedAtMs: a.startedAt.getTime() })),
      ctx.now().getTime(),
    );
    if (!decision.ok) throw new Error(decision.errors.map((e) => e.message).join("; "));
    if (!decision.allowed) throw new RetakeLimitReached(new Date(decision.nextAllowedAtMs), decision.attemptsInWindow);
    const drawn = drawQuiz(CURRENT_QUIZ_BANKS[purpose], { seed: randomInt(0, 0xffff_ffff) });
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
    await recordAudit(tx, ctx, {
      action: "quiz.start",
      entity: "QuizAttempt",
      entityId: row.id,
      after: {
        userId: actor.userId,
        purpose,
        bank: `${drawn.quiz.bankId}@${drawn.quiz.version}`,
        bankHash: drawn.quiz.contentHash,
        seed: drawn.quiz.seed,
        questions: drawn.quiz.questions,
      },
    });
    return { attemptId: row.id, questions: questionsOf(row), reused: false };
  });
}
