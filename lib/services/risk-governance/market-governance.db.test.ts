import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { liveConfig, type Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { createUser } from "@/prisma/factories";
import { demoApprovalReference, seedMarketApprovals } from "@/prisma/risk-seed";
import { contextFor, signedInUser, unique } from "@/test/service-context";
import type { Actor } from "@/lib/services/context";
import { decideRiskProposal } from "./decide-risk-proposal";
import { proposeMarketApproval } from "./propose-market-approval";
import { proposeMarketParameters } from "./propose-market-parameters";
import { runScheduledProposalsProjection } from "./scheduled-projection";
import { withdrawRiskProposal } from "./withdraw-risk-proposal";
import { getMyScheduledChanges } from "./get-my-scheduled-changes";
import { requireMarketApprovals } from "./startup";
import { getParameters } from "@/lib/services/public-market-data/get-parameters";
import { decodeEvent } from "../../simulation/journal-codec";

// MRG-5, maker-checker, advance notice: market parameters change only through a proposal decided by a
// second officer, inside the approved envelope, with notice for a tightening change. A quiet market
// runs in this process; its clock (venue.now) is engine time.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const MMR0 = "marginTiers[0].maintenanceMarginRate";
const MINUTE = 60_000;
const NOTICE_MS = 1440 * MINUTE;

async function clear() {
  await prisma.stressSuiteRun.deleteMany();
  await prisma.riskProposal.deleteMany();
  await prisma.marketApproval.deleteMany();
  await prisma.journalCursor.deleteMany({ where: { name: "risk-proposals" } });
}
beforeAll(clear);
beforeEach(async () => {
  await clear();
  await seedMarketApprovals(prisma, Date.UTC(2026, 11, 1));
});

const officer = (roles: Actor["roles"] = ["RESPONSIBLE_OFFICER"]) => signedInUser(prisma, roles, { stepUpAt: new Date() });
const ctxOf = (actor: Actor) => contextFor(prisma, actor, () => new Date());
const spec = (market = "BTC-PERP") => liveConfig(venue.host.state).markets.find((candidate) => candidate.symbol === market)!;
const mmr0 = (market = "BTC-PERP") => spec(market).marginTiers[0].maintenanceMarginRate;
const iso = (ms: number) => new Date(ms).toISOString();
const tick = () => venue.host.submit({ type: "Tick", nowMs: 0 }, "admin");
const updateCommands = () => prisma.engineCommand.count({ where: { type: "UpdateMarketParameters" } });

async function stressDone(proposalId: string, market = "BTC-PERP") {
  await prisma.stressSuiteRun.create({
    data: { market, parameterHash: "ab".repeat(32), proposalId, status: "done", suiteVersion: "test", seed: 1, results: [], finishedAt: new Date() },
  });
}

/** A loosening change (no notice needed): the liquidation fee down a little. */
async function looseningProposal(ctx: ReturnType<typeof ctxOf>, market = "BTC-PERP") {
  const current = spec(market).liquidation.liquidationFeeRate;
  return proposeMarketParameters({
    ctx,
    input: {
      market,
      changes: [{ path: "liquidation.liquidationFeeRate", value: String((current * 9n) / 10n) }],
      reason: "Lower the liquidation fee after review",
    },
  });
}

describe("MRG-5: nobody changes a market parameter alone", () => {
  it("MRG-5: one officer alone cannot change anything — a proposal changes nothing, and its proposer cannot approve it, even holding both roles", async () => {
    const before = mmr0();
    const both = await officer(["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"]);
    const ctx = ctxOf(both);
    const proposal = await looseningProposal(ctx);
    expect(await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "PENDING" });
    await stressDone(proposal.id);
    await expect(decideRiskProposal({ ctx, input: { id: proposal.id, version: proposal.version, decision: "approve" } })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("needs a second officer"),
    });
    expect(mmr0()).toBe(before);
    expect(spec().liquidation.liquidationFeeRate).not.toBe(undefined);
    expect(await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "PENDING", version: proposal.version });
    // A second officer's approval is what puts it in force, at once (not tightening, no effective time).
    const checker = await officer();
    const decided = await decideRiskProposal({ ctx: ctxOf(checker), input: { id: proposal.id, version: proposal.version, decision: "approve", note: "ok" } });
    expect(decided.status).toBe("APPLIED");
    const audit = await prisma.auditLog.findMany({ where: { entityId: proposal.id }, orderBy: { seq: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["risk.propose", "risk.approve", "risk.apply"]);
  });

  it("MRG-5: a decision needs a step-up, and a client or compliance officer cannot decide", async () => {
    const proposal = await looseningProposal(ctxOf(await officer()));
    const stale = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: null });
    await expect(decideRiskProposal({ ctx: ctxOf(stale), input: { id: proposal.id, version: 0, decision: "approve" } })).rejects.toMatchObject({
      code: "STEP_UP_REQUIRED",
    });
    const co = await officer(["COMPLIANCE_OFFICER"]);
    await expect(decideRiskProposal({ ctx: ctxOf(co), input: { id: proposal.id, version: 0, decision: "approve" } })).rejects.toMatchObject({ status: 403 });
  });
});

