import { z } from "zod";
import { INCIDENT_REPORT_JSON_SCHEMA, validateIncidentReport } from "@/lib/incidents/report/schema";
import type { PublishedIncidentReport } from "@/lib/incidents/published-report";

/**
 * The JSON Schema of a published report as served at /disclosures/incidents/<id>/report.json: the
 * post-event report (its own schema, embedded) with the narrative, the approval and the publication
 * time around it. Published at PUBLISHED_REPORT_SCHEMA_PATH, so a reader can check a download
 * without our code.
 */

export const PUBLISHED_REPORT_SCHEMA_ID = "https://perps-portal.example/schemas/published-incident-report/v1.json";

/** The same bound the narrative is written under (lib/services/incidents/schemas.ts). */
const NARRATIVE_MAX_CHARS = 5_000;

const narrativeText = { type: "string", minLength: 1, maxLength: NARRATIVE_MAX_CHARS } as const;

export const PUBLISHED_REPORT_JSON_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: PUBLISHED_REPORT_SCHEMA_ID,
  title: "Published post-event report of a default-management incident",
  description:
    "The post-event report exactly as published: the report computed from the engine journal, the officers' cause, impact and remediation, the approval by a Responsible Officer and the publication time. The document is canonical JSON (object keys sorted, no whitespace); its SHA-256 is shown beside it.",
  type: "object",
  additionalProperties: false,
  required: ["report", "narrative", "approval", "publishedAt"],
  properties: {
    report: INCIDENT_REPORT_JSON_SCHEMA,
    narrative: {
      type: "object",
      additionalProperties: false,
      required: ["cause", "impact", "remediation"],
      properties: { cause: narrativeText, impact: narrativeText, remediation: narrativeText },
    },
    approval: {
      type: "object",
      additionalProperties: false,
      required: ["byRole", "at"],
      properties: { byRole: { const: "RESPONSIBLE_OFFICER" }, at: { type: "string", format: "date-time" } },
    },
    publishedAt: { type: "string", format: "date-time" },
  },
} as const;

const narrative = z.string().min(1).max(NARRATIVE_MAX_CHARS);
const envelope = z.strictObject({
  report: z.unknown(),
  narrative: z.strictObject({ cause: narrative, impact: narrative, remediation: narrative }),
  approval: z.strictObject({ byRole: z.literal("RESPONSIBLE_OFFICER"), at: z.iso.datetime() }),
  publishedAt: z.iso.datetime(),
});

export type PublishedValidation = { ok: true; document: PublishedIncidentReport } | { ok: false; problems: string[] };

/** Check a published report as parsed from JSON against PUBLISHED_REPORT_JSON_SCHEMA's rules. */
export function validatePublishedReport(json: unknown): PublishedValidation {
  const outer = envelope.safeParse(json);
  if (!outer.success) return { ok: false, problems: outer.error.issues.map((issue) => `$.${issue.path.join(".")}: ${issue.message}`) };
  const report = validateIncidentReport(outer.data.report);
  if (!report.ok) return { ok: false, problems: report.problems.map((problem) => problem.replace(/^\$/, "$.report")) };
  return { ok: true, document: { ...outer.data, report: report.report } };
}
