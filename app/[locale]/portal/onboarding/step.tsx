import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Link } from "@/lib/i18n/navigation";
import type { EvidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import { requirePermission } from "@/lib/transport/session";
import { LockedNote } from "./form-parts";
import { lockedReason, type LockedReason } from "./status-text";

/**
 * What every step page of the application starts with: the client's permission, their application as
 * it stands, whether (and why not) it can be changed now, and its uploaded documents by id.
 */
export async function loadOnboardingStep() {
  const ctx = await requirePermission("portal.view");
  const view = await getOnboarding({ ctx });
  const locked = lockedReason(view);
  const documents: ReadonlyMap<string, EvidenceDocumentMeta> = new Map(view.documents.map((document) => [document.id, document]));
  return { ctx, view, locked, documents };
}

/**
 * The top of an onboarding step page: the way back to the overview, the title, the lead and, on the
 * steps that change the application, why it cannot be changed now. `children` follow (e.g. the quota).
 */
export function StepIntro({ title, lead, locked = null, children }: { title: string; lead: ReactNode; locked?: LockedReason | null; children?: ReactNode }) {
  const nav = useTranslations("onboarding.nav");
  return (
    <div className="prose">
      <p>
        <Link href="/portal/onboarding">{nav("overview")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
      <LockedNote reason={locked} />
      {children}
    </div>
  );
}

/** Why an evaluator could not run on the application as it stands, one problem a line. */
export function EvaluatorProblems({ title, problems }: { title: string; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <Alert tone="error" as="div">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </Alert>
  );
}
