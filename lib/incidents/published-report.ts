import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/chain";
import type { IncidentReport } from "@/lib/incidents/report/types";

/**
 * What the platform publishes for an incident (DISC-7), stored and served as canonical JSON (keys
 * sorted, no whitespace) with its SHA-256: the report computed from the journal, the officers'
 * narrative, the approval (by role: the approver's identity is not published) and when it was published.
 */
export interface PublishedIncidentReport {
  report: IncidentReport;
  narrative: IncidentNarrativeText;
  approval: { byRole: "RESPONSIBLE_OFFICER"; at: string };
  publishedAt: string;
}

export interface IncidentNarrativeText {
  cause: string;
  impact: string;
  remediation: string;
}

/** Where the JSON Schema of the published JSON lives: a stable address, one per version. */
export const PUBLISHED_REPORT_SCHEMA_PATH = "/disclosures/incidents/schema/v1.json";

/** The public addresses of one published report's renderings (route handlers: no language prefix). */
export function publishedReportPaths(incidentId: string): { json: string; pdf: string } {
  const base = `/disclosures/incidents/${encodeURIComponent(incidentId)}`;
  return { json: `${base}/report.json`, pdf: `${base}/report.pdf` };
}

/** The published text is canonical JSON (keys sorted, no whitespace), so its SHA-256 is reproducible from the document. */
export function publishedText(document: PublishedIncidentReport): { text: string; hash: string } {
  const text = canonicalJson(document);
  return { text, hash: createHash("sha256").update(text, "utf8").digest("hex") };
}
