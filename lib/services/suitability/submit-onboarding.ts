import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid } from "@/lib/services/errors";
import { messageList, msg } from "@/lib/i18n/message-ref";
import type { PresentedQuiz, QuizAnswer } from "@/lib/suitability/quiz";
import { draftDocumentIds } from "@/lib/suitability/draft";
import { evidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";
import { vaKnowledgeSection } from "@/lib/suitability/va-knowledge";
import { assessmentDateOf, loadCase, lockCase } from "@/lib/services/suitability/internal";
import { latestPassedAttempt } from "@/lib/services/suitability/quiz-attempts";
import { evaluateDraft, SUBMISSION_FORMAT, submissionHash, toPlainJson, type SubmissionRecord } from "@/lib/services/suitability/submission";

/**
 * Submit the draft for compliance review: evaluate it, and store the whole record immutably, chained
 * to the client's previous submission by hash. Refused, with what is missing, unless every step is
 * complete; a failed evaluation is still submitted (the officer decides).
 */
export async function submitOnboarding({ ctx }: { ctx: ServiceContext }): Promise<{ submissionId: string; version: number; recordHash: string }> {
  const actor = authorize(ctx, "portal.view");
  return withTransaction(ctx, async (tx) => {
    const existing = await loadCase(tx, actor.userId);
    if (!existing) throw new Invalid(msg("errors.onboarding.startFirst"));
    const current = await lockCase(tx, ctx, actor.userId);
    if (current.status === "SUBMITTED" || current.status === "PENDING_SECOND_APPROVAL") throw new Conflict(msg("errors.onboarding.alreadySubmitted"));
    const now = ctx.now();
    const evaluation = await evaluateDraft(tx, actor.userId, current.draft, now);
    const missing = evaluation.ready.filter((r) => !r.ok);
    if (missing.length > 0 || !evaluation.pi || !evaluation.knowledge || !evaluation.cap)
      throw new Invalid(
        msg("errors.onboarding.incomplete", { missing: messageList(missing.map((m) => m.message)) }),
        Object.fromEntries(missing.map((m) => [m.step, [m.message]])),
      );

    const quiz = (await latestPassedAttempt(tx, actor.userId, "risk_quiz"))!;
    const ack = (await tx.riskDisclosureAcknowledgement.findFirst({ where: { userId: actor.userId }, orderBy: [{ acknowledgedAt: "desc" }, { id: "desc" }] }))!;
    const documentIds = draftDocumentIds(current.draft);
    const documents = await tx.evidenceDocument.findMany({
      where: { id: { in: documentIds }, userId: actor.userId },
      select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true },
      orderBy: { uploadedAt: "asc" },
    });
    const previous = await tx.suitabilitySubmission.findFirst({
      where: { userId: actor.userId },
      orderBy: { version: "desc" },
      select: { version: true, recordHash: true },
    });
    const version = (previous?.version ?? 0) + 1;
    const piPassed = evaluation.pi.passed;
    const knowledgePassed = evaluation.knowledge.hasKnowledge;
    const quizPassed = quiz.passed === true;
    const record: SubmissionRecord = {
      format: SUBMISSION_FORMAT,
      userId: actor.userId,
      version,
      submittedAt: now.toISOString(),
      assessmentDate: assessmentDateOf(ctx),
      draft: current.draft,
      documents: documents.map((d) => ({ ...evidenceDocumentMeta(d), uploadedAt: d.uploadedAt.toISOString() })),
      fxRates: evaluation.pi.fxRatesUsed.map((r) => ({ ...r, hkdPerUnitPpb: r.hkdPerUnitPpb.toString() })),
      pi: evaluation.pi,
      platformCourse: evaluation.platformCourse,
      knowledge: evaluation.knowledge,
      vaKnowledge: vaKnowledgeSection(current.draft, assessmentDateOf(ctx)).assessment,
      riskQuiz: {
        attemptId: quiz.id,
        purpose: quiz.purpose,
        presented: quiz.presented as unknown as PresentedQuiz,
        answers: quiz.answers as unknown as QuizAnswer[],
        startedAt: quiz.startedAt.toISOString(),
        submittedAt: quiz.submittedAt!.toISOString(),
        correct: quiz.correct!,
        total: quiz.total!,
        passed: quizPassed,
      },
      disclosure: { versionId: ack.versionId, contentHash: ack.contentHash, acknowledgedAt: ack.acknowledgedAt.toISOString() },
      exposureCap: evaluation.cap,
      evaluator: { piPassed, knowledgePassed, quizPassed, passed: piPassed && knowledgePassed && quizPassed },
      previousHash: previous?.recordHash ?? null,
    };
    const recordHash = submissionHash(record);
    const row = await tx.suitabilitySubmission.create({
      data: {
        userId: actor.userId,
        version,
        submittedAt: now,
        assessmentDate: record.assessmentDate,
        record: toPlainJson(record) as Prisma.InputJsonValue,
        piPassed,
        knowledgePassed,
        quizPassed,
        evaluatorPassed: record.evaluator.passed,
        recordHash,
        previousHash: record.previousHash,
      },
      select: { id: true },
    });
    await tx.onboardingCase.update({
      where: { userId: actor.userId },
      data: { status: "SUBMITTED", latestSubmissionId: row.id, statusReason: null, statusChangedAt: now },
    });
    await recordAudit(tx, ctx, {
      action: "onboarding.submit",
      entity: "SuitabilitySubmission",
      entityId: row.id,
      after: { userId: actor.userId, version, recordHash, previousHash: record.previousHash, evaluator: record.evaluator },
    });
    return { submissionId: row.id, version, recordHash };
  });
}
