import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { removeDraftItem } from "@/lib/services/suitability/remove-draft-item";
import { setCategory } from "@/lib/services/suitability/set-category";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { draftItemFingerprint, loadCase } from "@/lib/services/suitability/internal";
import { MAX_DRAFT_LIST_ITEMS } from "@/lib/services/suitability/schemas";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import { bankOf, RetakeLimitReached } from "@/lib/services/suitability/quiz-attempts";
import { getQuizStatus } from "@/lib/services/suitability/get-quiz-status";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { submissionHash } from "@/lib/services/suitability/submission";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { reconstructSubmission } from "@/lib/services/suitability/reconstruct-submission";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { getReviewCase } from "@/lib/services/suitability/get-review-case";
import { getReviewQueue } from "@/lib/services/suitability/get-review-queue";
import { perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { requireOrderEntitlement } from "@/lib/services/trading/order-entitlement";
import { listExpiringStatuses } from "@/lib/services/suitability/list-expiring-statuses";
import { sendExpiryReminders } from "@/lib/services/suitability/send-expiry-reminders";
import { MAX_EVIDENCE_BYTES } from "@/lib/suitability/evidence-file";
import { currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import { hongKongDate, piStatusExpiresAt, subtractMonths } from "@/lib/suitability/dates";
import type { PresentedQuiz } from "@/lib/suitability/quiz";
import type { TradingVenue } from "@/lib/services/trading/venue";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T04:00:00Z");
const TODAY = hongKongDate(NOW);
const PDF = new TextEncoder().encode("%PDF-1.4\n% test statement\n%%EOF\n");
const pdf = (name = "statement.pdf") => new File([PDF], name, { type: "application/pdf" });

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
}

const line = (over: Record<string, string> = {}) => ({
  assetClass: "securities",
  custodianOrIssuer: "Test Custodian Ltd",
  documentType: "custodian_statement",
  value: "8,000,000.00",
  currency: "HKD",
  statementDate: daysBefore(TODAY, 10),
  ownershipKind: "sole",
  ...over,
});

async function client(): Promise<{ actor: Actor; ctx: (at?: Date) => ServiceContext }> {
  const actor = await signedInUser(prisma, ["CLIENT"], { totp: true }); // SEC-1: perps access needs a second factor
  return { actor, ctx: (at = NOW) => contextFor(prisma, actor, () => at) };
}

async function officer(at: Date = NOW): Promise<{ actor: Actor; ctx: ServiceContext }> {
  const actor = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() });
  // Step-up is fresh relative to the test clock, not the wall clock.
  const ctx = contextFor(prisma, { ...actor, stepUpAt: at }, () => at);
  return { actor, ctx };
}

async function passQuiz(ctx: ServiceContext, purpose: "risk_quiz" | "course_quiz" = "risk_quiz", wrong = 0) {
  const attempt = await startQuizAttempt({ ctx, input: { purpose } });
  const row = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } });
  const presented = row.presented as unknown as PresentedQuiz;
  const bank = bankOf(presented);
  const answers = presented.questions.map((q, i) => {
    const question = bank.questions.find((b) => b.id === q.questionId)!;
    const optionId = i < wrong ? question.options.find((o) => o.id !== question.correctOptionId)!.id : question.correctOptionId;
    return { questionId: q.questionId, optionId };
  });
  return submitQuizAttempt({ ctx, input: { attemptId: attempt.attemptId, answers } });
}

async function acknowledge(ctx: ServiceContext) {
  const version = currentVersion(RISK_DISCLOSURE_VERSIONS, ctx.now())!;
  await acknowledgeDisclosure({ ctx, input: { versionId: version.id, contentHash: contentHash(version), confirmed: "on" } });
}

