import type { IncidentReport } from "@/lib/incidents/report/types";

/** The post-event report as HTML: the same figures as its PDF and JSON. */
export function IncidentReportView({ report }: { report: IncidentReport }) {
  return <pre>{JSON.stringify(report, null, 2)}</pre>;
}
