import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { categorySchema, type OnboardingDraft } from "@/lib/suitability/draft";
import { editDraft, invalid, parseForm } from "@/lib/services/suitability/internal";
import type { SetCategoryInput } from "@/lib/services/suitability/schemas";

/** Step 1 of the application: the investor category, which decides what evidence counts. */
export async function setCategory({ ctx, input }: { ctx: ServiceContext; input: SetCategoryInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const { category, institutionalBasis } = parseForm(categorySchema, input);
  if (category === "institutional" && !institutionalBasis) invalid({ institutionalBasis: [msg("validation.onboarding.institutionalBasisRequired")] });
  return editDraft(ctx, actor, async (draft) => {
    const next: OnboardingDraft = { ...draft, category, institutionalBasis: category === "institutional" ? institutionalBasis : "" };
    // Joint accounts with an associate are an individual's rule (PI Rules s.5): such lines cannot stay under another category.
    if (category !== "individual" && next.portfolio.some((l) => l.ownership.kind === "joint_with_associate"))
      throw new Invalid(msg("errors.onboarding.removeJointWithAssociate"), { category: [msg("validation.onboarding.jointWithAssociateIndividualsOnly")] });
    return { draft: next, audit: { change: "category", detail: { category, institutionalBasis: next.institutionalBasis } } };
  });
}
