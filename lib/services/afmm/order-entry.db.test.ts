import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { MAKER, openQuietVenue } from "../../../test/quiet-market";
import { type Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { addStaffRegistration } from "@/lib/services/afmm/add-staff-registration";
import { designateOfficer } from "@/lib/services/afmm/designate-officer";
import { enableAfmmOrderEntry } from "@/lib/services/afmm/enable-order-entry";
import { endDesignation } from "@/lib/services/afmm/end-designation";
import { getAfmmGovernance } from "@/lib/services/afmm/get-afmm-governance";
import { recordSfcNotification } from "@/lib/services/afmm/record-sfc-notification";
import { registerAffiliate } from "@/lib/services/afmm/register-affiliate";
import { syncAfmmOrderEntry } from "@/lib/services/afmm/sync-order-entry";
import { withdrawSfcNotification } from "@/lib/services/afmm/withdraw-sfc-notification";
import { contextFor, signedInUser } from "@/test/service-context";
import { decodeCommand } from "../../simulation/journal-codec";

// AFMM-1, AFMM-4, AFMM-9: the gates reach the venue. A quiet market runs in this process; its maker
// (account MAKER) is the engine's afmm-kind account, with two resting quotes at the start.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

/** Files on one test worker share its schema: start from empty governance registers. */
async function clearGovernance() {
  await prisma.afmmOversightDesignation.deleteMany();
  await prisma.staffRegistration.deleteMany();
  await prisma.afmmAffiliate.deleteMany();
  await prisma.afmmSfcNotification.deleteMany();
}
beforeAll(clearGovernance);

const HASH = "cd".repeat(32);

async function officerCtx() {
  return contextFor(prisma, await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: new Date() }), () => new Date());
}

/** The journaled SetAfmmOrderEntry commands, oldest first. */
async function orderEntryCommands() {
  const rows = await prisma.engineCommand.findMany({ where: { type: "SetAfmmOrderEntry" }, orderBy: { position: "asc" } });
  return rows.map((row) => decodeCommand(row) as unknown as { suspended: boolean; reason: string }).map(({ suspended, reason }) => ({ suspended, reason }));
}

/** An AFMM quote, as the market maker would send it. */
function afmmQuote(price = 599_000) {
  const command: Command = {
    type: "PlaceOrder",
    nowMs: 0,
    accountId: MAKER,
    orderId: venue.host.allocateOrderId(),
    market: "BTC-PERP",
    side: "buy",
    orderType: "limit",
    price,
    size: 1_000,
    tif: "GTC",
  };
  return venue.host.submit(command, "simulation");
}

const resting = (orderId: number) => venue.host.state.orders.get(orderId) !== undefined;

describe("AFMM-1: the affiliate's engine accounts", () => {
  it("AFMM-1: an engine account the engine knows as another kind cannot be registered to the affiliate", async () => {
    const ctx = await officerCtx();
    const account: Command = { type: "CreateAccount", nowMs: 0, accountId: 500, kind: "client" };
    const created = await venue.host.submit(account, "admin");
    expect(created.accepted).toBe(true);
    await expect(
      registerAffiliate({
        ctx,
        input: { legalName: "Wrong Co", relationship: "Sister company", agreementRef: "MMA-X", agreementDate: "2026-01-01", engineAccountIds: "500" },
      }),
    ).rejects.toMatchObject({ status: 422, message: "Engine account 500 is not an affiliated market maker account." });
    expect(await prisma.afmmAffiliate.count()).toBe(0);
  });
});