describe("MRG-5: the approved envelope", () => {
  it("MRG-5: a change outside the envelope is refused naming the bound and the approval; it changes nothing and is audited", async () => {
    const ctx = ctxOf(await officer());
    const before = mmr0();
    const tooLow = ((before * 4n) / 10n).toString();
    await expect(
      proposeMarketParameters({ ctx, input: { market: "BTC-PERP", changes: [{ path: MMR0, value: tooLow }], reason: "Try a much lower maintenance margin" } }),
    ).rejects.toMatchObject({
      status: 422,
      message: `${MMR0} 0.2% is below the approved minimum 0.25% (approval ${demoApprovalReference("BTC-PERP")}).`,
    });
    expect(await prisma.riskProposal.count()).toBe(0);
    expect(mmr0()).toBe(before);
    const refused = await prisma.auditLog.findFirstOrThrow({ where: { action: "risk.propose_refused" }, orderBy: { seq: "desc" } });
    expect(refused.after).toMatchObject({ market: "BTC-PERP", refused: expect.stringContaining("below the approved minimum") });
  });

  it("MRG-5: a market without an approval record in force changes nothing", async () => {
    await prisma.marketApproval.deleteMany({ where: { market: "ETH-PERP" } });
    await expect(looseningProposal(ctxOf(await officer()), "ETH-PERP")).rejects.toMatchObject({
      status: 412,
      message: expect.stringContaining("ETH-PERP has no approval record in force"),
    });
    expect(await prisma.riskProposal.count()).toBe(0);
  });

  it("MRG-5: widening needs a new approval record, decided by a second officer; it supersedes the one in force and the spec must lie inside it", async () => {
    const maker = ctxOf(await officer());
    const current = mmr0();
    // The spec in force outside the proposed envelope: refused naming the path.
    await expect(
      proposeMarketApproval({
        ctx: maker,
        input: {
          market: "BTC-PERP",
          reference: "SFC/TEST/2",
          approvedOn: "2026-12-05",
          envelope: [{ path: MMR0, min: String(current + 1n) }],
          reason: "Tighter envelope",
        },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining(`${MMR0} 0.5% is below the approved minimum`) });
    await expect(
      proposeMarketApproval({
        ctx: maker,
        input: { market: "BTC-PERP", reference: "SFC/TEST/2", approvedOn: "2026-12-05", envelope: [{ path: "tickSize", min: "1" }], reason: "Fixed parameter" },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("tickSize is not a changeable numeric parameter") });
    const widened = await proposeMarketApproval({
      ctx: maker,
      input: {
        market: "BTC-PERP",
        reference: "SFC/TEST/2",
        approvedOn: "2026-12-05",
        envelope: [{ path: MMR0, min: String(current / 10n), max: String(current * 4n) }],
        reason: "Wider envelope approved",
      },
    });
    await expect(decideRiskProposal({ ctx: maker, input: { id: widened.id, version: widened.version, decision: "approve" } })).rejects.toMatchObject({
      status: 403,
    });
    await decideRiskProposal({ ctx: ctxOf(await officer()), input: { id: widened.id, version: widened.version, decision: "approve" } });
    const records = await prisma.marketApproval.findMany({ where: { market: "BTC-PERP" }, orderBy: { recordedAt: "asc" } });
    expect(records.map((row) => [row.reference, row.supersededAt !== null])).toEqual([
      [demoApprovalReference("BTC-PERP"), true],
      ["SFC/TEST/2", false],
    ]);
    expect(records[1].parameterHash).toMatch(/^[0-9a-f]{64}$/);
    // What the old envelope refused is now inside the new one.
    const lower = await proposeMarketParameters({
      ctx: maker,
      input: { market: "BTC-PERP", changes: [{ path: MMR0, value: String((current * 4n) / 10n) }], reason: "Within the widened envelope" },
    });
    expect(lower.tightening).toBe(false);
  });
});

describe("MRG-5: no market goes live without an approval record", () => {
  it("MRG-5: in production mode the engine refuses to start while a configured market has no approval in force; in demo mode it starts", async () => {
    await expect(requireMarketApprovals(prisma, { mode: "production" })).resolves.toBeUndefined();
    await prisma.marketApproval.deleteMany({ where: { market: "ETH-PERP" } });
    await expect(requireMarketApprovals(prisma, { mode: "production" })).rejects.toThrow("ETH-PERP has no current approval record (MRG-5)");
    await expect(requireMarketApprovals(prisma, { mode: "demo" })).resolves.toBeUndefined();
  });
});

describe("maker-checker: hostile input and races", () => {
  it("MRG-5: oversized values, unknown paths, wrong types and fixed parameters are refused with a specific message and change nothing", async () => {
    const ctx = ctxOf(await officer());
    const propose = (path: string, value: string) =>
      proposeMarketParameters({ ctx, input: { market: "BTC-PERP", changes: [{ path, value }], reason: "Hostile input test" } });
    await expect(propose(MMR0, "9".repeat(201))).rejects.toMatchObject({ name: "ZodError" });
    await expect(propose("fees.noSuchFee", "1")).rejects.toMatchObject({ message: expect.stringContaining("BTC-PERP has no parameter fees.noSuchFee") });
    await expect(propose(MMR0, "0.06")).rejects.toMatchObject({ message: expect.stringContaining("whole number") });
    await expect(propose("tickSize", "2")).rejects.toMatchObject({ status: 422 });
    await expect(
      proposeMarketParameters({
        ctx,
        input: { market: "BTC-PERP", changes: Array.from({ length: 21 }, () => ({ path: MMR0, value: "1" })), reason: "Too many changes" },
      }),
    ).rejects.toMatchObject({ name: "ZodError" });
    expect(await prisma.riskProposal.count()).toBe(0);
  });

  it("MRG-5: a decision on a stale version is refused; a withdrawn proposal cannot be decided; only its proposer withdraws it", async () => {
    const makerCtx = ctxOf(await officer());
    const proposal = await looseningProposal(makerCtx);
    await stressDone(proposal.id);
    const checker = ctxOf(await officer());
    await expect(decideRiskProposal({ ctx: checker, input: { id: proposal.id, version: proposal.version + 1, decision: "approve" } })).rejects.toMatchObject({
      status: 409,
    });
    await expect(withdrawRiskProposal({ ctx: checker, input: { id: proposal.id, version: proposal.version } })).rejects.toMatchObject({ status: 403 });
    await withdrawRiskProposal({ ctx: makerCtx, input: { id: proposal.id, version: proposal.version } });
    await expect(decideRiskProposal({ ctx: checker, input: { id: proposal.id, version: proposal.version + 1, decision: "approve" } })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("WITHDRAWN"),
    });
  });

  it("MRG-5: approval waits for the stress suite's finished run", async () => {
    const proposal = await looseningProposal(ctxOf(await officer()));
    const checker = ctxOf(await officer());
    await expect(decideRiskProposal({ ctx: checker, input: { id: proposal.id, version: proposal.version, decision: "approve" } })).rejects.toMatchObject({
      status: 412,
      message: expect.stringContaining("still running"),
    });
    await stressDone(proposal.id);
    expect((await decideRiskProposal({ ctx: checker, input: { id: proposal.id, version: proposal.version, decision: "approve" } })).status).toBe("APPLIED");
  });

  it("MRG-5: eight officers approving one proposal at once: exactly one wins and the engine gets one command", async () => {
    const proposal = await looseningProposal(ctxOf(await officer()));
    await stressDone(proposal.id);
    const checkers = await Promise.all(Array.from({ length: 8 }, () => officer()));
    const commandsBefore = await updateCommands();
    const results = await Promise.allSettled(
      checkers.map((actor) => decideRiskProposal({ ctx: ctxOf(actor), input: { id: proposal.id, version: proposal.version, decision: "approve" } })),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409 });
    expect(await updateCommands()).toBe(commandsBefore + 1);
    expect(await prisma.auditLog.count({ where: { action: "risk.approve", entityId: proposal.id } })).toBe(1);
  });
});

