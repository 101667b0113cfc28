import crypto from "node:crypto";
import type { PrismaClient } from "./generated/client";
import { DEFAULT_ENGINE_CONFIG, marketSpecInputOf } from "../lib/engine/index";
import { boundableParameters, envelopeAround, parameterHashText } from "../lib/services/risk-governance/envelope";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** "BTC-PERP" → "DEMO-SFC-APPROVAL-BTC": plainly a demo record, never mistaken for a regulator's reference. */
export const demoApprovalReference = (market: string) => `DEMO-SFC-APPROVAL-${market.replace(/-PERP$/, "")}`;

/**
 * MRG-5: the demo's approval record per market (a market cannot go live without one). The envelope
 * lets every bounded parameter move from half to twice its launched value, so the demo can show a
 * change inside it and one refused outside it. Only markets without a current record get one.
 */
export async function seedMarketApprovals(tx: Tx, nowMs: number): Promise<string[]> {
  const added: string[] = [];
  for (const spec of DEFAULT_ENGINE_CONFIG.markets) {
    if (await tx.marketApproval.findFirst({ where: { market: spec.symbol, supersededAt: null }, select: { id: true } })) continue;
    const input = marketSpecInputOf(spec);
    await tx.marketApproval.create({
      data: {
        market: spec.symbol,
        reference: demoApprovalReference(spec.symbol),
        approvedOn: new Date(new Date(nowMs).toISOString().slice(0, 10) + "T00:00:00Z"),
        parameterHash: crypto.createHash("sha256").update(parameterHashText(input)).digest("hex"),
        envelope: envelopeAround(input, [...boundableParameters(input).keys()], 50n, 100n),
        recordedAt: new Date(nowMs),
      },
    });
    added.push(`approval ${spec.symbol}`);
  }
  return added;
}
