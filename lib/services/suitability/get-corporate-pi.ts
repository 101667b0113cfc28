import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { isCorporateCategory } from "@/lib/suitability/corporate-pi";
import type { CorporatePiNoticeVersion } from "@/lib/suitability/corporate-pi-notice";
import { latestCpiAssessment, latestSubmissionCategory, noticeInEffect, tradersWithAssessments } from "@/lib/services/suitability/corporate-pi";

export interface CorporatePiView {
  /** Whether the client's draft or latest submission is of a corporate category. */
  corporate: boolean;
  notice: { version: CorporatePiNoticeVersion; contentHash: string } | null;
  /** The consent to the notice in effect, if given. */
  consent: { versionId: string; contentHash: string; consentedAt: Date } | null;
  /** The 15.3A conclusion so far (the officer's working notes stay with compliance). */
  assessment: { conclusion: "POSITIVE" | "NEGATIVE"; assessedAt: Date; reason: string } | null;
  traders: {
    id: string;
    name: string;
    position: string;
    addedAt: Date;
    removedAt: Date | null;
    assessment: { hasKnowledge: boolean; assessedAt: Date } | null;
  }[];
}

/** The signed-in client's corporate-PI steps (PI-6, PI-7, SUIT-4): the 15.3B notice and consent, the 15.3A conclusion, the authorised traders. */
export async function getCorporatePi({ ctx }: { ctx: ServiceContext }): Promise<CorporatePiView> {
  const actor = authorize(ctx, "portal.view");
  const userId = actor.userId;
  const [caseRow, submittedCategory, assessment, traders] = await Promise.all([
    ctx.db.onboardingCase.findUnique({ where: { userId }, select: { draft: true } }),
    latestSubmissionCategory(ctx.db, userId),
    latestCpiAssessment(ctx.db, userId),
    tradersWithAssessments(ctx.db, userId),
  ]);
  const draftCategory = (caseRow?.draft as { category?: unknown } | null)?.category;
  const corporate = isCorporateCategory(typeof draftCategory === "string" ? draftCategory : null) || isCorporateCategory(submittedCategory);
  const notice = noticeInEffect(ctx.now());
  const consent = notice
    ? await ctx.db.corporatePiConsent.findUnique({
        where: { userId_versionId: { userId, versionId: notice.version.id } },
        select: { versionId: true, contentHash: true, consentedAt: true },
      })
    : null;
  return {
    corporate,
    notice,
    consent,
    assessment: assessment ? { conclusion: assessment.conclusion, assessedAt: assessment.assessedAt, reason: assessment.reason } : null,
    traders: traders.map((t) => ({
      id: t.id,
      name: t.name,
      position: t.position,
      addedAt: t.addedAt,
      removedAt: t.removedAt,
      assessment: t.latestAssessment ? { hasKnowledge: t.latestAssessment.hasKnowledge, assessedAt: t.latestAssessment.assessedAt } : null,
    })),
  };
}
