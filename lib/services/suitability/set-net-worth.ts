import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { netWorthForm, parseMoney, type OnboardingDraft } from "@/lib/suitability/draft";
import { editDraft, invalid, parseForm } from "@/lib/services/suitability/internal";
import type { FieldMessages } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import type { SetNetWorthInput } from "@/lib/services/suitability/schemas";

/** Step 4 (Code 5.3): net worth and liquid assets, from which the exposure cap is set. */
export async function setNetWorth({ ctx, input }: { ctx: ServiceContext; input: SetNetWorthInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const form = parseForm(netWorthForm, input);
  const errors: FieldMessages = {};
  const netWorth = parseMoney(form.netWorthHkd, "HKD");
  const liquid = parseMoney(form.liquidAssetsHkd, "HKD");
  if (!netWorth.ok) errors.netWorthHkd = [netWorth.ref];
  if (!liquid.ok) errors.liquidAssetsHkd = [liquid.ref];
  if (netWorth.ok && liquid.ok && liquid.minor > netWorth.minor) errors.liquidAssetsHkd = [msg("validation.onboarding.liquidAboveNetWorth")];
  if (Object.keys(errors).length > 0) invalid(errors);
  const value = { netWorthHkdCents: (netWorth as { minor: bigint }).minor.toString(), liquidAssetsHkdCents: (liquid as { minor: bigint }).minor.toString() };
  return editDraft(ctx, actor, async (draft) => ({ draft: { ...draft, netWorth: value }, audit: { change: "net_worth", detail: value } }));
}
