import type { Prisma, RiskProposalStatus } from "@/prisma/generated/client";
import type { ReportBuildContext, ReportCell, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * MRG-5, COL-1: every market-parameter, market-approval and collateral change with a step in the
 * period. All of them are RiskProposal rows (maker-checker, kinds MARKET_PARAMETERS, MARKET_APPROVAL,
 * COLLATERAL_ASSET, COLLATERAL_BREAKER, COLLATERAL_LIFT); the approval records themselves are
 * MarketApproval rows, which the demo seed also writes without a proposal, so they get a table of
 * their own. A row shows each change as it stood at the end of the period (steps after it are left
 * blank), so recomputing a past period (report:verify) gives the same rows after later decisions.
 */

const BATCH = 1_000;

const iso = (at: Date | number | null): string | null => (at === null ? null : new Date(at).toISOString());

const PROPOSAL_COLUMNS = {
  id: true,
  kind: true,
  subject: true,
  status: true,
  tightening: true,
  proposedById: true,
  proposedAt: true,
  effectiveAtMs: true,
  decidedById: true,
  decidedAt: true,
  appliedAt: true,
} as const satisfies Prisma.RiskProposalSelect;

type ProposalRow = Prisma.RiskProposalGetPayload<{ select: typeof PROPOSAL_COLUMNS }>;

interface Proposal extends ProposalRow {
  /** From the audit log: RiskProposal records no withdrawal or failure time. */
  withdrawnAt: Date | null;
  failedAt: Date | null;
  approvalReference: string | null;
}

interface Bounds {
  from: Date;
  to: Date;
}

const within = (at: Date | number | null, { from, to }: Bounds) => at !== null && new Date(at) >= from && new Date(at) < to;
const before = (at: Date | null, to: Date): at is Date => at !== null && at < to;

/** The status as at `to`, from the times of its steps (the status column is only the latest). */
function statusAt(p: Proposal, to: Date): RiskProposalStatus {
  if (before(p.decidedAt, to)) {
    if (p.status === "REJECTED") return "REJECTED";
    if (before(p.appliedAt, to)) return "APPLIED";
    if (before(p.failedAt, to)) return "FAILED";
    return "SCHEDULED";
  }
  if (before(p.withdrawnAt, to)) return "WITHDRAWN";
  // A circuit breaker acting at once is refused by the engine, or acts, before any decision (COL-4).
  if (before(p.failedAt, to)) return "FAILED";
  if (before(p.appliedAt, to)) return "ACTED_PENDING_APPROVAL";
  return "PENDING";
}

/**
 * When the change takes effect: a market change's named effective time (engine time) is fixed when it
 * is proposed; otherwise the engine time it was applied at, or the time it was recorded applied.
 */
function effectiveAt(p: Proposal, to: Date): number | null {
  if (p.kind === "MARKET_PARAMETERS" && p.effectiveAtMs !== null) return Number(p.effectiveAtMs);
  if (!before(p.appliedAt, to)) return null;
  return p.effectiveAtMs !== null ? Number(p.effectiveAtMs) : p.appliedAt.getTime();
}

function stepsInPeriod(p: Proposal, bounds: Bounds): string[] {
  const status = statusAt(p, bounds.to);
  const steps: string[] = [];
  if (within(p.proposedAt, bounds)) steps.push("proposed");
  if (within(p.decidedAt, bounds)) steps.push(p.status === "REJECTED" ? "rejected" : "approved");
  if (within(p.withdrawnAt, bounds)) steps.push("withdrawn");
  // In force (or acted, even if rejected later), or approved and waiting for its time: not one that failed.
  const takesEffect = status !== "FAILED" && (before(p.appliedAt, bounds.to) || status === "SCHEDULED");
  if (takesEffect && within(effectiveAt(p, bounds.to), bounds)) steps.push("effective");
  return steps;
}

function proposalCells(p: Proposal, bounds: Bounds): ReportCell[] {
  const { to } = bounds;
  const decided = before(p.decidedAt, to);
  return [
    p.proposedAt.toISOString(),
    p.id,
    p.kind,
    p.subject,
    statusAt(p, to),
    p.proposedById,
    decided ? (p.status === "REJECTED" ? "REJECTED" : "APPROVED") : null,
    decided ? p.decidedById : null,
    decided ? iso(p.decidedAt) : null,
    before(p.withdrawnAt, to) ? iso(p.withdrawnAt) : null,
    before(p.appliedAt, to) ? iso(p.appliedAt) : null,
    iso(effectiveAt(p, to)),
    p.tightening ? "yes" : "no",
    p.approvalReference,
    stepsInPeriod(p, bounds).join(" "),
  ];
}

/** The first audit time of `action` per proposal id. */
async function auditTimes(context: ReportBuildContext, action: string, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await context.db.auditLog.findMany({
    where: { action, entity: "RiskProposal", entityId: { in: ids } },
    orderBy: { seq: "asc" },
    select: { entityId: true, at: true },
  });
  const times = new Map<string, Date>();
  for (const row of rows) if (row.entityId !== null && !times.has(row.entityId)) times.set(row.entityId, row.at);
  return times;
}

/**
 * What the report adds to a batch of proposals: withdrawal and failure times from the audit log; the
 * reference a MARKET_APPROVAL proposal records; for an approved market change, the reference of the
 * market's approval record in force when it was approved (the envelope it was checked against).
 */
async function complete(context: ReportBuildContext, rows: ProposalRow[], to: Date): Promise<Proposal[]> {
  const ids = (status: RiskProposalStatus) => rows.filter((row) => row.status === status).map((row) => row.id);
  const [withdrawn, failed] = await Promise.all([
    auditTimes(context, "risk.withdraw", ids("WITHDRAWN")),
    auditTimes(context, "risk.apply_failed", ids("FAILED")),
  ]);

  const approvalIds = rows.filter((row) => row.kind === "MARKET_APPROVAL").map((row) => row.id);
  const recorded = new Map<string, string | null>();
  if (approvalIds.length > 0) {
    const payloads = await context.db.riskProposal.findMany({ where: { id: { in: approvalIds } }, select: { id: true, payload: true } });
    for (const { id, payload } of payloads) {
      const reference = (payload as { reference?: unknown } | null)?.reference;
      recorded.set(id, typeof reference === "string" ? reference : null);
    }
  }

  const approved = rows.filter((row) => row.kind === "MARKET_PARAMETERS" && before(row.decidedAt, to) && row.status !== "REJECTED");
  const inForce = new Map<string, string | null>();
  if (approved.length > 0) {
    const latest = new Date(Math.max(...approved.map((row) => row.decidedAt!.getTime())));
    const records = await context.db.marketApproval.findMany({
      where: { market: { in: [...new Set(approved.map((row) => row.subject))] }, recordedAt: { lte: latest } },
      orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
      select: { market: true, reference: true, recordedAt: true, supersededAt: true },
    });
    for (const row of approved) {
      const at = row.decidedAt!;
      const record = records.findLast((r) => r.market === row.subject && r.recordedAt <= at && (r.supersededAt === null || r.supersededAt > at));
      inForce.set(row.id, record?.reference ?? null);
    }
  }

  return rows.map((row) => ({
    ...row,
    withdrawnAt: withdrawn.get(row.id) ?? null,
    failedAt: failed.get(row.id) ?? null,
    approvalReference: recorded.get(row.id) ?? inForce.get(row.id) ?? null,
  }));
}

/** Candidates: a step time in the period (withdrawals, known only from the audit log, are added to these). */
const proposalsWhere = ({ period }: ReportBuildContext): Prisma.RiskProposalWhereInput => {
  const range = { gte: new Date(period.fromMs), lt: new Date(period.toMs) };
  return {
    OR: [{ proposedAt: range }, { decidedAt: range }, { appliedAt: range }, { effectiveAtMs: { gte: BigInt(period.fromMs), lt: BigInt(period.toMs) } }],
  };
};

const approvalsWhere = ({ from, to }: Bounds): Prisma.MarketApprovalWhereInput => ({
  OR: [{ recordedAt: { gte: from, lt: to } }, { supersededAt: { gte: from, lt: to } }],
});

const byTimeThenId = (a: { at: number; id: string }, b: { at: number; id: string }) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function changes(context: ReportBuildContext, bounds: Bounds, done: { rows: number; total: number }): Promise<ReportTable> {
  const { db, signal, progress } = context;
  const { from, to } = bounds;
  const range = { gte: from, lt: to };
  // Withdrawal is recorded only in the audit log: the proposals withdrawn in the period, by id.
  const withdrawnInPeriod = new Set<string>();
  let seq: bigint | undefined;
  for (;;) {
    signal.throwIfAborted();
    const batch = await db.auditLog.findMany({
      where: { action: "risk.withdraw", entity: "RiskProposal", at: range, ...(seq === undefined ? {} : { seq: { gt: seq } }) },
      orderBy: { seq: "asc" },
      take: BATCH,
      select: { seq: true, entityId: true },
    });
    for (const row of batch) if (row.entityId !== null) withdrawnInPeriod.add(row.entityId);
    if (batch.length < BATCH) break;
    seq = batch[batch.length - 1].seq;
  }

  const where = proposalsWhere(context);

  const rows: Array<{ at: number; id: string; cells: ReportCell[] }> = [];
  const seen = new Set<string>();
  const keep = (proposals: Proposal[]) => {
    for (const p of proposals) {
      seen.add(p.id);
      // A candidate whose only time in the period is one that did not happen as at its end (a pending change's named effective time).
      if (stepsInPeriod(p, bounds).length > 0) rows.push({ at: p.proposedAt.getTime(), id: p.id, cells: proposalCells(p, bounds) });
    }
    done.rows += proposals.length;
    progress(done.rows, done.total);
  };

  let cursor: string | undefined;
  for (;;) {
    signal.throwIfAborted();
    const batch = await db.riskProposal.findMany({
      where,
      orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
      take: BATCH,
      ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
      select: PROPOSAL_COLUMNS,
    });
    keep(await complete(context, batch, to));
    if (batch.length < BATCH) break;
    cursor = batch[batch.length - 1].id;
  }

  // Withdrawn in the period but proposed, and never decided or applied, before it.
  const rest = [...withdrawnInPeriod].filter((id) => !seen.has(id)).sort();
  done.total += rest.length;
  for (let i = 0; i < rest.length; i += BATCH) {
    signal.throwIfAborted();
    const batch = await db.riskProposal.findMany({ where: { id: { in: rest.slice(i, i + BATCH) } }, select: PROPOSAL_COLUMNS });
    keep(await complete(context, batch, to));
  }

  rows.sort(byTimeThenId);
  return {
    id: "changes",
    columns: [
      { key: "proposedAt", unit: "time" },
      { key: "proposalId", unit: "text" },
      { key: "kind", unit: "text" },
      { key: "marketOrAsset", unit: "text" },
      { key: "statusAtPeriodEnd", unit: "text" },
      { key: "proposedById", unit: "text" },
      { key: "decision", unit: "text" },
      { key: "decidedById", unit: "text" },
      { key: "decidedAt", unit: "time" },
      { key: "withdrawnAt", unit: "time" },
      { key: "appliedAt", unit: "time" },
      { key: "effectiveAt", unit: "time" },
      { key: "tightening", unit: "text" },
      { key: "approvalReference", unit: "text" },
      { key: "stepsInPeriod", unit: "text" },
    ],
    rows: rows.map((row) => row.cells),
    source:
      "RiskProposal (every kind: MARKET_PARAMETERS, MARKET_APPROVAL, COLLATERAL_ASSET, COLLATERAL_BREAKER, COLLATERAL_LIFT) with a step in [from, to): " +
      "proposedAt, decidedAt, appliedAt or effectiveAtMs in the period, or an AuditLog risk.withdraw for it with at in the period; one row each, by " +
      "proposedAt then id. marketOrAsset: subject (market symbol, or collateral asset id). Steps after `to` are blank and statusAtPeriodEnd is derived " +
      "from the step times (decidedAt, appliedAt; withdrawal and failure times from the first AuditLog risk.withdraw / risk.apply_failed). decision: " +
      "APPROVED or REJECTED, by decidedById (a user id); decidedAt, appliedAt: wall-clock time; effectiveAt: the effective time a market change named " +
      "(engine time), else the engine time it took effect at (effectiveAtMs), else appliedAt. approvalReference: for MARKET_APPROVAL the regulator's " +
      "reference it records; for an approved MARKET_PARAMETERS change the reference of the market's MarketApproval in force at decidedAt " +
      "(recordedAt ≤ decidedAt, not superseded by then); none for collateral. stepsInPeriod: proposed, approved or rejected, withdrawn, effective " +
      "(effectiveAt in the period and the change applied, acted at once, or approved and scheduled)",
  };
}

async function approvalRecords(context: ReportBuildContext, bounds: Bounds, done: { rows: number; total: number }): Promise<ReportTable> {
  const { db, signal, progress } = context;
  const { to } = bounds;
  const where = approvalsWhere(bounds);
  const rows: ReportCell[][] = [];
  let cursor: string | undefined;
  for (;;) {
    signal.throwIfAborted();
    const batch = await db.marketApproval.findMany({
      where,
      orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
      take: BATCH,
      ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
      select: {
        id: true,
        market: true,
        reference: true,
        approvedOn: true,
        parameterHash: true,
        proposalId: true,
        recordedById: true,
        recordedAt: true,
        supersededAt: true,
        supersededById: true,
      },
    });
    for (const row of batch) {
      const superseded = before(row.supersededAt, to);
      const steps = [...(within(row.recordedAt, bounds) ? ["recorded"] : []), ...(within(row.supersededAt, bounds) ? ["superseded"] : [])];
      rows.push([
        row.recordedAt.toISOString(),
        row.id,
        row.market,
        row.reference,
        row.approvedOn.toISOString().slice(0, 10),
        row.parameterHash,
        row.proposalId,
        row.recordedById,
        superseded ? iso(row.supersededAt) : null,
        superseded ? row.supersededById : null,
        steps.join(" "),
      ]);
    }
    done.rows += batch.length;
    progress(done.rows, done.total);
    if (batch.length < BATCH) break;
    cursor = batch[batch.length - 1].id;
  }
  return {
    id: "market-approvals",
    columns: [
      { key: "recordedAt", unit: "time" },
      { key: "approvalId", unit: "text" },
      { key: "market", unit: "text" },
      { key: "reference", unit: "text" },
      { key: "approvedOn", unit: "text" },
      { key: "parameterHash", unit: "text" },
      { key: "proposalId", unit: "text" },
      { key: "recordedById", unit: "text" },
      { key: "supersededAt", unit: "time" },
      { key: "supersededByApprovalId", unit: "text" },
      { key: "stepsInPeriod", unit: "text" },
    ],
    rows,
    source:
      "MarketApproval where recordedAt or supersededAt in [from, to), by recordedAt then id: the regulator's approval records (MRG-5) that came into " +
      "or went out of force. approvedOn: the approval's calendar date (Hong Kong); proposalId: the MARKET_APPROVAL proposal that recorded it, none for " +
      "records the demo seed wrote; recordedById: a user id; supersededAt after `to` is left blank",
  };
}

export const parameterChangesReport: ReportDefinition = {
  id: "parameter-changes",
  async build(context): Promise<ReportResult> {
    const bounds = { from: new Date(context.period.fromMs), to: new Date(context.period.toMs) };
    const [proposals, approvals] = await Promise.all([
      context.db.riskProposal.count({ where: proposalsWhere(context) }),
      context.db.marketApproval.count({ where: approvalsWhere(bounds) }),
    ]);
    const done = { rows: 0, total: proposals + approvals };
    context.progress(0, done.total);
    const tables = [await changes(context, bounds, done), await approvalRecords(context, bounds, done)];
    return { report: "parameter-changes", period: context.period, tables, journal: null };
  },
};
