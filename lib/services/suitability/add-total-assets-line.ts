import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import {
  hasTotalAssetsTest,
  parseMoney,
  totalAssetsLineForm,
  totalAssetsLineInput,
  type DraftTotalAssetsLine,
  type OnboardingDraft,
} from "@/lib/suitability/draft";
import { readEvidenceFile, storeEvidenceDocument } from "@/lib/services/suitability/evidence-documents";
import { checkLineWithEvaluator, editDraft, invalid, parseForm, requireCategory } from "@/lib/services/suitability/internal";
import type { AddTotalAssetsLineInput } from "@/lib/services/suitability/schemas";

/** Add one total-assets line (corporations and trust corporations) with the document that shows it, or change nothing. */
export async function addTotalAssetsLine({ ctx, input }: { ctx: ServiceContext; input: AddTotalAssetsLineInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const form = parseForm(totalAssetsLineForm, input.line);
  const money = parseMoney(form.value, form.currency);
  if (!money.ok) invalid({ [money.ref.key === "validation.suitability.money.currencyUnsupported" ? "currency" : "value"]: [money.ref] });
  const evidence = await readEvidenceFile(input.file);
  return editDraft(ctx, actor, async (draft, tx) => {
    const category = requireCategory(draft);
    if (!hasTotalAssetsTest(category))
      throw new Invalid(
        category === "individual" ? msg("errors.onboarding.totalAssetsNotForIndividuals") : msg("errors.onboarding.totalAssetsNotForInstitutional"),
      );
    const line: Omit<DraftTotalAssetsLine, "documentId"> = {
      description: form.description,
      documentType: form.documentType,
      valueMinor: (money as { minor: bigint }).minor.toString(),
      currency: form.currency,
      statementDate: form.statementDate,
    };
    checkLineWithEvaluator(ctx, category, { category, portfolio: [], totalAssets: [totalAssetsLineInput({ ...line, documentId: "" })] }, "totalAssets[0]");
    const document = await storeEvidenceDocument(tx, ctx, actor.userId, evidence);
    return {
      draft: { ...draft, totalAssets: [...draft.totalAssets, { ...line, documentId: document.id }] },
      audit: { change: "total_assets_line_added", detail: { ...line, document: { id: document.id, sha256: document.sha256 } } },
    };
  });
}
