import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { createPrismaClient } from "@/lib/prisma-client";
import { CLIENT_DEPOSIT_CONFIRMATION_MS } from "@/lib/simulation/client-deposits";
import type { Actor } from "@/lib/services/context";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder } from "@/lib/services/trading/place-order";
import { syncAllVenueAccess, syncVenueAccess } from "@/lib/services/trading/sync-venue-access";
import type { TradingVenue } from "@/lib/services/trading/venue";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { getDisclosureStatus } from "@/lib/services/suitability/get-disclosure-status";
import { revokePiStatus } from "@/lib/services/suitability/revoke-pi-status";
import { withdrawPiConsent } from "@/lib/services/suitability/withdraw-pi-consent";
import { approvedForPerps, contextFor, signedInUser } from "@/test/service-context";
import { decodeCommand } from "../../simulation/journal-codec";

// PI-1, PI-7, PI-8, DISC-8: losing the perps entitlement reaches the venue (the engine account turns
// reduce-only and its resting opening orders are cancelled, journaled), and restoring it lifts that.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const DAY = 86_400_000;

/** A client approved for perps with an open, funded account, a long position of 0.01 BTC, a resting opening buy and a resting reduce-only sell. */
async function tradingClient() {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  await approvedForPerps(prisma, actor);
  const ctx = contextFor(prisma, actor);
  const { engineAccountId } = await openTradingAccount({ ctx });
  venue.now += CLIENT_DEPOSIT_CONFIRMATION_MS;
  await venue.deposits.settleDue();
  expect(await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.01" } })).toMatchObject({ filledLots: 10 });
  const opening = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.005" } });
  const closing = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "sell", orderType: "limit", price: "61000", size: "0.004", reduceOnly: "on" } });
  expect(opening).toMatchObject({ status: "accepted", restingLots: 5 });
  expect(closing).toMatchObject({ status: "accepted", restingLots: 4 });
  return { actor, ctx, engineAccountId, openingId: opening.orderId, closingId: closing.orderId };
}

const account = (engineAccountId: number) => venue.host.state.accounts.get(engineAccountId)!;
const resting = (orderId: number) => venue.host.state.orders.get(orderId) !== undefined;

/** The journaled SetAccountLimits commands that set this account's reduce-only flag. */
async function reduceOnlyCommands(engineAccountId: number) {
  const rows = await prisma.engineCommand.findMany({ where: { type: "SetAccountLimits" }, orderBy: { position: "asc" } });
  return rows
    .map((row) => ({ source: row.source, command: decodeCommand(row) as unknown as { accountId: number; reduceOnly?: boolean } }))
    .filter((row) => row.command.accountId === engineAccountId && row.command.reduceOnly !== undefined)
    .map((row) => row.command.reduceOnly);
}

function auditOf(entityId: string, action: string) {
  return prisma.auditLog.findMany({ where: { entityId, action }, orderBy: { seq: "asc" }, select: { actorId: true, after: true, reason: true } });
}

async function officer(stepUpAt: Date | null = new Date()): Promise<Actor> {
  return signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt });
}

function zodIssue(error: unknown): string {
  return error instanceof z.ZodError ? (error.issues[0]?.message ?? "") : `not a validation error: ${String(error)}`;
}

