import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue, T0 } from "../../../test/quiet-market";
import { liveConfig } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { decideCollateralChange } from "@/lib/services/collateral-governance/decide";
import { proposeCollateralChange } from "@/lib/services/collateral-governance/propose";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { decideRiskProposal } from "@/lib/services/risk-governance/decide-risk-proposal";
import { proposeMarketApproval } from "@/lib/services/risk-governance/propose-market-approval";
import { proposeMarketParameters } from "@/lib/services/risk-governance/propose-market-parameters";
import { runScheduledProposalsProjection } from "@/lib/services/risk-governance/scheduled-projection";
import { withdrawRiskProposal } from "@/lib/services/risk-governance/withdraw-risk-proposal";
import { demoApprovalReference, seedMarketApprovals } from "@/prisma/risk-seed";
import { contextFor, signedInUser } from "@/test/service-context";
import type { ReportPeriod, ReportResult, ReportTable } from "../types";
import { parameterChangesReport } from "./parameter-changes";

// MRG-5, COL-1: the parameter-change report against proposals the maker-checker services wrote. A quiet
// market runs in this process; its clock (venue.now) is moved with the officers' clock, as the engine's
// follows the wall clock in service, so effective times and decision times share one timeline.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOTICE_MS = 1440 * MINUTE;
const FROM = T0 + HOUR + 7_303;
const TO = FROM + 30 * HOUR;
const PERIOD: ReportPeriod = { fromMs: FROM, toMs: TO };
const MMR0 = "marginTiers[0].maintenanceMarginRate";
const REFERENCE = "SFC/TEST/RPT-1";
const iso = (ms: number) => new Date(ms).toISOString();

const build = (period: ReportPeriod = PERIOD): Promise<ReportResult> =>
  parameterChangesReport.build({ db: prisma, period, signal: new AbortController().signal, progress: () => {} });
const tableOf = (result: ReportResult, id: string): ReportTable => result.tables.find((table) => table.id === id)!;
const records = (table: ReportTable) => table.rows.map((cells) => Object.fromEntries(table.columns.map((column, i) => [column.key, cells[i]])));
const recordOf = (table: ReportTable, proposalId: string) => records(table).find((r) => r.proposalId === proposalId);

const officer = () => signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: new Date() });
/** The officer acting at FROM + offset, engine time moved there first (it only moves forward). */
async function at(actor: Actor, offsetMs: number): Promise<ServiceContext> {
  if (FROM + offsetMs > venue.now) {
    venue.now = FROM + offsetMs;
    await venue.host.submit({ type: "Tick", nowMs: 0 }, "admin");
  }
  return contextFor(prisma, { ...actor, stepUpAt: new Date(FROM + offsetMs) }, () => new Date(FROM + offsetMs));
}
const spec = () => liveConfig(venue.host.state).markets.find((candidate) => candidate.symbol === "BTC-PERP")!;

async function stressDone(proposalId: string) {
  await prisma.stressSuiteRun.create({
    data: {
      market: "BTC-PERP",
      parameterHash: "ab".repeat(32),
      proposalId,
      status: "done",
      suiteVersion: "test",
      seed: 1,
      results: [],
      finishedAt: new Date(),
    },
  });
}

async function loosen(ctx: ServiceContext) {
  const current = spec().liquidation.liquidationFeeRate;
  return proposeMarketParameters({
    ctx,
    input: {
      market: "BTC-PERP",
      changes: [{ path: "liquidation.liquidationFeeRate", value: String((current * 9n) / 10n) }],
      reason: "Lower the liquidation fee",
    },
  });
}

const ids: Record<string, string> = {};
let maker: Actor;
let checker: Actor;
let effectiveAtMs = 0;

