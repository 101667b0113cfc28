import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";

export interface PublishedIncidentItem {
  id: string;
  market: string;
  steps: string[];
  startedAtMs: number;
  publishedAt: Date;
  publishedHash: string;
}

/** How many published reports the public list shows, newest first. */
export const PUBLISHED_LIST_MAX = 500;

/** The public record of post-event reports (DISC-7): published reports only, newest first. */
export async function listPublishedIncidents({ ctx }: { ctx: ServiceContext }): Promise<PublishedIncidentItem[]> {
  authorizePublic(ctx);
  const rows = await ctx.db.incident.findMany({
    where: { status: "published", publishedAt: { not: null }, publishedHash: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: PUBLISHED_LIST_MAX,
    select: { id: true, market: true, steps: true, openedAtMs: true, publishedAt: true, publishedHash: true },
  });
  return rows.map((row) => ({
    id: row.id,
    market: row.market,
    steps: Array.isArray(row.steps) ? row.steps.map(String) : [],
    startedAtMs: Number(row.openedAtMs),
    publishedAt: row.publishedAt!,
    publishedHash: row.publishedHash!,
  }));
}