describe("PI-1, PI-8: losing the perps entitlement reaches the venue", () => {
  it("PI-8: after expiry (clock moved past expiresAt) the reconciliation cancels the resting opening order and sets reduce-only; a new buy is refused and a reduce-only sell passes", async () => {
    const { actor, engineAccountId, openingId, closingId } = await tradingClient();
    const expiresAt = (await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: actor.userId } })).expiresAt!;
    const before = contextFor(prisma, actor, () => new Date(expiresAt.getTime() - 60_000));
    expect(await syncVenueAccess(before, actor.userId)).toEqual({ status: "in_sync", reduceOnly: false });
    expect(account(engineAccountId).reduceOnly).toBe(false);

    const after = contextFor(prisma, actor, () => new Date(expiresAt.getTime() + 1));
    const swept = await syncAllVenueAccess(after);
    expect(swept.changed).toBeGreaterThanOrEqual(1);
    expect(account(engineAccountId).reduceOnly).toBe(true);
    expect(resting(openingId)).toBe(false);
    expect(resting(closingId)).toBe(true);
    // Journaled like every command, and audited with the order it cancelled.
    expect(await reduceOnlyCommands(engineAccountId)).toEqual([true]);
    expect(await auditOf(String(engineAccountId), "trading.reduce_only_set")).toEqual([
      expect.objectContaining({
        actorId: null,
        after: expect.objectContaining({
          userId: actor.userId,
          code: "PI_STATUS_EXPIRED",
          cancelledOrders: [{ orderId: openingId, market: "BTC-PERP", lots: 5 }],
        }),
      }),
    ]);

    await expect(
      placeOrder({ ctx: after, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.001" } }),
    ).rejects.toMatchObject({
      status: 403,
      code: "PI_STATUS_EXPIRED",
    });
    expect(await placeOrder({ ctx: after, input: { market: "BTC-PERP", side: "sell", orderType: "market", size: "0.005", reduceOnly: "on" } })).toMatchObject({
      status: "accepted",
      filledLots: 5,
    });
    // Running again changes nothing and sends nothing.
    await syncAllVenueAccess(after);
    expect(await syncVenueAccess(after, actor.userId)).toEqual({ status: "in_sync", reduceOnly: true });
    expect(await reduceOnlyCommands(engineAccountId)).toEqual([true]);

    // A renewal approved (a new verifiedAt and expiresAt, as the approval writes them) lifts it at the next reconciliation.
    const renewed = new Date(expiresAt.getTime() + DAY);
    await prisma.onboardingCase.update({ where: { userId: actor.userId }, data: { verifiedAt: renewed, expiresAt: new Date(renewed.getTime() + 365 * DAY) } });
    const later = contextFor(prisma, actor, () => new Date(renewed.getTime() + 60_000));
    await syncAllVenueAccess(later);
    expect(account(engineAccountId).reduceOnly).toBe(false);
    expect(await reduceOnlyCommands(engineAccountId)).toEqual([true, false]);
    expect(await auditOf(String(engineAccountId), "trading.reduce_only_lifted")).toHaveLength(1);
  });

  it("PI-1: many reconciliations at once send the command once", async () => {
    const { actor, engineAccountId, openingId } = await tradingClient();
    const expiresAt = (await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: actor.userId } })).expiresAt!;
    const after = contextFor(prisma, actor, () => new Date(expiresAt.getTime() + 1));
    // The engine takes a while to answer, so every call reads the flag before the first command lands.
    const slowVenue: TradingVenue = {
      get state() {
        return venue.host.state;
      },
      submit: async (command) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return venue.host.submit(command, "client");
      },
      allocateOrderId: () => venue.host.allocateOrderId(),
      deposits: venue.deposits,
    };
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => syncVenueAccess(after, actor.userId, slowVenue)));
    expect(outcomes.filter((outcome) => outcome.status === "changed")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "in_sync")).toHaveLength(11);
    // The recurring job running at the same time on its own finds nothing left to do.
    expect(await Promise.all([syncAllVenueAccess(after), syncAllVenueAccess(after)])).toEqual([
      expect.objectContaining({ failed: 0 }),
      expect.objectContaining({ failed: 0 }),
    ]);
    expect(account(engineAccountId).reduceOnly).toBe(true);
    expect(resting(openingId)).toBe(false);
    expect(await reduceOnlyCommands(engineAccountId)).toEqual([true]);
    expect(await auditOf(String(engineAccountId), "trading.reduce_only_set")).toHaveLength(1);
  });

  it("DISC-8: a disclosure version in effect and not acknowledged makes the account reduce-only (closing still allowed); acknowledging it lifts that at once", async () => {
    const { actor, ctx, engineAccountId, openingId, closingId } = await tradingClient();
    // As if a new material version had taken effect: the client's acknowledgement no longer covers it.
    await prisma.riskDisclosureAcknowledgement.deleteMany({ where: { userId: actor.userId } });
    expect(await perpsEntitlement(ctx, actor.userId)).toMatchObject({ status: "reduce_only", code: "DISCLOSURE_NOT_ACKNOWLEDGED" });
    await syncAllVenueAccess(ctx);
    expect(account(engineAccountId).reduceOnly).toBe(true);
    expect(resting(openingId)).toBe(false);
    expect(resting(closingId)).toBe(true);
    await expect(placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.001" } })).rejects.toMatchObject({
      code: "DISCLOSURE_NOT_ACKNOWLEDGED",
    });
    expect(await placeOrder({ ctx, input: { market: "BTC-PERP", side: "sell", orderType: "market", size: "0.001", reduceOnly: "on" } })).toMatchObject({
      status: "accepted",
    });

    const { current } = await getDisclosureStatus({ ctx });
    await acknowledgeDisclosure({ ctx, input: { versionId: current.version.id, contentHash: current.contentHash, confirmed: "on" } });
    expect(account(engineAccountId).reduceOnly).toBe(false);
    expect(await reduceOnlyCommands(engineAccountId)).toEqual([true, false]);
    expect(await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.001" } })).toMatchObject({
      status: "accepted",
    });
  });
});

