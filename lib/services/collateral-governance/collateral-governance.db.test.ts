import { canonicalJson } from "../../engine/index";
import { decodeCommand } from "../../simulation/journal-codec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import type { EngineRuntime } from "@/lib/simulation/runtime";
import { contextFor, signedInUser } from "@/test/service-context";
import { decideCollateralChange, withdrawCollateralChange } from "./decide";
import { proposeCollateralChange } from "./propose";
import { recentCollateralChanges } from "./read";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const ASSET = "USDX-DEMO";
// Not an account id the incident journal fixtures use (1_000_1xx): files on one worker share the schema.
const HOLDER_ACCOUNT = 6_300_101;
const REASON = "Issuer reserve attestation is late this month; risk committee RC-12.";
let maker: Actor;
let checkers: Actor[];
let co: Actor;
let holder: Actor;

beforeAll(async () => {
  // The services read the engine through the process runtime; the quiet venue's stand-in lacks the feed's market list.
  const runtime = (await (globalThis as unknown as { perpsEngineRuntime: Promise<EngineRuntime> }).perpsEngineRuntime) as unknown as Record<string, unknown>;
  runtime.feed = { markets: () => ["BTC-PERP", "ETH-PERP"] };
  await prisma.riskProposal.deleteMany({});
  const fresh = new Date(Date.now() + 60_000);
  maker = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: fresh });
  checkers = [];
  for (let i = 0; i < 8; i++) checkers.push(await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: fresh }));
  co = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: fresh });
  holder = await signedInUser(prisma, ["CLIENT"]);
  // A client holding 1,000 USDX-DEMO (6 decimals) in the engine, linked to the portal user.
  await prisma.tradingAccount.create({ data: { userId: holder.userId, engineAccountId: HOLDER_ACCOUNT } });
  for (const command of [
    { type: "CreateAccount", nowMs: 0, accountId: HOLDER_ACCOUNT, kind: "client" },
    { type: "Deposit", nowMs: 0, accountId: HOLDER_ACCOUNT, depositId: "col-holder", assetId: ASSET, amountMinor: 1_000_000_000n },
    { type: "SettleDeposit", nowMs: 0, depositId: "col-holder" },
  ] as const) {
    const result = await venue.host.submit(command, "admin");
    expect(result.accepted).toBe(true);
  }
});

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const haircutOf = (assetId: string) => venue.host.state.registry.find((asset) => asset.assetId === assetId)!.haircutRate;
const collateralCommands = () =>
  prisma.engineCommand.findMany({ where: { type: { in: ["UpdateCollateralAsset", "SuspendCollateral", "LiftCollateralSuspension"] } } });

describe("COL-1: maker-checker for the collateral registry", () => {
  it("COL-1: one officer alone cannot change the registry: the proposal waits, the proposer cannot approve it, a compliance officer cannot decide", async () => {
    const before = await collateralCommands();
    const proposed = await proposeCollateralChange({
      ctx: contextFor(prisma, maker),
      input: { kind: "ASSET", assetId: ASSET, haircutPercent: "4", reason: REASON },
    });
    expect(proposed.status).toBe("PENDING");
    expect(haircutOf(ASSET)).toBe(20_000_000n);
    const row = await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } });
    expect(row).toMatchObject({ kind: "COLLATERAL_ASSET", subject: ASSET, tightening: true });
    expect(row.diff).toEqual([{ field: "haircutRate", before: "2 %", after: "4 %" }]);
    expect(row.impact).toMatchObject({
      holders: 1,
      totalAmountMinor: "1000000000",
      valueBeforeUsd: "980000000",
      valueAfterUsd: "960000000",
      belowMaintenanceAfter: 0,
    });

    const own = await refusal(
      decideCollateralChange({
        ctx: contextFor(prisma, maker),
        input: { proposalId: proposed.proposalId, decision: "APPROVE", note: "Approving my own change." },
      }),
    );
    expect(own).toBeInstanceOf(ServiceError);
    expect((own as ServiceError).code).toBe("FORBIDDEN");
    expect(own.message).toMatch(/second officer/);
    const byCo = await refusal(
      decideCollateralChange({ ctx: contextFor(prisma, co), input: { proposalId: proposed.proposalId, decision: "APPROVE", note: "Compliance approves." } }),
    );
    expect((byCo as ServiceError).code).toBe("FORBIDDEN");
    expect(haircutOf(ASSET)).toBe(20_000_000n);
    expect(await collateralCommands()).toHaveLength(before.length);
    expect((await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } })).status).toBe("PENDING");
    await withdrawCollateralChange({ ctx: contextFor(prisma, maker), input: { proposalId: proposed.proposalId } });
    expect((await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } })).status).toBe("WITHDRAWN");
  });

  it("COL-1: 8 parallel approvals by different officers send exactly one engine command; the holder is notified with their figures", async () => {
    const before = await collateralCommands();
    const proposed = await proposeCollateralChange({
      ctx: contextFor(prisma, maker),
      input: { kind: "ASSET", assetId: ASSET, haircutPercent: "5", reason: REASON },
    });
    const results = await Promise.allSettled(
      checkers.map((checker) =>
        decideCollateralChange({
          ctx: contextFor(prisma, checker),
          input: { proposalId: proposed.proposalId, decision: "APPROVE", note: "Reviewed the reserve report." },
        }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) expect((lost.reason as ServiceError).code).toBe("CONFLICT");
    const after = await collateralCommands();
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)!.type).toBe("UpdateCollateralAsset");
    expect(haircutOf(ASSET)).toBe(50_000_000n);

    const row = await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } });
    expect(row.status).toBe("APPLIED");
    expect(row.appliedSeq).not.toBeNull();
    expect(row.noticesQueued).toBe(1);
    const notices = await prisma.clientNotice.findMany({ where: { userId: holder.userId, kind: "collateralRegistry.changed" }, include: { deliveries: true } });
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe("Collateral change: USDX-DEMO");
    expect(notices[0].body).toContain("Haircut: 2 % before, 5 % now");
    expect(notices[0].body).toContain("Your holding of 1,000.000000 USDX-DEMO was valued at 980.00 USD and is now valued at 950.00 USD");
    expect(notices[0].deliveries.map((d) => d.channel).sort()).toEqual(["email", "inbox"]);
    const actions = await prisma.auditLog.findMany({ where: { entityId: proposed.proposalId }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["risk.propose", "risk.approve", "risk.apply"]);

    const changes = await recentCollateralChanges({ ctx: contextFor(prisma, null) });
    expect(changes[0]).toMatchObject({ assetId: ASSET, status: "APPLIED", reason: REASON, holdersNotified: 1 });
  });
});

