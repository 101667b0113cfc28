import "server-only";
import type { MarketParametersScheduled, MarketParametersUpdated } from "@/lib/engine/index";
import { msg } from "@/lib/i18n/message-ref";
import { queueNotices } from "@/lib/notices/queue";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid, NotFound, Precondition } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import type { RiskProposal } from "@/prisma/generated/client";
import { scheduledChangeNotices } from "./affected-clients";
import { breachesOf, breachMessage, parameterHashOf } from "./approvals";
import { checkMarketParameterChange, payloadChanges } from "./check";
import { envelopeOf } from "./envelope";
import { assertSecondOfficer, transitionProposal } from "./maker-checker";
import { DecideRiskProposalInput } from "./schemas";

export type Decision = { id: string; status: RiskProposal["status"]; version: number; failure?: string | null; noticesQueued?: number };

const MINE = new Set<RiskProposal["kind"]>(["MARKET_PARAMETERS", "MARKET_APPROVAL"]);

/**
 * Checker step: a second Responsible Officer, after a step-up, approves or rejects a waiting market
 * proposal. The proposer can never decide their own (even holding both roles). Parallel decisions on
 * one version: exactly one wins. A parameter change is checked again against the configuration, the
 * envelope and the notice rule in force now, needs the stress suite's finished run, and then goes to
 * the engine, scheduled for its effective time or in force at once.
 */
export async function decideRiskProposal({ ctx, input }: { ctx: ServiceContext; input: DecideRiskProposalInput }): Promise<Decision> {
  const actor = authorize(ctx, "risk.decide");
  const parsed = DecideRiskProposalInput.parse(input);
  requireStepUp(ctx);
  const proposal = await ctx.db.riskProposal.findUnique({ where: { id: parsed.id } });
  if (!proposal || !MINE.has(proposal.kind)) throw new NotFound(msg("errors.marketGovernance.noSuchProposal"));
  assertSecondOfficer(actor, proposal);
  const decided = { decidedById: actor.userId, decidedAt: ctx.now(), decisionNote: parsed.note || null };

  if (parsed.decision === "reject") {
    const row = await withTransaction(ctx, async (tx) => {
      const moved = await transitionProposal(tx, { id: proposal.id, version: parsed.version, from: ["PENDING"], data: { status: "REJECTED", ...decided } });
      await recordAudit(tx, ctx, { action: "risk.reject", entity: "RiskProposal", entityId: proposal.id, after: { status: "REJECTED" }, reason: parsed.note });
      return moved;
    });
    return { id: row.id, status: row.status, version: row.version };
  }
  // A stale or decided proposal gets transitionProposal's answer before any work is done for it.
  if (proposal.status !== "PENDING") throw new Conflict(msg("errors.riskGovernance.notPending", { status: proposal.status }));
  if (proposal.version !== parsed.version) throw new Conflict(msg("errors.riskGovernance.changedMeanwhile", { status: proposal.status }));
  return proposal.kind === "MARKET_APPROVAL"
    ? recordApproval(ctx, proposal, parsed.version, decided)
    : approveParameters(ctx, proposal, parsed.version, decided);
}

type Decided = { decidedById: string; decidedAt: Date; decisionNote: string | null };

async function recordApproval(ctx: ServiceContext, proposal: RiskProposal, version: number, decided: Decided): Promise<Decision> {
  const payload = proposal.payload as { market: string; reference: string; approvedOn: string; envelope: unknown };
  const engine = await publicEngine();
  const spec = (await configInForce(engine, ctx.db)).config.markets.find((candidate) => candidate.symbol === payload.market);
  if (!spec) throw new Invalid(msg("errors.parameters.unknownMarket", { market: payload.market }));
  // The spec in force when recorded: it may have moved since the proposal and must still lie inside.
  const breaches = breachesOf(spec, { envelope: payload.envelope as object });
  if (breaches.length) throw new Invalid(msg("errors.marketGovernance.specOutsideEnvelope", { problem: breachMessage(breaches[0], payload.reference) }));
  const parameterHash = parameterHashOf(spec);
  const row = await withTransaction(ctx, async (tx) => {
    const moved = await transitionProposal(tx, {
      id: proposal.id,
      version,
      from: ["PENDING"],
      data: { status: "APPLIED", appliedAt: ctx.now(), ...decided },
    });
    const now = ctx.now();
    const previous = await tx.marketApproval.findMany({ where: { market: payload.market, supersededAt: null } });
    const created = await tx.marketApproval.create({
      data: {
        market: payload.market,
        reference: payload.reference,
        approvedOn: new Date(`${payload.approvedOn}T00:00:00Z`),
        parameterHash,
        envelope: envelopeOf(payload.envelope),
        proposalId: proposal.id,
        recordedById: decided.decidedById,
        recordedAt: now,
      },
    });
    await tx.marketApproval.updateMany({ where: { id: { in: previous.map((p) => p.id) } }, data: { supersededAt: now, supersededById: created.id } });
    await recordAudit(tx, ctx, {
      action: "risk.approve",
      entity: "MarketApproval",
      entityId: created.id,
      before: previous.length ? { superseded: previous.map((p) => p.reference) } : undefined,
      after: { market: payload.market, reference: payload.reference, approvedOn: payload.approvedOn, parameterHash, proposalId: proposal.id },
      reason: decided.decisionNote,
    });
    return moved;
  });
  return { id: row.id, status: row.status, version: row.version };
}

