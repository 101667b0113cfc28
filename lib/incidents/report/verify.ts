import type { PrismaClient } from "@/prisma/generated/client";
import { canonicalReportText, reportSha256 } from "./canonical";
import { draftIncidentReport, type DraftOptions } from "./load";
import { jsonPath, validateIncidentReport } from "./schema";

/**
 * `report:verify`: recompute a published report from the journal and compare it, figure by figure,
 * with what was published (Incident.published, the canonical JSON text of the published document,
 * and its SHA-256 in Incident.publishedHash). Only the document's `report` is figures; the officers'
 * narrative, the approval and the publication time are not recomputed.
 */

export type VerifyOutcome =
  | { kind: "verified"; figures: number }
  | { kind: "unknown_incident"; incidentId: string }
  | { kind: "not_published"; incidentId: string }
  | {
      kind: "mismatch";
      /** Figures compared before the first difference (all of them when only the hash differs). */
      figures: number;
      /** The first figure that differs, in canonical key order; null when every figure agrees. */
      difference: { path: string; published: unknown; recomputed: unknown } | null;
      /** Whether Incident.publishedHash is the SHA-256 of the published text. */
      hashMatches: boolean;
      publishedHash: string | null;
      actualHash: string;
    };

export async function verifyPublishedReport(db: PrismaClient, incidentId: string, options: DraftOptions = {}): Promise<VerifyOutcome> {
  const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { published: true, publishedHash: true } });
  if (!incident) return { kind: "unknown_incident", incidentId };
  if (incident.published === null) return { kind: "not_published", incidentId };
  const text = incident.published;
  const actualHash = reportSha256(text);
  const hashMatches = incident.publishedHash === actualHash;

  const recomputedReport = await draftIncidentReport(db, incidentId, options);
  const valid = validateIncidentReport(recomputedReport);
  if (!valid.ok) throw new Error(`the recomputed report does not match its own schema: ${valid.problems.join("; ")}`);
  const recomputed: unknown = JSON.parse(canonicalReportText(recomputedReport));
  let published: unknown;
  try {
    published = JSON.parse(text);
  } catch {
    return {
      kind: "mismatch",
      figures: 0,
      difference: { path: "$", published: text.slice(0, 80), recomputed: "a JSON document" },
      hashMatches,
      publishedHash: incident.publishedHash,
      actualHash,
    };
  }
  // The published document wraps the report with what is not a figure (the narrative, the approval, the
  // time of publication): only its `report` member is recomputed.
  const compared = { figures: 0 };
  const difference = isObject(published)
    ? firstDifference(published.report, recomputed, ["report"], compared)
    : { path: "$", published: text.slice(0, 80), recomputed: "a JSON object" };
  if (!difference && hashMatches) return { kind: "verified", figures: compared.figures };
  return { kind: "mismatch", figures: compared.figures, difference, hashMatches, publishedHash: incident.publishedHash, actualHash };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The first path where two JSON values differ, walking keys in sorted order (the canonical order) and
 * arrays by index; counts each leaf that agreed.
 */
function firstDifference(
  published: unknown,
  recomputed: unknown,
  path: PropertyKey[],
  compared: { figures: number },
): { path: string; published: unknown; recomputed: unknown } | null {
  if (Array.isArray(recomputed) && Array.isArray(published)) {
    for (let i = 0; i < Math.max(recomputed.length, published.length); i++) {
      if (i >= published.length || i >= recomputed.length) return { path: jsonPath([...path, i]), published: published[i], recomputed: recomputed[i] };
      const found = firstDifference(published[i], recomputed[i], [...path, i], compared);
      if (found) return found;
    }
    return null;
  }
  if (isObject(recomputed) && isObject(published)) {
    for (const key of [...new Set([...Object.keys(recomputed), ...Object.keys(published)])].sort()) {
      if (!(key in published) || !(key in recomputed)) return { path: jsonPath([...path, key]), published: published[key], recomputed: recomputed[key] };
      const found = firstDifference(published[key], recomputed[key], [...path, key], compared);
      if (found) return found;
    }
    return null;
  }
  if (Object.is(published, recomputed)) {
    compared.figures++;
    return null;
  }
  return { path: jsonPath(path), published, recomputed };
}

/** One line for a person: what was verified, or the first problem. */
export function describeVerifyOutcome(outcome: VerifyOutcome): string {
  switch (outcome.kind) {
    case "verified":
      return `verified ${outcome.figures} figures`;
    case "unknown_incident":
      return `no incident with id ${outcome.incidentId}`;
    case "not_published":
      return `incident ${outcome.incidentId} has no published report yet`;
    case "mismatch": {
      const lines: string[] = [];
      if (outcome.difference) {
        const { path, published, recomputed } = outcome.difference;
        lines.push(
          `report differs at ${path}: published ${show(published)}, recomputed from the journal ${show(recomputed)} (${outcome.figures} figures agreed before it)`,
        );
      }
      if (!outcome.hashMatches)
        lines.push(`published hash ${outcome.publishedHash ?? "(none)"} is not the SHA-256 of the published text (${outcome.actualHash})`);
      return lines.join("\n");
    }
  }
}

function show(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