beforeAll(async () => {
  // Test files on one worker share a schema: the governance rows are this file's only.
  await prisma.stressSuiteRun.deleteMany();
  await prisma.riskProposal.deleteMany();
  await prisma.marketApproval.deleteMany();
  await prisma.journalCursor.deleteMany({ where: { name: "risk-proposals" } });
  await seedMarketApprovals(prisma, FROM - 2 * HOUR);
  maker = await officer();
  checker = await officer();

  // Proposed before the period, withdrawn in it.
  const early = await loosen(await at(maker, -30 * MINUTE));
  ids.withdrawn = early.id;

  // Proposed at exactly `from`, approved and in force at once, under the demo approval record.
  const first = await loosen(await at(maker, 0));
  ids.first = first.id;
  await stressDone(first.id);
  await decideRiskProposal({ ctx: await at(checker, MINUTE), input: { id: first.id, version: first.version, decision: "approve", note: "ok" } });

  // A new approval record supersedes the demo one; the next change is approved under it.
  const current = spec().marginTiers[0].maintenanceMarginRate;
  const approval = await proposeMarketApproval({
    ctx: await at(maker, 10 * MINUTE),
    input: {
      market: "BTC-PERP",
      reference: REFERENCE,
      approvedOn: iso(FROM).slice(0, 10),
      envelope: [{ path: MMR0, min: String(current / 10n), max: String(current * 4n) }],
      reason: "Wider envelope approved",
    },
  });
  ids.approval = approval.id;
  await decideRiskProposal({ ctx: await at(checker, 11 * MINUTE), input: { id: approval.id, version: approval.version, decision: "approve" } });
  const second = await loosen(await at(maker, 20 * MINUTE));
  ids.second = second.id;
  await stressDone(second.id);
  await decideRiskProposal({ ctx: await at(checker, 21 * MINUTE), input: { id: second.id, version: second.version, decision: "approve" } });

  await withdrawRiskProposal({ ctx: await at(maker, 30 * MINUTE), input: { id: early.id, version: early.version } });

  // Proposed in the period, rejected at exactly `to`.
  const rejected = await loosen(await at(maker, 40 * MINUTE));
  ids.rejected = rejected.id;

  // A collateral haircut change (COL-1): a RiskProposal of kind COLLATERAL_ASSET.
  const collateral = await proposeCollateralChange({
    ctx: await at(maker, 50 * MINUTE),
    input: { kind: "ASSET", assetId: "USDX-DEMO", haircutPercent: "4", reason: "Issuer reserve attestation is late this month; risk committee RC-12." },
  });
  ids.collateral = collateral.proposalId;
  await decideCollateralChange({
    ctx: await at(checker, 51 * MINUTE),
    input: { proposalId: collateral.proposalId, decision: "APPROVE", note: "Reviewed the reserve report." },
  });

  // A tightening change scheduled with notice, applied by the engine at its effective time.
  const makerAtHour = await at(maker, HOUR);
  effectiveAtMs = venue.host.state.now + NOTICE_MS + 10 * MINUTE;
  const scheduled = await proposeMarketParameters({
    ctx: makerAtHour,
    input: {
      market: "BTC-PERP",
      changes: [{ path: MMR0, value: String((current * 3n) / 2n) }],
      reason: "Raise maintenance margin",
      effectiveAt: iso(effectiveAtMs),
    },
  });
  ids.scheduled = scheduled.id;
  await stressDone(scheduled.id);
  expect(
    (await decideRiskProposal({ ctx: await at(checker, HOUR + MINUTE), input: { id: scheduled.id, version: scheduled.version, decision: "approve" } })).status,
  ).toBe("SCHEDULED");
  venue.now = effectiveAtMs;
  await venue.host.submit({ type: "Tick", nowMs: 0 }, "admin");
  expect(await runScheduledProposalsProjection(prisma, () => new Date(effectiveAtMs + 5_000))).toEqual({ applied: 1, failed: 0 });

  await decideRiskProposal({ ctx: await at(checker, TO - FROM), input: { id: rejected.id, version: rejected.version, decision: "reject", note: "Not now" } });
  ids.atTo = (await loosen(await at(maker, TO - FROM))).id;
});

