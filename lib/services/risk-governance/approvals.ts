import "server-only";
import { marketSpecInputOf, type MarketSpec } from "@/lib/engine/index";
import { marketParameterHash } from "@/lib/risk/parameter-hash";
import type { MarketApproval } from "@/prisma/generated/client";
import type { Db, Tx } from "@/lib/services/context";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { envelopeBreaches, envelopeOf, type Envelope, type EnvelopeBreach } from "./envelope";

/**
 * MRG-5: SHA-256 (hex) of the canonical JSON of a market's configured inputs: what an approval record
 * names. The stress suite's hash, so a published stress run and an approval name the same parameters.
 */
export const parameterHashOf: (spec: MarketSpec) => string = marketParameterHash;

/** The approval record in force for a market (the latest not superseded), or null. */
export function currentApproval(db: Db | Tx, market: string): Promise<MarketApproval | null> {
  return db.marketApproval.findFirst({ where: { market, supersededAt: null }, orderBy: { recordedAt: "desc" } });
}

export async function currentApprovals(db: Db | Tx): Promise<Map<string, MarketApproval>> {
  const rows = await db.marketApproval.findMany({ where: { supersededAt: null }, orderBy: { recordedAt: "asc" } });
  return new Map(rows.map((row) => [row.market, row]));
}

/** The message naming one envelope breach, with the approval it comes from. */
export function breachMessage(breach: EnvelopeBreach, reference: string): MessageRef {
  return msg(breach.bound === "min" ? "errors.marketGovernance.belowMinimum" : "errors.marketGovernance.aboveMaximum", {
    path: breach.path,
    value: breach.shown,
    limit: breach.limitShown,
    reference,
  });
}

/** The spec's breaches of an approval's envelope. */
export function breachesOf(spec: MarketSpec, approval: Pick<MarketApproval, "envelope">): EnvelopeBreach[] {
  return envelopeBreaches(marketSpecInputOf(spec), envelopeOf(approval.envelope));
}

export type { Envelope };
