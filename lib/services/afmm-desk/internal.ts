import "server-only";
import type { Db } from "@/lib/services/context";

/** The engine accounts the affiliate trades through: those of every approved affiliate whose relationship has not ended. */
export async function ownEngineAccounts(db: Db): Promise<Set<number>> {
  const affiliates = await db.afmmAffiliate.findMany({ where: { approved: true, endedAt: null }, select: { engineAccountIds: true } });
  return new Set(affiliates.flatMap((affiliate) => affiliate.engineAccountIds));
}
