import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { addKnowledgeRecord } from "@/lib/services/suitability/add-knowledge-record";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { consentCpiNotice } from "@/lib/services/suitability/consent-cpi-notice";
import { decideCircumstanceChange } from "@/lib/services/suitability/decide-circumstance-change";
import { decideReview } from "@/lib/services/suitability/decide-review";
import { bankOf } from "@/lib/services/suitability/quiz-attempts";
import { recordCpiAssessment } from "@/lib/services/suitability/record-cpi-assessment";
import { reportCircumstanceChange } from "@/lib/services/suitability/report-circumstance-change";
import { revokePiStatus } from "@/lib/services/suitability/revoke-pi-status";
import { setCategory } from "@/lib/services/suitability/set-category";
import { setDeclarations } from "@/lib/services/suitability/set-declarations";
import { setNetWorth } from "@/lib/services/suitability/set-net-worth";
import { startQuizAttempt } from "@/lib/services/suitability/start-quiz-attempt";
import { submitOnboarding } from "@/lib/services/suitability/submit-onboarding";
import { submitQuizAttempt } from "@/lib/services/suitability/submit-quiz-attempt";
import { withdrawPiConsent } from "@/lib/services/suitability/withdraw-pi-consent";
import { CORPORATE_PI_NOTICE_VERSIONS } from "@/lib/suitability/corporate-pi-notice";
import { noticeContentHash } from "@/lib/suitability/corporate-pi-notice/hash";
import { hongKongDate, piStatusExpiresAt, subtractMonths } from "@/lib/suitability/dates";
import type { PresentedQuiz } from "@/lib/suitability/quiz";
import { currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import type { ReportPeriod, ReportResult, ReportTable } from "../types";
import { suitabilityReport } from "./suitability";

// RPT-3: the suitability report against records the onboarding, review, quiz and PI-status services
// wrote. Test files on one worker share a schema, so the scenario runs on a day no other file uses
// (17 March 2027, Hong Kong), at odd milliseconds, and every figure is also counted straight from the tables.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FROM = Date.parse("2027-03-17T02:13:07.101Z");
const TO = FROM + 6 * HOUR;
const PERIOD: ReportPeriod = { fromMs: FROM, toMs: TO };
const at = (offsetMs: number) => new Date(FROM + offsetMs);
const TODAY = hongKongDate(at(0));
const STATUS_END = piStatusExpiresAt(TODAY).getTime();
const PDF = new TextEncoder().encode("%PDF-1.4\n% test statement\n%%EOF\n");
const pdf = (name = "statement.pdf") => new File([PDF], name, { type: "application/pdf" });

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

async function build(period: ReportPeriod = PERIOD): Promise<ReportResult> {
  return suitabilityReport.build({ db: prisma, period, signal: new AbortController().signal, progress: () => {} });
}

const tableOf = (result: ReportResult, id: string): ReportTable => result.tables.find((table) => table.id === id)!;

/** The row whose leading cells are `keys`, as { column: cell }. */
function row(table: ReportTable, ...keys: string[]): Record<string, string | number | null> {
  const found = table.rows.find((cells) => keys.every((key, i) => cells[i] === key));
  expect(found, `${table.id} row ${keys.join(" / ")}`).toBeDefined();
  return Object.fromEntries(table.columns.map((column, i) => [column.key, found![i]]));
}

const client = async () => signedInUser(prisma, ["CLIENT"], { totp: true });
const ctxAt = (actor: Actor, offsetMs: number): ServiceContext => contextFor(prisma, { ...actor, stepUpAt: at(offsetMs) }, () => at(offsetMs));
const officer = () => signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() });

async function quizAttempt(ctx: ServiceContext, purpose: "risk_quiz" | "course_quiz", wrong: number, submitCtx: ServiceContext = ctx) {
  const attempt = await startQuizAttempt({ ctx, input: { purpose } });
  const presented = (await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } })).presented as unknown as PresentedQuiz;
  const bank = bankOf(presented);
  const answers = presented.questions.map((q, i) => {
    const question = bank.questions.find((b) => b.id === q.questionId)!;
    return { questionId: q.questionId, optionId: i < wrong ? question.options.find((o) => o.id !== question.correctOptionId)!.id : question.correctOptionId };
  });
  return submitQuizAttempt({ ctx: submitCtx, input: { attemptId: attempt.attemptId, answers } });
}