describe("PI-7: withdrawal of consent and revocation of status", () => {
  it("PI-7: a client withdraws consent (confirmation required); it takes effect at once, is recorded on the case, audited and noticed; a later approval restores access", async () => {
    const { actor, ctx, engineAccountId, openingId, closingId } = await tradingClient();
    expect(zodIssue(await withdrawPiConsent({ ctx, input: {} as never }).catch((error: unknown) => error))).toMatch(/confirm that you withdraw/);
    expect((await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: actor.userId } })).withdrawnAt).toBeNull();
    expect(account(engineAccountId).reduceOnly).toBe(false);

    const { withdrawnAt, venue } = await withdrawPiConsent({ ctx, input: { confirmed: "on" } });
    expect(venue).toEqual({ status: "changed", reduceOnly: true, cancelledOrderIds: [openingId] });
    expect(account(engineAccountId).reduceOnly).toBe(true);
    expect(resting(closingId)).toBe(true);
    expect((await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: actor.userId } })).withdrawnAt).toEqual(withdrawnAt);
    expect(await perpsEntitlement(ctx, actor.userId)).toMatchObject({ status: "reduce_only", code: "PI_STATUS_WITHDRAWN" });
    expect(await auditOf(actor.userId, "onboarding.pi_withdrawn")).toEqual([expect.objectContaining({ actorId: actor.userId })]);
    const notices = await prisma.clientNotice.findMany({ where: { userId: actor.userId, kind: "piWithdrawn" }, include: { deliveries: true } });
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toMatch(/resting orders that could increase a position were cancelled/);
    expect(notices[0].deliveries.map((d) => d.channel).sort()).toEqual(["email", "inbox"]);

    // Opening orders are refused, closing passes; a second withdrawal changes nothing.
    await expect(placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.001" } })).rejects.toMatchObject({
      code: "PI_STATUS_WITHDRAWN",
    });
    expect(await placeOrder({ ctx, input: { market: "BTC-PERP", side: "sell", orderType: "market", size: "0.001", reduceOnly: "on" } })).toMatchObject({
      status: "accepted",
    });
    await expect(withdrawPiConsent({ ctx, input: { confirmed: "on" } })).rejects.toMatchObject({ status: 409 });

    // A later approval (a newer verifiedAt) restores access; the order gate lifts reduce-only before the order.
    const approvedAgain = new Date(withdrawnAt.getTime() + 1_000);
    await prisma.onboardingCase.update({ where: { userId: actor.userId }, data: { verifiedAt: approvedAgain } });
    const afterApproval = contextFor(prisma, actor, () => new Date(approvedAgain.getTime() + 1_000));
    expect(await perpsEntitlement(afterApproval, actor.userId)).toMatchObject({ status: "active" });
    expect(
      await placeOrder({ ctx: afterApproval, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.001" } }),
    ).toMatchObject({ status: "accepted" });
    expect(account(engineAccountId).reduceOnly).toBe(false);
    expect(await reduceOnlyCommands(engineAccountId)).toEqual([true, false]);
  });

  it("PI-7: an officer revokes a client's status with a reason after a step-up; refused without either; audited, noticed, at once", async () => {
    const { actor, ctx, engineAccountId, openingId } = await tradingClient();
    const input = { userId: actor.userId, reason: "Evidence of portfolio found to be forged." };

    await expect(revokePiStatus({ ctx, input })).rejects.toMatchObject({ status: 403 });
    await expect(revokePiStatus({ ctx: contextFor(prisma, await officer(null)), input })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    const officerCtx = contextFor(prisma, await officer());
    expect(zodIssue(await revokePiStatus({ ctx: officerCtx, input: { ...input, reason: "  forged " } }).catch((error: unknown) => error))).toMatch(
      /reason for the revocation/,
    );
    expect(await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: actor.userId } })).toMatchObject({ revokedAt: null, revocationReason: null });
    expect(account(engineAccountId).reduceOnly).toBe(false);
    expect(resting(openingId)).toBe(true);

    const { revokedAt, venue } = await revokePiStatus({ ctx: officerCtx, input });
    expect(venue).toMatchObject({ status: "changed", reduceOnly: true, cancelledOrderIds: [openingId] });
    expect(account(engineAccountId).reduceOnly).toBe(true);
    expect(await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: actor.userId } })).toMatchObject({
      revokedAt,
      revokedById: officerCtx.actor!.userId,
      revocationReason: input.reason,
    });
    expect(await perpsEntitlement(ctx, actor.userId)).toMatchObject({ status: "reduce_only", code: "PI_STATUS_REVOKED" });
    expect(await auditOf(actor.userId, "onboarding.pi_revoked")).toEqual([
      expect.objectContaining({ actorId: officerCtx.actor!.userId, reason: input.reason }),
    ]);
    const notice = await prisma.clientNotice.findFirstOrThrow({ where: { userId: actor.userId, kind: "piRevoked" } });
    expect(notice.body).toContain(input.reason);
    await expect(placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.001" } })).rejects.toMatchObject({
      code: "PI_STATUS_REVOKED",
    });
    // Revoking again: nothing in force to revoke.
    await expect(revokePiStatus({ ctx: officerCtx, input })).rejects.toMatchObject({ status: 409 });
    expect(await auditOf(actor.userId, "onboarding.pi_revoked")).toHaveLength(1);
  });
});
