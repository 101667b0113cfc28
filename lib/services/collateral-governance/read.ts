import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorize, authorizePublic, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import type { RiskProposalStatus } from "@/prisma/generated/client";
import type { DiffRow, Impact } from "./model";
import { ProposalIdInput } from "./schemas";

const COLLATERAL_KINDS = ["COLLATERAL_ASSET", "COLLATERAL_BREAKER", "COLLATERAL_LIFT"] as const;
export type CollateralProposalKind = (typeof COLLATERAL_KINDS)[number];

export interface CollateralProposalView {
  id: string;
  kind: CollateralProposalKind;
  subject: string;
  status: RiskProposalStatus;
  reason: string;
  diff: DiffRow[];
  impact: Impact | null;
  tightening: boolean;
  proposedBy: { id: string; name: string; email: string } | null;
  proposedAt: Date;
  decidedBy: { id: string; name: string; email: string } | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  appliedSeq: number | null;
  appliedAt: Date | null;
  effectiveAtMs: number | null;
  failure: string | null;
  noticesQueued: number | null;
  version: number;
}

const PEOPLE = { select: { id: true, name: true, email: true } } as const;

async function people(ctx: ServiceContext, ids: Array<string | null>) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = await ctx.db.user.findMany({ where: { id: { in: wanted } }, ...PEOPLE });
  return new Map(rows.map((row) => [row.id, row]));
}

type Row = Awaited<ReturnType<ServiceContext["db"]["riskProposal"]["findMany"]>>[number];

function view(row: Row, who: Map<string, { id: string; name: string; email: string }>): CollateralProposalView {
  return {
    id: row.id,
    kind: row.kind as CollateralProposalKind,
    subject: row.subject,
    status: row.status,
    reason: row.reason,
    diff: row.diff as unknown as DiffRow[],
    impact: (row.impact as unknown as Impact | null) ?? null,
    tightening: row.tightening,
    proposedBy: who.get(row.proposedById) ?? null,
    proposedAt: row.proposedAt,
    decidedBy: row.decidedById ? (who.get(row.decidedById) ?? null) : null,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    appliedSeq: row.appliedSeq === null ? null : Number(row.appliedSeq),
    appliedAt: row.appliedAt,
    effectiveAtMs: row.effectiveAtMs === null ? null : Number(row.effectiveAtMs),
    failure: row.failure,
    noticesQueued: row.noticesQueued,
    version: row.version,
  };
}

/** The collateral proposals, newest first (staff). */
export async function listCollateralProposals({ ctx }: { ctx: ServiceContext }): Promise<CollateralProposalView[]> {
  authorize(ctx, "risk.read");
  const rows = await ctx.db.riskProposal.findMany({ where: { kind: { in: [...COLLATERAL_KINDS] } }, orderBy: { proposedAt: "desc" }, take: 200 });
  const who = await people(
    ctx,
    rows.flatMap((row) => [row.proposedById, row.decidedById]),
  );
  return rows.map((row) => view(row, who));
}

export async function getCollateralProposal({ ctx, input }: { ctx: ServiceContext; input: ProposalIdInput }): Promise<CollateralProposalView> {
  authorize(ctx, "risk.read");
  const { proposalId } = ProposalIdInput.parse(input);
  const row = await ctx.db.riskProposal.findUnique({ where: { id: proposalId } });
  if (!row || !(COLLATERAL_KINDS as readonly string[]).includes(row.kind)) throw new NotFound(msg("errors.collateralGovernance.notFound"));
  return view(row, await people(ctx, [row.proposedById, row.decidedById]));
}

export interface PublicCollateralChange {
  kind: CollateralProposalKind;
  assetId: string;
  status: "APPLIED" | "ACTED_PENDING_APPROVAL" | "REJECTED";
  /** Engine time it took effect (epoch ms). */
  effectiveAtMs: number | null;
  reason: string;
  diff: DiffRow[];
  holdersNotified: number;
}

/**
 * The registry's recent changes for the public collateral page: what changed, when and why, and how
 * many holders were notified. Only changes that reached the engine (applied, a breaker acting before
 * its approval, or one rejected after it acted); no names, no account ids.
 */
export async function recentCollateralChanges({ ctx, limit = 20 }: { ctx: ServiceContext; limit?: number }): Promise<PublicCollateralChange[]> {
  authorizePublic(ctx);
  const rows = await ctx.db.riskProposal.findMany({
    where: { kind: { in: [...COLLATERAL_KINDS] }, appliedSeq: { not: null }, status: { in: ["APPLIED", "ACTED_PENDING_APPROVAL", "REJECTED"] } },
    orderBy: { appliedAt: "desc" },
    take: Math.min(Math.max(limit, 1), 50),
  });
  return rows.map((row) => ({
    kind: row.kind as CollateralProposalKind,
    assetId: row.subject,
    status: row.status as PublicCollateralChange["status"],
    effectiveAtMs: row.effectiveAtMs === null ? null : Number(row.effectiveAtMs),
    reason: row.reason,
    diff: row.diff as unknown as DiffRow[],
    holdersNotified: row.noticesQueued ?? 0,
  }));
}

/** The registry in force with each asset's status and valuation, and the USD/HKD rate (staff page). */
export async function getRegistryInForce({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "risk.read");
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  return { nowMs: inForce.nowMs, usdPerHkd: inForce.collateral.usdPerHkd, assets: inForce.collateral.assets, breakers: engine.state?.breakers ?? [] };
}
