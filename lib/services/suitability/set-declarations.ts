import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { declarationsForm, type OnboardingDraft } from "@/lib/suitability/draft";
import { editDraft, parseForm } from "@/lib/services/suitability/internal";
import type { SetDeclarationsInput } from "@/lib/services/suitability/schemas";

const SECTION_LABEL = { training: "training or courses", workExperience: "work experience", trading: "derivative trades" } as const;

/** Step 3 (Code 5.1A): the three derivative-knowledge questions. A "no" with records under it is refused. */
export async function setDeclarations({ ctx, input }: { ctx: ServiceContext; input: SetDeclarationsInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const form = parseForm(declarationsForm, input);
  return editDraft(ctx, actor, async (draft) => {
    const declarations = { training: form.training === "yes", workExperience: form.workExperience === "yes", trading: form.trading === "yes" };
    const orphaned = (["training", "workExperience", "trading"] as const).filter((k) => !declarations[k] && (k === "trading" ? draft.trades : draft[k]).length > 0);
    if (orphaned.length > 0)
      throw new Invalid(`You answered "no" but have records under ${orphaned.map((k) => SECTION_LABEL[k]).join(" and ")}: remove them first, or answer "yes".`);
    return { draft: { ...draft, declarations }, audit: { change: "knowledge_declarations", detail: declarations } };
  });
}