describe("AFMM-1, AFMM-4, AFMM-9: AFMM order entry follows its gates", () => {
  it("AFMM-1, AFMM-4, AFMM-9: without the gates the AFMM is suspended and its resting quotes cancelled; with every gate met the engine accepts its orders", async () => {
    const ctx = await officerCtx();
    expect(resting(1) && resting(2)).toBe(true);
    expect(await syncAfmmOrderEntry(ctx)).toMatchObject({ status: "changed", suspended: true, reason: "no_approved_affiliate", cancelledOrders: 2 });
    expect(resting(1) || resting(2)).toBe(false);
    expect(await afmmQuote()).toMatchObject({ accepted: false, code: "AFMM_SUSPENDED" });

    await registerAffiliate({
      ctx,
      input: {
        legalName: "HKP Liquidity Limited",
        relationship: "Wholly owned subsidiary",
        agreementRef: "MMA-1",
        agreementDate: "2026-01-01",
        engineAccountIds: String(MAKER),
        approved: "on",
        approvalRef: "SFC letter 1",
      },
    });
    const ro = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"]);
    const { id: registrationId } = await addStaffRegistration({
      ctx,
      input: { email: ro.email, capacity: "RO", reference: "BXX002", effectiveFrom: "2026-01-01" },
    });
    // Turning it on with no officer and no notification fails, naming both.
    await expect(enableAfmmOrderEntry({ ctx })).rejects.toMatchObject({
      status: 412,
      message: expect.stringContaining("no Responsible Officer or Manager-in-Charge"),
    });
    const designated = await designateOfficer({ ctx, input: { registrationId } });
    expect(designated.orderEntry).toMatchObject({ status: "changed", suspended: true, reason: "no_sfc_notification" });
    const notified = await recordSfcNotification({
      ctx,
      input: { notifiedOn: "2026-11-01", thirdPartyReportRef: "IPR-1", thirdPartyReportSha256: HASH, micDeclarationSha256: HASH },
    });
    expect(notified.orderEntry).toMatchObject({ status: "changed", suspended: false, reason: "gates_met" });
    expect(await enableAfmmOrderEntry({ ctx })).toEqual({ orderEntry: { status: "in_sync", suspended: false, reason: "gates_met" } });

    const quote = await afmmQuote();
    expect(quote).toMatchObject({ accepted: true });
    expect(await orderEntryCommands()).toEqual([
      { suspended: true, reason: "no_approved_affiliate" },
      { suspended: true, reason: "no_designated_officer" },
      { suspended: true, reason: "no_sfc_notification" },
      { suspended: false, reason: "gates_met" },
    ]);
    const view = await getAfmmGovernance({ ctx });
    expect(view.gates.enabled).toBe(true);
    expect(view.engine).toMatchObject({ suspended: false, reason: "gates_met" });
  });

  it("AFMM-4: ending the designation suspends AFMM order entry through the journaled command, cancelling its resting orders; re-designating resumes", async () => {
    const ctx = await officerCtx();
    const quote = await afmmQuote(598_000);
    expect(quote.accepted).toBe(true);
    const orderId = quote.accepted ? (quote.events.find((event) => event.type === "OrderAccepted") as { orderId: number } | undefined)?.orderId : undefined;
    const designation = await prisma.afmmOversightDesignation.findFirstOrThrow({ where: { endedAt: null } });
    const ended = await endDesignation({ ctx, input: { id: designation.id, reason: "The RO has left the firm" } });
    expect(ended.orderEntry).toMatchObject({ status: "changed", suspended: true, reason: "no_designated_officer", missing: ["designated_officer"] });
    expect((await orderEntryCommands()).at(-1)).toEqual({ suspended: true, reason: "no_designated_officer" });
    if (orderId !== undefined) expect(resting(orderId)).toBe(false);
    expect([...venue.host.state.orders.values()].filter((order) => (order as { accountId?: number }).accountId === MAKER)).toEqual([]);
    expect(await afmmQuote()).toMatchObject({ accepted: false, code: "AFMM_SUSPENDED" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "afmm.order_entry_suspended" }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({
      actorId: ctx.actor!.userId,
      reason: "no_designated_officer",
      after: expect.objectContaining({ cancelledOrders: expect.any(Number) }),
    });
    expect((audit.after as { cancelledOrders: number }).cancelledOrders).toBeGreaterThanOrEqual(2);

    const resumed = await designateOfficer({ ctx, input: { registrationId: designation.registrationId } });
    expect(resumed.orderEntry).toMatchObject({ status: "changed", suspended: false, reason: "gates_met" });
    expect(await afmmQuote()).toMatchObject({ accepted: true });
  });

  it("AFMM-9: withdrawing the SFC notification suspends AFMM order entry", async () => {
    const ctx = await officerCtx();
    const notification = await prisma.afmmSfcNotification.findFirstOrThrow({ where: { withdrawnAt: null } });
    const withdrawn = await withdrawSfcNotification({ ctx, input: { id: notification.id, reason: "The SFC asked for a new report" } });
    expect(withdrawn.orderEntry).toMatchObject({ status: "changed", suspended: true, reason: "no_sfc_notification" });
    expect(await afmmQuote()).toMatchObject({ accepted: false, code: "AFMM_SUSPENDED" });
  });

  it("AFMM-4, AFMM-9: parallel reconciliations send the command once; running again sends nothing", async () => {
    const ctx = await officerCtx();
    // A notification on file again (written directly, so no verb reconciles first).
    await prisma.afmmSfcNotification.create({
      data: {
        notifiedOn: new Date("2026-11-02"),
        thirdPartyReportRef: "IPR-2",
        thirdPartyReportSha256: HASH,
        micDeclarationSha256: HASH,
        recordedById: ctx.actor!.userId,
      },
    });
    const before = (await orderEntryCommands()).length;
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => syncAfmmOrderEntry({ db: prisma, now: () => new Date() })));
    expect(outcomes.filter((outcome) => outcome.status === "changed")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "in_sync")).toHaveLength(5);
    expect((await orderEntryCommands()).length).toBe(before + 1);
    expect(await syncAfmmOrderEntry({ db: prisma, now: () => new Date() })).toEqual({ status: "in_sync", suspended: false, reason: "gates_met" });
    expect((await orderEntryCommands()).length).toBe(before + 1);
  });

  it("AFMM-4: an officer who loses the Responsible Officer role no longer counts; the next reconciliation suspends", async () => {
    const designation = await prisma.afmmOversightDesignation.findFirstOrThrow({ where: { endedAt: null } });
    await prisma.userRole.deleteMany({ where: { userId: designation.officerId } });
    await prisma.userRole.create({ data: { userId: designation.officerId, role: "AUDITOR", family: "PLATFORM" } });
    expect(await syncAfmmOrderEntry({ db: prisma, now: () => new Date() })).toMatchObject({
      status: "changed",
      suspended: true,
      reason: "no_designated_officer",
    });
  });
});
