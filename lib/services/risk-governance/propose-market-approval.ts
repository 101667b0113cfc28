import "server-only";
import { marketSpecInputOf, type MarketSpec } from "@/lib/engine/index";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid, ServiceError } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { breachMessage, parameterHashOf } from "./approvals";
import { envelopeBreaches, parseEnvelope, type Envelope, type EnvelopeProblem } from "./envelope";
import { ProposeMarketApprovalInput } from "./schemas";

function problemMessage(problem: EnvelopeProblem): MessageRef {
  switch (problem.kind) {
    case "unknownPath":
      return msg("errors.marketGovernance.envelopeUnknownPath", { path: problem.path });
    case "empty":
      return msg("errors.marketGovernance.envelopeEmptyBound", { path: problem.path });
    case "notWhole":
      return msg("errors.marketGovernance.envelopeNotWhole", { path: problem.path, text: problem.text });
    case "minAboveMax":
      return msg("errors.marketGovernance.envelopeMinAboveMax", { path: problem.path });
  }
}

/**
 * The checks an approval record must pass against a spec: a well-formed envelope over changeable
 * parameters that contains the spec itself (the market as it runs must be inside what was approved).
 */
export function checkApprovalEnvelope(spec: MarketSpec, rows: ProposeMarketApprovalInput["envelope"], reference: string): Envelope {
  const input = marketSpecInputOf(spec);
  const parsed = parseEnvelope(input, rows);
  if (!parsed.ok) {
    const messages = parsed.problems.map(problemMessage);
    throw new Invalid(messages[0], { envelope: messages });
  }
  const breaches = envelopeBreaches(input, parsed.envelope);
  if (breaches.length) {
    const messages = breaches.map((breach) => msg("errors.marketGovernance.specOutsideEnvelope", { problem: breachMessage(breach, reference) }));
    throw new Invalid(messages[0], { envelope: messages });
  }
  return parsed.envelope;
}

/**
 * MRG-5: propose a market's approval record (the regulator's reference, the date, the envelope). A
 * second officer records it; it then supersedes the market's current record. Widening an envelope
 * is only ever done this way.
 */
export async function proposeMarketApproval({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProposeMarketApprovalInput;
}): Promise<{ id: string; version: number }> {
  const actor = authorize(ctx, "risk.propose");
  const parsed = ProposeMarketApprovalInput.parse(input);
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  let envelope: Envelope;
  let parameterHash: string;
  try {
    const spec = inForce.config.markets.find((candidate) => candidate.symbol === parsed.market);
    if (!spec) {
      const unknown = msg("errors.parameters.unknownMarket", { market: parsed.market });
      throw new Invalid(unknown, { market: [unknown] });
    }
    envelope = checkApprovalEnvelope(spec, parsed.envelope, parsed.reference);
    parameterHash = parameterHashOf(spec);
  } catch (error) {
    if (error instanceof ServiceError) {
      await withTransaction(ctx, (tx) =>
        recordAudit(tx, ctx, {
          action: "risk.propose_refused",
          entity: "RiskProposal",
          entityId: parsed.market,
          after: { kind: "MARKET_APPROVAL", market: parsed.market, reference: parsed.reference, refused: error.message },
          reason: parsed.reason,
        }),
      );
    }
    throw error;
  }
  const diff = Object.entries(envelope).map(([path, bound]) => ({ path, before: "", after: `${bound.min ?? "—"} … ${bound.max ?? "—"}` }));
  const row = await withTransaction(ctx, async (tx) => {
    const created = await tx.riskProposal.create({
      data: {
        kind: "MARKET_APPROVAL",
        subject: parsed.market,
        payload: { market: parsed.market, reference: parsed.reference, approvedOn: parsed.approvedOn, parameterHash, envelope },
        diff,
        reason: parsed.reason,
        proposedById: actor.userId,
        proposedAt: ctx.now(),
      },
    });
    await recordAudit(tx, ctx, {
      action: "risk.propose",
      entity: "RiskProposal",
      entityId: created.id,
      after: { kind: "MARKET_APPROVAL", market: parsed.market, reference: parsed.reference, approvedOn: parsed.approvedOn, envelope },
      reason: parsed.reason,
    });
    return created;
  });
  return { id: row.id, version: row.version };
}
