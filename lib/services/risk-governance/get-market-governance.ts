import "server-only";
import { latestStressRunForProposal } from "@/lib/services/risk-governance/stress/results";
import { catchUpScheduledProposals } from "./scheduled-projection";
import { docPathOf, flattenParameters, MARKET_PARAMETER_DOCS, marketSpecInputOf } from "@/lib/engine/index";
import { msg } from "@/lib/i18n/message-ref";
import { authorize, authorizePublic, type Db, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import type { MarketApproval, RiskProposal } from "@/prisma/generated/client";
import { currentApprovals } from "./approvals";
import { boundableParameters, envelopeOf, shownValue } from "./envelope";
import { minimumNoticeMs } from "./check";
import { GetRiskProposalInput } from "./schemas";
import type { ApprovalView, DiffRow } from "@/lib/wire/market-governance";

export type { ApprovalView, DiffRow };

export interface ProposalSummary {
  id: string;
  kind: RiskProposal["kind"];
  market: string;
  status: RiskProposal["status"];
  version: number;
  diff: DiffRow[];
  reason: string;
  tightening: boolean;
  proposedBy: string;
  proposedById: string;
  proposedAtMs: number;
  effectiveAtMs: number | null;
  decidedBy: string | null;
  decidedAtMs: number | null;
  decisionNote: string | null;
  failure: string | null;
  noticesQueued: number | null;
}

const MARKET_KINDS: RiskProposal["kind"][] = ["MARKET_PARAMETERS", "MARKET_APPROVAL"];

function approvalView(row: MarketApproval, values: Map<string, bigint | number> | undefined): ApprovalView {
  return {
    market: row.market,
    reference: row.reference,
    approvedOn: row.approvedOn.toISOString().slice(0, 10),
    parameterHash: row.parameterHash,
    recordedAtMs: row.recordedAt.getTime(),
    envelope: Object.entries(envelopeOf(row.envelope)).map(([path, bound]) => ({
      path,
      min: bound.min ?? null,
      max: bound.max ?? null,
      minShown: bound.min === undefined ? null : shownValue(path, bound.min),
      maxShown: bound.max === undefined ? null : shownValue(path, bound.max),
      current: values?.has(path) ? shownValue(path, values.get(path)) : null,
    })),
  };
}

async function approvalsWithValues(db: Db) {
  const engine = await publicEngine();
  const inForce = await configInForce(engine, db);
  const approvals = await currentApprovals(db);
  const specs = inForce.config.markets;
  return {
    inForce,
    approvals: specs.flatMap((spec) => {
      const row = approvals.get(spec.symbol);
      return row ? [approvalView(row, boundableParameters(marketSpecInputOf(spec)))] : [];
    }),
  };
}

async function summaries(db: Db, rows: RiskProposal[]): Promise<ProposalSummary[]> {
  const ids = [...new Set(rows.flatMap((row) => [row.proposedById, row.decidedById].filter((id): id is string => id !== null)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, `${u.name} (${u.email})`]),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    market: row.subject,
    status: row.status,
    version: row.version,
    diff: (Array.isArray(row.diff) ? row.diff : []) as DiffRow[],
    reason: row.reason,
    tightening: row.tightening,
    proposedBy: users.get(row.proposedById) ?? row.proposedById,
    proposedById: row.proposedById,
    proposedAtMs: row.proposedAt.getTime(),
    effectiveAtMs: row.effectiveAtMs === null ? null : Number(row.effectiveAtMs),
    decidedBy: row.decidedById ? (users.get(row.decidedById) ?? row.decidedById) : null,
    decidedAtMs: row.decidedAt?.getTime() ?? null,
    decisionNote: row.decisionNote,
    failure: row.failure,
    noticesQueued: row.noticesQueued,
  }));
}

/**
 * The staff page of market parameter governance: per market the approval record in force with its
 * envelope, the parameters a proposal may name (with their values in force), and the proposals.
 */
export async function getMarketGovernance({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "risk.read");
  await catchUpScheduledProposals(ctx.db, ctx.now);
  const { inForce, approvals } = await approvalsWithValues(ctx.db);
  const parameters = inForce.config.markets.flatMap((spec) => {
    const bounded = boundableParameters(marketSpecInputOf(spec));
    return flattenParameters(marketSpecInputOf(spec))
      .filter(([path]) => bounded.has(path))
      .map(([path, value]) => ({
        market: spec.symbol,
        path,
        label: MARKET_PARAMETER_DOCS[docPathOf(path)]?.label ?? path,
        unit: MARKET_PARAMETER_DOCS[docPathOf(path)]?.unit ?? "",
        shown: shownValue(path, value),
        raw: String(value),
      }));
  });
  const rows = await ctx.db.riskProposal.findMany({ where: { kind: { in: MARKET_KINDS } }, orderBy: { proposedAt: "desc" }, take: 100 });
  return {
    nowMs: inForce.nowMs,
    minimumNoticeMs: minimumNoticeMs(),
    markets: inForce.config.markets.map((spec) => spec.symbol),
    approvals,
    parameters,
    proposals: await summaries(ctx.db, rows),
  };
}

/** One market proposal for its detail page: the diff, the impact, the stress suite's latest run. */
export async function getRiskProposal({ ctx, input }: { ctx: ServiceContext; input: GetRiskProposalInput }) {
  authorize(ctx, "risk.read");
  const { id } = GetRiskProposalInput.parse(input);
  await catchUpScheduledProposals(ctx.db, ctx.now);
  const row = await ctx.db.riskProposal.findUnique({ where: { id } });
  if (!row || !MARKET_KINDS.includes(row.kind)) throw new NotFound(msg("errors.marketGovernance.noSuchProposal"));
  const [summary] = await summaries(ctx.db, [row]);
  const stress = await latestStressRunForProposal(ctx.db, id);
  return { ...summary, payload: row.payload, impact: row.impact as Record<string, unknown> | null, stress };
}

/** MRG-5, public: each market's approval record in force (reference, date, parameter hash, envelope). */
export async function getPublicMarketApprovals({ ctx }: { ctx: ServiceContext }): Promise<ApprovalView[]> {
  authorizePublic(ctx);
  return (await approvalsWithValues(ctx.db)).approvals;
}

/** DISC-1, public: changes approved and waiting for their effective time (the "scheduled" part of the change log). */
export async function getScheduledMarketChanges({ ctx }: { ctx: ServiceContext }) {
  authorizePublic(ctx);
  await catchUpScheduledProposals(ctx.db, ctx.now);
  const rows = await ctx.db.riskProposal.findMany({ where: { kind: "MARKET_PARAMETERS", status: "SCHEDULED" }, orderBy: { effectiveAtMs: "asc" }, take: 100 });
  return rows.map((row) => ({
    id: row.id,
    market: row.subject,
    diff: (Array.isArray(row.diff) ? row.diff : []) as DiffRow[],
    reason: row.reason,
    effectiveAtMs: row.effectiveAtMs === null ? null : Number(row.effectiveAtMs),
  }));
}
