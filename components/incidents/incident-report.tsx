import { useTranslations } from "next-intl";
import { incidentReportDocument, stepLabel, type Translate } from "@/lib/incidents/report/presentation";
import type { IncidentNarrative, IncidentReport } from "@/lib/incidents/report/types";
import { PresentedDocumentView } from "./presented-document";

/**
 * The post-event report as HTML: the same figures and labels as its PDF and JSON. `narrative` (cause,
 * impact, remediation, written by the officers) is shown above the figures when given.
 */
export function IncidentReportView({ report, narrative, level }: { report: IncidentReport; narrative?: IncidentNarrative; level?: 1 | 2 }) {
  const t = useTranslations("incidents");
  const translate: Translate = (key, values) => t(key as Parameters<typeof t>[0], values);
  const document = incidentReportDocument(report, translate, narrative);
  const steps = report.steps.map((step) => stepLabel(translate, step));
  return <PresentedDocumentView document={document} level={level} badges={steps} />;
}
