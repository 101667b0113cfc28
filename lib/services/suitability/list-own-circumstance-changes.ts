import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { withReviews, type CircumstanceChangeRow } from "@/lib/services/suitability/list-circumstance-changes";

/** The signed-in client's own reports with their outcomes, newest first. */
export async function listOwnCircumstanceChanges({ ctx }: { ctx: ServiceContext }): Promise<CircumstanceChangeRow[]> {
  const actor = authorize(ctx, "portal.view");
  const rows = await ctx.db.circumstanceChange.findMany({ where: { userId: actor.userId }, orderBy: [{ reportedAt: "desc" }, { id: "desc" }], take: 50 });
  return withReviews(ctx, rows);
}
