import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { setCategory } from "@/lib/services/suitability/set-category";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import { bankOf } from "@/lib/services/suitability/quiz-attempts";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { confirmKnowledgeRecord } from "@/lib/services/suitability/confirm-knowledge-record";
import { getReviewCase } from "@/lib/services/suitability/get-review-case";
import { perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import { hongKongDate, subtractMonths } from "@/lib/suitability/dates";
import type { PresentedQuiz } from "@/lib/suitability/quiz";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T04:00:00Z");
const TODAY = hongKongDate(NOW);
const PDF = new TextEncoder().encode("%PDF-1.4\n% test document\n%%EOF\n");
const pdf = (name = "statement.pdf") => new File([PDF], name, { type: "application/pdf" });
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

async function client(): Promise<{ actor: Actor; ctx: (at?: Date) => ServiceContext }> {
  const actor = await signedInUser(prisma, ["CLIENT"], { totp: true }); // SEC-1: perps access needs a second factor
  return { actor, ctx: (at = NOW) => contextFor(prisma, actor, () => at) };
}

async function officer(at: Date = NOW): Promise<{ actor: Actor; ctx: ServiceContext }> {
  const actor = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() });
  return { actor, ctx: contextFor(prisma, { ...actor, stepUpAt: at }, () => at) };
}

async function passRiskQuiz(ctx: ServiceContext) {
  const attempt = await startQuizAttempt({ ctx, input: { purpose: "risk_quiz" } });
  const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } });
  const presented = row.presented as unknown as PresentedQuiz;
  const key = new Map(bankOf(presented).questions.map((q) => [q.id, q.correctOptionId]));
  await submitQuizAttempt({
    ctx,
    input: { attemptId: attempt.attemptId, answers: presented.questions.map((q) => ({ questionId: q.questionId, optionId: key.get(q.questionId)! })) },
  });
}

/**
 * A complete individual application. `knowledge`: five evidenced futures trades, one role with its
 * document (awaiting an officer's confirmation), one external course with its certificate (likewise),
 * or five typed spot trades without documents.
 */
async function apply(
  ctx: ServiceContext,
  {
    value = "8,000,000.00",
    statementAgeDays = 10,
    knowledge = "trades",
  }: { value?: string; statementAgeDays?: number; knowledge?: "trades" | "role" | "course" | "spot" } = {},
) {
  await setCategory({ ctx, input: { category: "individual" } });
  await addPortfolioLine({
    ctx,
    input: {
      line: {
        assetClass: "securities",
        custodianOrIssuer: "Harbour Custodian Ltd",
        documentType: "custodian_statement",
        value,
        currency: "HKD",
        statementDate: daysBefore(hongKongDate(ctx.now()), statementAgeDays),
        ownershipKind: "sole",
      },
      file: pdf(),
    },
  });
  if (knowledge === "trades") {
    for (let i = 0; i < 5; i++)
      await addKnowledgeRecord({
        ctx,
        input: {
          section: "trading",
          record: {
            tradeDate: subtractMonths(hongKongDate(ctx.now()), i + 1),
            instrumentType: "futures",
            instrument: "HSI futures",
            venueOrBroker: "Broker Ltd",
          },
          file: pdf("contract-note.pdf"),
        },
      });
  }
  if (knowledge === "spot")
    for (let i = 0; i < 5; i++)
      await addKnowledgeRecord({
        ctx,
        input: {
          section: "trading",
          record: { tradeDate: subtractMonths(hongKongDate(ctx.now()), i + 1), instrumentType: "spot", instrument: "BTC", venueOrBroker: "Some exchange" },
        },
      });
  if (knowledge === "role")
    await addKnowledgeRecord({
      ctx,
      input: {
        section: "workExperience",
        record: {
          employer: "Example Bank",
          role: "Futures operations analyst",
          years: "3",
          relatesToDerivatives: "yes",
          derivativeDuties: "Margin calls and settlement of listed futures and options",
        },
        file: pdf("employer-letter.pdf"),
      },
    });
  if (knowledge === "course")
    await addKnowledgeRecord({
      ctx,
      input: { section: "training", record: COURSE, file: pdf("course-certificate.pdf") },
    });
  await setDeclarations({
    ctx,
    input: {
      training: knowledge === "course" ? "yes" : "no",
      workExperience: knowledge === "role" ? "yes" : "no",
      trading: knowledge === "trades" || knowledge === "spot" ? "yes" : "no",
    },
  });
  await setNetWorth({ ctx, input: { netWorthHkd: "20,000,000", liquidAssetsHkd: "4,000,000" } });
  await passRiskQuiz(ctx);
  const version = currentVersion(RISK_DISCLOSURE_VERSIONS, ctx.now())!;
  await acknowledgeDisclosure({ ctx, input: { versionId: version.id, contentHash: contentHash(version), confirmed: "on" } });
  return submitOnboarding({ ctx });
}

