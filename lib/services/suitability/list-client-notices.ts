import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { ListClientNoticesInput } from "@/lib/services/suitability/schemas";

export interface ClientNoticeView {
  id: string;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
}

/** The signed-in client's notices, newest first. */
export async function listClientNotices({ ctx, input = {} }: { ctx: ServiceContext; input?: ListClientNoticesInput }): Promise<ClientNoticeView[]> {
  const actor = authorize(ctx, "portal.view");
  const { take = 20 } = input;
  return ctx.db.clientNotice.findMany({
    where: { userId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, title: true, body: true, createdAt: true },
  });
}
