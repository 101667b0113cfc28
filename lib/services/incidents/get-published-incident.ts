import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import type { PublishedIncidentReport } from "@/lib/incidents/published-report";
import { IncidentIdInput } from "@/lib/services/incidents/schemas";

export interface PublishedIncident {
  id: string;
  market: string;
  /** Exactly the text that was published and hashed. */
  text: string;
  /** SHA-256 of `text`, hex. */
  hash: string;
  document: PublishedIncidentReport;
}

/**
 * One published report, for anyone (DISC-7). An id that is unknown, malformed or not yet published
 * is the same not-found, so nothing tells an unpublished incident apart from none.
 */
export async function getPublishedIncident({ ctx, input }: { ctx: ServiceContext; input: IncidentIdInput }): Promise<PublishedIncident> {
  authorizePublic(ctx);
  const parsed = IncidentIdInput.safeParse(input);
  const notFound = new NotFound(msg("errors.incidents.noSuchPublishedReport"));
  if (!parsed.success) throw notFound;
  const row = await ctx.db.incident.findUnique({
    where: { id: parsed.data.incidentId },
    select: { id: true, market: true, status: true, published: true, publishedHash: true },
  });
  if (!row || row.status !== "published" || row.published === null || row.publishedHash === null) throw notFound;
  return { id: row.id, market: row.market, text: row.published, hash: row.publishedHash, document: JSON.parse(row.published) as PublishedIncidentReport };
}