describe("MRG-5 COL-1: the parameter-change report", () => {
  it("MRG-5 COL-1 RPT-3: every risk-parameter and collateral change with a step in the period is one row, reconciling to RiskProposal and the audit log", async () => {
    const result = await build();
    expect(result).toMatchObject({ report: "parameter-changes", period: PERIOD, journal: null });
    const changes = tableOf(result, "changes");

    // Counted straight from the tables: a step time in [from, to), or a withdrawal audited in it.
    const range = { gte: new Date(FROM), lt: new Date(TO) };
    const stepped = await prisma.riskProposal.findMany({
      where: {
        OR: [{ proposedAt: range }, { decidedAt: range }, { appliedAt: range }, { effectiveAtMs: { gte: BigInt(FROM), lt: BigInt(TO) } }],
      },
      select: { id: true },
    });
    const withdrawn = await prisma.auditLog.findMany({ where: { action: "risk.withdraw", at: range }, select: { entityId: true } });
    const expected = new Set([...stepped.map((row) => row.id), ...withdrawn.map((row) => row.entityId!)]);
    expect(new Set(records(changes).map((r) => r.proposalId))).toEqual(expected);
    expect(changes.rows).toHaveLength(expected.size);
    expect(expected).toEqual(new Set([ids.withdrawn, ids.first, ids.approval, ids.second, ids.rejected, ids.collateral, ids.scheduled]));

    // By time then id: the proposal times, ascending.
    const proposedAt = records(changes).map((r) => Date.parse(r.proposedAt as string));
    expect(proposedAt).toEqual([...proposedAt].sort((a, b) => a - b));
    expect(records(changes).map((r) => r.proposalId)).toEqual([
      ids.withdrawn,
      ids.first,
      ids.approval,
      ids.second,
      ids.rejected,
      ids.collateral,
      ids.scheduled,
    ]);

    // Each row against its RiskProposal row.
    for (const r of records(changes)) {
      const row = await prisma.riskProposal.findUniqueOrThrow({ where: { id: r.proposalId as string } });
      expect(r).toMatchObject({ kind: row.kind, marketOrAsset: row.subject, proposedById: row.proposedById, proposedAt: row.proposedAt.toISOString() });
    }
    expect(recordOf(changes, ids.withdrawn)).toMatchObject({
      statusAtPeriodEnd: "WITHDRAWN",
      decision: null,
      withdrawnAt: iso(FROM + 30 * MINUTE),
      stepsInPeriod: "withdrawn",
    });
    expect(recordOf(changes, ids.first)).toEqual({
      proposedAt: iso(FROM),
      proposalId: ids.first,
      kind: "MARKET_PARAMETERS",
      marketOrAsset: "BTC-PERP",
      statusAtPeriodEnd: "APPLIED",
      proposedById: maker.userId,
      decision: "APPROVED",
      decidedById: checker.userId,
      decidedAt: iso(FROM + MINUTE),
      withdrawnAt: null,
      appliedAt: iso(FROM + MINUTE),
      effectiveAt: iso(FROM + MINUTE),
      tightening: "no",
      approvalReference: demoApprovalReference("BTC-PERP"),
      stepsInPeriod: "proposed approved effective",
    });
    expect(recordOf(changes, ids.approval)).toMatchObject({ kind: "MARKET_APPROVAL", statusAtPeriodEnd: "APPLIED", approvalReference: REFERENCE });
    expect(recordOf(changes, ids.second)).toMatchObject({ approvalReference: REFERENCE, stepsInPeriod: "proposed approved effective" });
    // Rejected at exactly `to`: as at the end of the period it was still waiting.
    expect(recordOf(changes, ids.rejected)).toMatchObject({ statusAtPeriodEnd: "PENDING", decision: null, decidedById: null, stepsInPeriod: "proposed" });
    expect(recordOf(changes, ids.collateral)).toMatchObject({
      kind: "COLLATERAL_ASSET",
      marketOrAsset: "USDX-DEMO",
      statusAtPeriodEnd: "APPLIED",
      decidedById: checker.userId,
      effectiveAt: iso(FROM + 51 * MINUTE),
      tightening: "yes",
      approvalReference: null,
      stepsInPeriod: "proposed approved effective",
    });
    expect(recordOf(changes, ids.scheduled)).toMatchObject({
      statusAtPeriodEnd: "APPLIED",
      appliedAt: iso(effectiveAtMs + 5_000),
      effectiveAt: iso(effectiveAtMs),
      tightening: "yes",
      approvalReference: REFERENCE,
    });

    // The approval records: the demo record superseded, the new one recorded.
    const approvals = records(tableOf(result, "market-approvals"));
    const inTable = await prisma.marketApproval.findMany({
      where: { OR: [{ recordedAt: range }, { supersededAt: range }] },
      orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
    });
    expect(approvals.map((r) => r.approvalId)).toEqual(inTable.map((row) => row.id));
    expect(approvals.map((r) => [r.reference, r.stepsInPeriod, r.proposalId])).toEqual([
      [demoApprovalReference("BTC-PERP"), "superseded", null],
      [REFERENCE, "recorded", ids.approval],
    ]);
    expect(approvals[0]).toMatchObject({ supersededAt: iso(FROM + 11 * MINUTE), supersededByApprovalId: approvals[1].approvalId });

    // User ids only: no e-mail address or name leaves in a report.
    const json = JSON.stringify(result);
    expect(json).not.toContain("@");
    for (const table of result.tables) for (const cells of table.rows) for (const cell of cells) expect(typeof cell === "string" || cell === null).toBe(true);
    expect(JSON.stringify(await build())).toBe(json);
  });

  it("MRG-5: a change at exactly `from` is in the period and one at exactly `to` is in the next", async () => {
    const next = records(tableOf(await build({ fromMs: TO, toMs: TO + 1 }), "changes"));
    expect(next.map((r) => [r.proposalId, r.statusAtPeriodEnd, r.stepsInPeriod])).toEqual([
      [ids.rejected, "REJECTED", "rejected"],
      [ids.atTo, "PENDING", "proposed"],
    ]);
    const first = records(tableOf(await build({ fromMs: FROM, toMs: FROM + 1 }), "changes"));
    expect(first.map((r) => [r.proposalId, r.stepsInPeriod, r.statusAtPeriodEnd])).toEqual([[ids.first, "proposed", "PENDING"]]);
    const before = records(tableOf(await build({ fromMs: FROM - 1, toMs: FROM }), "changes"));
    expect(before.map((r) => r.proposalId)).not.toContain(ids.first);
  });

  it("MRG-5: a scheduled change shows as scheduled until the period its effective time falls in", async () => {
    const approvedOnly = records(tableOf(await build({ fromMs: FROM + HOUR, toMs: FROM + 2 * HOUR }), "changes"));
    expect(approvedOnly.find((r) => r.proposalId === ids.scheduled)).toMatchObject({
      statusAtPeriodEnd: "SCHEDULED",
      appliedAt: null,
      effectiveAt: iso(effectiveAtMs),
      stepsInPeriod: "proposed approved",
    });
    const effective = records(tableOf(await build({ fromMs: effectiveAtMs, toMs: effectiveAtMs + HOUR }), "changes"));
    expect(effective.map((r) => [r.proposalId, r.statusAtPeriodEnd, r.stepsInPeriod])).toEqual([[ids.scheduled, "APPLIED", "effective"]]);
  });

  it("MRG-5: more changes than one batch are all listed once, by time then id, with progress up to the total", async () => {
    // A volume the services cannot make quickly: rows as propose-market-parameters writes them, three to each instant.
    const start = Date.UTC(2031, 4, 1);
    const data = Array.from({ length: 2_101 }, (_, i) => ({
      kind: "MARKET_PARAMETERS" as const,
      subject: "ETH-PERP",
      payload: {},
      diff: [],
      reason: "Volume test",
      proposedById: maker.userId,
      proposedAt: new Date(start + Math.floor(i / 3) * 1_000),
    }));
    await prisma.riskProposal.createMany({ data });
    try {
      const progress: Array<[number, number]> = [];
      const result = await parameterChangesReport.build({
        db: prisma,
        period: { fromMs: start, toMs: start + HOUR },
        signal: new AbortController().signal,
        progress: (done, total) => progress.push([done, total]),
      });
      const listed = records(tableOf(result, "changes")).map((r) => [Date.parse(r.proposedAt as string), r.proposalId as string] as const);
      expect(listed).toHaveLength(2_101);
      expect(new Set(listed.map(([, id]) => id)).size).toBe(2_101);
      const sorted = [...listed].sort(([a, x], [b, y]) => a - b || (x < y ? -1 : x > y ? 1 : 0));
      expect(listed).toEqual(sorted);
      expect(progress.length).toBeGreaterThan(3);
      expect(progress.at(-1)).toEqual([2_101, 2_101]);
    } finally {
      await prisma.riskProposal.deleteMany({ where: { proposedAt: { gte: new Date(start) }, reason: "Volume test" } });
    }
  });

  it("MRG-5: an empty period gives no rows, not an error", async () => {
    const empty = await build({ fromMs: Date.UTC(2040, 0, 1), toMs: Date.UTC(2040, 1, 1) });
    expect(empty.tables.map((table) => [table.id, table.rows.length])).toEqual([
      ["changes", 0],
      ["market-approvals", 0],
    ]);
    const controller = new AbortController();
    controller.abort(new Error("pack cancelled"));
    await expect(parameterChangesReport.build({ db: prisma, period: PERIOD, signal: controller.signal, progress: () => {} })).rejects.toThrow("pack cancelled");
  });
});
