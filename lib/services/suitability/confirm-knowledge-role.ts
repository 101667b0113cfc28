import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { normaliseDraft } from "@/lib/suitability/draft";
import { parseForm } from "@/lib/services/suitability/internal";
import { caseStatus, reviewGate, roleConfirmationMap } from "@/lib/services/suitability/review";
import { ConfirmKnowledgeRoleInput } from "@/lib/services/suitability/schemas";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";

/**
 * An officer confirms, against its uploaded document, that a role the client declared involved
 * derivatives (SUIT-1, SUIT-2): until then the role is "awaiting officer confirmation" and does not
 * count. Only a role that states its derivative duties and has a document can be confirmed, once, on
 * the submission the case is waiting on, by an officer who is not the client. The confirmation keeps
 * the officer, the time, the document and its SHA-256 as recorded at submission, and is audited.
 */
export async function confirmKnowledgeRole({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ConfirmKnowledgeRoleInput;
}): Promise<{ roleIndex: number; knowledgePassed: boolean }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { submissionId, roleIndex, note } = parseForm(ConfirmKnowledgeRoleInput, input);
  return withTransaction(ctx, async (tx) => {
    const submission = await tx.suitabilitySubmission.findUnique({ where: { id: submissionId }, select: { id: true, userId: true, record: true } });
    if (!submission) throw new NotFound(msg("errors.review.noSuchSubmission"));
    if (submission.userId === actor.userId) throw new Forbidden(msg("errors.review.ownApplication"));
    const caseRow = await tx.onboardingCase.findUnique({ where: { userId: submission.userId } });
    if (!caseRow || caseRow.latestSubmissionId !== submissionId) throw new Conflict(msg("errors.review.superseded"));
    if (caseRow.status !== "SUBMITTED" && caseRow.status !== "PENDING_SECOND_APPROVAL")
      throw new Conflict(msg("errors.review.gate.roleConfirmNotNow", { status: caseStatus(caseRow.status) }));
    const record = submission.record as unknown as SubmissionRecord;
    const role = normaliseDraft(record.draft).workExperience[roleIndex];
    if (!role) throw new NotFound(msg("errors.review.gate.noSuchRole", { number: roleIndex + 1 }));
    if (!role.relatesToDerivatives || !role.derivativeDuties.trim()) throw new Conflict(msg("errors.review.gate.roleNotDerivative", { number: roleIndex + 1 }));
    const document = role.documentId ? record.documents.find((d) => d.id === role.documentId) : undefined;
    if (!document) throw new Conflict(msg("errors.review.gate.roleHasNoDocument", { number: roleIndex + 1 }));
    const existing = await tx.knowledgeRoleConfirmation.findUnique({ where: { submissionId_roleIndex: { submissionId, roleIndex } } });
    if (existing) throw new Conflict(msg("errors.review.gate.roleAlreadyConfirmed", { number: roleIndex + 1, officer: existing.officerEmail }));
    const now = ctx.now();
    // Unique per (submission, role): of two officers confirming at once, the second is refused whole.
    const created = await tx.knowledgeRoleConfirmation.createMany({
      data: [
        {
          submissionId,
          roleIndex,
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
    const all = await tx.knowledgeRoleConfirmation.findMany({ where: { submissionId } });
    const gate = reviewGate(record, roleConfirmationMap(all));
    await recordAudit(tx, ctx, {
      action: "review.role_confirmed",
      entity: "SuitabilitySubmission",
      entityId: submissionId,
      after: {
        roleIndex,
        employer: role.employer,
        role: role.role,
        documentId: document.id,
        documentSha256: document.sha256,
        confirmedAt: now,
        knowledgePassed: gate.knowledgePassed,
      },
      reason: note,
    });
    return { roleIndex, knowledgePassed: gate.knowledgePassed };
  });
}
