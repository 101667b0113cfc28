import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { AddTraderInput, MAX_ACTIVE_TRADERS } from "@/lib/services/suitability/corporate-pi-schemas";
import { lockClientRecords, requireCorporateApplicant } from "@/lib/services/suitability/corporate-pi";
import { invalid, parseForm } from "@/lib/services/suitability/internal";

const sameName = (a: string, b: string) => a.replace(/\s+/g, " ").toLowerCase() === b.replace(/\s+/g, " ").toLowerCase();

/**
 * SUIT-4: a corporate client names a person who places its orders. The trader may place orders only
 * once an officer has assessed their knowledge of derivatives. Naming the same person twice (a double
 * click, two tabs) names them once.
 */
export async function addAuthorisedTrader({ ctx, input }: { ctx: ServiceContext; input: AddTraderInput }): Promise<{ id: string; created: boolean }> {
  const actor = authorize(ctx, "portal.view");
  const { name, position } = parseForm(AddTraderInput, input);
  return withTransaction(ctx, async (tx) => {
    await lockClientRecords(tx, "traders", actor.userId);
    await requireCorporateApplicant(tx, actor.userId);
    const active = await tx.authorisedTrader.findMany({ where: { userId: actor.userId, removedAt: null } });
    const same = active.find((trader) => sameName(trader.name, name));
    if (same) {
      if (sameName(same.position, position)) return { id: same.id, created: false };
      throw new Conflict(msg("errors.corporatePi.traderAlreadyNamed", { name: same.name }));
    }
    if (active.length >= MAX_ACTIVE_TRADERS) invalid({ form: [msg("validation.corporatePi.tooManyTraders", { max: MAX_ACTIVE_TRADERS })] });
    const addedAt = ctx.now();
    const row = await tx.authorisedTrader.create({ data: { userId: actor.userId, name, position, addedAt }, select: { id: true } });
    await recordAudit(tx, ctx, {
      action: "corporate_pi.trader_add",
      entity: "AuthorisedTrader",
      entityId: row.id,
      after: { userId: actor.userId, name, position, addedAt: addedAt.toISOString() },
    });
    return { id: row.id, created: true };
  });
}
