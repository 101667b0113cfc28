"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { decideCollateralChange, withdrawCollateralChange } from "@/lib/services/collateral-governance/decide";
import { proposeCollateralChange } from "@/lib/services/collateral-governance/propose";
import type { ProposeCollateralChangeInput } from "@/lib/services/collateral-governance/schemas";
import { runAction } from "@/lib/transport/action";
import { formText, formTexts, postedForm } from "@/lib/transport/posted-form";

const ASSET_FIELDS = [
  "assetId",
  "name",
  "assetKind",
  "currency",
  "issuer",
  "licenceNo",
  "haircutPercent",
  "decimals",
  "maxDepositMinor",
  "maxAccountMinor",
  "effectiveFrom",
  "effectiveTo",
  "regulatoryBasis",
  "valuationMethod",
  "reason",
] as const;

/** The proposal's page, so a reload does not post again. */
async function toProposal(id: string, done: string): Promise<never> {
  revalidatePath("/compliance/collateral");
  return redirect({ href: `/compliance/collateral/${encodeURIComponent(id)}?done=${done}`, locale: await getLocale() });
}

export async function proposeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const kind = formText(form, "kind");
  let input: ProposeCollateralChangeInput;
  let values: Record<string, string>;
  if (kind === "BREAKER") {
    values = formTexts(form, ["assetId", "cause", "mode", "note", "reason"]);
    input = {
      kind: "BREAKER",
      assetId: values.assetId,
      cause: values.cause as "DEPEG",
      mode: values.mode as "HAIRCUT_100",
      note: values.note,
      actAtOnce: formText(form, "actAtOnce") === "on",
      reason: values.reason,
    };
  } else if (kind === "LIFT") {
    values = formTexts(form, ["assetId", "reason"]);
    input = { kind: "LIFT", assetId: values.assetId, reason: values.reason };
  } else {
    values = formTexts(form, ASSET_FIELDS);
    input = { kind: "ASSET", ...values } as ProposeCollateralChangeInput;
    if (values.assetKind === "") delete (input as { assetKind?: string }).assetKind;
    if (values.currency === "") delete (input as { currency?: string }).currency;
  }
  const result = await runAction((ctx) => proposeCollateralChange({ ctx, input }));
  if (!result.ok) return failedState<object>(result, values);
  return toProposal(result.data.proposalId, result.data.status === "ACTED_PENDING_APPROVAL" ? "acted" : "proposed");
}

export async function decideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const proposalId = formText(form, "proposalId");
  const values = { decision: formText(form, "decision"), note: formText(form, "note") };
  const result = await runAction((ctx) => decideCollateralChange({ ctx, input: { proposalId, decision: values.decision as "APPROVE", note: values.note } }));
  if (!result.ok) return failedState<object>(result, values);
  revalidatePath("/disclosures/methodology/collateral");
  return toProposal(proposalId, "decided");
}

export async function withdrawAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const proposalId = formText(form, "proposalId");
  const result = await runAction((ctx) => withdrawCollateralChange({ ctx, input: { proposalId } }));
  if (!result.ok) return failedState<object>(result);
  return toProposal(proposalId, "withdrawn");
}