describe("COL-4: the circuit breaker acts at once and is approved after the fact", () => {
  it("COL-4: the breaker acts at once (journaled, holders notified); a second officer's rejection lifts it and says so", async () => {
    const proposed = await proposeCollateralChange({
      ctx: contextFor(prisma, maker),
      input: { kind: "BREAKER", assetId: ASSET, cause: "DEPEG", mode: "HAIRCUT_100", note: "Traded at 0.96 on three venues", actAtOnce: true, reason: REASON },
    });
    expect(proposed.status).toBe("ACTED_PENDING_APPROVAL");
    expect(venue.host.state.breakers.filter((b) => b.assetId === ASSET)).toHaveLength(1);
    const journaled = await prisma.engineCommand.findFirst({ where: { type: "SuspendCollateral" }, orderBy: { position: "desc" } });
    // The quiet venue's stand-in runtime records every submission as "client"; the point is that it is in the journal.
    expect(journaled && canonicalJson(decodeCommand(journaled))).toContain(ASSET);
    const row = await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } });
    expect(row.appliedSeq).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { entityId: proposed.proposalId, action: "risk.act_at_once" } })).toBe(1);
    const acted = await prisma.clientNotice.findFirstOrThrow({ where: { userId: holder.userId, dedupeKey: { contains: `${proposed.proposalId}:acted` } } });
    expect(acted.body).toContain("A circuit breaker suspended USDX-DEMO");
    expect(acted.body).toContain("now valued at 0.00 USD");

    const rejected = await decideCollateralChange({
      ctx: contextFor(prisma, checkers[0]),
      input: { proposalId: proposed.proposalId, decision: "REJECT", note: "Price recovered within minutes; not a depeg." },
    });
    expect(rejected).toMatchObject({ status: "REJECTED", lifted: true, noticesQueued: 1 });
    expect(venue.host.state.breakers.filter((b) => b.assetId === ASSET)).toHaveLength(0);
    const lifted = await prisma.clientNotice.findFirstOrThrow({ where: { userId: holder.userId, dedupeKey: { contains: `${proposed.proposalId}:lifted` } } });
    expect(lifted.body).toContain("was not confirmed by a second officer and has been lifted");
    expect(lifted.body).toContain("now valued at 950.00 USD");
  });

  it("COL-4: an acted breaker approved after the fact is APPLIED; the proposer cannot confirm it alone; a lift then goes through maker-checker", async () => {
    const proposed = await proposeCollateralChange({
      ctx: contextFor(prisma, maker),
      input: { kind: "BREAKER", assetId: ASSET, cause: "ISSUER_EVENT", mode: "INELIGIBLE", actAtOnce: true, reason: REASON },
    });
    const own = await refusal(
      decideCollateralChange({
        ctx: contextFor(prisma, maker),
        input: { proposalId: proposed.proposalId, decision: "APPROVE", note: "Confirming my own breaker." },
      }),
    );
    expect((own as ServiceError).code).toBe("FORBIDDEN");
    const approved = await decideCollateralChange({
      ctx: contextFor(prisma, checkers[1]),
      input: { proposalId: proposed.proposalId, decision: "APPROVE", note: "Issuer suspended redemptions." },
    });
    expect(approved.status).toBe("APPLIED");
    expect(venue.host.state.breakers.some((b) => b.assetId === ASSET && b.mode === "INELIGIBLE")).toBe(true);

    const lift = await proposeCollateralChange({ ctx: contextFor(prisma, maker), input: { kind: "LIFT", assetId: ASSET, reason: REASON } });
    expect(venue.host.state.breakers.some((b) => b.assetId === ASSET)).toBe(true);
    await decideCollateralChange({
      ctx: contextFor(prisma, checkers[2]),
      input: { proposalId: lift.proposalId, decision: "APPROVE", note: "Redemptions resumed, reserves attested." },
    });
    expect(venue.host.state.breakers.some((b) => b.assetId === ASSET)).toBe(false);
  });

  it("COL-4: acting at once needs a fresh step-up", async () => {
    const stale = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"]);
    const error = await refusal(
      proposeCollateralChange({
        ctx: contextFor(prisma, stale),
        input: { kind: "BREAKER", assetId: ASSET, cause: "DEPEG", mode: "HAIRCUT_100", actAtOnce: true, reason: REASON },
      }),
    );
    expect((error as ServiceError).code).toBe("STEP_UP_REQUIRED");
    expect(venue.host.state.breakers.some((b) => b.assetId === ASSET)).toBe(false);
  });
});

