import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import type { OnboardingDraft } from "@/lib/suitability/draft";
import { deleteUnreferencedDocuments } from "@/lib/services/suitability/evidence-documents";
import { draftItemFingerprint, editDraft, parseForm } from "@/lib/services/suitability/internal";
import { RemoveDraftItemInput } from "@/lib/services/suitability/schemas";

/**
 * Remove one line or record. Its document goes with it unless a submission refers to it (then it stays
 * on file for the record): the client's way to free space in their document quota.
 */
export async function removeDraftItem({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RemoveDraftItemInput;
}): Promise<{ draft: OnboardingDraft; document: "deleted" | "kept" | "none" }> {
  const actor = authorize(ctx, "portal.view");
  const { list, index, fingerprint } = parseForm(RemoveDraftItemInput, input);
  let document: "deleted" | "kept" | "none" = "none";
  const draft = await editDraft(ctx, actor, async (current, tx) => {
    const items = current[list] as { documentId?: string | null }[];
    if (index >= items.length || draftItemFingerprint(items[index]) !== fingerprint) throw new NotFound(msg("errors.onboarding.lineMoved"));
    const next = { ...current, [list]: items.filter((_, i) => i !== index) };
    const documentId = items[index].documentId;
    if (documentId) {
      const deleted = await deleteUnreferencedDocuments(tx, ctx, {
        userId: actor.userId,
        draft: next,
        candidates: [documentId],
        reason: "Its line was removed from the application and no submission refers to it.",
      });
      document = deleted > 0 ? "deleted" : "kept";
    }
    return { draft: next, audit: { change: `${list}_removed`, detail: { index, removed: items[index], document } } };
  });
  return { draft, document };
}