/** A complete individual application through the wizard's services, all at one instant; `trades` 0 fails the knowledge criterion. */
async function individualApplication(ctx: ServiceContext, trades: number) {
  await setCategory({ ctx, input: { category: "individual" } });
  await addPortfolioLine({
    ctx,
    input: {
      line: {
        assetClass: "securities",
        custodianOrIssuer: "Test Custodian Ltd",
        documentType: "custodian_statement",
        value: "8,000,000.00",
        currency: "HKD",
        statementDate: daysBefore(TODAY, 10),
        ownershipKind: "sole",
      },
      file: pdf(),
    },
  });
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
  await quizAttempt(ctx, "risk_quiz", 0);
  const version = currentVersion(RISK_DISCLOSURE_VERSIONS, ctx.now())!;
  await acknowledgeDisclosure({ ctx, input: { versionId: version.id, contentHash: contentHash(version), confirmed: "on" } });
}

/**
 * A corporate application as submit-onboarding leaves it (as lib/services/suitability/corporate-pi.db.test.ts
 * makes one): the corporate wizard's evidence steps are not what this report is about.
 */
async function corporateSubmission(userId: string, version: number, submittedAt: Date) {
  const day = hongKongDate(submittedAt);
  const submission = await prisma.suitabilitySubmission.create({
    data: {
      userId,
      version,
      submittedAt,
      assessmentDate: day,
      record: {
        draft: { category: "corporation" },
        assessmentDate: day,
        pi: { passed: true, portfolioLines: [], totalAssetsLines: [] },
        evaluator: { piPassed: true, quizPassed: true },
        riskQuiz: { passed: true },
        platformCourse: { courseVersion: "perps-course-2026-12-v2", completionDate: day },
        exposureCap: { maxInitialMarginMicroUsd: "1000000000000" },
      },
      piPassed: true,
      knowledgePassed: true,
      quizPassed: true,
      evaluatorPassed: true,
      recordHash: crypto.randomBytes(32).toString("hex"),
    },
  });
  await prisma.onboardingCase.upsert({
    where: { userId },
    create: {
      userId,
      status: "SUBMITTED",
      draft: { category: "corporation" },
      draftUpdatedAt: submittedAt,
      statusChangedAt: submittedAt,
      latestSubmissionId: submission.id,
    },
    update: { status: "SUBMITTED", statusChangedAt: submittedAt, latestSubmissionId: submission.id },
  });
  return submission.id;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  const [a, b, c, d, e] = [await client(), await client(), await client(), await client(), await client()];
  const [first, second] = [await officer(), await officer()];
  Object.assign(ids, { a: a.userId, b: b.userId, c: c.userId, d: d.userId, e: e.userId });

  // A: a passing application approved outright; the risk quiz is taken at exactly `from`. A withdraws consent later.
  await individualApplication(ctxAt(a, 0), 5);
  const subA = await submitOnboarding({ ctx: ctxAt(a, MINUTE) });
  await decideReview({
    ctx: ctxAt(first, 2 * MINUTE),
    input: { submissionId: subA.submissionId, decision: "APPROVE", reason: "Evidence reviewed and matches." },
  });

  // B: no derivatives knowledge; one officer approves against the evaluator, a second confirms. Revoked later.
  await individualApplication(ctxAt(b, 10 * MINUTE), 0);
  const subB = await submitOnboarding({ ctx: ctxAt(b, 11 * MINUTE) });
  await decideReview({ ctx: ctxAt(first, 12 * MINUTE), input: { submissionId: subB.submissionId, decision: "APPROVE", reason: "Call notes show knowledge." } });
  await decideReview({
    ctx: ctxAt(second, 13 * MINUTE),
    input: { submissionId: subB.submissionId, decision: "CONFIRM_OVERRIDE", reason: "Reviewed the call notes; agree." },
  });

  // C: a corporation, asked for more information, assessed (15.3A), consenting (15.3B), resubmitting, and rejected at exactly `to`.
  const subC1 = await corporateSubmission(c.userId, 1, at(20 * MINUTE));
  await decideReview({ ctx: ctxAt(first, 21 * MINUTE), input: { submissionId: subC1, decision: "REQUEST_INFO", reason: "Board minutes are missing." } });
  await recordCpiAssessment({
    ctx: ctxAt(first, 25 * MINUTE),
    input: {
      clientUserId: c.userId,
      hasInvestmentFunction: "yes",
      investmentFunction: "A treasury committee of three directors decides every investment.",
      decisionMakers: "Chan Tai Man, finance director",
      knowledgeAndExperience: "Both have traded listed futures and options for the group treasury for over ten years.",
      conclusion: "POSITIVE",
      reason: "Committee minutes and the two CVs reviewed; their experience matches the products.",
    },
  });
  const notice = CORPORATE_PI_NOTICE_VERSIONS.at(-1)!;
  await consentCpiNotice({ ctx: ctxAt(c, 26 * MINUTE), input: { versionId: notice.id, contentHash: noticeContentHash(notice), confirmed: "on" } });
  const subC2 = await corporateSubmission(c.userId, 2, at(30 * MINUTE));
  await decideReview({ ctx: ctxAt(second, TO - FROM), input: { submissionId: subC2, decision: "REJECT", reason: "Assets are held by a subsidiary." } });

  // D: never applies; fails the risk quiz, draws the course quiz without answering, and passes a risk quiz graded at exactly `to`.
  await quizAttempt(ctxAt(d, HOUR), "risk_quiz", 1_000);
  await startQuizAttempt({ ctx: ctxAt(d, TO - FROM - 1), input: { purpose: "course_quiz" } });
  await quizAttempt(ctxAt(d, TO - FROM - 5 * MINUTE), "risk_quiz", 0, ctxAt(d, TO - FROM));

  // E: a passing application approved outright, held to the end of its status.
  await individualApplication(ctxAt(e, 40 * MINUTE), 5);
  const subE = await submitOnboarding({ ctx: ctxAt(e, 41 * MINUTE) });
  await decideReview({
    ctx: ctxAt(second, 42 * MINUTE),
    input: { submissionId: subE.submissionId, decision: "APPROVE", reason: "Evidence reviewed and matches." },
  });

  // A change of circumstances reported and re-reviewed; A withdraws, B is revoked.
  const change = await reportCircumstanceChange({
    ctx: ctxAt(c, 2 * HOUR),
    input: { category: "corporate_structure", description: "A new shareholder holds 30% of the company since last month." },
  });
  await decideCircumstanceChange({
    ctx: ctxAt(first, 2 * HOUR + MINUTE),
    input: { changeId: change.id, outcome: "NO_CHANGE_NEEDED", reason: "The new shareholder changes nothing in the assessment." },
  });
  await withdrawPiConsent({ ctx: ctxAt(a, 3 * HOUR), input: { confirmed: "on" } });
  await revokePiStatus({ ctx: ctxAt(first, 4 * HOUR), input: { userId: b.userId, reason: "Source of funds could not be confirmed." } });
});

