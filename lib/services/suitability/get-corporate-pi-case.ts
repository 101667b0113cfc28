import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { MessageRef } from "@/lib/i18n/message-ref";
import { isCorporateCategory, type CorporateApprovalBlocker } from "@/lib/suitability/corporate-pi";
import { corporateApprovalBlockers, latestSubmissionCategory, tradersWithAssessments } from "@/lib/services/suitability/corporate-pi";
import { GetCorporatePiCaseInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

/** A corporate client's 15.3A assessments (all versions), 15.3B consents, traders and what still blocks approval, as an officer reviews them. */
export async function getCorporatePiCase({ ctx, input }: { ctx: ServiceContext; input: GetCorporatePiCaseInput }) {
  const actor = authorize(ctx, "clients.read");
  const { clientUserId } = GetCorporatePiCaseInput.parse(input);
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "corporate_pi_case", subjectUserId: clientUserId, purpose: "corporate professional investor review" },
    ctx.now(),
  );
  const category = await latestSubmissionCategory(ctx.db, clientUserId);
  const [assessments, consents, traders, blockers] = await Promise.all([
    ctx.db.corporatePiAssessment.findMany({ where: { userId: clientUserId }, orderBy: { version: "desc" } }),
    ctx.db.corporatePiConsent.findMany({ where: { userId: clientUserId }, orderBy: { consentedAt: "desc" } }),
    tradersWithAssessments(ctx.db, clientUserId),
    corporateApprovalBlockers(ctx.db, clientUserId, ctx.now()),
  ]);
  return {
    clientUserId,
    category,
    corporate: isCorporateCategory(category),
    assessments: assessments.map((a) => ({ ...a, decisionMakers: Array.isArray(a.decisionMakers) ? (a.decisionMakers as string[]) : [] })),
    consents,
    traders,
    blockers: blockers as { code: CorporateApprovalBlocker; message: MessageRef }[],
  };
}
export type CorporatePiCase = Awaited<ReturnType<typeof getCorporatePiCase>>;
