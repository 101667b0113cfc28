import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Forbidden, NotFound } from "@/lib/services/errors";
import { transitionProposal } from "./maker-checker";
import { WithdrawRiskProposalInput } from "./schemas";

/** The proposer takes back a waiting market proposal (nobody else may; a decided one stays). */
export async function withdrawRiskProposal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: WithdrawRiskProposalInput;
}): Promise<{ id: string; version: number }> {
  const actor = authorize(ctx, "risk.propose");
  const parsed = WithdrawRiskProposalInput.parse(input);
  const proposal = await ctx.db.riskProposal.findUnique({ where: { id: parsed.id } });
  if (!proposal || (proposal.kind !== "MARKET_PARAMETERS" && proposal.kind !== "MARKET_APPROVAL"))
    throw new NotFound(msg("errors.marketGovernance.noSuchProposal"));
  if (proposal.proposedById !== actor.userId) throw new Forbidden(msg("errors.marketGovernance.notYourProposal"));
  const row = await withTransaction(ctx, async (tx) => {
    const moved = await transitionProposal(tx, { id: proposal.id, version: parsed.version, from: ["PENDING"], data: { status: "WITHDRAWN" } });
    await recordAudit(tx, ctx, { action: "risk.withdraw", entity: "RiskProposal", entityId: proposal.id, after: { status: "WITHDRAWN" } });
    return moved;
  });
  return { id: row.id, version: row.version };
}