describe("RPT-3: the suitability report", () => {
  it("RPT-3: suitability statistics reconcile to the onboarding, review and quiz tables for the period", async () => {
    const result = await build();
    expect(result).toMatchObject({ report: "suitability", period: PERIOD, journal: null });
    const range = { gte: new Date(FROM), lt: new Date(TO) };
    const category = (value: string) => ({ record: { path: ["draft", "category"], equals: value } });

    // Applications: the submissions of the period, split by the category they were submitted under.
    const applications = tableOf(result, "applications");
    const submissions = { submittedAt: range };
    expect(row(applications, "ALL")).toEqual({
      clientKind: "ALL",
      submissions: await prisma.suitabilitySubmission.count({ where: submissions }),
      firstSubmissions: await prisma.suitabilitySubmission.count({ where: { ...submissions, version: 1 } }),
      resubmissions: await prisma.suitabilitySubmission.count({ where: { ...submissions, version: { gt: 1 } } }),
      evaluatorPassed: await prisma.suitabilitySubmission.count({ where: { ...submissions, evaluatorPassed: true } }),
      evaluatorFailed: await prisma.suitabilitySubmission.count({ where: { ...submissions, evaluatorPassed: false } }),
    });
    expect(row(applications, "individual").submissions).toBe(
      await prisma.suitabilitySubmission.count({ where: { ...submissions, ...category("individual") } }),
    );
    expect(row(applications, "corporate").submissions).toBe(
      await prisma.suitabilitySubmission.count({
        where: { ...submissions, OR: ["corporation", "partnership", "trust_corporation"].map(category) },
      }),
    );
    expect(row(applications, "individual")).toMatchObject({ submissions: 3, firstSubmissions: 3, resubmissions: 0, evaluatorPassed: 2, evaluatorFailed: 1 });
    expect(row(applications, "corporate")).toMatchObject({ submissions: 2, firstSubmissions: 1, resubmissions: 1, evaluatorPassed: 2, evaluatorFailed: 0 });

    // Decisions: every officer decision of the period, with the overrides the review rows flag.
    const decisions = tableOf(result, "decisions");
    const decided = { decidedAt: range };
    const count = (where: object) => prisma.suitabilityReview.count({ where: { ...decided, ...where } });
    expect(row(decisions, "ALL")).toEqual({
      clientKind: "ALL",
      decisions: await count({}),
      approved: (await count({ decision: "APPROVE", overridesEvaluator: false })) + (await count({ decision: "CONFIRM_OVERRIDE" })),
      approvedOverridingEvaluator: await count({ decision: "CONFIRM_OVERRIDE", overridesEvaluator: true }),
      overrideAwaitingSecondOfficer: await count({ decision: "APPROVE", overridesEvaluator: true }),
      rejected: await count({ decision: "REJECT" }),
      rejectedEvaluatorPassed: await count({ decision: "REJECT", submission: { evaluatorPassed: true } }),
      returned: await count({ decision: "REQUEST_INFO" }),
    });
    expect(row(decisions, "individual")).toMatchObject({ decisions: 4, approved: 3, approvedOverridingEvaluator: 1, overrideAwaitingSecondOfficer: 1 });
    expect(row(decisions, "corporate")).toMatchObject({ decisions: 1, returned: 1, rejected: 0 });

    // Quiz: graded attempts and passes per purpose, and the pass rate in ppm (rounded down).
    const quiz = tableOf(result, "quiz");
    for (const purpose of ["risk_quiz", "course_quiz"]) {
      const attempts = await prisma.quizAttempt.count({ where: { purpose, submittedAt: range } });
      const passes = await prisma.quizAttempt.count({ where: { purpose, submittedAt: range, passed: true } });
      expect(row(quiz, purpose, "ALL")).toEqual({
        purpose,
        clientKind: "ALL",
        attemptsStarted: await prisma.quizAttempt.count({ where: { purpose, startedAt: range } }),
        attempts,
        passes,
        passRatePpm: attempts === 0 ? 0 : Math.floor((passes * 1_000_000) / attempts),
      });
    }
    expect(row(quiz, "risk_quiz", "individual")).toMatchObject({ attemptsStarted: 3, attempts: 3, passes: 3, passRatePpm: 1_000_000 });
    expect(row(quiz, "risk_quiz", "unknown")).toMatchObject({ attemptsStarted: 2, attempts: 1, passes: 0, passRatePpm: 0 });
    expect(row(quiz, "risk_quiz", "ALL")).toMatchObject({ attemptsStarted: 5, attempts: 4, passes: 3, passRatePpm: 750_000 });
    expect(row(quiz, "course_quiz", "unknown")).toMatchObject({ attemptsStarted: 1, attempts: 0, passRatePpm: 0 });

    // Withdrawals and revocations: one audit entry each, whatever the case row says now.
    const status = tableOf(result, "expiries-withdrawals");
    expect(row(status, "ALL")).toMatchObject({
      withdrawals: await prisma.auditLog.count({ where: { action: "onboarding.pi_withdrawn", at: range } }),
      revocations: await prisma.auditLog.count({ where: { action: "onboarding.pi_revoked", at: range } }),
    });
    expect(row(status, "individual")).toEqual({ clientKind: "individual", expiries: 0, withdrawals: 1, revocations: 1 });
    expect(await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: ids.a } })).toMatchObject({ withdrawnAt: at(3 * HOUR) });

    expect(tableOf(result, "corporate-pi").rows).toEqual([
      [
        await prisma.corporatePiAssessment.count({ where: { assessedAt: range } }),
        await prisma.corporatePiAssessment.count({ where: { assessedAt: range, conclusion: "POSITIVE" } }),
        await prisma.corporatePiAssessment.count({ where: { assessedAt: range, conclusion: "NEGATIVE" } }),
        await prisma.corporatePiConsent.count({ where: { consentedAt: range } }),
      ],
    ]);
    expect(tableOf(result, "corporate-pi").rows).toEqual([[1, 1, 0, 1]]);
    expect(tableOf(result, "circumstance-changes").rows).toEqual([
      [
        await prisma.circumstanceChange.count({ where: { reportedAt: range } }),
        await prisma.circumstanceChangeReview.count({ where: { decidedAt: range } }),
        await prisma.circumstanceChangeReview.count({ where: { decidedAt: range, outcome: "NO_CHANGE_NEEDED" } }),
        await prisma.circumstanceChangeReview.count({ where: { decidedAt: range, outcome: "INFO_REQUESTED" } }),
        0,
      ],
    ]);
    expect(tableOf(result, "circumstance-changes").rows).toEqual([[1, 1, 1, 0, 0]]);

    // Plain cells only: strings and integers, every table naming its source.
    for (const table of result.tables) {
      expect(table.source.length).toBeGreaterThan(20);
      for (const cells of table.rows) {
        expect(cells).toHaveLength(table.columns.length);
        for (const cell of cells) expect(typeof cell === "string" || Number.isSafeInteger(cell)).toBe(true);
      }
    }
    // Recomputing gives the same JSON.
    expect(JSON.stringify(await build())).toBe(JSON.stringify(result));
  });

  it("RPT-3 PI-8: a status expires when its end falls in the period and the client still held it; withdrawn and revoked statuses do not expire", async () => {
    const cases = await prisma.onboardingCase.findMany({ where: { userId: { in: [ids.a, ids.b, ids.e] } }, select: { expiresAt: true } });
    expect(cases.map((c) => c.expiresAt?.getTime())).toEqual([STATUS_END, STATUS_END, STATUS_END]);
    const ending = await build({ fromMs: STATUS_END, toMs: STATUS_END + 1 });
    expect(row(tableOf(ending, "expiries-withdrawals"), "individual")).toEqual({ clientKind: "individual", expiries: 1, withdrawals: 0, revocations: 0 });
    expect(row(tableOf(ending, "expiries-withdrawals"), "ALL")).toMatchObject({ expiries: 1 });
    const justBefore = await build({ fromMs: STATUS_END - 1, toMs: STATUS_END });
    expect(row(tableOf(justBefore, "expiries-withdrawals"), "ALL")).toMatchObject({ expiries: 0 });
  });

  it("RPT-3: a record at exactly `from` is counted and one at exactly `to` is not", async () => {
    // A's risk quiz was started and graded at exactly `from`; A had submitted nothing by this period's end, so A's kind is not known yet.
    const first = await build({ fromMs: FROM, toMs: FROM + 1 });
    expect(row(tableOf(first, "quiz"), "risk_quiz", "unknown")).toMatchObject({ attemptsStarted: 1, attempts: 1, passes: 1 });
    expect(row(tableOf(first, "quiz"), "risk_quiz", "ALL")).toMatchObject({ attemptsStarted: 1, attempts: 1, passes: 1 });
    const before = await build({ fromMs: FROM - HOUR, toMs: FROM });
    expect(row(tableOf(before, "quiz"), "risk_quiz", "ALL")).toMatchObject({ attemptsStarted: 0, attempts: 0 });

    // C's rejection and D's passing risk quiz happened at exactly `to`: the next period has them.
    const period = await build();
    expect(row(tableOf(period, "decisions"), "corporate")).toMatchObject({ rejected: 0, rejectedEvaluatorPassed: 0 });
    const next = await build({ fromMs: TO, toMs: TO + 1 });
    expect(row(tableOf(next, "decisions"), "corporate")).toMatchObject({ decisions: 1, rejected: 1, rejectedEvaluatorPassed: 1 });
    expect(row(tableOf(next, "quiz"), "risk_quiz", "unknown")).toMatchObject({ attemptsStarted: 0, attempts: 1, passes: 1, passRatePpm: 1_000_000 });
    expect(await prisma.suitabilityReview.count({ where: { decidedAt: new Date(TO) } })).toBe(1);
  });

  it("RPT-3: an empty period gives every table with zero counts, not an error", async () => {
    const empty = await build({ fromMs: Date.UTC(2040, 0, 1), toMs: Date.UTC(2040, 1, 1) });
    expect(empty.tables.map((table) => table.id)).toEqual([
      "applications",
      "decisions",
      "quiz",
      "expiries-withdrawals",
      "corporate-pi",
      "circumstance-changes",
    ]);
    for (const table of empty.tables) for (const cells of table.rows) for (const cell of cells) if (typeof cell === "number") expect(cell).toBe(0);
    expect(row(tableOf(empty, "applications"), "ALL")).toMatchObject({ submissions: 0 });
  });

  it("RPT-3: a cancelled build stops with the signal's reason and reports its progress as it goes", async () => {
    const progress: Array<[number, number]> = [];
    await suitabilityReport.build({
      db: prisma,
      period: PERIOD,
      signal: new AbortController().signal,
      progress: (done, total) => progress.push([done, total]),
    });
    expect(progress.at(-1)).toEqual([6, 6]);
    const controller = new AbortController();
    controller.abort(new Error("pack cancelled"));
    await expect(suitabilityReport.build({ db: prisma, period: PERIOD, signal: controller.signal, progress: () => {} })).rejects.toThrow("pack cancelled");
  });
});
