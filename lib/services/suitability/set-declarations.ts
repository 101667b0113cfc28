import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { declarationsForm, type OnboardingDraft } from "@/lib/suitability/draft";
import { editDraft, parseForm } from "@/lib/services/suitability/internal";
import type { SetDeclarationsInput } from "@/lib/services/suitability/schemas";

/** Step 3 (Code 5.1A): the three derivative-knowledge questions. A "no" with records under it is refused. */
export async function setDeclarations({ ctx, input }: { ctx: ServiceContext; input: SetDeclarationsInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const form = parseForm(declarationsForm, input);
  return editDraft(ctx, actor, async (draft) => {
    const declarations = { training: form.training === "yes", workExperience: form.workExperience === "yes", trading: form.trading === "yes" };
    const orphaned = (["training", "workExperience", "trading"] as const).filter(
      (k) => !declarations[k] && (k === "trading" ? draft.trades : draft[k]).length > 0,
    );
    // The sections named in the order of the questions (select arguments, so each language words the pair itself).
    if (orphaned.length > 0)
      throw new Invalid(msg("errors.onboarding.recordsUnderNo", { first: orphaned[0], second: orphaned[1] ?? "none", third: orphaned[2] ?? "none" }));
    return { draft: { ...draft, declarations }, audit: { change: "knowledge_declarations", detail: declarations } };
  });
}
