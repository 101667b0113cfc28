import "server-only";
import { msg, messageList } from "@/lib/i18n/message-ref";
import { authorizeGovernance, currentAfmmGates } from "@/lib/services/afmm/internal";
import { syncAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import type { ServiceContext } from "@/lib/services/context";
import { Precondition } from "@/lib/services/errors";

/**
 * AFMM-1, AFMM-4, AFMM-9: an officer asks for AFMM order entry to be switched on now. Refused, naming
 * every missing gate and writing nothing, unless an approved affiliate, a designated officer and an SFC
 * notification are all in place; otherwise the reconciliation runs at once (it also runs by itself).
 */
export async function enableAfmmOrderEntry({ ctx }: { ctx: ServiceContext }): Promise<{ orderEntry: AfmmOrderEntryOutcome }> {
  authorizeGovernance(ctx);
  const gates = await currentAfmmGates(ctx);
  if (!gates.enabled) {
    const missing = messageList(
      gates.missing.map((gate) => msg(`errors.afmmGovernance.gate.${gate}`)),
      "; ",
    );
    throw new Precondition(msg("errors.afmmGovernance.gatesMissing", { missing }));
  }
  return { orderEntry: await syncAfmmOrderEntry(ctx) };
}
