"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { failedState, type FormState } from "@/lib/form-state";
import { redirect } from "@/lib/i18n/navigation";
import { decideRiskProposal } from "@/lib/services/risk-governance/decide-risk-proposal";
import { proposeMarketApproval } from "@/lib/services/risk-governance/propose-market-approval";
import { proposeMarketParameters } from "@/lib/services/risk-governance/propose-market-parameters";
import { withdrawRiskProposal } from "@/lib/services/risk-governance/withdraw-risk-proposal";
import { runAction } from "@/lib/transport/action";
import { formText, postedForm } from "@/lib/transport/posted-form";

/** What a step reports on the proposal's page (`?done=`). */
export type ProposalStepDone = "proposed" | "decided" | "withdrawn";

/** After a step, the proposal's page as it now stands (a redirect, so a reload does not post again). */
async function done(id: string, what: ProposalStepDone): Promise<never> {
  revalidatePath("/compliance/parameters");
  revalidatePath("/disclosures/parameters");
  return redirect({ href: `/compliance/parameters/proposals/${encodeURIComponent(id)}?done=${what}`, locale: await getLocale() });
}

/** "BTC-PERP marginTiers[0].maintenanceMarginRate" as the form's one choice of market and parameter. */
function splitChoice(choice: string): { market: string; path: string } {
  const space = choice.indexOf(" ");
  return space < 0 ? { market: choice, path: "" } : { market: choice.slice(0, space), path: choice.slice(space + 1) };
}

export async function proposeParametersAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const values = {
    choice: formText(form, "choice"),
    value: formText(form, "value"),
    reason: formText(form, "reason"),
    effectiveAt: formText(form, "effectiveAt"),
  };
  const { market, path } = splitChoice(values.choice);
  const result = await runAction((ctx) =>
    proposeMarketParameters({ ctx, input: { market, changes: [{ path, value: values.value }], reason: values.reason, effectiveAt: values.effectiveAt } }),
  );
  if (!result.ok) return failedState<object>(result, values);
  return done(result.data.id, "proposed");
}

/** One bound per line: "path min max", "-" for no bound. */
function envelopeLines(text: string): Array<{ path: string; min?: string; max?: string }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 201)
    .map((line) => {
      const [path = "", min = "-", max = "-"] = line.split(/\s+/);
      return { path, ...(min !== "-" ? { min } : {}), ...(max !== "-" ? { max } : {}) };
    });
}

export async function proposeApprovalAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const values = {
    market: formText(form, "market"),
    reference: formText(form, "reference"),
    approvedOn: formText(form, "approvedOn"),
    envelope: formText(form, "envelope"),
    reason: formText(form, "reason"),
  };
  const result = await runAction((ctx) =>
    proposeMarketApproval({
      ctx,
      input: {
        market: values.market,
        reference: values.reference,
        approvedOn: values.approvedOn,
        envelope: envelopeLines(values.envelope.slice(0, 40_000)),
        reason: values.reason,
      },
    }),
  );
  if (!result.ok) return failedState<object>(result, values);
  return done(result.data.id, "proposed");
}

export async function decideProposalAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const id = formText(form, "id");
  const values = { decision: formText(form, "decision"), note: formText(form, "note") };
  const result = await runAction((ctx) =>
    decideRiskProposal({ ctx, input: { id, version: formText(form, "version"), decision: values.decision as "approve", note: values.note } }),
  );
  if (!result.ok) return failedState<object>(result, values);
  return done(id, "decided");
}

export async function withdrawProposalAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = postedForm(formData);
  const id = formText(form, "id");
  const result = await runAction((ctx) => withdrawRiskProposal({ ctx, input: { id, version: formText(form, "version") } }));
  if (!result.ok) return failedState<object>(result);
  return done(id, "withdrawn");
}
