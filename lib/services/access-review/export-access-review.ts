import "server-only";
import { toCsv } from "@/lib/csv";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { generateAccessReview } from "@/lib/services/access-review/generate-access-review";
import type { AccessReviewInput } from "@/lib/services/access-review/schemas";

const HEADER = ["section", "at", "user", "family", "resource", "subjectUserId", "subjectRef", "purpose", "reads", "first", "last"] as const;

/**
 * AFMM-7: the quarterly access review as CSV: one section per part (AFMM reads, AFMM activity, staff
 * summary). Generation is audited by generateAccessReview; an empty AFMM section carries one row saying so.
 */
export async function exportAccessReview({ ctx, input }: { ctx: ServiceContext; input: AccessReviewInput }): Promise<{ csv: string; quarter: string }> {
  authorize(ctx, "access_review.read");
  const review = await generateAccessReview({ ctx, input });
  const rows: (string | number | null)[][] = [];
  if (review.afmmReads.length === 0)
    rows.push(["afmm_reads", null, null, "AFMM", null, null, null, "none: no AFMM-side user read client data in the quarter", 0, null, null]);
  for (const row of review.afmmReads)
    rows.push(["afmm_reads", row.at, row.userEmail ?? row.userId, row.family, row.resource, row.subjectUserId, row.subjectRef, row.purpose, 1, null, null]);
  for (const row of review.afmmActivity)
    rows.push(["afmm_activity", row.at, row.actorEmail, "AFMM", row.entity, null, row.entityId, row.action, null, null, null]);
  for (const row of review.staffSummary)
    rows.push(["staff_reads", null, row.userEmail ?? row.userId, row.family, row.resource, null, null, null, row.reads, row.first, row.last]);
  return { csv: toCsv(HEADER, rows), quarter: review.quarter };
}
