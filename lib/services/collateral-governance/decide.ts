import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Forbidden, NotFound } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { assertSecondOfficer, transitionProposal } from "@/lib/services/risk-governance/maker-checker";
import type { RiskProposal } from "@/prisma/generated/client";
import { commandOf, notifyHolders, readPayload, submitToEngine, type NoticeChange } from "./engine-apply";
import { DecideCollateralChangeInput, ProposalIdInput } from "./schemas";

const COLLATERAL_KINDS = ["COLLATERAL_ASSET", "COLLATERAL_BREAKER", "COLLATERAL_LIFT"] as const;

export type DecideResult =
  | { status: "APPLIED"; appliedSeq: number; noticesQueued: number }
  | { status: "FAILED"; failure: string }
  | { status: "REJECTED"; lifted: boolean; noticesQueued: number };

async function loadProposal(ctx: ServiceContext, id: string): Promise<RiskProposal> {
  const row = await ctx.db.riskProposal.findUnique({ where: { id } });
  if (!row || !(COLLATERAL_KINDS as readonly string[]).includes(row.kind)) throw new NotFound(msg("errors.collateralGovernance.notFound"));
  return row;
}

/**
 * COL-1, COL-4: a second Responsible Officer, after a step-up, decides a collateral proposal. Approving
 * a waiting one claims it (parallel approvals: one wins, the others get a Conflict), sends the engine
 * command (journaled by the engine host), then records APPLIED with the event's seq and notifies the
 * asset's holders, or FAILED with the engine's words. Approving a breaker that already acted confirms
 * it; rejecting one lifts it in the engine and says so. Rejecting a waiting one changes nothing else.
 */