describe("MRG-5: advance notice of a tightening change", () => {
  it("MRG-5: a tightening change with too short a notice is refused at proposal and again at approval", async () => {
    const ctx = ctxOf(await officer());
    const higher = String((mmr0() * 3n) / 2n);
    const now = venue.host.state.now;
    await expect(
      proposeMarketParameters({
        ctx,
        input: { market: "BTC-PERP", changes: [{ path: MMR0, value: higher }], reason: "Raise maintenance margin", effectiveAt: iso(now + NOTICE_MS - MINUTE) },
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("at least 1440 minutes' notice") });
    await expect(
      proposeMarketParameters({ ctx, input: { market: "BTC-PERP", changes: [{ path: MMR0, value: higher }], reason: "Raise maintenance margin" } }),
    ).rejects.toMatchObject({ message: expect.stringContaining("at least 1440 minutes' notice") });
    const proposal = await proposeMarketParameters({
      ctx,
      input: { market: "BTC-PERP", changes: [{ path: MMR0, value: higher }], reason: "Raise maintenance margin", effectiveAt: iso(now + NOTICE_MS + MINUTE) },
    });
    expect(proposal.tightening).toBe(true);
    await stressDone(proposal.id);
    // Two minutes of engine time later the notice from approval would be too short.
    venue.now += 2 * MINUTE;
    await tick();
    await expect(
      decideRiskProposal({ ctx: ctxOf(await officer()), input: { id: proposal.id, version: proposal.version, decision: "approve" } }),
    ).rejects.toMatchObject({ message: expect.stringContaining("at least 1440 minutes' notice") });
    expect(await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "PENDING" });
  });

  it("MRG-5: a scheduled change takes effect exactly at its effective time in engine time; holders are notified with their own figures and see them on their positions page; DISC-1: the public change log lists it as scheduled", async () => {
    // A client of the portal holding a BTC-PERP position.
    const client = await createUser(prisma, { email: unique("holder"), roles: ["CLIENT"] });
    const accountId = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    await prisma.tradingAccount.create({ data: { userId: client.id, engineAccountId: accountId } });
    const submit = (command: Omit<Command, "nowMs">) => venue.host.submit({ ...command, nowMs: 0 } as Command, "admin");
    await submit({ type: "CreateAccount", accountId, kind: "client" } as Command);
    await submit({ type: "Deposit", accountId, depositId: `dep-${accountId}`, assetId: "USD", amountMinor: 2_000_000n } as Command);
    await submit({ type: "SettleDeposit", depositId: `dep-${accountId}` } as Command);
    const order = await submit({
      type: "PlaceOrder",
      accountId,
      orderId: venue.host.allocateOrderId(),
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 600_010,
      size: 1_000,
      tif: "GTC",
    } as Command);
    expect(order.accepted).toBe(true);

    const maker = ctxOf(await officer());
    const before = mmr0();
    const higher = (before * 2n).toString();
    const effectiveAtMs = venue.host.state.now + NOTICE_MS + 10 * MINUTE;
    const proposal = await proposeMarketParameters({
      ctx: maker,
      input: {
        market: "BTC-PERP",
        changes: [{ path: MMR0, value: higher }],
        reason: "Raise maintenance margin for volatility",
        effectiveAt: iso(effectiveAtMs),
      },
    });
    await stressDone(proposal.id);
    const decided = await decideRiskProposal({ ctx: ctxOf(await officer()), input: { id: proposal.id, version: proposal.version, decision: "approve" } });
    expect(decided).toMatchObject({ status: "SCHEDULED", noticesQueued: 1 });
    const notice = await prisma.clientNotice.findFirstOrThrow({ where: { userId: client.id, kind: "parameterChange.scheduled" } });
    expect(notice.body).toContain(MMR0);
    expect(notice.body).toMatch(/margin ratio \S+ now, \S+ after the change; liquidation price [\d,.]+ now, [\d,.]+ after/);
    const panel = await getMyScheduledChanges({ ctx: contextFor(prisma, { ...(await officer()), userId: client.id, roles: ["CLIENT"] }) });
    expect(panel).toEqual([expect.objectContaining({ market: "BTC-PERP", effectiveAtMs })]);
    expect(panel[0].liquidationAfter).not.toBe(panel[0].liquidationBefore);

    // DISC-1: the public registry lists it as scheduled, with each market's approval record.
    const published = await getParameters({ ctx: contextFor(prisma, null), input: { market: "BTC-PERP" } });
    expect(published.scheduled).toEqual([expect.objectContaining({ market: "BTC-PERP", effectiveAtMs, diff: [expect.objectContaining({ path: MMR0 })] })]);
    expect(published.approvals).toEqual([expect.objectContaining({ market: "BTC-PERP", reference: demoApprovalReference("BTC-PERP") })]);

    // One millisecond before: still the old value. At the effective time: in force.
    venue.now = effectiveAtMs - 1;
    await tick();
    expect(mmr0()).toBe(before);
    expect(await runScheduledProposalsProjection(prisma)).toEqual({ applied: 0, failed: 0 });
    venue.now = effectiveAtMs;
    await tick();
    expect(mmr0()).toBe(BigInt(higher));
    expect(await runScheduledProposalsProjection(prisma)).toEqual({ applied: 1, failed: 0 });
    const applied = await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposal.id } });
    expect(applied.status).toBe("APPLIED");
    const event = await prisma.engineEvent.findFirstOrThrow({ where: { seq: applied.appliedSeq! } });
    expect(Number(event.nowMs)).toBe(effectiveAtMs);
    expect((decodeEvent(event) as unknown as { scheduleId: unknown }).scheduleId).toBeDefined();
  });
  it("MRG-5: a scheduled change the engine can no longer apply at its time is marked failed with the engine's reason, and audited", async () => {
    const maker = ctxOf(await officer());
    const [m1, m2] = [spec().marginTiers[1].maintenanceMarginRate, spec().marginTiers[2].maintenanceMarginRate];
    const effectiveAtMs = venue.host.state.now + NOTICE_MS + MINUTE;
    const scheduled = await proposeMarketParameters({
      ctx: maker,
      input: {
        market: "BTC-PERP",
        changes: [{ path: "marginTiers[1].maintenanceMarginRate", value: String(m1 + ((m2 - m1) * 4n) / 5n) }],
        reason: "Raise tier-2 maintenance margin",
        effectiveAt: iso(effectiveAtMs),
      },
    });
    await stressDone(scheduled.id);
    expect(
      (await decideRiskProposal({ ctx: ctxOf(await officer()), input: { id: scheduled.id, version: scheduled.version, decision: "approve" } })).status,
    ).toBe("SCHEDULED");
    // Meanwhile tier 3 comes down below the scheduled tier-2 rate (a loosening change, in force at once).
    const lower = await proposeMarketParameters({
      ctx: maker,
      input: {
        market: "BTC-PERP",
        changes: [{ path: "marginTiers[2].maintenanceMarginRate", value: String(m1 + (m2 - m1) / 2n) }],
        reason: "Lower tier-3 maintenance margin",
      },
    });
    await stressDone(lower.id);
    expect((await decideRiskProposal({ ctx: ctxOf(await officer()), input: { id: lower.id, version: lower.version, decision: "approve" } })).status).toBe(
      "APPLIED",
    );
    venue.now = effectiveAtMs;
    await tick();
    expect(await runScheduledProposalsProjection(prisma)).toEqual({ applied: 0, failed: 1 });
    const failed = await prisma.riskProposal.findUniqueOrThrow({ where: { id: scheduled.id } });
    expect(failed).toMatchObject({ status: "FAILED", failure: expect.stringContaining("marginTiers") });
    expect(await prisma.auditLog.count({ where: { action: "risk.apply_failed", entityId: scheduled.id } })).toBe(1);
  });
});
