import crypto from "node:crypto";
import { canonicalJson } from "@/lib/engine/index";
import type { IncidentReport } from "./types";

/**
 * The published text of a report: canonical JSON (sorted keys, no whitespace), so the same figures
 * always give the same bytes and the same SHA-256 (Incident.published / Incident.publishedHash).
 */
export function canonicalReportText(report: IncidentReport): string {
  return canonicalJson(report);
}

/** SHA-256 of the published text, lower-case hex. */
export function reportSha256(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}
