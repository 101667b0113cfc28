import "server-only";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { deleteUnreferencedDocuments, ORPHANED_EVIDENCE_GRACE_MS } from "@/lib/services/suitability/evidence-documents";
import { draftDocumentIds, normaliseDraft } from "@/lib/suitability/draft";

/**
 * Deletes evidence documents that no draft line and no submission refers to, once they are older than
 * the grace period, each with an audit tombstone. Removing a line deletes its document at once, so this
 * finds what that could not: documents of lines removed before it did, or of any path that leaves one
 * behind. The grace period keeps a document that is only just being attached safe. Safe to run on
 * several servers at once: each client's documents are re-checked under that client's lock.
 */
export async function sweepOrphanedEvidence({ ctx }: { ctx: Pick<ServiceContext, "db" | "now"> }): Promise<{ deleted: number }> {
  const cutoff = new Date(ctx.now().getTime() - ORPHANED_EVIDENCE_GRACE_MS);
  const old = await ctx.db.evidenceDocument.findMany({ where: { uploadedAt: { lt: cutoff } }, select: { id: true, userId: true } });
  if (old.length === 0) return { deleted: 0 };
  const cases = await ctx.db.onboardingCase.findMany({
    where: { userId: { in: [...new Set(old.map((d) => d.userId))] } },
    select: { userId: true, draft: true },
  });
  const inDrafts = new Set(cases.flatMap((c) => draftDocumentIds(normaliseDraft(c.draft))));
  // Only documents outside the current drafts need a look under the lock (submissions are read there).
  const candidatesOf = new Map<string, string[]>();
  for (const document of old) if (!inDrafts.has(document.id)) candidatesOf.set(document.userId, [...(candidatesOf.get(document.userId) ?? []), document.id]);
  const system: ServiceContext = { db: ctx.db, now: ctx.now, actor: null };
  let deleted = 0;
  for (const [userId, candidates] of candidatesOf) {
    deleted += await withTransaction(system, (tx) =>
      deleteUnreferencedDocuments(tx, system, {
        userId,
        candidates,
        reason: `Orphaned: no line of the application and no submission refers to it, and it was uploaded more than ${ORPHANED_EVIDENCE_GRACE_MS / 3_600_000} hours ago.`,
      }),
    );
  }
  return { deleted };
}
