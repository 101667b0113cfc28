import "server-only";
import { canonicalJson, marketImpactOfChanges } from "@/lib/engine/index";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { checkMarketParameterChange, payloadOf } from "./check";
import { effectiveAtMsOf, ProposeMarketParametersInput } from "./schemas";

/** Impact as stored with a proposal: the engine's figures, bigints as text. */
export function impactJson(impact: unknown): unknown {
  return impact === undefined || impact === null ? null : JSON.parse(canonicalJson(impact), (_key, v: unknown) => (isBig(v) ? v.$bigint : v));
}
const isBig = (v: unknown): v is { $bigint: string } =>
  v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $bigint?: unknown }).$bigint === "string";

/**
 * Maker step of a market parameter change (maker-checker): an officer proposes, nothing changes until
 * a second officer approves. Checked at once with the engine's own rule against the configuration in
 * force, the market's approved envelope (MRG-5) and the notice rule, so a proposal that could never be
 * approved is refused now — and the refusal is audited with its reason.
 */
export async function proposeMarketParameters({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProposeMarketParametersInput;
}): Promise<{ id: string; version: number; tightening: boolean }> {
  const actor = authorize(ctx, "risk.propose");
  const parsed = ProposeMarketParametersInput.parse(input);
  const effectiveAtMs = effectiveAtMsOf(parsed.effectiveAt);
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  let checked;
  try {
    checked = await checkMarketParameterChange(
      ctx.db,
      inForce,
      { market: parsed.market, changes: parsed.changes, effectiveAtMs, atMs: inForce.nowMs },
      { typed: false },
    );
  } catch (error) {
    if (error instanceof ServiceError) {
      await withTransaction(ctx, (tx) =>
        recordAudit(tx, ctx, {
          action: "risk.propose_refused",
          entity: "RiskProposal",
          entityId: parsed.market,
          after: { kind: "MARKET_PARAMETERS", market: parsed.market, changes: parsed.changes, effectiveAt: parsed.effectiveAt ?? null, refused: error.message },
          reason: parsed.reason,
        }),
      );
    }
    throw error;
  }
  const answer = engine.state ? marketImpactOfChanges(engine.state, parsed.market, checked.changes) : null;
  // Counts are what the checker reads; the account ids stay out of the proposal.
  const impact =
    answer && answer.ok
      ? {
          holders: answer.holders,
          belowMaintenanceAfter: answer.belowMaintenanceAfter.length,
          belowInitialAfter: answer.belowInitialAfter.length,
          maintenanceBefore: answer.maintenanceBefore,
          maintenanceAfter: answer.maintenanceAfter,
        }
      : null;
  const row = await withTransaction(ctx, async (tx) => {
    const created = await tx.riskProposal.create({
      data: {
        kind: "MARKET_PARAMETERS",
        subject: parsed.market,
        payload: payloadOf(parsed.market, checked.changes) as object,
        diff: checked.diff,
        impact: impactJson(impact) ?? undefined,
        tightening: checked.tightening.length > 0,
        reason: parsed.reason,
        proposedById: actor.userId,
        proposedAt: ctx.now(),
        effectiveAtMs: effectiveAtMs === undefined ? null : BigInt(effectiveAtMs),
      },
    });
    await recordAudit(tx, ctx, {
      action: "risk.propose",
      entity: "RiskProposal",
      entityId: created.id,
      after: { kind: "MARKET_PARAMETERS", market: parsed.market, diff: checked.diff, tightening: checked.tightening, effectiveAtMs: effectiveAtMs ?? null },
      reason: parsed.reason,
    });
    return created;
  });
  return { id: row.id, version: row.version, tightening: row.tightening };
}
