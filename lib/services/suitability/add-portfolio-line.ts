import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import {
  parseMoney,
  parsePercent,
  portfolioLineForm,
  portfolioLineInput,
  type DraftOwnership,
  type DraftPortfolioLine,
  type OnboardingDraft,
} from "@/lib/suitability/draft";
import { readEvidenceFile, storeEvidenceDocument } from "@/lib/services/suitability/evidence-documents";
import { checkLineWithEvaluator, editDraft, invalid, parseForm, requireCategory } from "@/lib/services/suitability/internal";
import type { AddPortfolioLineInput } from "@/lib/services/suitability/schemas";

type PortfolioLineForm = ReturnType<typeof portfolioLineForm.parse>;

function ownershipFrom(form: PortfolioLineForm): DraftOwnership {
  switch (form.ownershipKind) {
    case "sole":
      return { kind: "sole" };
    case "joint_with_associate":
      if (!form.associate) invalid({ associate: [msg("validation.onboarding.associateRequired")] });
      return { kind: "joint_with_associate", associate: form.associate };
    case "joint_with_non_associates": {
      if (form.holders === undefined || !Number.isFinite(form.holders)) invalid({ holders: [msg("validation.onboarding.holdersRequired")] });
      const share = form.agreedSharePct?.trim() ? parsePercent(form.agreedSharePct) : null;
      if (share && !share.ok) invalid({ agreedSharePct: [share.ref] });
      return { kind: "joint_with_non_associates", holders: form.holders, agreedShare: share && share.ok ? share.fraction : null };
    }
    case "investment_holding_company": {
      const pct = parsePercent(form.ownershipPct ?? "");
      if (!pct.ok) invalid({ ownershipPct: [pct.ref] });
      if (!form.principalBusinessIsHoldingInvestments)
        invalid({ principalBusinessIsHoldingInvestments: [msg("validation.onboarding.principalBusinessRequired")] });
      return {
        kind: "investment_holding_company",
        companyName: form.companyName ?? "",
        ownership: pct.fraction,
        principalBusinessIsHoldingInvestments: form.principalBusinessIsHoldingInvestments === "yes",
      };
    }
  }
}

/** Add one portfolio line (PI-2, PI-4, PI-5) with the statement that shows it, or change nothing. */
export async function addPortfolioLine({ ctx, input }: { ctx: ServiceContext; input: AddPortfolioLineInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const form = parseForm(portfolioLineForm, input.line);
  const money = parseMoney(form.value, form.currency);
  if (!money.ok) invalid({ [money.ref.key === "validation.suitability.money.currencyUnsupported" ? "currency" : "value"]: [money.ref] });
  const ownership = ownershipFrom(form);
  const evidence = await readEvidenceFile(input.file);
  return editDraft(ctx, actor, async (draft, tx) => {
    const category = requireCategory(draft);
    if (category === "trust_corporation" || category === "institutional")
      throw new Invalid(
        category === "institutional" ? msg("errors.onboarding.institutionalNoPortfolio") : msg("errors.onboarding.trustCorporationNoPortfolio"),
      );
    const line: Omit<DraftPortfolioLine, "documentId"> = {
      assetClass: form.assetClass,
      custodianOrIssuer: form.custodianOrIssuer,
      documentType: form.documentType,
      valueMinor: (money as { minor: bigint }).minor.toString(),
      currency: form.currency,
      statementDate: form.statementDate,
      ownership,
    };
    checkLineWithEvaluator(ctx, category, { category, portfolio: [portfolioLineInput({ ...line, documentId: "" })] }, "portfolio[0]");
    const document = await storeEvidenceDocument(tx, ctx, actor.userId, evidence);
    return {
      draft: { ...draft, portfolio: [...draft.portfolio, { ...line, documentId: document.id }] },
      audit: { change: "portfolio_line_added", detail: { ...line, document: { id: document.id, sha256: document.sha256 } } },
    };
  });
}
