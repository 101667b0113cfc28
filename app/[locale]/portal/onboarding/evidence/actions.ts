"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { CATEGORY_LABELS, formatMinor } from "@/lib/suitability/draft";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { addTotalAssetsLine } from "@/lib/services/suitability/add-total-assets-line";
import { setCategory } from "@/lib/services/suitability/set-category";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formTexts, postedForm } from "@/lib/transport/posted-form";

const PORTFOLIO_FIELDS = ["assetClass", "custodianOrIssuer", "documentType", "value", "currency", "statementDate", "ownershipKind"] as const;
/** The ownership details each kind of holding uses; the others are hidden in the form and are not sent on. */
const OWNERSHIP_FIELDS: Record<string, readonly string[]> = {
  sole: [],
  joint_with_associate: ["associate"],
  joint_with_non_associates: ["holders", "agreedSharePct"],
  investment_holding_company: ["companyName", "ownershipPct", "principalBusinessIsHoldingInvestments"],
};
const ALL_OWNERSHIP_FIELDS = Object.values(OWNERSHIP_FIELDS).flat();
const TOTAL_ASSETS_FIELDS = ["description", "documentType", "value", "currency", "statementDate"] as const;

export async function setCategoryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, ["category", "institutionalBasis"], { omitEmpty: true });
  // Whatever was posted goes to the service, which validates it (no category chosen → its field error).
  const result = await runAction((ctx) => setCategory({ ctx, input: values as Parameters<typeof setCategory>[0]["input"] }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const category = result.data.category;
  const t = await getTranslations("onboarding.messages");
  return savedState(category ? t("categorySaved", { category: CATEGORY_LABELS[category] }) : t("categoryCleared"));
}

export async function addPortfolioLineAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, [...PORTFOLIO_FIELDS, ...ALL_OWNERSHIP_FIELDS], { omitEmpty: true });
  const relevant = new Set<string>([...PORTFOLIO_FIELDS, ...(OWNERSHIP_FIELDS[values.ownershipKind ?? ""] ?? [])]);
  const input = Object.fromEntries(Object.entries(values).filter(([name]) => relevant.has(name)));
  const result = await runAction((ctx) => addPortfolioLine({ ctx, input: { line: input, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const line = result.data.portfolio.at(-1);
  const t = await getTranslations("onboarding.messages");
  return savedState(
    line
      ? t("portfolioLineAdded", { currency: line.currency, value: formatMinor(line.valueMinor, line.currency), custodian: line.custodianOrIssuer, date: line.statementDate })
      : t("portfolioLineAddedPlain"),
  );
}

export async function addTotalAssetsLineAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, TOTAL_ASSETS_FIELDS, { omitEmpty: true });
  const result = await runAction((ctx) => addTotalAssetsLine({ ctx, input: { line: values, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const line = result.data.totalAssets.at(-1);
  const t = await getTranslations("onboarding.messages");
  return savedState(
    line ? t("totalAssetsLineAdded", { currency: line.currency, value: formatMinor(line.valueMinor, line.currency), date: line.statementDate }) : t("totalAssetsLineAddedPlain"),
  );
}
