import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { OnboardingDraft } from "@/lib/suitability/draft";
import { VA_SECTIONS } from "@/lib/suitability/va-knowledge-fields";
import { vaDeclarationsForm } from "@/lib/suitability/va-knowledge-forms";
import { vaKnowledgeOf, type DraftWithVaKnowledge } from "@/lib/suitability/va-knowledge";
import { editDraft, parseForm } from "@/lib/services/suitability/internal";

export interface SetVaKnowledgeDeclarationsInput {
  training?: unknown;
  workExperience?: unknown;
  trading?: unknown;
}

/**
 * SUIT-7: the client's three answers on knowledge of virtual assets (training, work, transactions),
 * kept in the draft's own VA section, apart from the derivative-knowledge answers. A "no" removes that
 * section's records; the audit lists how many.
 */
export async function setVaKnowledgeDeclarations({ ctx, input }: { ctx: ServiceContext; input: SetVaKnowledgeDeclarationsInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const form = parseForm(vaDeclarationsForm, input);
  return editDraft(ctx, actor, async (draft) => {
    const va = vaKnowledgeOf(draft);
    const removed: Record<string, number> = {};
    const next = { ...va };
    for (const section of VA_SECTIONS) {
      const declared = form[section] === "yes";
      if (!declared && va[section].records.length > 0) removed[section] = va[section].records.length;
      next[section] = { declared, records: declared ? va[section].records : [] } as never;
    }
    const updated: DraftWithVaKnowledge = { ...draft, vaKnowledge: next };
    return { draft: updated, audit: { change: "va_knowledge_declarations", detail: { ...form, recordsRemoved: removed } } };
  });
}
