import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { canonicalJson } from "@/lib/audit/chain";
import { isCorporateCategory } from "@/lib/suitability/corporate-pi";
import { RecordCpiAssessmentInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { latestCpiAssessment, latestSubmissionCategory, lockClientRecords, recordHash } from "@/lib/services/suitability/corporate-pi";
import { parseForm } from "@/lib/services/suitability/internal";

export const CPI_ASSESSMENT_FORMAT = "cpi-assessment-v1";

/**
 * Code 15.3A (PI-6): a compliance officer records the assessment of a corporate client: its investment
 * function, the persons who decide, their knowledge and experience, the conclusion and its reason. Never
 * edited: each assessment is a new version chained to the previous one by hash, and the latest counts.
 * The same officer posting the same assessment twice (a double click, two tabs) records it once.
 */
export async function recordCpiAssessment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RecordCpiAssessmentInput;
}): Promise<{ id: string; version: number; contentHash: string; created: boolean }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const data = parseForm(RecordCpiAssessmentInput, input);
  if (data.clientUserId === actor.userId) throw new Forbidden(msg("errors.corporatePi.ownApplication"));
  return withTransaction(ctx, async (tx) => {
    await lockClientRecords(tx, "cpi-assessment", data.clientUserId);
    const category = await latestSubmissionCategory(tx, data.clientUserId);
    if (category === null) throw new NotFound(msg("errors.corporatePi.noSubmission"));
    if (!isCorporateCategory(category)) throw new Conflict(msg("errors.corporatePi.notCorporate"));
    const content = {
      hasInvestmentFunction: data.hasInvestmentFunction,
      investmentFunction: data.investmentFunction,
      decisionMakers: data.decisionMakers,
      knowledgeAndExperience: data.knowledgeAndExperience,
      conclusion: data.conclusion,
      reason: data.reason,
    };
    const previous = await latestCpiAssessment(tx, data.clientUserId);
    if (
      previous &&
      previous.officerId === actor.userId &&
      canonicalJson(content) ===
        canonicalJson({
          hasInvestmentFunction: previous.hasInvestmentFunction,
          investmentFunction: previous.investmentFunction,
          decisionMakers: previous.decisionMakers,
          knowledgeAndExperience: previous.knowledgeAndExperience,
          conclusion: previous.conclusion,
          reason: previous.reason,
        })
    )
      return { id: previous.id, version: previous.version, contentHash: previous.contentHash, created: false };
    const version = (previous?.version ?? 0) + 1;
    const assessedAt = ctx.now();
    const record = {
      format: CPI_ASSESSMENT_FORMAT,
      userId: data.clientUserId,
      version,
      category,
      ...content,
      officerId: actor.userId,
      officerEmail: actor.email,
      assessedAt: assessedAt.toISOString(),
      previousHash: previous?.contentHash ?? null,
    };
    const contentHash = recordHash(record);
    const row = await tx.corporatePiAssessment.create({
      data: {
        userId: data.clientUserId,
        version,
        ...content,
        officerId: actor.userId,
        officerEmail: actor.email,
        assessedAt,
        contentHash,
        previousHash: record.previousHash,
      },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "corporate_pi.assessment",
      entity: "CorporatePiAssessment",
      entityId: row.id,
      after: record,
      reason: data.reason,
    });
    return { id: row.id, version, contentHash, created: true };
  });
}
