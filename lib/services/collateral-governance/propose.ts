import "server-only";
import { validateCollateralRegistry, SETTLEMENT_ASSET, type CollateralAsset, type CollateralCircuitBreaker, type EngineState } from "@/lib/engine/index";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { commandOf, notifyHolders, storePayload, submitToEngine, type CollateralPayload } from "./engine-apply";
import { assetDiff, assetTightens, breakerOf, impactOf, percentText, proposedAsset, type DiffRow, type Impact } from "./model";
import { ProposeCollateralChangeInput, type ParsedProposal } from "./schemas";
import { transitionProposal } from "@/lib/services/risk-governance/maker-checker";
import type { Prisma } from "@/prisma/generated/client";

const KIND = { ASSET: "COLLATERAL_ASSET", BREAKER: "COLLATERAL_BREAKER", LIFT: "COLLATERAL_LIFT" } as const;

export interface ProposeResult {
  proposalId: string;
  status: "PENDING" | "ACTED_PENDING_APPROVAL";
  noticesQueued: number | null;
}

/**
 * COL-1, COL-4: propose a change to the eligible-collateral registry (add or replace an entry, trip a
 * circuit breaker, lift one). It is checked with the engine's own registry validation against the
 * registry in force and stored as PENDING for a second officer; nothing changes in the engine. A
 * circuit breaker may act at once (`actAtOnce`, after a step-up): it is sent to the engine now, its
 * holders are notified, and it waits as ACTED_PENDING_APPROVAL for the approval after the fact. A
 * refused proposal is audited with the reason and changes nothing else.
 */
