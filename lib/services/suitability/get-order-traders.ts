import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { isCorporateClient, tradersWithAssessments } from "@/lib/services/suitability/corporate-pi";
import type { OrderTraders } from "@/lib/suitability/corporate-pi";

/** The signed-in client's authorised traders for the order ticket; empty for clients who are not corporate. */
export async function getOrderTraders({ ctx }: { ctx: ServiceContext }): Promise<OrderTraders> {
  const actor = authorize(ctx, "portal.view");
  if (!(await isCorporateClient(ctx.db, actor.userId))) return { corporate: false, traders: [] };
  const traders = await tradersWithAssessments(ctx.db, actor.userId);
  return {
    corporate: true,
    traders: traders
      .filter((t) => !t.removedAt)
      .map((t) => ({ id: t.id, name: t.name, position: t.position, assessed: t.latestAssessment?.hasKnowledge === true })),
  };
}