async function approveParameters(ctx: ServiceContext, proposal: RiskProposal, version: number, decided: Decided): Promise<Decision> {
  const run = await ctx.db.stressSuiteRun.findFirst({ where: { proposalId: proposal.id }, orderBy: { startedAt: "desc" } });
  if (!run || run.status === "running") throw new Precondition(msg("errors.marketGovernance.stressRunning"));
  if (run.status !== "done") throw new Precondition(msg("errors.marketGovernance.stressFailed", { failure: run.failure ?? run.status }));

  const { market, changes } = payloadChanges(proposal.payload);
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  const effectiveAtMs = proposal.effectiveAtMs === null ? undefined : Number(proposal.effectiveAtMs);
  const checked = await checkMarketParameterChange(ctx.db, inForce, { market, changes, effectiveAtMs, atMs: inForce.nowMs }, { typed: true });
  const scheduled = effectiveAtMs !== undefined && effectiveAtMs > inForce.nowMs;

  // Claim the proposal first: of parallel approvals, only the winner reaches the engine.
  const claimed = await withTransaction(ctx, async (tx) => {
    const moved = await transitionProposal(tx, { id: proposal.id, version, from: ["PENDING"], data: { status: "SCHEDULED", ...decided } });
    await recordAudit(tx, ctx, {
      action: "risk.approve",
      entity: "RiskProposal",
      entityId: proposal.id,
      after: { market, diff: checked.diff, effectiveAtMs: effectiveAtMs ?? null, stressRunId: run.id },
      reason: decided.decisionNote,
    });
    return moved;
  });
  // The engine is never awaited inside a transaction (its journal needs the database meanwhile).
  const result = await engine.runtime.submit(
    { type: "UpdateMarketParameters", nowMs: 0, market, changes, reason: proposal.reason, ...(scheduled ? { effectiveAtMs } : {}) },
    "admin",
  );
  if (!result.accepted) {
    const failure = msg("errors.marketGovernance.engineRefused", { reason: result.message });
    const row = await withTransaction(ctx, async (tx) => {
      const failed = await tx.riskProposal.update({
        where: { id: proposal.id },
        data: { status: "FAILED", failure: result.message, version: claimed.version + 1 },
      });
      await recordAudit(tx, ctx, {
        action: "risk.apply_failed",
        entity: "RiskProposal",
        entityId: proposal.id,
        after: { code: result.code, message: result.message },
      });
      return failed;
    });
    throw Object.assign(new Invalid(failure), { decision: row });
  }
  if (scheduled) {
    const event = result.events.find((candidate): candidate is MarketParametersScheduled => candidate.type === "MarketParametersScheduled");
    const drafts =
      engine.state && proposal.tightening
        ? await scheduledChangeNotices(ctx.db, engine.state, {
            proposalId: proposal.id,
            spec: checked.spec,
            changes,
            diff: checked.diff,
            effectiveAtMs: effectiveAtMs,
          })
        : [];
    const row = await withTransaction(ctx, async (tx) => {
      const noticesQueued = await queueNotices(tx, drafts, ctx.now());
      return tx.riskProposal.update({
        where: { id: proposal.id },
        data: { engineScheduleId: event ? String(event.scheduleId) : null, noticesQueued, version: claimed.version + 1 },
      });
    });
    return { id: row.id, status: row.status, version: row.version, noticesQueued: row.noticesQueued ?? 0 };
  }
  const applied = result.events.find((candidate): candidate is MarketParametersUpdated => candidate.type === "MarketParametersUpdated");
  const row = await withTransaction(ctx, async (tx) => {
    const done = await tx.riskProposal.update({
      where: { id: proposal.id },
      data: { status: "APPLIED", appliedSeq: applied ? BigInt(applied.seq) : null, appliedAt: ctx.now(), version: claimed.version + 1 },
    });
    await recordAudit(tx, ctx, { action: "risk.apply", entity: "RiskProposal", entityId: proposal.id, after: { market, seq: applied?.seq ?? null } });
    return done;
  });
  return { id: row.id, status: row.status, version: row.version };
}
