import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { attemptAllowed, DEFAULT_ATTEMPT_POLICY } from "@/lib/suitability/quiz";
import { gradedView, questionsOf, type QuizStatus } from "@/lib/services/suitability/quiz-attempts";
import type { QuizPurposeInput } from "@/lib/services/suitability/schemas";

/** The signed-in client's attempts at one quiz: the open one, the latest graded and passed ones, and the retake limit. */
export async function getQuizStatus({ ctx, input }: { ctx: ServiceContext; input: QuizPurposeInput }): Promise<QuizStatus> {
  const actor = authorize(ctx, "portal.view");
  const { purpose } = input;
  const attempts = await ctx.db.quizAttempt.findMany({ where: { userId: actor.userId, purpose }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });
  const decision = attemptAllowed(
    attempts.map((a) => ({ startedAtMs: a.startedAt.getTime() })),
    ctx.now().getTime(),
  );
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