export async function decideCollateralChange({ ctx, input }: { ctx: ServiceContext; input: DecideCollateralChangeInput }): Promise<DecideResult> {
  const actor = authorize(ctx, "risk.decide");
  const { proposalId, decision, note } = DecideCollateralChangeInput.parse(input);
  requireStepUp(ctx);
  const proposal = await loadProposal(ctx, proposalId);
  assertSecondOfficer(actor, proposal);
  const decided = { decidedById: actor.userId, decidedAt: ctx.now(), decisionNote: note };
  const acted = proposal.status === "ACTED_PENDING_APPROVAL";

  if (decision === "APPROVE" && acted) {
    await withTransaction(ctx, async (tx) => {
      await transitionProposal(tx, { id: proposal.id, version: proposal.version, from: ["ACTED_PENDING_APPROVAL"], data: { ...decided, status: "APPLIED" } });
      await recordAudit(tx, ctx, {
        action: "risk.approve",
        entity: "RiskProposal",
        entityId: proposal.id,
        after: { status: "APPLIED", afterTheFact: true },
        reason: note,
      });
    });
    return { status: "APPLIED", appliedSeq: Number(proposal.appliedSeq ?? 0), noticesQueued: proposal.noticesQueued ?? 0 };
  }

  if (decision === "REJECT") {
    await withTransaction(ctx, async (tx) => {
      await transitionProposal(tx, {
        id: proposal.id,
        version: proposal.version,
        from: ["PENDING", "ACTED_PENDING_APPROVAL"],
        data: { ...decided, status: "REJECTED" },
      });
      await recordAudit(tx, ctx, {
        action: "risk.reject",
        entity: "RiskProposal",
        entityId: proposal.id,
        after: { status: "REJECTED", liftsBreaker: acted },
        reason: note,
      });
    });
    if (!acted) return { status: "REJECTED", lifted: false, noticesQueued: 0 };
    // The breaker acted at once and the second officer does not confirm it: it comes off now.
    const outcome = await submitToEngine({ type: "LiftCollateralSuspension", nowMs: 0, assetId: proposal.subject });
    if (!outcome.accepted) {
      await withTransaction(ctx, (tx) =>
        recordAudit(tx, ctx, {
          action: "risk.apply_failed",
          entity: "RiskProposal",
          entityId: proposal.id,
          after: { lift: outcome.code, message: outcome.message },
        }),
      );
      await ctx.db.riskProposal.update({ where: { id: proposal.id }, data: { failure: `lifting the breaker was refused: ${outcome.message}` } });
      return { status: "REJECTED", lifted: false, noticesQueued: 0 };
    }
    const decimals = await decimalsOf(ctx, proposal.subject);
    const queued = await withTransaction(ctx, async (tx) => {
      const n = await notifyHolders(tx, {
        proposal,
        change: "breakerRejected",
        phase: "lifted",
        revalued: outcome.revalued,
        atMs: outcome.atMs,
        decimals,
        now: ctx.now(),
      });
      await tx.riskProposal.update({ where: { id: proposal.id }, data: { noticesQueued: (proposal.noticesQueued ?? 0) + n } });
      await recordAudit(tx, ctx, {
        action: "risk.apply",
        entity: "RiskProposal",
        entityId: proposal.id,
        after: { lifted: true, seq: outcome.seq, noticesQueued: n },
      });
      return n;
    });
    return { status: "REJECTED", lifted: true, noticesQueued: queued };
  }

  // Approve a waiting proposal: claim it first so only one approval reaches the engine (and only
  // while the engine is there to take it).
  const engine = await publicEngine();
  const claimed = await withTransaction(ctx, async (tx) => {
    const row = await transitionProposal(tx, { id: proposal.id, version: proposal.version, from: ["PENDING"], data: { ...decided, status: "SCHEDULED" } });
    await recordAudit(tx, ctx, { action: "risk.approve", entity: "RiskProposal", entityId: proposal.id, after: { status: "APPROVED" }, reason: note });
    return row;
  });
  const payload = readPayload(claimed);
  const outcome = await submitToEngine(commandOf(payload, engine.state?.now ?? 0));
  if (!outcome.accepted) {
    await withTransaction(ctx, async (tx) => {
      await transitionProposal(tx, { id: claimed.id, version: claimed.version, from: ["SCHEDULED"], data: { status: "FAILED", failure: outcome.message } });
      await recordAudit(tx, ctx, {
        action: "risk.apply_failed",
        entity: "RiskProposal",
        entityId: claimed.id,
        after: { code: outcome.code, message: outcome.message },
      });
    });
    return { status: "FAILED", failure: outcome.message };
  }
  const change: NoticeChange = payload.kind === "ASSET" ? "asset" : payload.kind === "BREAKER" ? "breaker" : "lift";
  const decimals = payload.kind === "ASSET" ? payload.asset.decimals : await decimalsOf(ctx, claimed.subject);
  const queued = await withTransaction(ctx, async (tx) => {
    const n = await notifyHolders(tx, {
      proposal: claimed,
      change,
      phase: "applied",
      revalued: outcome.revalued,
      atMs: outcome.atMs,
      decimals,
      now: ctx.now(),
    });
    await transitionProposal(tx, {
      id: claimed.id,
      version: claimed.version,
      from: ["SCHEDULED"],
      data: { status: "APPLIED", appliedSeq: BigInt(outcome.seq), appliedAt: ctx.now(), effectiveAtMs: BigInt(outcome.atMs), noticesQueued: n },
    });
    await recordAudit(tx, ctx, {
      action: "risk.apply",
      entity: "RiskProposal",
      entityId: claimed.id,
      after: { seq: outcome.seq, atMs: outcome.atMs, noticesQueued: n },
    });
    return n;
  });
  return { status: "APPLIED", appliedSeq: outcome.seq, noticesQueued: queued };
}

/** The proposer takes back a proposal nobody decided yet. */
export async function withdrawCollateralChange({ ctx, input }: { ctx: ServiceContext; input: ProposalIdInput }): Promise<void> {
  const actor = authorize(ctx, "risk.propose");
  const { proposalId } = ProposalIdInput.parse(input);
  const proposal = await loadProposal(ctx, proposalId);
  if (proposal.proposedById !== actor.userId) throw new Forbidden(msg("errors.collateralGovernance.onlyProposerWithdraws"));
  await withTransaction(ctx, async (tx) => {
    await transitionProposal(tx, { id: proposal.id, version: proposal.version, from: ["PENDING"], data: { status: "WITHDRAWN" } });
    await recordAudit(tx, ctx, { action: "risk.withdraw", entity: "RiskProposal", entityId: proposal.id, after: { status: "WITHDRAWN" } });
  });
}

async function decimalsOf(ctx: ServiceContext, assetId: string): Promise<number> {
  const inForce = await configInForce(await publicEngine(), ctx.db);
  return inForce.config.collateral.find((asset) => asset.assetId === assetId)?.decimals ?? 2;
}
