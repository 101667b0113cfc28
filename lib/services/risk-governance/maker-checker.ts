import "server-only";
import type { Prisma, RiskProposal, RiskProposalStatus } from "@/prisma/generated/client";
import { msg } from "@/lib/i18n/message-ref";
import type { Actor, Tx } from "@/lib/services/context";
import { Conflict, Forbidden } from "@/lib/services/errors";

/**
 * The maker-checker rule for every risk-parameter, market-approval and collateral change, in one place:
 * the officer who proposed a change never decides it. Services call this after `authorize(ctx,
 * "risk.decide")` and `requireStepUp(ctx)`.
 */
export function assertSecondOfficer(decider: Actor, proposal: Pick<RiskProposal, "proposedById">): void {
  if (decider.userId === proposal.proposedById) throw new Forbidden(msg("errors.riskGovernance.ownProposal"));
}

/**
 * Move a proposal from one of `from` to its next state, only if nobody else moved it first (the
 * version the caller read). Two officers approving at once: one wins, the other gets a Conflict and
 * nothing changes for them.
 */
export async function transitionProposal(
  tx: Tx,
  { id, version, from, data }: { id: string; version: number; from: readonly RiskProposalStatus[]; data: Prisma.RiskProposalUpdateManyMutationInput },
): Promise<RiskProposal> {
  const updated = await tx.riskProposal.updateMany({ where: { id, version, status: { in: [...from] } }, data: { ...data, version: version + 1 } });
  const row = await tx.riskProposal.findUniqueOrThrow({ where: { id } });
  if (updated.count === 0) {
    throw new Conflict(
      from.includes(row.status)
        ? msg("errors.riskGovernance.changedMeanwhile", { status: row.status })
        : msg("errors.riskGovernance.notPending", { status: row.status }),
    );
  }
  return row;
}
