import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/prisma/generated/client";
import { canonicalJson } from "@/lib/audit/chain";
import { authorize, withTransaction, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid, NotFound } from "@/lib/services/errors";
import { hongKongDate } from "@/lib/suitability/dates";
import { assessDerivativeKnowledge, type DerivativeKnowledgeAssessment, type TrainingRecord } from "@/lib/suitability/derivative-knowledge";
import { draftDocumentIds, knowledgeInput, piInput, type OnboardingDraft } from "@/lib/suitability/draft";
import { exposureCap, type ExposureCap } from "@/lib/suitability/exposure-cap";
import { referenceFxRates, referenceUsdRate } from "@/lib/suitability/fx-reference";
import { evaluateProfessionalInvestor, type PiEvaluation } from "@/lib/suitability/pi-evaluator";
import { presentedQuestions, type PresentedQuiz, type QuizAnswer } from "@/lib/suitability/quiz";
import type { PublicQuestion } from "@/lib/suitability/quiz-bank";
import { currentCourse, PERPS_COURSE_VERSIONS } from "@/lib/suitability/course";
import { courseContentHash } from "@/lib/suitability/course/hash";
import { RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash as disclosureHash } from "@/lib/suitability/risk-disclosures/hash";
import { assessmentDateOf, loadCase, lockCase } from "@/lib/services/suitability/onboarding";
import { bankOf, latestPassedAttempt } from "@/lib/services/suitability/quiz-attempts";
import { currentDisclosureAcknowledged } from "@/lib/services/suitability/acknowledge-disclosure";
import { evidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";

/** The version tag of the submission record's JSON shape: part of what is hashed. */
export const SUBMISSION_FORMAT = "suitability-submission/1";

/** The SFC-facing record of one submission (issue 7 pt 8): every input, every result, every hash. */
export interface SubmissionRecord {
  format: typeof SUBMISSION_FORMAT;
  userId: string;
  version: number;
  submittedAt: string;
  assessmentDate: string;
  draft: OnboardingDraft;
  documents: { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: string }[];
  fxRates: { currency: string; hkdPerUnitPpb: string; asOf: string; source: string }[];
  pi: PiEvaluation;
  platformCourse: { courseVersion: string; courseHash: string; quizAttemptId: string; completionDate: string } | null;
  knowledge: DerivativeKnowledgeAssessment;
  riskQuiz: { attemptId: string; purpose: string; presented: PresentedQuiz; answers: QuizAnswer[]; startedAt: string; submittedAt: string; correct: number; total: number; passed: boolean };
  disclosure: { versionId: string; contentHash: string; acknowledgedAt: string };
  exposureCap: ExposureCap;
  evaluator: { piPassed: boolean; knowledgePassed: boolean; quizPassed: boolean; passed: boolean };
  previousHash: string | null;
}

/** Plain JSON (bigints as strings, dates as ISO): what is stored is exactly what is hashed. */
function toPlainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export function submissionHash(record: unknown): string {
  return createHash("sha256").update(canonicalJson(toPlainJson(record)), "utf8").digest("hex");
}

/** The platform course credit (SUIT-3): the course quiz passed, under the course version in force then. */
async function platformCourseCredit(db: Db | Tx, userId: string): Promise<SubmissionRecord["platformCourse"]> {
  const attempt = await latestPassedAttempt(db as Db, userId, "course_quiz");
  if (!attempt?.submittedAt) return null;
  const course = currentCourse(PERPS_COURSE_VERSIONS, attempt.submittedAt);
  if (!course) return null;
  return { courseVersion: course.id, courseHash: courseContentHash(course), quizAttemptId: attempt.id, completionDate: hongKongDate(attempt.submittedAt) };
}

export interface ReadinessItem {
  step: "category" | "evidence" | "knowledge" | "net_worth" | "risk_quiz" | "disclosures";
  ok: boolean;
  message: string;
}

/** What a submission would record, evaluated now, or the list of what is missing. */
export async function evaluateDraft(
  db: Db | Tx,
  userId: string,
  draft: OnboardingDraft,
  now: Date,
): Promise<{ ready: ReadinessItem[]; pi: PiEvaluation | null; piErrors: string[]; knowledge: DerivativeKnowledgeAssessment | null; knowledgeErrors: string[]; cap: ExposureCap | null; platformCourse: SubmissionRecord["platformCourse"] }> {
  const assessmentDate = hongKongDate(now);
  const ready: ReadinessItem[] = [];
  ready.push({ step: "category", ok: draft.category !== null, message: draft.category ? "Investor category chosen." : "Choose your investor category." });

  let pi: PiEvaluation | null = null;
  let piErrors: string[] = [];
  if (draft.category) {
    const result = evaluateProfessionalInvestor(piInput({ ...draft, category: draft.category }), { assessmentDate, fxRates: referenceFxRates(assessmentDate) });
    if (result.ok) pi = result.evaluation;
    else piErrors = result.errors.map((e) => `${e.path}: ${e.message}`);
  }
  const evidenceCount = draft.portfolio.length + draft.totalAssets.length;
  ready.push({
    step: "evidence",
    ok: piErrors.length === 0 && (draft.category === "institutional" ? draft.institutionalBasis.trim() !== "" : evidenceCount > 0),
    message: piErrors.length > 0 ? `Evidence needs attention: ${piErrors.join("; ")}` : draft.category === "institutional" ? "Institutional basis stated." : evidenceCount > 0 ? `${evidenceCount} evidence line(s).` : "Add at least one evidence line with its document.",
  });

  const platformCourse = await platformCourseCredit(db, userId);
  const courseRecord: Extract<TrainingRecord, { kind: "platform_course" }> | null = platformCourse ? { kind: "platform_course", courseVersion: platformCourse.courseVersion, quizPassed: true, completionDate: platformCourse.completionDate } : null;
  const dk = assessDerivativeKnowledge(knowledgeInput(draft, courseRecord), { assessmentDate });
  const answered = Object.values(draft.declarations).every((v) => v !== null) || courseRecord !== null;
  ready.push({
    step: "knowledge",
    ok: dk.ok && answered,
    message: !dk.ok ? `Derivative knowledge needs attention: ${dk.errors.map((e) => e.message).join("; ")}` : answered ? "Derivative-knowledge questions answered." : "Answer the three derivative-knowledge questions (or complete the perps course).",
  });

  let cap: ExposureCap | null = null;
  if (draft.netWorth) {
    const result = exposureCap({ netWorthHkdCents: BigInt(draft.netWorth.netWorthHkdCents), liquidAssetsHkdCents: BigInt(draft.netWorth.liquidAssetsHkdCents) }, { usdRate: referenceUsdRate(assessmentDate) });
    if (result.ok) cap = result.cap;
  }
  ready.push({ step: "net_worth", ok: cap !== null, message: cap ? "Net worth and liquid assets given." : "Give your net worth and liquid assets." });

  const quiz = await latestPassedAttempt(db as Db, userId, "risk_quiz");
  ready.push({ step: "risk_quiz", ok: quiz !== null, message: quiz ? "Perps risk quiz passed." : "Pass the perps risk quiz." });
  const acknowledged = await currentDisclosureAcknowledged(userId, { db: db as Db, now: () => now });
  ready.push({ step: "disclosures", ok: acknowledged, message: acknowledged ? "Current risk disclosure acknowledged." : "Read and acknowledge the current risk disclosure." });
  return { ready, pi, piErrors, knowledge: dk.ok ? dk.assessment : null, knowledgeErrors: dk.ok ? [] : dk.errors.map((e) => e.message), cap, platformCourse };
}

/**
 * Submit the draft for compliance review (issue 7 pt 2, 6, 8): evaluate it, and store the whole record
 * immutably, chained to the client's previous submission by hash. Refused, with what is missing, unless
 * every step is complete; a failed evaluation is still submitted (the officer decides, pt 6).
 */
export async function submitOnboarding({ ctx }: { ctx: ServiceContext }): Promise<{ submissionId: string; version: number; recordHash: string }> {
  const actor = authorize(ctx, "portal.view");
  return withTransaction(ctx, async (tx) => {
    const existing = await loadCase(tx, actor.userId);
    if (!existing) throw new Invalid("Start your application first: choose your investor category.");
    const current = await lockCase(tx, ctx, actor.userId);
    if (current.status === "SUBMITTED" || current.status === "PENDING_SECOND_APPROVAL") throw new Conflict("Your application is already with a compliance officer.");
    const now = ctx.now();
    const evaluation = await evaluateDraft(tx, actor.userId, current.draft, now);
    const missing = evaluation.ready.filter((r) => !r.ok);
    if (missing.length > 0 || !evaluation.pi || !evaluation.knowledge || !evaluation.cap)
      throw new Invalid(`Your application is not complete, so nothing was submitted: ${missing.map((m) => m.message).join(" ")}`, Object.fromEntries(missing.map((m) => [m.step, [m.message]])));

    const quiz = (await latestPassedAttempt(tx as unknown as Db, actor.userId, "risk_quiz"))!;
    const ack = (await tx.riskDisclosureAcknowledgement.findFirst({ where: { userId: actor.userId }, orderBy: [{ acknowledgedAt: "desc" }, { id: "desc" }] }))!;
    const documentIds = draftDocumentIds(current.draft);
    const documents = await tx.evidenceDocument.findMany({ where: { id: { in: documentIds }, userId: actor.userId }, select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true }, orderBy: { uploadedAt: "asc" } });
    const previous = await tx.suitabilitySubmission.findFirst({ where: { userId: actor.userId }, orderBy: { version: "desc" }, select: { version: true, recordHash: true } });
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
    await tx.onboardingCase.update({ where: { userId: actor.userId }, data: { status: "SUBMITTED", latestSubmissionId: row.id, statusReason: null, statusChangedAt: now } });
    await recordAudit(tx, ctx, { action: "onboarding.submit", entity: "SuitabilitySubmission", entityId: row.id, after: { userId: actor.userId, version, recordHash, previousHash: record.previousHash, evaluator: record.evaluator } });
    return { submissionId: row.id, version, recordHash };
  });
}

