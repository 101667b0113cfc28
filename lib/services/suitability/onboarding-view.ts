import type { OnboardingDraft } from "@/lib/suitability/draft";
import type { DerivativeKnowledgeAssessment } from "@/lib/suitability/derivative-knowledge";
import type { ExposureCap } from "@/lib/suitability/exposure-cap";
import type { PiEvaluation } from "@/lib/suitability/pi-evaluator";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import type { ReadinessItem, SubmissionRecord } from "@/lib/services/suitability/submission";
import type { PerpsEntitlement } from "@/lib/services/suitability/entitlement";
import type { EvidenceDocumentMeta, EvidenceUsage } from "@/lib/services/suitability/evidence-documents";
import type { MessageRef } from "@/lib/i18n/message-ref";

/** Everything the client's onboarding pages show (getOnboarding). */
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
    piErrors: MessageRef[];
    knowledge: DerivativeKnowledgeAssessment | null;
    knowledgeErrors: MessageRef[];
    cap: ExposureCap | null;
    platformCourse: SubmissionRecord["platformCourse"];
  };
  ready: ReadinessItem[];
  canSubmit: boolean;
  documents: EvidenceDocumentMeta[];
  /** The document quota: what the client's documents not yet in a submission use of it. */
  storage: EvidenceUsage;
  submissions: {
    id: string;
    version: number;
    submittedAt: Date;
    recordHash: string;
    evaluatorPassed: boolean;
    decisions: { decision: string; reason: string; decidedAt: Date }[];
  }[];
  entitlement: PerpsEntitlement;
}
