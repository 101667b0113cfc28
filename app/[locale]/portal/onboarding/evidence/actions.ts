"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { formatMinor } from "@/lib/suitability/draft";
import {
  CATEGORY_FIELDS,
  OWNERSHIP_DETAIL_FIELDS,
  PORTFOLIO_LINE_BASE_FIELDS,
  PORTFOLIO_LINE_FIELDS,
  TOTAL_ASSETS_LINE_FIELDS,
} from "@/lib/suitability/draft-fields";
import { addPortfolioLine } from "@/lib/services/suitability/add-portfolio-line";
import { addTotalAssetsLine } from "@/lib/services/suitability/add-total-assets-line";
import { setCategory } from "@/lib/services/suitability/set-category";
import { runAction } from "@/lib/transport/action";
import { failedState, savedState, type FormState } from "@/lib/form-state";
import { formTexts, postedForm } from "@/lib/transport/posted-form";

/** Looked up by whatever kind of holding was posted. */
const OWNERSHIP_FIELDS: Partial<Record<string, readonly string[]>> = OWNERSHIP_DETAIL_FIELDS;

export async function setCategoryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, CATEGORY_FIELDS, { omitEmpty: true });
  // Whatever was posted goes to the service, which validates it (no category chosen → its field error).
  const result = await runAction((ctx) => setCategory({ ctx, input: values as Parameters<typeof setCategory>[0]["input"] }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const category = result.data.category;
  const [t, categoryLabel] = await Promise.all([getTranslations("onboarding.messages"), getTranslations("labels.category")]);
  return savedState(category ? t("categorySaved", { category: categoryLabel(category) }) : t("categoryCleared"));
}

export async function addPortfolioLineAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, PORTFOLIO_LINE_FIELDS, { omitEmpty: true });
  // Only the ownership details of the kind of holding chosen go on; the form hides the others.
  const relevant = new Set<string>([...PORTFOLIO_LINE_BASE_FIELDS, ...(OWNERSHIP_FIELDS[values.ownershipKind ?? ""] ?? [])]);
  const input = Object.fromEntries(Object.entries(values).filter(([name]) => relevant.has(name)));
  const result = await runAction((ctx) => addPortfolioLine({ ctx, input: { line: input, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const line = result.data.portfolio.at(-1);
  const t = await getTranslations("onboarding.messages");
  return savedState(
    line
      ? t("portfolioLineAdded", {
          currency: line.currency,
          value: formatMinor(line.valueMinor, line.currency),
          custodian: line.custodianOrIssuer,
          date: line.statementDate,
        })
      : t("portfolioLineAddedPlain"),
  );
}

export async function addTotalAssetsLineAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formTexts(formData, TOTAL_ASSETS_LINE_FIELDS, { omitEmpty: true });
  const result = await runAction((ctx) => addTotalAssetsLine({ ctx, input: { line: values, file: postedForm(formData).get("document") } }));
  if (!result.ok) return failedState(result, values);
  revalidatePath("/portal/onboarding", "layout");
  const line = result.data.totalAssets.at(-1);
  const t = await getTranslations("onboarding.messages");
  return savedState(
    line
      ? t("totalAssetsLineAdded", { currency: line.currency, value: formatMinor(line.valueMinor, line.currency), date: line.statementDate })
      : t("totalAssetsLineAddedPlain"),
  );
}
