import "server-only";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { AssessTraderInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { lockClientRecords, recordHash } from "@/lib/services/suitability/corporate-pi";
import { parseForm } from "@/lib/services/suitability/internal";

/**
 * SUIT-4 (FAQ 5.1A Q3–Q4): an officer records whether one of a corporate client's authorised traders
 * has knowledge of derivatives, with the reason. Append-only; the latest assessment of a trader counts,
 * and only a positive one lets the trader's orders through. The same officer posting the same
 * assessment twice records it once.
 */
export async function assessAuthorisedTrader({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AssessTraderInput;
}): Promise<{ id: string; contentHash: string; created: boolean }> {
  const actor = authorize(ctx, "reviews.decide");
  requireStepUp(ctx);
  const { traderId, hasKnowledge, reason } = parseForm(AssessTraderInput, input);
  return withTransaction(ctx, async (tx) => {
    const trader = await tx.authorisedTrader.findUnique({ where: { id: traderId } });
    if (!trader) throw new NotFound(msg("errors.corporatePi.noSuchTrader"));
    if (trader.userId === actor.userId) throw new Forbidden(msg("errors.corporatePi.ownApplication"));
    await lockClientRecords(tx, "trader-assessment", trader.userId);
    if (trader.removedAt) throw new Conflict(msg("errors.corporatePi.traderAlreadyRemoved", { name: trader.name }));
    const latest = await tx.authorisedTraderAssessment.findFirst({ where: { traderId }, orderBy: [{ assessedAt: "desc" }, { id: "desc" }] });
    if (latest && latest.officerId === actor.userId && latest.hasKnowledge === hasKnowledge && latest.reason === reason)
      return { id: latest.id, contentHash: latest.contentHash, created: false };
    const assessedAt = ctx.now();
    const record = {
      format: "trader-assessment-v1",
      traderId,
      userId: trader.userId,
      traderName: trader.name,
      traderPosition: trader.position,
      hasKnowledge,
      reason,
      officerId: actor.userId,
      officerEmail: actor.email,
      assessedAt: assessedAt.toISOString(),
    };
    const contentHash = recordHash(record);
    const row = await tx.authorisedTraderAssessment.create({
      data: { traderId, userId: trader.userId, hasKnowledge, reason, officerId: actor.userId, officerEmail: actor.email, assessedAt, contentHash },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: "corporate_pi.trader_assessment", entity: "AuthorisedTraderAssessment", entityId: row.id, after: record, reason });
    return { id: row.id, contentHash, created: true };
  });
}
