import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { normaliseDraft, type OnboardingDraft } from "@/lib/suitability/draft";
import { parseForm } from "@/lib/services/suitability/internal";
import { caseStatus, CONFIRMABLE_KINDS, confirmationMaps, reviewGate, type ConfirmableKind } from "@/lib/services/suitability/review";
import { ConfirmKnowledgeRecordInput } from "@/lib/services/suitability/schemas";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";

/** The declared record of a kind at an index, what it says (for the audit), and why it cannot be confirmed, if it cannot. */
function declaredRecord(
  draft: OnboardingDraft,
  kind: ConfirmableKind,
  index: number,
): { documentId: string | null; audit: Record<string, unknown>; notConfirmable: MessageRef | null } | null {
  const number = index + 1;
  if (kind === "role") {
    const role = draft.workExperience[index];
    if (!role) return null;
    return {
      documentId: role.documentId,
      audit: { employer: role.employer, role: role.role },
      // A role that did not involve derivatives has nothing to confirm.
      notConfirmable: !role.relatesToDerivatives || !role.derivativeDuties.trim() ? msg("errors.review.gate.roleNotDerivative", { number }) : null,
    };
  }
  const course = draft.training[index];
  if (!course) return null;
  return {
    documentId: course.documentId,
    audit: { provider: course.provider, topics: course.topics, completionDate: course.completionDate },
    notConfirmable: null,
  };
}

const TEXT = {
  role: {
    notNow: "errors.review.gate.roleConfirmNotNow",
    noSuch: "errors.review.gate.noSuchRole",
    noDocument: "errors.review.gate.roleHasNoDocument",
    already: "errors.review.gate.roleAlreadyConfirmed",
    action: "review.role_confirmed",
  },
  course: {
    notNow: "errors.review.gate.course.confirmNotNow",
    noSuch: "errors.review.gate.course.noSuchCourse",
    noDocument: "errors.review.gate.course.noDocument",
    already: "errors.review.gate.course.alreadyConfirmed",
    action: "review.course_confirmed",
  },
} as const;

/**
 * An officer confirms, against its uploaded document, a declared role (that it involved derivatives)
 * or a declared external course (that the certificate shows it) (SUIT-1, SUIT-2): until then the
 * record is "awaiting officer confirmation" and does not count. One rule for both kinds: only a record
 * with a document (and, for a role, stated derivative duties) can be confirmed, once, on the
 * submission the case is waiting on, by an officer who is not the client, with a fresh step-up. The
 * confirmation keeps the officer, the time, the document and its SHA-256 as recorded at submission,
 * and is audited.
 */
export async function confirmKnowledgeRecord({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ConfirmKnowledgeRecordInput;
}): Promise<{ kind: ConfirmableKind; index: number; knowledgePassed: boolean }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { submissionId, kind, index, note } = parseForm(ConfirmKnowledgeRecordInput, input);
  const text = TEXT[kind];
  const number = index + 1;
  return withTransaction(ctx, async (tx) => {
    const submission = await tx.suitabilitySubmission.findUnique({ where: { id: submissionId }, select: { id: true, userId: true, record: true } });
    if (!submission) throw new NotFound(msg("errors.review.noSuchSubmission"));
    if (submission.userId === actor.userId) throw new Forbidden(msg("errors.review.ownApplication"));
    const caseRow = await tx.onboardingCase.findUnique({ where: { userId: submission.userId } });
    if (!caseRow || caseRow.latestSubmissionId !== submissionId) throw new Conflict(msg("errors.review.superseded"));
    if (caseRow.status !== "SUBMITTED" && caseRow.status !== "PENDING_SECOND_APPROVAL")
      throw new Conflict(msg(text.notNow, { status: caseStatus(caseRow.status) }));
    const record = submission.record as unknown as SubmissionRecord;
    const declared = declaredRecord(normaliseDraft(record.draft), kind, index);
    if (!declared) throw new NotFound(msg(text.noSuch, { number }));
    if (declared.notConfirmable) throw new Conflict(declared.notConfirmable);
    const document = declared.documentId ? record.documents.find((d) => d.id === declared.documentId) : undefined;
    if (!document) throw new Conflict(msg(text.noDocument, { number }));
    const stored = CONFIRMABLE_KINDS[kind];
    const key = { submissionId_kind_recordIndex: { submissionId, kind: stored, recordIndex: index } };
    const existing = await tx.knowledgeConfirmation.findUnique({ where: key });
    if (existing) throw new Conflict(msg(text.already, { number, officer: existing.officerEmail }));
    const now = ctx.now();
    // Unique per (submission, kind, record): of two officers confirming at once, the second is refused whole.
    const created = await tx.knowledgeConfirmation.createMany({
      data: [
        {
          submissionId,
          kind: stored,
          recordIndex: index,
          documentId: document.id,
          documentSha256: document.sha256,
          officerId: actor.userId,
          officerEmail: actor.email,
          note,
          confirmedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (created.count !== 1) throw new Conflict(msg("errors.review.caseChanged"));
    const all = await tx.knowledgeConfirmation.findMany({ where: { submissionId } });
    const gate = reviewGate(record, confirmationMaps(all));
    await recordAudit(tx, ctx, {
      action: text.action,
      entity: "SuitabilitySubmission",
      entityId: submissionId,
      after: {
        kind,
        // Kept under the name role confirmations have always had in the audit log.
        ...(kind === "role" ? { roleIndex: index } : { courseIndex: index }),
        ...declared.audit,
        documentId: document.id,
        documentSha256: document.sha256,
        confirmedAt: now,
        knowledgePassed: gate.knowledgePassed,
      },
      reason: note,
    });
    return { kind, index, knowledgePassed: gate.knowledgePassed };
  });
}