export interface ReconstructedSubmission {
  id: string;
  userId: string;
  version: number;
  record: SubmissionRecord;
  /** The stored hash, and whether the stored record still hashes to it. */
  recordHash: string;
  hashVerified: boolean;
  /** The previous version's hash as stored on it, and whether this record's previousHash matches it. */
  chainVerified: boolean;
  /** The quiz exactly as shown (display order, option order) with the client's choice and right/wrong per question. */
  quizShown: { question: PublicQuestion; chosenOptionId: string; correct: boolean }[];
  /** The disclosure text's hash recomputed from the version in the code, and whether it equals what was acknowledged. */
  disclosureVerified: boolean;
  /** Each document's bytes re-hashed now, against the hash recorded at submission. */
  documentsVerified: { id: string; sha256: string; verified: boolean }[];
}

/**
 * What the client saw and answered, rebuilt from the stored record and the code's versioned content,
 * with every hash re-checked (issue 7 pt 8, REC-3). For staff who may read client records, or the client.
 */
export async function reconstructSubmission(ctx: ServiceContext, submissionId: string): Promise<ReconstructedSubmission> {
  const actor = ctx.actor;
  const row = /^[0-9a-f-]{36}$/.test(submissionId) ? await ctx.db.suitabilitySubmission.findUnique({ where: { id: submissionId } }) : null;
  if (actor && row && actor.userId === row.userId) authorize(ctx, "portal.view");
  else authorize(ctx, "clients.read");
  if (!row) throw new NotFound("No such submission.");
  const record = row.record as unknown as SubmissionRecord;
  const hashVerified = submissionHash(record) === row.recordHash;
  const previous = row.version > 1 ? await ctx.db.suitabilitySubmission.findUnique({ where: { userId_version: { userId: row.userId, version: row.version - 1 } }, select: { recordHash: true } }) : null;
  const chainVerified = (previous?.recordHash ?? null) === row.previousHash && record.previousHash === row.previousHash;

  const presented = record.riskQuiz.presented;
  const bank = bankOf(presented);
  const rebuilt = presentedQuestions(bank, presented);
  if (!rebuilt.ok) throw new Error(`quiz of submission ${row.id} cannot be rebuilt`);
  const keyOf = new Map(bank.questions.map((q) => [q.id, q.correctOptionId]));
  const chosen = new Map(record.riskQuiz.answers.map((a) => [a.questionId, a.optionId]));
  const quizShown = rebuilt.questions.map((question) => {
    const chosenOptionId = chosen.get(question.id) ?? "";
    return { question, chosenOptionId, correct: keyOf.get(question.id) === chosenOptionId };
  });

  const disclosure = RISK_DISCLOSURE_VERSIONS.find((v) => v.id === record.disclosure.versionId);
  const disclosureVerified = disclosure !== undefined && disclosureHash(disclosure) === record.disclosure.contentHash;

  const docs = await ctx.db.evidenceDocument.findMany({ where: { id: { in: record.documents.map((d) => d.id) } }, select: { id: true, content: true } });
  const bytesOf = new Map(docs.map((d) => [d.id, d.content]));
  const documentsVerified = record.documents.map((d) => {
    const bytes = bytesOf.get(d.id);
    return { id: d.id, sha256: d.sha256, verified: bytes !== undefined && createHash("sha256").update(bytes).digest("hex") === d.sha256 };
  });
  return { id: row.id, userId: row.userId, version: row.version, record, recordHash: row.recordHash, hashVerified, chainVerified, quizShown, disclosureVerified, documentsVerified };
}
