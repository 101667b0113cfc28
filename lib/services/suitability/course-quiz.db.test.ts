import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { contextFor, signedInUser } from "@/test/service-context";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { getQuizStatus } from "@/lib/services/suitability/get-quiz-status";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { currentDisclosureAcknowledged } from "@/lib/services/suitability/acknowledgements";
import { getDisclosureStatus } from "@/lib/services/suitability/get-disclosure-status";
import { CURRENT_COURSE_QUIZ_BANK, CURRENT_RISK_QUIZ_BANK } from "@/lib/suitability/quiz-banks";
import type { PresentedQuiz } from "@/lib/suitability/quiz";
import { RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { RISK_DISCLOSURE_V1 } from "@/lib/suitability/risk-disclosures/v1";
import { RISK_DISCLOSURE_V2 } from "@/lib/suitability/risk-disclosures/v2";
import { RISK_DISCLOSURE_V3 } from "@/lib/suitability/risk-disclosures/v3";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const NOW = new Date(Date.parse(RISK_DISCLOSURE_V2.effectiveFrom) + 86_400_000);

describe("course quiz bank and re-acknowledgement (SUIT-3, SUIT-9, DISC-8)", () => {
  it("SUIT-3 / SUIT-9: a course attempt draws from the course's own bank, a risk attempt from the risk bank, and the shown option order is stored", async () => {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const ctx = contextFor(prisma, actor, () => NOW);
    const course = await startQuizAttempt({ ctx, input: { purpose: "course_quiz" } });
    const risk = await startQuizAttempt({ ctx, input: { purpose: "risk_quiz" } });
    const [courseRow, riskRow] = await Promise.all([
      prisma.quizAttempt.findUniqueOrThrow({ where: { id: course.attemptId } }),
      prisma.quizAttempt.findUniqueOrThrow({ where: { id: risk.attemptId } }),
    ]);
    expect([courseRow.bankId, courseRow.bankVersion, courseRow.bankHash]).toEqual([
      CURRENT_COURSE_QUIZ_BANK.bankId,
      CURRENT_COURSE_QUIZ_BANK.version,
      CURRENT_COURSE_QUIZ_BANK.contentHash,
    ]);
    expect([riskRow.bankId, riskRow.bankVersion, riskRow.bankHash]).toEqual([
      CURRENT_RISK_QUIZ_BANK.bankId,
      CURRENT_RISK_QUIZ_BANK.version,
      CURRENT_RISK_QUIZ_BANK.contentHash,
    ]);
    const courseIds = new Set(CURRENT_COURSE_QUIZ_BANK.questions.map((q) => q.id));
    expect(course.questions.every((q) => courseIds.has(q.id))).toBe(true);
    expect(risk.questions.some((q) => courseIds.has(q.id))).toBe(false);
    // The record holds the order shown: each question's options exactly as the client got them.
    const presented = courseRow.presented as unknown as PresentedQuiz;
    expect(presented.questions.map((q) => q.questionId)).toEqual(course.questions.map((q) => q.id));
    presented.questions.forEach((q, i) => expect(q.optionOrder).toEqual(course.questions[i].options.map((o) => o.id)));
    // A reload returns the same attempt with the same order, and uses no attempt.
    const again = await startQuizAttempt({ ctx, input: { purpose: "course_quiz" } });
    expect(again).toMatchObject({ attemptId: course.attemptId, reused: true, questions: course.questions });

    // Passing the course's quiz is not passing the risk quiz.
    const key = new Map(CURRENT_COURSE_QUIZ_BANK.questions.map((q) => [q.id, q.correctOptionId]));
    const graded = await submitQuizAttempt({
      ctx,
      input: { attemptId: course.attemptId, answers: course.questions.map((q) => ({ questionId: q.id, optionId: key.get(q.id)! })) },
    });
    expect(graded.passed).toBe(true);
    expect((await getQuizStatus({ ctx, input: { purpose: "course_quiz" } })).passed?.attemptId).toBe(course.attemptId);
    expect((await getQuizStatus({ ctx, input: { purpose: "risk_quiz" } })).passed).toBeNull();
    // The attempts each quiz counts are its own: the status says one used of three before the next start.
    expect((await getQuizStatus({ ctx, input: { purpose: "course_quiz" } })).attemptsInWindow).toBe(1);
  });

  it("DISC-8: version 2 of the risk disclosure is material, so a client who acknowledged version 1 must acknowledge again", async () => {
    expect(RISK_DISCLOSURE_VERSIONS.map((v) => v.id)).toEqual([RISK_DISCLOSURE_V1.id, RISK_DISCLOSURE_V2.id, RISK_DISCLOSURE_V3.id]);
    expect(RISK_DISCLOSURE_V2.material).toBe(true);
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const underV1 = contextFor(prisma, actor, () => new Date(Date.parse(RISK_DISCLOSURE_V2.effectiveFrom) - 60_000));
    await acknowledgeDisclosure({ ctx: underV1, input: { versionId: RISK_DISCLOSURE_V1.id, contentHash: contentHash(RISK_DISCLOSURE_V1), confirmed: "on" } });
    expect(await currentDisclosureAcknowledged(underV1, actor.userId)).toBe(true);

    // While version 2 is the one in effect (before version 3 superseded it).
    const ctx = contextFor(prisma, actor, () => new Date(Date.parse(RISK_DISCLOSURE_V3.effectiveFrom) - 60_000));
    expect(await currentDisclosureAcknowledged(ctx, actor.userId)).toBe(false);
    const status = await getDisclosureStatus({ ctx });
    expect(status.current.version.id).toBe(RISK_DISCLOSURE_V2.id);
    expect(status.acknowledged).toBe(false);
    // Version 1 can no longer be acknowledged; version 2 with its own hash can.
    await expect(
      acknowledgeDisclosure({ ctx, input: { versionId: RISK_DISCLOSURE_V1.id, contentHash: contentHash(RISK_DISCLOSURE_V1), confirmed: "on" } }),
    ).rejects.toThrow(/version rd-2026-12-v2 is now in effect/);
    expect(contentHash(RISK_DISCLOSURE_V2)).not.toBe(contentHash(RISK_DISCLOSURE_V1));
    const { record } = await acknowledgeDisclosure({
      ctx,
      input: { versionId: RISK_DISCLOSURE_V2.id, contentHash: contentHash(RISK_DISCLOSURE_V2), confirmed: "on" },
    });
    expect(record).toMatchObject({ versionId: RISK_DISCLOSURE_V2.id, contentHash: contentHash(RISK_DISCLOSURE_V2) });
    expect(await currentDisclosureAcknowledged(ctx, actor.userId)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "disclosure.acknowledged", actorId: actor.userId } })).toBe(2);
  });

  it("LIQ-1, DISC-8: version 3 states the full close-out rule and is material, so a client who acknowledged version 2 must acknowledge again", async () => {
    expect(RISK_DISCLOSURE_V3.material).toBe(true);
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const underV2 = contextFor(prisma, actor, () => new Date(Date.parse(RISK_DISCLOSURE_V3.effectiveFrom) - 60_000));
    await acknowledgeDisclosure({ ctx: underV2, input: { versionId: RISK_DISCLOSURE_V2.id, contentHash: contentHash(RISK_DISCLOSURE_V2), confirmed: "on" } });
    expect(await currentDisclosureAcknowledged(underV2, actor.userId)).toBe(true);

    const ctx = contextFor(prisma, actor, () => NOW);
    expect(await currentDisclosureAcknowledged(ctx, actor.userId)).toBe(false);
    const status = await getDisclosureStatus({ ctx });
    expect(status.current.version.id).toBe(RISK_DISCLOSURE_V3.id);
    expect(status.acknowledged).toBe(false);
    await expect(
      acknowledgeDisclosure({ ctx, input: { versionId: RISK_DISCLOSURE_V2.id, contentHash: contentHash(RISK_DISCLOSURE_V2), confirmed: "on" } }),
    ).rejects.toThrow(/version rd-2026-12-v3 is now in effect/);
    // A stale hash of version 3 (e.g. the partial wording) is refused too.
    const before = await prisma.riskDisclosureAcknowledgement.count({ where: { userId: actor.userId } });
    await expect(
      acknowledgeDisclosure({ ctx, input: { versionId: RISK_DISCLOSURE_V3.id, contentHash: contentHash(RISK_DISCLOSURE_V2), confirmed: "on" } }),
    ).rejects.toThrow();
    expect(await prisma.riskDisclosureAcknowledgement.count({ where: { userId: actor.userId } })).toBe(before);
    const { record } = await acknowledgeDisclosure({
      ctx,
      input: { versionId: RISK_DISCLOSURE_V3.id, contentHash: contentHash(RISK_DISCLOSURE_V3), confirmed: "on" },
    });
    expect(record).toMatchObject({ versionId: RISK_DISCLOSURE_V3.id, contentHash: contentHash(RISK_DISCLOSURE_V3) });
    expect(await currentDisclosureAcknowledged(ctx, actor.userId)).toBe(true);
  });
});