describe("COL-1: hostile input is refused with a specific error, audited, and changes nothing", () => {
  it("COL-1: oversized, negative haircut, unknown asset, missing licence, nothing to change", async () => {
    const rowsBefore = await prisma.riskProposal.count();
    const registryBefore = JSON.stringify(venue.host.state.registry, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    const refusalsBefore = await prisma.auditLog.count({ where: { action: "risk.propose_refused" } });
    const ctx = contextFor(prisma, maker);
    const cases: Array<[string, unknown, RegExp]> = [
      ["oversized reason", { kind: "ASSET", assetId: ASSET, haircutPercent: "3", reason: "x".repeat(100_000) }, /reasonTooLong|At most 500/],
      ["oversized name", { kind: "ASSET", assetId: ASSET, name: "n".repeat(5_000), reason: REASON }, /textTooLong|At most 300/],
      ["negative haircut", { kind: "ASSET", assetId: ASSET, haircutPercent: "-5", reason: REASON }, /haircut|percentage/],
      ["haircut of 100 %", { kind: "ASSET", assetId: ASSET, haircutPercent: "100", reason: REASON }, /haircut|percentage/],
      [
        "unknown asset for a breaker",
        { kind: "BREAKER", assetId: "NOPE-COIN", cause: "DEPEG", mode: "HAIRCUT_100", reason: REASON },
        /NOPE-COIN is not in the collateral registry/,
      ],
      ["lift without a breaker", { kind: "LIFT", assetId: ASSET, reason: REASON }, /no circuit breaker is in force on USDX-DEMO/],
      [
        "stablecoin without a licence",
        {
          kind: "ASSET",
          assetId: "HKDY",
          name: "HKD Y coin",
          assetKind: "HKMA_LICENSED_STABLECOIN",
          currency: "HKD",
          issuer: "Y Issuer Ltd",
          haircutPercent: "2",
          decimals: "6",
          maxDepositMinor: "1000000000",
          maxAccountMinor: "10000000000",
          effectiveFrom: "2026-01-01T00:00",
          regulatoryBasis: "Cap. 656 licensed issuer",
          valuationMethod: "At par to HKD",
          reason: REASON,
        },
        /licenceNo: HKMA_LICENSED_STABLECOIN entries need the issuer's HKMA licence/,
      ],
      ["USDT", { kind: "ASSET", assetId: "USDT", reason: REASON }, /USDT is neither fiat nor a stablecoin/],
      ["nothing changes", { kind: "ASSET", assetId: ASSET, haircutPercent: "5", reason: REASON }, /changes nothing/],
      ["USD haircut", { kind: "BREAKER", assetId: "USD", cause: "OTHER", mode: "HAIRCUT_100", reason: REASON }, /settlement ledger/],
    ];
    for (const [label, input, expected] of cases) {
      const error = await refusal(proposeCollateralChange({ ctx, input: input as never }));
      const text = error instanceof ServiceError ? `${error.message} ${JSON.stringify(error.fieldErrors ?? {})}` : error.message;
      expect(text, label).toMatch(expected);
    }
    expect(await prisma.riskProposal.count()).toBe(rowsBefore);
    expect(JSON.stringify(venue.host.state.registry, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).toBe(registryBefore);
    expect(await prisma.auditLog.count({ where: { action: "risk.propose_refused" } })).toBe(refusalsBefore + cases.length);
  });
});
