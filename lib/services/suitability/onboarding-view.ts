import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { EMPTY_DRAFT, type OnboardingDraft } from "@/lib/suitability/draft";
import type { DerivativeKnowledgeAssessment } from "@/lib/suitability/derivative-knowledge";
import type { ExposureCap } from "@/lib/suitability/exposure-cap";
import type { PiEvaluation } from "@/lib/suitability/pi-evaluator";
import { assessmentDateOf, loadCase, type OnboardingStatus } from "@/lib/services/suitability/onboarding";
import { evaluateDraft, type ReadinessItem, type SubmissionRecord } from "@/lib/services/suitability/submission";
import { perpsEntitlement, type PerpsEntitlement } from "@/lib/services/suitability/entitlement";
import { evidenceDocumentMeta, evidenceUsage, type EvidenceDocumentMeta, type EvidenceUsage } from "@/lib/services/suitability/evidence-documents";

export interface OnboardingView {
  status: OnboardingStatus;
  /** The officer's reason for the current status, as the client is told it. */
  statusReason: string | null;
  statusChangedAt: Date | null;
  editable: boolean;
  draft: OnboardingDraft;
  assessmentDate: string;
  /** The evaluators run on the draft now: a preview, not a decision. */
  preview: {
    pi: PiEvaluation | null;
    piErrors: string[];
    knowledge: DerivativeKnowledgeAssessment | null;
    knowledgeErrors: string[];
    cap: ExposureCap | null;
    platformCourse: SubmissionRecord["platformCourse"];
  };
  ready: ReadinessItem[];
  canSubmit: boolean;
  documents: EvidenceDocumentMeta[];
  /** The document quota: what the client's documents not yet in a submission use of it. */
  storage: EvidenceUsage;
  submissions: { id: string; version: number; submittedAt: Date; recordHash: string; evaluatorPassed: boolean; decisions: { decision: string; reason: string; decidedAt: Date }[] }[];
  entitlement: PerpsEntitlement;
}

const EDITABLE: readonly OnboardingStatus[] = ["DRAFT", "INFO_REQUESTED", "REJECTED", "APPROVED"];

/** Everything the client's onboarding pages show, read in one place. */
export async function getOnboarding(ctx: ServiceContext): Promise<OnboardingView> {
  const actor = authorize(ctx, "portal.view");
  const row = await loadCase(ctx.db, actor.userId);
  const draft = row?.draft ?? EMPTY_DRAFT;
  const status: OnboardingStatus = row?.status ?? "DRAFT";
  const [evaluation, documents, storage, submissions, entitlement] = await Promise.all([
    evaluateDraft(ctx.db, actor.userId, draft, ctx.now()),
    ctx.db.evidenceDocument.findMany({ where: { userId: actor.userId }, orderBy: { uploadedAt: "asc" }, select: { id: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, uploadedAt: true } }),
    evidenceUsage(ctx.db, actor.userId),
    ctx.db.suitabilitySubmission.findMany({
      where: { userId: actor.userId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, submittedAt: true, recordHash: true, evaluatorPassed: true, reviews: { select: { decision: true, reason: true, decidedAt: true }, orderBy: { decidedAt: "asc" } } },
    }),
    perpsEntitlement(actor.userId, ctx),
  ]);
  const editable = EDITABLE.includes(status);
  return {
    status,
    statusReason: row?.statusReason ?? null,
    statusChangedAt: row?.statusChangedAt ?? null,
    editable,
    draft,
    assessmentDate: assessmentDateOf(ctx),
    preview: { pi: evaluation.pi, piErrors: evaluation.piErrors, knowledge: evaluation.knowledge, knowledgeErrors: evaluation.knowledgeErrors, cap: evaluation.cap, platformCourse: evaluation.platformCourse },
    ready: evaluation.ready,
    canSubmit: editable && evaluation.ready.every((r) => r.ok),
    documents: documents.map(evidenceDocumentMeta),
    storage,
    // The second officer's pending confirmation is internal: the client sees decisions that changed their status.
    submissions: submissions.map(({ reviews, ...s }) => ({ ...s, decisions: reviews.filter((r) => r.decision !== "APPROVE" || s.evaluatorPassed) })),
    entitlement,
  };
}
