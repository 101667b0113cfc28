import "server-only";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import type { Db } from "@/lib/services/context";
import { attestationStatus } from "@/lib/services/conflicts/list-attestation-status";

export const ATTESTATION_SWEEP_EVERY_MS = 60 * 60_000;

/**
 * AFMM-3: an overdue attestation raises an alert in the inbox of every compliance officer and
 * Responsible Officer, and of the member of staff who is late. Once per person, policy and due date
 * (the dedupe key), so a sweep every hour alerts once, and again only when a new due date passes.
 */
export async function runAttestationSweep(ctx: { db: Db; now: () => Date }): Promise<number> {
  const now = ctx.now();
  const { rows } = await attestationStatus(ctx.db, now);
  const overdue = rows.filter((row) => row.overdue);
  if (overdue.length === 0) return 0;
  const officers = (
    await ctx.db.userRole.findMany({ where: { role: { in: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"] } }, select: { userId: true }, distinct: ["userId"] })
  ).map((row) => row.userId);
  const drafts: NoticeDraft[] = [];
  for (const row of overdue) {
    const params = { name: row.name, email: row.email, policy: row.policyTitle, version: row.policyVersion, due: row.dueAt.slice(0, 10) };
    for (const userId of new Set([...officers, row.userId])) {
      drafts.push({ userId, kind: "attestationOverdue", params, dedupeKey: `attestation-overdue:${row.policyId}:${row.userId}:${row.dueAt}:${userId}` });
    }
  }
  return ctx.db.$transaction((tx) => queueNotices(tx, drafts, now), { timeout: 60_000 });
}
