import "server-only";
import { createHash } from "node:crypto";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { presentedQuestions } from "@/lib/suitability/quiz";
import type { PublicQuestion } from "@/lib/suitability/quiz-bank";
import { RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash as disclosureHash } from "@/lib/suitability/risk-disclosures/hash";
import { bankOf } from "@/lib/services/suitability/quiz-attempts";
import type { ReconstructSubmissionInput } from "@/lib/services/suitability/schemas";
import { submissionHash, type SubmissionRecord } from "@/lib/services/suitability/submission";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

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
 * with every hash re-checked (REC-3). For staff who may read client records, or the client.
 */
export async function reconstructSubmission({ ctx, input }: { ctx: ServiceContext; input: ReconstructSubmissionInput }): Promise<ReconstructedSubmission> {
  // Who may read it depends on whose it is, so the row is looked up before the permission check.
  const { submissionId } = input;
  const actor = ctx.actor;
  const row = /^[0-9a-f-]{36}$/.test(submissionId) ? await ctx.db.suitabilitySubmission.findUnique({ where: { id: submissionId } }) : null;
  if (actor && row && actor.userId === row.userId) authorize(ctx, "portal.view");
  else authorize(ctx, "clients.read");
  if (!row) throw new NotFound(msg("errors.review.noSuchSubmission"));
  if (actor && actor.userId !== row.userId) {
    await recordClientDataAccess(
      ctx.db,
      actor,
      { resource: "onboarding_submission", subjectUserId: row.userId, subjectRef: row.id, purpose: "suitability review" },
      ctx.now(),
    );
  }
  const record = row.record as unknown as SubmissionRecord;
  const hashVerified = submissionHash(record) === row.recordHash;
  const previous =
    row.version > 1
      ? await ctx.db.suitabilitySubmission.findUnique({
          where: { userId_version: { userId: row.userId, version: row.version - 1 } },
          select: { recordHash: true },
        })
      : null;
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
  return {
    id: row.id,
    userId: row.userId,
    version: row.version,
    record,
    recordHash: row.recordHash,
    hashVerified,
    chainVerified,
    quizShown,
    disclosureVerified,
    documentsVerified,
  };
}
