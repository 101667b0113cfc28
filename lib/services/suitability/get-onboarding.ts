import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { EMPTY_DRAFT } from "@/lib/suitability/draft";
import { perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { evidenceDocumentMeta, evidenceUsage } from "@/lib/services/suitability/evidence-documents";
import { assessmentDateOf, EDITABLE, loadCase, type OnboardingStatus } from "@/lib/services/suitability/internal";
import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import { evaluateDraft } from "@/lib/services/suitability/submission";

/** Everything the client's onboarding pages show, read in one place. */
export async function getOnboarding({ ctx }: { ctx: ServiceContext }): Promise<OnboardingView> {
  const actor = authorize(ctx, "portal.view");
  const row = await loadCase(ctx.db, actor.userId);
  const draft = row?.draft ?? EMPTY_DRAFT;
  const status: OnboardingStatus = row?.status ?? "DRAFT";
  const [evaluation, documents, storage, submissions, entitlement] = await Promise.all([
    evaluateDraft(ctx.db, actor.userId, draft, ctx.now()),
    ctx.db.evidenceDocument.findMany({
      where: { userId: actor.userId },
      orderBy: { uploadedAt: "asc" },
      select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true },
    }),
    evidenceUsage(ctx.db, actor.userId),
    ctx.db.suitabilitySubmission.findMany({
      where: { userId: actor.userId },
      orderBy: { version: "desc" },
      select: {
        id: true,
        version: true,
        submittedAt: true,
        recordHash: true,
        evaluatorPassed: true,
        reviews: { select: { decision: true, reason: true, decidedAt: true }, orderBy: { decidedAt: "asc" } },
      },
    }),
    perpsEntitlement(ctx, actor.userId),
  ]);
  const editable = EDITABLE.includes(status);
  return {
    status,
    statusReason: row?.statusReason ?? null,
    statusChangedAt: row?.statusChangedAt ?? null,
    editable,
    draft,
    assessmentDate: assessmentDateOf(ctx),
    preview: {
      pi: evaluation.pi,
      piErrors: evaluation.piErrors,
      knowledge: evaluation.knowledge,
      knowledgeErrors: evaluation.knowledgeErrors,
      cap: evaluation.cap,
      platformCourse: evaluation.platformCourse,
    },
    ready: evaluation.ready,
    canSubmit: editable && evaluation.ready.every((r) => r.ok),
    documents: documents.map(evidenceDocumentMeta),
    storage,
    // The second officer's pending confirmation is internal: the client sees decisions that changed their status.
    submissions: submissions.map(({ reviews, ...s }) => ({ ...s, decisions: reviews.filter((r) => r.decision !== "APPROVE" || s.evaluatorPassed) })),
    entitlement,
  };
}
