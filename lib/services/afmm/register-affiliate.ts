import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { RegisterAffiliateInput } from "@/lib/services/afmm/schemas";
import { afmmVenue } from "@/lib/services/afmm/engine-order-entry";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/**
 * AFMM-1: put a group company on the affiliate registry. Only an approved entity (with the reference of
 * the SFC's permission, kept in the audit entry) counts towards AFMM order entry. Its engine accounts
 * must be platform-reserved ids (below the portal's client range), afmm-kind where the engine knows
 * them, and not registered to another current affiliate.
 */
export async function registerAffiliate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RegisterAffiliateInput;
}): Promise<{ id: string; orderEntry: AfmmOrderEntryOutcome }> {
  const actor = authorizeGovernance(ctx);
  const data = parseInput(RegisterAffiliateInput, input);
  const venue = await afmmVenue();
  for (const id of data.engineAccountIds) {
    const account = venue?.state.accounts.get(id);
    if (account && account.kind !== "afmm") {
      throw new Invalid(msg("errors.afmmGovernance.accountNotAfmm", { id }), { engineAccountIds: [msg("errors.afmmGovernance.accountNotAfmm", { id })] });
    }
  }
  const now = ctx.now();
  const id = await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const holders = await tx.afmmAffiliate.findMany({
      where: { engineAccountIds: { hasSome: data.engineAccountIds }, OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
      select: { legalName: true, engineAccountIds: true },
    });
    for (const holder of holders) {
      const taken = holder.engineAccountIds.find((accountId) => data.engineAccountIds.includes(accountId))!;
      throw new Conflict(msg("errors.afmmGovernance.accountTaken", { id: taken, legalName: holder.legalName }));
    }
    const client = await tx.tradingAccount.findFirst({ where: { engineAccountId: { in: data.engineAccountIds } }, select: { engineAccountId: true } });
    if (client) throw new Invalid(msg("errors.afmmGovernance.accountNotAfmm", { id: client.engineAccountId }));
    const created = await tx.afmmAffiliate.create({
      data: {
        legalName: data.legalName,
        relationship: data.relationship,
        agreementRef: data.agreementRef,
        agreementDate: data.agreementDate,
        engineAccountIds: data.engineAccountIds,
        approved: data.approved,
        createdById: actor.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: "afmm.affiliate_register",
      entity: "AfmmAffiliate",
      entityId: created.id,
      after: {
        legalName: created.legalName,
        relationship: created.relationship,
        agreementRef: created.agreementRef,
        agreementDate: created.agreementDate,
        engineAccountIds: created.engineAccountIds,
        approved: created.approved,
        approvalRef: data.approved ? data.approvalRef : null,
      },
      reason: data.approved ? data.approvalRef : null,
    });
    return created.id;
  });
  return { id, orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