export async function proposeCollateralChange({ ctx, input }: { ctx: ServiceContext; input: ProposeCollateralChangeInput }): Promise<ProposeResult> {
  const actor = authorize(ctx, "risk.propose");
  const checked = ProposeCollateralChangeInput.safeParse(input);
  if (!checked.success) {
    await auditRefusal(ctx, subjectOf(input), checked.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
    throw checked.error;
  }
  const parsed: ParsedProposal = checked.data;
  if (parsed.kind === "BREAKER" && parsed.actAtOnce) requireStepUp(ctx);

  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  const registry = inForce.config.collateral;
  const breakers: CollateralCircuitBreaker[] = engine.state?.breakers ?? [];
  const planned = plan(parsed, registry, breakers, engine.state);
  if (!planned.ok) {
    await auditRefusal(ctx, parsed.assetId, planned.problem);
    throw new Invalid(msg("errors.common.problem", { problem: planned.problem }), { [planned.field]: [planned.problem] });
  }

  const actAtOnce = parsed.kind === "BREAKER" && parsed.actAtOnce;
  const proposal = await withTransaction(ctx, async (tx) => {
    const row = await tx.riskProposal.create({
      data: {
        kind: KIND[parsed.kind],
        subject: parsed.assetId,
        payload: storePayload(planned.payload),
        diff: asJson(planned.diff),
        impact: planned.impact === null ? undefined : asJson(planned.impact),
        tightening: planned.tightening,
        reason: parsed.reason,
        proposedById: actor.userId,
        proposedAt: ctx.now(),
      },
    });
    await recordAudit(tx, ctx, {
      action: "risk.propose",
      entity: "RiskProposal",
      entityId: row.id,
      after: { kind: row.kind, subject: row.subject, diff: planned.diff, tightening: planned.tightening, actAtOnce },
      reason: parsed.reason,
    });
    return row;
  });
  if (!actAtOnce) return { proposalId: proposal.id, status: "PENDING", noticesQueued: null };

  // COL-4: the breaker acts now; the second officer approves (or rejects, which lifts it) after the fact.
  const outcome = await submitToEngine(commandOf(planned.payload, engine.state?.now ?? inForce.nowMs));
  const decimals = registry.find((asset) => asset.assetId === parsed.assetId)?.decimals ?? 2;
  if (!outcome.accepted) {
    await withTransaction(ctx, async (tx) => {
      await transitionProposal(tx, { id: proposal.id, version: proposal.version, from: ["PENDING"], data: { status: "FAILED", failure: outcome.message } });
      await recordAudit(tx, ctx, {
        action: "risk.apply_failed",
        entity: "RiskProposal",
        entityId: proposal.id,
        after: { code: outcome.code, message: outcome.message },
      });
    });
    throw new Invalid(msg("errors.collateralGovernance.engineRefused", { reason: outcome.message }));
  }
  const notices = await withTransaction(ctx, async (tx) => {
    const queued = await notifyHolders(tx, {
      proposal,
      change: "breaker",
      phase: "acted",
      revalued: outcome.revalued,
      atMs: outcome.atMs,
      decimals,
      now: ctx.now(),
    });
    await transitionProposal(tx, {
      id: proposal.id,
      version: proposal.version,
      from: ["PENDING"],
      data: {
        status: "ACTED_PENDING_APPROVAL",
        appliedSeq: BigInt(outcome.seq),
        appliedAt: ctx.now(),
        effectiveAtMs: BigInt(outcome.atMs),
        noticesQueued: queued,
      },
    });
    await recordAudit(tx, ctx, {
      action: "risk.act_at_once",
      entity: "RiskProposal",
      entityId: proposal.id,
      after: { seq: outcome.seq, sinceMs: outcome.atMs, noticesQueued: queued },
      reason: parsed.reason,
    });
    return queued;
  });
  return { proposalId: proposal.id, status: "ACTED_PENDING_APPROVAL", noticesQueued: notices };
}

type Plan =
  | { ok: true; payload: CollateralPayload; diff: DiffRow[]; impact: Impact | null; tightening: boolean }
  | { ok: false; field: string; problem: string };

/** Check a parsed proposal against the registry and breakers in force, and work out its diff and impact. */
function plan(
  input: ParsedProposal,
  registry: readonly CollateralAsset[],
  breakers: readonly CollateralCircuitBreaker[],
  state: EngineState | undefined,
): Plan {
  const existing = registry.find((asset) => asset.assetId === input.assetId);
  const impact = (next: { registry: readonly CollateralAsset[]; breakers: readonly CollateralCircuitBreaker[] }) =>
    state ? impactOf(state, input.assetId, next) : null;
  switch (input.kind) {
    case "ASSET": {
      const built = proposedAsset(existing, input);
      if (!built.ok) return { ok: false, field: built.field, problem: `${built.field} is not a date and time (UTC)` };
      const next = [...registry.filter((asset) => asset.assetId !== input.assetId), built.asset];
      // The engine's own rule, on the whole registry as it would be.
      const errors = validateCollateralRegistry(next).filter((error) => error.path.startsWith(`[${next.length - 1}]`) || !error.path.startsWith("["));
      if (errors.length > 0) {
        const first = errors[0];
        const field = first.path.replace(/^\[\d+\]\.?/, "") || "assetId";
        return { ok: false, field, problem: errors.map((error) => `${error.path.replace(/^\[\d+\]\.?/, "") || input.assetId}: ${error.message}`).join("; ") };
      }
      const diff = assetDiff(existing, built.asset);
      if (existing && diff.length === 0) return { ok: false, field: "assetId", problem: `the proposal changes nothing in ${input.assetId}'s entry` };
      return {
        ok: true,
        payload: { kind: "ASSET", asset: built.asset },
        diff,
        impact: impact({ registry: next, breakers }),
        tightening: assetTightens(existing, built.asset),
      };
    }
    case "BREAKER": {
      if (!existing) return { ok: false, field: "assetId", problem: `${input.assetId} is not in the collateral registry in force` };
      if (input.assetId === SETTLEMENT_ASSET && input.mode !== "INELIGIBLE")
        return { ok: false, field: "mode", problem: "USD cash is the settlement ledger and cannot be haircut; INELIGIBLE stops new USD deposits" };
      const breaker = { assetId: input.assetId, mode: input.mode, cause: input.cause, ...(input.note ? { note: input.note } : {}) };
      const current = breakers.filter((b) => b.assetId === input.assetId);
      const diff: DiffRow[] = [
        {
          field: "circuitBreaker",
          before: current.length ? current.map((b) => `${b.mode} (${b.cause})`).join(", ") : null,
          after: `${input.mode} (${input.cause})${input.note ? `: ${input.note}` : ""}`,
        },
        { field: "haircutRate", before: percentText(existing.haircutRate), after: "100 %" },
      ];
      const nowMs = state?.now ?? 0;
      return {
        ok: true,
        payload: { kind: "BREAKER", breaker },
        diff,
        impact: impact({ registry, breakers: [...breakers, breakerOf(breaker, nowMs)] }),
        tightening: true,
      };
    }
    case "LIFT": {
      if (!existing) return { ok: false, field: "assetId", problem: `${input.assetId} is not in the collateral registry in force` };
      const current = breakers.filter((b) => b.assetId === input.assetId);
      if (state && current.length === 0) return { ok: false, field: "assetId", problem: `no circuit breaker is in force on ${input.assetId}` };
      const diff: DiffRow[] = [
        { field: "circuitBreaker", before: current.map((b) => `${b.mode} (${b.cause})`).join(", ") || null, after: null },
        { field: "haircutRate", before: "100 %", after: percentText(existing.haircutRate) },
      ];
      return {
        ok: true,
        payload: { kind: "LIFT", assetId: input.assetId },
        diff,
        impact: impact({ registry, breakers: breakers.filter((b) => b.assetId !== input.assetId) }),
        tightening: false,
      };
    }
  }
}

/** Plain JSON for a Json column (the diff and impact hold only strings, numbers and booleans). */
function asJson(value: DiffRow[] | Impact): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

function subjectOf(input: unknown): string {
  const raw = typeof input === "object" && input !== null ? (input as { assetId?: unknown }).assetId : undefined;
  return typeof raw === "string" ? raw.slice(0, 40) : "?";
}

/** A refused proposal is on record too, with why (the text is bounded: it comes from the engine or the schema). */
async function auditRefusal(ctx: ServiceContext, subject: string, problem: string): Promise<void> {
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "risk.propose_refused",
      entity: "RiskProposal",
      entityId: `collateral:${subject}`,
      after: { problem: problem.slice(0, 1_500) },
    }),
  );
}