const COURSE = { provider: "Securities Institute (HK)", topics: "futures, options, margin and leverage", completionDate: "2025-09-15" };

const caseOf = (userId: string) => prisma.onboardingCase.findUniqueOrThrow({ where: { userId } });
const REASON = "Reviewed the evidence and the call notes; approving.";

describe("the professional-investor gate at review", () => {
  it("PI-2 PI-5: a failed statutory PI test is refused to two officers in sequence, APPROVE and CONFIRM_OVERRIDE alike, and nothing changes", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx(), { value: "7,999,999.99" });
    const first = await officer();
    const second = await officer();
    const review = await getReviewCase({ ctx: first.ctx, input: { submissionId } });
    expect(review.gate).toEqual({ piPassed: false, quizPassed: true, knowledgePassed: true });
    expect(review.allowed).toEqual(["REJECT", "REQUEST_INFO"]);
    expect(review.blockedReason?.key).toBe("errors.review.gate.piTestFailed");
    const before = await caseOf(actor.userId);
    for (const o of [first, second])
      for (const decision of ["APPROVE", "CONFIRM_OVERRIDE"] as const)
        await expect(decideReview({ ctx: o.ctx, input: { submissionId, decision, reason: REASON } })).rejects.toMatchObject({
          status: 409,
          code: "PI_TEST_FAILED",
          message: expect.stringMatching(/no number of officers, can approve/),
        });
    expect(await caseOf(actor.userId)).toEqual(before);
    expect(await prisma.suitabilityReview.count({ where: { submissionId } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { entityId: submissionId, action: "review.decision" } })).toBe(0);
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("none");
    // Rejecting stays possible, and is recorded.
    expect(await decideReview({ ctx: second.ctx, input: { submissionId, decision: "REJECT", reason: "Portfolio below HK$8,000,000." } })).toMatchObject({
      status: "REJECTED",
    });
  });

  it("PI-2: two officers approving a failed PI test at the same moment are both refused", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx(), { value: "7,999,999.99" });
    const [a, b] = await Promise.all([officer(), officer()]);
    const results = await Promise.allSettled([
      decideReview({ ctx: a.ctx, input: { submissionId, decision: "APPROVE", reason: REASON } }),
      decideReview({ ctx: b.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: REASON } }),
      decideReview({ ctx: b.ctx, input: { submissionId, decision: "APPROVE", reason: REASON } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : null))).toEqual([
      "PI_TEST_FAILED",
      "PI_TEST_FAILED",
      "PI_TEST_FAILED",
    ]);
    expect((await caseOf(actor.userId)).status).toBe("SUBMITTED");
    expect(await prisma.suitabilityReview.count({ where: { submissionId } })).toBe(0);
  });

  it("PI-2: a case an officer put to second approval before this rule (failed PI) cannot be confirmed", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx(), { value: "7,999,999.99" });
    const first = await officer();
    // As an approval recorded before the rule existed left it.
    await prisma.suitabilityReview.create({
      data: {
        submissionId,
        officerId: first.actor.userId,
        officerEmail: first.actor.email,
        decision: "APPROVE",
        reason: REASON,
        overridesEvaluator: true,
        decidedAt: NOW,
      },
    });
    await prisma.onboardingCase.update({ where: { userId: actor.userId }, data: { status: "PENDING_SECOND_APPROVAL" } });
    const second = await officer();
    expect((await getReviewCase({ ctx: second.ctx, input: { submissionId } })).allowed).toEqual(["REJECT", "REQUEST_INFO"]);
    await expect(decideReview({ ctx: second.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: REASON } })).rejects.toMatchObject({
      code: "PI_TEST_FAILED",
    });
    expect((await caseOf(actor.userId)).status).toBe("PENDING_SECOND_APPROVAL");
  });

  it("PI-5: evidence current at submission but stale on the approval date refuses the approval, naming the line, its date and age; nothing changes", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx(), { statementAgeDays: 360 });
    const statementDate = daysBefore(TODAY, 360);
    const late = new Date(NOW.getTime() + 6 * DAY); // 366 days after the statement
    const { ctx: officerCtx } = await officer(late);
    const before = await caseOf(actor.userId);
    await expect(decideReview({ ctx: officerCtx, input: { submissionId, decision: "APPROVE", reason: REASON } })).rejects.toMatchObject({
      status: 409,
      code: "EVIDENCE_STALE",
      message: expect.stringContaining(`line 1 (securities at Harbour Custodian Ltd) dated ${statementDate}, 366 days old`),
    });
    expect(await caseOf(actor.userId)).toEqual(before);
    expect(await prisma.suitabilityReview.count({ where: { submissionId } })).toBe(0);
    // One day earlier (365 days) it is still current, and the approval goes through.
    const { ctx: inTime } = await officer(new Date(NOW.getTime() + 5 * DAY));
    expect(await decideReview({ ctx: inTime, input: { submissionId, decision: "APPROVE", reason: REASON } })).toMatchObject({ status: "APPROVED" });
  });

  it("PI-8: status runs 12 months from the assessment date, not from a later approval", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx());
    const { ctx: officerCtx } = await officer(new Date(NOW.getTime() + 40 * DAY));
    await decideReview({ ctx: officerCtx, input: { submissionId, decision: "APPROVE", reason: REASON } });
    const row = await caseOf(actor.userId);
    expect(row.verifiedAt).toEqual(new Date(NOW.getTime() + 40 * DAY));
    // Assessed 2026-11-20 (Hong Kong): ends at 00:00 HKT on 2027-11-20, whatever the approval date.
    expect(row.expiresAt).toEqual(new Date("2027-11-19T16:00:00Z"));
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: submissionId, action: "review.decision" } });
    expect(audit.after).toMatchObject({ assessmentDate: TODAY, expiresAt: "2027-11-19T16:00:00.000Z" });
  });

  it("SUIT-1 SUIT-2: a role with its document awaits an officer's confirmation; confirmed (officer, time, document hash, audited) it meets the criterion and approval needs no override", async () => {
    const { actor, ctx } = await client();
    // A role said to involve derivatives without its document is refused, specifically.
    await expect(
      addKnowledgeRecord({
        ctx: ctx(),
        input: {
          section: "workExperience",
          record: { employer: "Shop", role: "Cashier", years: "2", relatesToDerivatives: "yes", derivativeDuties: "Handled payments at the till every day" },
        },
      }),
    ).rejects.toMatchObject({ fieldErrors: { document: [expect.stringMatching(/Attach the document/)] } });
    const { submissionId } = await apply(ctx(), { knowledge: "role" });
    const record = (await getOnboarding({ ctx: ctx() })).draft;
    expect(record.workExperience[0]).toMatchObject({ relatesToDerivatives: true });

    const first = await officer();
    let review = await getReviewCase({ ctx: first.ctx, input: { submissionId } });
    expect(review.submission.record.evaluator.knowledgePassed).toBe(false);
    expect(review.knowledgeNow?.workExperience.roles.map((r) => r.standing)).toEqual(["awaiting_confirmation"]);
    expect(review.gate.knowledgePassed).toBe(false);

    // The client cannot confirm their own role; a short note is refused; a role index that does not exist is refused.
    await expect(confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId, kind: "role", index: 0, note: "ok" } })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId, kind: "role", index: 3, note: "Employer letter confirms duties." } }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      confirmKnowledgeRecord({
        ctx: { ...first.ctx, actor: { ...first.ctx.actor!, stepUpAt: null } },
        input: { submissionId, kind: "role", index: 0, note: "Employer letter confirms duties." },
      }),
    ).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    expect(await prisma.knowledgeConfirmation.count({ where: { submissionId } })).toBe(0);

    expect(
      await confirmKnowledgeRecord({
        ctx: first.ctx,
        input: { submissionId, kind: "role", index: 0, note: "Employer letter confirms futures margin duties." },
      }),
    ).toEqual({
      kind: "role",
      index: 0,
      knowledgePassed: true,
    });
    const confirmation = await prisma.knowledgeConfirmation.findFirstOrThrow({ where: { submissionId } });
    const document = review.submission.record.documents.find((d) => d.fileName.includes("employer-letter"))!;
    expect(confirmation).toMatchObject({
      kind: "ROLE",
      recordIndex: 0,
      officerId: first.actor.userId,
      documentId: document.id,
      documentSha256: document.sha256,
      confirmedAt: NOW,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: submissionId, action: "review.role_confirmed" } });
    expect(audit.after).toMatchObject({ roleIndex: 0, documentSha256: document.sha256, knowledgePassed: true });
    const second = await officer();
    await expect(
      confirmKnowledgeRecord({ ctx: second.ctx, input: { submissionId, kind: "role", index: 0, note: "Confirming it a second time." } }),
    ).rejects.toThrow(/already confirmed/);

    review = await getReviewCase({ ctx: second.ctx, input: { submissionId } });
    expect(review.gate).toEqual({ piPassed: true, quizPassed: true, knowledgePassed: true });
    expect(review.knowledgeNow?.workExperience.roles[0]).toMatchObject({ standing: "confirmed", confirmation: { officerId: first.actor.userId } });
    expect(await decideReview({ ctx: second.ctx, input: { submissionId, decision: "APPROVE", reason: REASON } })).toEqual({
      status: "APPROVED",
      overridesEvaluator: false,
    });
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("active");
  });

  it("SUIT-1 SUIT-2: without the confirmation, approving on the role is an override that two different officers must make", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx(), { knowledge: "role" });
    const first = await officer();
    const second = await officer();
    expect(await decideReview({ ctx: first.ctx, input: { submissionId, decision: "APPROVE", reason: "Role looks right from the call notes." } })).toEqual({
      status: "PENDING_SECOND_APPROVAL",
      overridesEvaluator: true,
    });
    await expect(
      decideReview({ ctx: first.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: "Confirming my own override." } }),
    ).rejects.toThrow(/second officer must confirm/);
    expect(await decideReview({ ctx: second.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: "Agree with the first officer." } })).toEqual({
      status: "APPROVED",
      overridesEvaluator: true,
    });
    const reviews = await prisma.suitabilityReview.findMany({ where: { submissionId }, orderBy: { decidedAt: "asc" } });
    expect(reviews.map((r) => [r.decision, r.officerId, r.reason])).toEqual([
      ["APPROVE", first.actor.userId, "Role looks right from the call notes."],
      ["CONFIRM_OVERRIDE", second.actor.userId, "Agree with the first officer."],
    ]);
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("active");
  });

  it("SUIT-1 SUIT-2: five typed spot trades with no documents count zero in the submission record", async () => {
    const { ctx } = await client();
    const { submissionId } = await apply(ctx(), { knowledge: "spot" });
    const row = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: submissionId } });
    expect(row.knowledgePassed).toBe(false);
    const record = row.record as unknown as { knowledge: { trading: { tradesInWindow: number; trades: { standing: string }[] } } };
    expect(record.knowledge.trading.tradesInWindow).toBe(0);
    expect(record.knowledge.trading.trades.map((t) => t.standing)).toEqual(Array(5).fill("not_derivative"));
  });

  it("SUIT-1 SUIT-2: an external course needs its certificate; it awaits an officer's confirmation; confirmed (officer, time, certificate hash, audited, step-up) it meets training and approval needs no override", async () => {
    const { actor, ctx } = await client();
    // Provider, topics and date typed without a certificate are refused, specifically, and nothing is added.
    await expect(addKnowledgeRecord({ ctx: ctx(), input: { section: "training", record: COURSE } })).rejects.toMatchObject({
      fieldErrors: { document: [expect.stringMatching(/Attach the course certificate/)] },
    });
    expect((await getOnboarding({ ctx: ctx() })).draft.training).toEqual([]);
    const { submissionId } = await apply(ctx(), { knowledge: "course" });

    // At submission the course is awaiting confirmation: training is not met.
    const row = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: submissionId } });
    expect(row.knowledgePassed).toBe(false);
    const first = await officer();
    let review = await getReviewCase({ ctx: first.ctx, input: { submissionId } });
    expect(review.knowledgeNow?.training.courses.map((c) => c.standing)).toEqual(["awaiting_confirmation"]);
    expect(review.knowledgeNow?.training.met).toBe(false);
    expect(review.gate).toEqual({ piPassed: true, quizPassed: true, knowledgePassed: false });

    // Refused: a short note, a course that does not exist, the role list (the client declared no role), no fresh step-up.
    const note = "Certificate from the Securities Institute shows the futures and options course, completed 2025-09-15.";
    await expect(confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId, kind: "course", index: 0, note: "ok" } })).rejects.toMatchObject({
      status: 422,
    });
    await expect(confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId, kind: "course", index: 1, note } })).rejects.toMatchObject({
      status: 404,
      message: "The submission has no external course 2.",
    });
    await expect(confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId, kind: "role", index: 0, note } })).rejects.toMatchObject({ status: 404 });
    await expect(
      confirmKnowledgeRecord({
        ctx: { ...first.ctx, actor: { ...first.ctx.actor!, stepUpAt: null } },
        input: { submissionId, kind: "course", index: 0, note },
      }),
    ).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    // The client cannot confirm their own course.
    await expect(confirmKnowledgeRecord({ ctx: ctx(), input: { submissionId, kind: "course", index: 0, note } })).rejects.toMatchObject({ status: 403 });
    expect(await prisma.knowledgeConfirmation.count({ where: { submissionId } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { entityId: submissionId, action: "review.course_confirmed" } })).toBe(0);

    expect(await confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId, kind: "course", index: 0, note } })).toEqual({
      kind: "course",
      index: 0,
      knowledgePassed: true,
    });
    const certificate = review.submission.record.documents.find((d) => d.fileName.includes("course-certificate"))!;
    expect(await prisma.knowledgeConfirmation.findFirstOrThrow({ where: { submissionId } })).toMatchObject({
      kind: "COURSE",
      recordIndex: 0,
      officerId: first.actor.userId,
      officerEmail: first.actor.email,
      documentId: certificate.id,
      documentSha256: certificate.sha256,
      note,
      confirmedAt: NOW,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: submissionId, action: "review.course_confirmed" } });
    expect(audit).toMatchObject({ actorId: first.actor.userId, reason: note });
    expect(audit.after).toMatchObject({
      kind: "course",
      courseIndex: 0,
      provider: COURSE.provider,
      documentId: certificate.id,
      documentSha256: certificate.sha256,
      knowledgePassed: true,
    });
    const second = await officer();
    await expect(confirmKnowledgeRecord({ ctx: second.ctx, input: { submissionId, kind: "course", index: 0, note } })).rejects.toThrow(
      `Course 1 was already confirmed by ${first.actor.email}.`,
    );

    review = await getReviewCase({ ctx: second.ctx, input: { submissionId } });
    expect(review.gate).toEqual({ piPassed: true, quizPassed: true, knowledgePassed: true });
    expect(review.knowledgeNow?.training.courses[0]).toMatchObject({ standing: "confirmed", confirmation: { officerId: first.actor.userId } });
    expect(review.confirmations).toEqual([
      { kind: "course", index: 0, officerEmail: first.actor.email, confirmedAt: NOW, documentSha256: certificate.sha256, note },
    ]);
    expect(await decideReview({ ctx: second.ctx, input: { submissionId, decision: "APPROVE", reason: REASON } })).toEqual({
      status: "APPROVED",
      overridesEvaluator: false,
    });
    const decision = await prisma.auditLog.findFirstOrThrow({ where: { entityId: submissionId, action: "review.decision" } });
    expect(decision.after).toMatchObject({ gate: { knowledgePassed: true, rolesConfirmed: [], coursesConfirmed: [0] } });
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("active");
  });

  it("SUIT-1 SUIT-2: an unconfirmed external course does not meet training: approving on it is an override two officers must make; a course without a certificate cannot be confirmed", async () => {
    const { actor, ctx } = await client();
    const { submissionId } = await apply(ctx(), { knowledge: "course" });
    const first = await officer();
    const second = await officer();
    expect((await getReviewCase({ ctx: first.ctx, input: { submissionId } })).allowed).toEqual(["APPROVE", "REJECT", "REQUEST_INFO"]);
    expect(await decideReview({ ctx: first.ctx, input: { submissionId, decision: "APPROVE", reason: "Course looks right from the call notes." } })).toEqual({
      status: "PENDING_SECOND_APPROVAL",
      overridesEvaluator: true,
    });
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("none");
    expect(await decideReview({ ctx: second.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: "Agree with the first officer." } })).toEqual({
      status: "APPROVED",
      overridesEvaluator: true,
    });

    // A course recorded without its certificate (as drafts made before the certificate was required are)
    // counts nothing and cannot be confirmed.
    const other = await client();
    await apply(other.ctx(), { knowledge: "course" });
    const draftRow = await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: other.actor.userId } });
    const draft = draftRow.draft as unknown as { training: { documentId: string | null }[] };
    await prisma.onboardingCase.update({
      where: { userId: other.actor.userId },
      data: { draft: { ...draft, training: draft.training.map((c) => ({ ...c, documentId: null })) } as never, status: "DRAFT" },
    });
    const { submissionId: bare } = await submitOnboarding({ ctx: other.ctx(new Date(NOW.getTime() + 1_000)) });
    const review = await getReviewCase({ ctx: first.ctx, input: { submissionId: bare } });
    expect(review.knowledgeNow?.training.courses.map((c) => c.standing)).toEqual(["no_document"]);
    await expect(
      confirmKnowledgeRecord({ ctx: first.ctx, input: { submissionId: bare, kind: "course", index: 0, note: "Trying to confirm with no certificate." } }),
    ).rejects.toMatchObject({ status: 409, message: "Course 1 has no certificate: a course is confirmed only against its certificate." });
    expect(await prisma.knowledgeConfirmation.count({ where: { submissionId: bare } })).toBe(0);
  });
});