/** A complete individual application; `trades` derivative trades in the last 36 months. */
async function completeApplication(ctx: ServiceContext, { value = "8,000,000.00", trades = 5 } = {}) {
  await setCategory({ ctx, input: { category: "individual" } });
  await addPortfolioLine({ ctx, input: { line: line({ value }), file: pdf() } });
  for (let i = 0; i < trades; i++)
    await addKnowledgeRecord({
      ctx,
      input: {
        section: "trading",
        record: { tradeDate: subtractMonths(TODAY, i + 1), instrumentType: "futures", instrument: "HSI futures", venueOrBroker: "Broker Ltd" },
        file: pdf("contract-note.pdf"),
      },
    });
  await setDeclarations({ ctx, input: { training: "no", workExperience: "no", trading: trades > 0 ? "yes" : "no" } });
  await setNetWorth({ ctx, input: { netWorthHkd: "20,000,000", liquidAssetsHkd: "4,000,000" } });
  await passQuiz(ctx);
  await acknowledge(ctx);
}

describe("PI onboarding services", () => {
  it("bad input / PI-5: future dates, negative values, unsupported currency, oversized and non-PDF/image files are refused specifically and change nothing", async () => {
    const { actor, ctx } = await client();
    await setCategory({ ctx: ctx(), input: { category: "individual" } });
    const before = await loadCase(prisma, actor.userId);
    const cases: [Record<string, string>, File, RegExp, string][] = [
      [line({ statementDate: daysBefore(TODAY, -1) }), pdf(), /after the assessment date/, "statementDate"],
      [line({ value: "-5,000" }), pdf(), /cannot be negative/, "value"],
      [line({ currency: "XAU" }), pdf(), /Currency "XAU" is not supported/, "currency"],
      [line(), new File([new Uint8Array(MAX_EVIDENCE_BYTES + 1).fill(0x25)], "huge.pdf"), /largest file accepted is 5 MB/, "document"],
      [
        line(),
        new File([new TextEncoder().encode("MZ\x90\x00 not a pdf")], "statement.pdf", { type: "application/pdf" }),
        /is not a PDF, PNG or JPEG/,
        "document",
      ],
      [line({ value: "8,000,000.001" }), pdf(), /HKD has 2 decimal places/, "value"],
    ];
    for (const [fields, file, message, field] of cases) {
      const error = await addPortfolioLine({ ctx: ctx(), input: { line: fields, file } }).then(
        () => null,
        (e: unknown) => e as { message: string; fieldErrors?: Record<string, string[]> },
      );
      expect(error, `${field} should be refused`).not.toBeNull();
      expect(error!.fieldErrors?.[field]?.join(" ") ?? error!.message).toMatch(message);
    }
    const after = await loadCase(prisma, actor.userId);
    expect(after!.draft).toEqual(before!.draft);
    expect(await prisma.evidenceDocument.count({ where: { userId: actor.userId } })).toBe(0);
    await expect(setNetWorth({ ctx: ctx(), input: { netWorthHkd: "-1", liquidAssetsHkd: "0" } })).rejects.toMatchObject({
      fieldErrors: { netWorthHkd: [expect.stringMatching(/negative/)] },
    });
    await expect(
      addKnowledgeRecord({
        ctx: ctx(),
        input: { section: "trading", record: { tradeDate: daysBefore(TODAY, -3), instrumentType: "futures", instrument: "x", venueOrBroker: "y" } },
      }),
    ).rejects.toMatchObject({ fieldErrors: { tradeDate: [expect.stringMatching(/after the assessment date/)] } });
  });

  it("bounded input: an application lists a bounded number of entries of each kind; one more is refused and changes nothing", async () => {
    const { actor, ctx } = await client();
    const trade = (i: number) => ({
      tradeDate: subtractMonths(TODAY, 1 + (i % 30)),
      instrumentType: "futures",
      instrument: `HSI futures ${i}`,
      venueOrBroker: "Broker Ltd",
    });
    for (let i = 0; i < MAX_DRAFT_LIST_ITEMS; i++) await addKnowledgeRecord({ ctx: ctx(), input: { section: "trading", record: trade(i) } });
    const before = await loadCase(prisma, actor.userId);
    expect(before!.draft.trades).toHaveLength(MAX_DRAFT_LIST_ITEMS);
    await expect(addKnowledgeRecord({ ctx: ctx(), input: { section: "trading", record: trade(MAX_DRAFT_LIST_ITEMS) } })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining(`at most ${MAX_DRAFT_LIST_ITEMS} entries`),
    });
    expect((await loadCase(prisma, actor.userId))!.draft).toEqual(before!.draft);
  });

  it("PI-2 / PI-5: an evidence line is stored with its document's SHA-256 and the preview shows the breakdown; HK$7,999,999.99 fails, HK$8,000,000 passes", async () => {
    const { actor, ctx } = await client();
    await setCategory({ ctx: ctx(), input: { category: "individual" } });
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ value: "7,999,999.99" }), file: pdf() } });
    const doc = await prisma.evidenceDocument.findFirstOrThrow({ where: { userId: actor.userId } });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(doc.content).equals(Buffer.from(PDF))).toBe(true);
    let view = await getOnboarding({ ctx: ctx() });
    expect(view.preview.pi?.portfolioTotalHkdCents).toBe(799_999_999n);
    expect(view.preview.pi?.passed).toBe(false);
    // A Remove button from a page that shows a different line at that position removes nothing.
    const stored = (await loadCase(prisma, actor.userId))!.draft.portfolio[0];
    await expect(
      removeDraftItem({ ctx: ctx(), input: { list: "portfolio", index: 0, fingerprint: draftItemFingerprint({ ...stored, value: "8,000,000" }) } }),
    ).rejects.toThrow(/nothing was removed/);
    expect((await getOnboarding({ ctx: ctx() })).draft.portfolio).toHaveLength(1);
    await removeDraftItem({ ctx: ctx(), input: { list: "portfolio", index: 0, fingerprint: draftItemFingerprint(stored) } });
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ value: "8,000,000" }), file: pdf() } });
    await addPortfolioLine({ ctx: ctx(), input: { line: line({ assetClass: "virtual_asset", value: "10,000,000" }), file: pdf() } });
    view = await getOnboarding({ ctx: ctx() });
    expect(view.preview.pi?.passed).toBe(true);
    expect(view.preview.pi?.portfolioTotalHkdCents).toBe(800_000_000n);
    expect(view.preview.pi?.portfolioLines[1]?.exclusionReasons.join(" ")).toMatch(/BTC/);
    // The removed line took its document with it (nothing had submitted it).
    expect(await prisma.evidenceDocument.count({ where: { userId: actor.userId } })).toBe(2);
  });

  it("SUIT-9: the quiz sends no answer key, an unanswered question records nothing, and the 4th attempt in 30 days is refused with the time it is allowed again", async () => {
    const { ctx } = await client();
    const first = await startQuizAttempt({ ctx: ctx(), input: { purpose: "risk_quiz" } });
    expect(JSON.stringify(first.questions)).not.toMatch(/correctOptionId|explanation/);
    expect((await startQuizAttempt({ ctx: ctx(), input: { purpose: "risk_quiz" } })).attemptId).toBe(first.attemptId);
    await expect(submitQuizAttempt({ ctx: ctx(), input: { attemptId: first.attemptId, answers: [] } })).rejects.toThrow(/Answer every question/);
    const failed = await passQuiz(ctx(), "risk_quiz", 12); // the open attempt, all wrong
    expect(failed.passed).toBe(false);
    await passQuiz(ctx(new Date(NOW.getTime() + 1_000)), "risk_quiz", 12);
    await passQuiz(ctx(new Date(NOW.getTime() + 2_000)), "risk_quiz", 12);
    const refused = await startQuizAttempt({ ctx: ctx(new Date(NOW.getTime() + 3_000)), input: { purpose: "risk_quiz" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetakeLimitReached);
    expect((refused as RetakeLimitReached).nextAllowedAt.getTime()).toBe(NOW.getTime() + 30 * DAY);
    const status = await getQuizStatus({ ctx: ctx(new Date(NOW.getTime() + 3_000)), input: { purpose: "risk_quiz" } });
    expect(status.nextAllowedAt?.getTime()).toBe(NOW.getTime() + 30 * DAY);
    expect(status.passed).toBeNull();
    // The client may review their own answers, right or wrong, but not the right ones.
    expect(status.latestGraded!.review).toHaveLength(12);
    expect(status.latestGraded!.review.every((item) => !item.correct && item.text.length > 10 && item.chosenText.length > 0)).toBe(true);
    expect(JSON.stringify(status)).not.toMatch(/correctOptionId|explanation/);
    await expect(startQuizAttempt({ ctx: ctx(new Date(NOW.getTime() + 30 * DAY)), input: { purpose: "risk_quiz" } })).resolves.toMatchObject({ reused: false });
  });

  it("REC-3: submit → immutable hashed record, reconstructable exactly; approval grants a year of access with the cap; a resubmission chains to the previous hash", async () => {
    const { actor, ctx } = await client();
    await expect(submitOnboarding({ ctx: ctx() })).rejects.toThrow(/not complete|Start your application/);
    await completeApplication(ctx());
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("none");
    const submitted = await submitOnboarding({ ctx: ctx() });
    expect(submitted.version).toBe(1);
    await expect(setNetWorth({ ctx: ctx(), input: { netWorthHkd: "1", liquidAssetsHkd: "1" } })).rejects.toThrow(/with a compliance officer/);

    const { ctx: officerCtx } = await officer();
    const queue = await getReviewQueue({ ctx: officerCtx });
    expect(queue.open.some((i) => i.submissionId === submitted.submissionId && i.evaluatorPassed)).toBe(true);
    const review = await getReviewCase({ ctx: officerCtx, input: { submissionId: submitted.submissionId } });
    expect(review.submission.hashVerified).toBe(true);
    expect(review.submission.chainVerified).toBe(true);
    expect(review.submission.disclosureVerified).toBe(true);
    // The statement and the five trades' contract notes.
    expect(review.submission.documentsVerified).toHaveLength(6);
    expect(review.submission.documentsVerified.every((d) => d.verified)).toBe(true);
    expect(review.submission.quizShown).toHaveLength(12);
    expect(review.submission.quizShown.every((q) => q.correct)).toBe(true);
    expect(review.submission.record.riskQuiz.presented.questions.map((q) => q.questionId)).toEqual(review.submission.quizShown.map((q) => q.question.id));
    expect(review.allowed).toEqual(["APPROVE", "REJECT", "REQUEST_INFO"]);
    await expect(decideReview({ ctx: officerCtx, input: { submissionId: submitted.submissionId, decision: "APPROVE", reason: "short" } })).rejects.toThrow();
    await expect(
      decideReview({
        ctx: { ...officerCtx, actor: { ...officerCtx.actor!, stepUpAt: null } },
        input: { submissionId: submitted.submissionId, decision: "APPROVE", reason: "Evidence reviewed and matches." },
      }),
    ).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    const decided = await decideReview({
      ctx: officerCtx,
      input: { submissionId: submitted.submissionId, decision: "APPROVE", reason: "Evidence reviewed and matches." },
    });
    expect(decided).toEqual({ status: "APPROVED", overridesEvaluator: false });

    const entitlement = await perpsEntitlement(ctx(), actor.userId);
    // PI-8: 12 months from the assessment date (2026-11-20, Hong Kong), ending at the start of that day.
    expect(entitlement).toMatchObject({ status: "active", expiresAt: new Date("2027-11-19T16:00:00Z") });
    // min(20,000,000 × 10 %, 4,000,000 × 50 %) = HK$2,000,000 at 7.8 HKD/USD = 256,410.256410 USD, rounded down to the micro-dollar
    expect(entitlement.status === "active" && entitlement.maxInitialMarginMicroUsd).toBe(256_410_256_410n);
    const notices = await prisma.clientNotice.findMany({ where: { userId: actor.userId } });
    expect(notices.map((n) => n.title)).toEqual(["Onboarding approved"]);
    expect(notices[0].body).toContain("Evidence reviewed and matches.");
    const audit = await prisma.auditLog.findMany({ where: { entityId: submitted.submissionId }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["onboarding.submit", "review.decision"]);
    // Every step the client took is in the audit log under their name.
    const clientSteps = new Set((await prisma.auditLog.findMany({ where: { actorId: actor.userId }, select: { action: true } })).map((a) => a.action));
    expect([...clientSteps].sort()).toEqual([
      "disclosure.acknowledged",
      "onboarding.document_upload",
      "onboarding.draft_change",
      "onboarding.submit",
      "quiz.start",
      "quiz.submit",
    ]);

    // Renewal: a new version, chained; the stored first record is untouched.
    const firstBefore = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: submitted.submissionId } });
    const second = await submitOnboarding({ ctx: ctx(new Date(NOW.getTime() + DAY)) });
    expect(second.version).toBe(2);
    const secondRow = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: second.submissionId } });
    expect(secondRow.previousHash).toBe(firstBefore.recordHash);
    const firstAfter = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: submitted.submissionId } });
    expect(firstAfter).toEqual(firstBefore);
    expect(submissionHash(firstAfter.record)).toBe(firstAfter.recordHash);
    expect((await reconstructSubmission({ ctx: officerCtx, input: { submissionId: second.submissionId } })).chainVerified).toBe(true);
  });

  it("SUIT-3: with no trades, courses or roles there is no knowledge; passing the portal's perps course quiz counts as training and is recorded with the course version", async () => {
    const { ctx } = await client();
    await completeApplication(ctx(), { trades: 0 });
    expect((await getOnboarding({ ctx: ctx() })).preview.knowledge).toMatchObject({ hasKnowledge: false });
    await passQuiz(ctx(), "course_quiz", 12); // failed: still no knowledge
    expect((await getOnboarding({ ctx: ctx() })).preview.knowledge).toMatchObject({ hasKnowledge: false });
    await passQuiz(ctx(new Date(NOW.getTime() + 1_000)), "course_quiz");
    expect((await getOnboarding({ ctx: ctx(new Date(NOW.getTime() + 2_000)) })).preview.knowledge).toMatchObject({ hasKnowledge: true, basis: ["training"] });
    const { submissionId } = await submitOnboarding({ ctx: ctx(new Date(NOW.getTime() + 3_000)) });
    const record = (await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: submissionId } })).record as unknown as {
      platformCourse: { courseVersion: string; courseHash: string };
    };
    expect(record.platformCourse).toMatchObject({ courseVersion: "perps-course-2026-11-v1", courseHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("two-officer override: approving against a failed evaluation (4 trades) needs a second, different officer", async () => {
    const { actor, ctx } = await client();
    await completeApplication(ctx(), { trades: 4 });
    const { submissionId } = await submitOnboarding({ ctx: ctx() });
    const first = await officer();
    const second = await officer();
    expect((await getReviewCase({ ctx: first.ctx, input: { submissionId } })).submission.record.evaluator).toEqual({
      piPassed: true,
      knowledgePassed: false,
      quizPassed: true,
      passed: false,
    });
    expect(
      await decideReview({ ctx: first.ctx, input: { submissionId, decision: "APPROVE", reason: "Work history shows derivatives knowledge (call notes)." } }),
    ).toEqual({ status: "PENDING_SECOND_APPROVAL", overridesEvaluator: true });
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("none");
    await expect(
      decideReview({ ctx: first.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: "Confirming my own override." } }),
    ).rejects.toThrow(/second officer must confirm/);
    expect((await getReviewCase({ ctx: second.ctx, input: { submissionId } })).allowed).toContain("CONFIRM_OVERRIDE");
    expect(await decideReview({ ctx: second.ctx, input: { submissionId, decision: "CONFIRM_OVERRIDE", reason: "Reviewed the call notes; agree." } })).toEqual({
      status: "APPROVED",
      overridesEvaluator: true,
    });
    expect((await perpsEntitlement(ctx(), actor.userId)).status).toBe("active");
    const reviews = await prisma.suitabilityReview.findMany({ where: { submissionId }, orderBy: { decidedAt: "asc" } });
    expect(reviews.map((r) => [r.decision, r.officerId])).toEqual([
      ["APPROVE", first.actor.userId],
      ["CONFIRM_OVERRIDE", second.actor.userId],
    ]);
  });

  it("PI-8: reminders at 60, 30 and 7 days (once each); after expiry only reduce-only orders pass the gate", async () => {
    const { actor, ctx } = await client();
    await completeApplication(ctx());
    const { submissionId } = await submitOnboarding({ ctx: ctx() });
    await decideReview({ ctx: (await officer()).ctx, input: { submissionId, decision: "APPROVE", reason: "Evidence reviewed and matches." } });
    const expiresAt = piStatusExpiresAt(TODAY).getTime();
    const at = (ms: number) => ({ db: prisma as never, now: () => new Date(ms) });
    const mine = () => prisma.clientNotice.findMany({ where: { userId: actor.userId, kind: { startsWith: "pi." } }, orderBy: { createdAt: "asc" } });

    await sendExpiryReminders({ ctx: at(expiresAt - 61 * DAY) });
    expect(await mine()).toHaveLength(0);
    for (const days of [60, 30, 7]) {
      await sendExpiryReminders({ ctx: at(expiresAt - days * DAY) });
      await sendExpiryReminders({ ctx: at(expiresAt - days * DAY + 60_000) });
    }
    expect((await mine()).map((n) => n.kind)).toEqual(["pi.expiry_reminder_60d", "pi.expiry_reminder_30d", "pi.expiry_reminder_7d"]);
    const officerView = (await listExpiringStatuses({ ctx: { ...(await officer()).ctx, now: () => new Date(expiresAt - 7 * DAY) } })).find(
      (row) => row.userId === actor.userId,
    );
    expect(officerView).toMatchObject({ daysLeft: 7, renewalPending: false });
    expect(officerView!.noticesSent.map((n) => n.kind)).toEqual(["pi.expiry_reminder_60d", "pi.expiry_reminder_30d", "pi.expiry_reminder_7d"]);

    const venue = {
      state: { accounts: new Map([[1, { maxInitialMargin: 256_410_256_410n }]]) },
      submit: () => Promise.reject(new Error("not expected")),
    } as unknown as TradingVenue;
    const dayBefore = ctx(new Date(expiresAt - DAY));
    const dayAfter = ctx(new Date(expiresAt + DAY));
    await acknowledge(dayBefore); // the disclosure version in force a year on (DISC-8: a material new version needs a new acknowledgement)
    await expect(requireOrderEntitlement(dayBefore, actor.userId, { reduceOnly: false }, venue, 1)).resolves.toBeUndefined();
    await expect(requireOrderEntitlement(dayAfter, actor.userId, { reduceOnly: false }, venue, 1)).rejects.toMatchObject({ code: "PI_STATUS_EXPIRED" });
    await expect(requireOrderEntitlement(dayAfter, actor.userId, { reduceOnly: true }, venue, 1)).resolves.toBeUndefined();
    await sendExpiryReminders({ ctx: at(expiresAt + 60_000) });
    expect((await mine()).at(-1)?.kind).toBe("pi.expired");

    const stranger = await client();
    await expect(requireOrderEntitlement(stranger.ctx(), stranger.actor.userId, { reduceOnly: true }, venue, 1)).rejects.toMatchObject({
      code: "NOT_APPROVED_PI",
    });
  });
});
