import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/chain";
import type { Db, Tx } from "@/lib/services/context";
import { hongKongDate } from "@/lib/suitability/dates";
import { assessDerivativeKnowledge, type DerivativeKnowledgeAssessment, type TrainingRecord } from "@/lib/suitability/derivative-knowledge";
import type { VaKnowledgeAssessment } from "@/lib/suitability/va-knowledge";
import { knowledgeInput, piInput, type OnboardingDraft } from "@/lib/suitability/draft";
import { exposureCap, type ExposureCap } from "@/lib/suitability/exposure-cap";
import { referenceFxRates, referenceUsdRate } from "@/lib/suitability/fx-reference";
import { evaluateProfessionalInvestor, type PiEvaluation } from "@/lib/suitability/pi-evaluator";
import type { PresentedQuiz, QuizAnswer } from "@/lib/suitability/quiz";
import { currentCourse, PERPS_COURSE_VERSIONS } from "@/lib/suitability/course";
import { courseContentHash } from "@/lib/suitability/course/hash";
import { latestPassedAttempt } from "@/lib/services/suitability/quiz-attempts";
import { currentDisclosureAcknowledged } from "@/lib/services/suitability/acknowledgements";
import { messageList, msg, type MessageRef } from "@/lib/i18n/message-ref";

// The submission record: its shape, its hash, and the evaluation of a draft that a submission would
// record (the onboarding page previews it; submitting stores it).

/** The version tag of the submission record's JSON shape: part of what is hashed. */
export const SUBMISSION_FORMAT = "suitability-submission/1";

/** The SFC-facing record of one submission: every input, every result, every hash. */
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
  /** SUIT-7: the virtual-asset knowledge record, its own section (absent from records made before it existed); not part of the perps decision. */
  vaKnowledge?: VaKnowledgeAssessment | null;
  riskQuiz: {
    attemptId: string;
    purpose: string;
    presented: PresentedQuiz;
    answers: QuizAnswer[];
    startedAt: string;
    submittedAt: string;
    correct: number;
    total: number;
    passed: boolean;
  };
  disclosure: { versionId: string; contentHash: string; acknowledgedAt: string };
  exposureCap: ExposureCap;
  evaluator: { piPassed: boolean; knowledgePassed: boolean; quizPassed: boolean; passed: boolean };
  previousHash: string | null;
}

/** Plain JSON (bigints as strings, dates as ISO): what is stored is exactly what is hashed. */
export function toPlainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export function submissionHash(record: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(toPlainJson(record)), "utf8")
    .digest("hex");
}

/** The platform course credit (SUIT-3): the course quiz passed, under the course version in force then. */
async function platformCourseCredit(db: Db | Tx, userId: string): Promise<SubmissionRecord["platformCourse"]> {
  const attempt = await latestPassedAttempt(db, userId, "course_quiz");
  if (!attempt?.submittedAt) return null;
  const course = currentCourse(PERPS_COURSE_VERSIONS, attempt.submittedAt);
  if (!course) return null;
  return { courseVersion: course.id, courseHash: courseContentHash(course), quizAttemptId: attempt.id, completionDate: hongKongDate(attempt.submittedAt) };
}

export interface ReadinessItem {
  step: "category" | "evidence" | "knowledge" | "net_worth" | "risk_quiz" | "disclosures";
  ok: boolean;
  message: MessageRef;
}

/** The evaluators' answers on a draft: what a submission would record. */
export interface DraftEvaluation {
  pi: PiEvaluation | null;
  piErrors: MessageRef[];
  knowledge: DerivativeKnowledgeAssessment | null;
  knowledgeErrors: MessageRef[];
  cap: ExposureCap | null;
  platformCourse: SubmissionRecord["platformCourse"];
}

