"use server";

import { revalidatePath } from "next/cache";
import { CATEGORY_LABELS, formatMinor } from "@/lib/suitability/draft";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { addTotalAssetsLine } from "@/lib/services/suitability/add-total-assets-line";
import { setCategory } from "@/lib/services/suitability/set-category";
import { runAction } from "@/lib/transport/action";
import { failedState, postedText, savedState, type WizardFormState } from "../form-state";
import { postedForm } from "@/lib/transport/posted-form";

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

export async function setCategoryAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const values = postedText(formData, ["category", "institutionalBasis"]);
  // Whatever was posted goes to the service, which validates it (no category chosen → its field error).
  const result = await runAction((ctx) => setCategory({ ctx, input: values as Parameters<typeof setCategory>[0]["input"] }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const category = result.data.category;
  return savedState(`Investor category saved: ${category ? CATEGORY_LABELS[category] : "none"}.`);
}

export async function addPortfolioLineAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const values = postedText(formData, [...PORTFOLIO_FIELDS, ...ALL_OWNERSHIP_FIELDS]);
  const relevant = new Set<string>([...PORTFOLIO_FIELDS, ...(OWNERSHIP_FIELDS[values.ownershipKind ?? ""] ?? [])]);
  const input = Object.fromEntries(Object.entries(values).filter(([name]) => relevant.has(name)));
  const result = await runAction((ctx) => addPortfolioLine({ ctx, input: { line: input, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const line = result.data.portfolio.at(-1);
  return savedState(line ? `Portfolio line added: ${line.currency} ${formatMinor(line.valueMinor, line.currency)} at ${line.custodianOrIssuer}, dated ${line.statementDate}.` : "Portfolio line added.");
}

export async function addTotalAssetsLineAction(_previous: WizardFormState, formData: FormData): Promise<WizardFormState> {
  const values = postedText(formData, TOTAL_ASSETS_FIELDS);
  const result = await runAction((ctx) => addTotalAssetsLine({ ctx, input: { line: values, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const line = result.data.totalAssets.at(-1);
  return savedState(line ? `Total-assets line added: ${line.currency} ${formatMinor(line.valueMinor, line.currency)}, dated ${line.statementDate}.` : "Total-assets line added.");
}
