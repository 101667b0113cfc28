import type { OnboardingDraft } from "@/lib/suitability/draft";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import type { DraftEvaluation, ReadinessItem } from "@/lib/services/suitability/submission";
import type { PerpsEntitlement } from "@/lib/services/suitability/entitlement";
import type { EvidenceDocumentMeta, EvidenceUsage } from "@/lib/services/suitability/evidence-documents";

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
  preview: DraftEvaluation;
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
