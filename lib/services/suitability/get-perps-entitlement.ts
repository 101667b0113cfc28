import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { perpsEntitlement, type PerpsEntitlement } from "@/lib/services/suitability/entitlement";

/** What the signed-in client may do on the perps venue, for the pages to show (the order services apply it themselves). */
export async function getPerpsEntitlement({ ctx }: { ctx: ServiceContext }): Promise<PerpsEntitlement> {
  const actor = authorize(ctx, "portal.view");
  return perpsEntitlement(ctx, actor.userId);
}