/** What a submission would record, evaluated now, or the list of what is missing. */
export async function evaluateDraft(db: Db | Tx, userId: string, draft: OnboardingDraft, now: Date): Promise<DraftEvaluation & { ready: ReadinessItem[] }> {
  const assessmentDate = hongKongDate(now);
  const ready: ReadinessItem[] = [];
  ready.push({
    step: "category",
    ok: draft.category !== null,
    message: msg(draft.category ? "validation.onboarding.ready.categoryChosen" : "validation.onboarding.ready.chooseCategory"),
  });

  let pi: PiEvaluation | null = null;
  let piErrors: MessageRef[] = [];
  if (draft.category) {
    const result = evaluateProfessionalInvestor(piInput({ ...draft, category: draft.category }), { assessmentDate, fxRates: referenceFxRates(assessmentDate) });
    if (result.ok) pi = result.evaluation;
    else piErrors = result.errors.map((e) => msg("validation.onboarding.ready.problemAt", { path: e.path, problem: e.ref }));
  }
  const evidenceCount = draft.portfolio.length + draft.totalAssets.length;
  ready.push({
    step: "evidence",
    ok: piErrors.length === 0 && (draft.category === "institutional" ? draft.institutionalBasis.trim() !== "" : evidenceCount > 0),
    message:
      piErrors.length > 0
        ? msg("validation.onboarding.ready.evidenceProblems", { problems: messageList(piErrors, "; ") })
        : draft.category === "institutional"
          ? msg("validation.onboarding.ready.institutionalBasisStated")
          : evidenceCount > 0
            ? msg("validation.onboarding.ready.evidenceLines", { count: evidenceCount })
            : msg("validation.onboarding.ready.addEvidence"),
  });

  const platformCourse = await platformCourseCredit(db, userId);
  const courseRecord: Extract<TrainingRecord, { kind: "platform_course" }> | null = platformCourse
    ? { kind: "platform_course", courseVersion: platformCourse.courseVersion, quizPassed: true, completionDate: platformCourse.completionDate }
    : null;
  const dk = assessDerivativeKnowledge(knowledgeInput(draft, courseRecord), { assessmentDate });
  const answered = Object.values(draft.declarations).every((v) => v !== null) || courseRecord !== null;
  ready.push({
    step: "knowledge",
    ok: dk.ok && answered,
    message: !dk.ok
      ? msg("validation.onboarding.ready.knowledgeProblems", {
          problems: messageList(
            dk.errors.map((e) => e.ref),
            "; ",
          ),
        })
      : msg(answered ? "validation.onboarding.ready.knowledgeAnswered" : "validation.onboarding.ready.answerKnowledge"),
  });

  let cap: ExposureCap | null = null;
  if (draft.netWorth) {
    const result = exposureCap(
      { netWorthHkdCents: BigInt(draft.netWorth.netWorthHkdCents), liquidAssetsHkdCents: BigInt(draft.netWorth.liquidAssetsHkdCents) },
      { usdRate: referenceUsdRate(assessmentDate) },
    );
    if (result.ok) cap = result.cap;
  }
  ready.push({
    step: "net_worth",
    ok: cap !== null,
    message: msg(cap ? "validation.onboarding.ready.netWorthGiven" : "validation.onboarding.ready.giveNetWorth"),
  });

  const quiz = await latestPassedAttempt(db, userId, "risk_quiz");
  ready.push({ step: "risk_quiz", ok: quiz !== null, message: msg(quiz ? "validation.onboarding.ready.quizPassed" : "validation.onboarding.ready.passQuiz") });
  const acknowledged = await currentDisclosureAcknowledged({ db, now: () => now }, userId);
  ready.push({
    step: "disclosures",
    ok: acknowledged,
    message: msg(acknowledged ? "validation.onboarding.ready.disclosureAcknowledged" : "validation.onboarding.ready.acknowledgeDisclosure"),
  });
  return { ready, pi, piErrors, knowledge: dk.ok ? dk.assessment : null, knowledgeErrors: dk.ok ? [] : dk.errors.map((e) => e.ref), cap, platformCourse };
}
