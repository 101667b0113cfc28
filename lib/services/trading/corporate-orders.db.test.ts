import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { createPrismaClient } from "@/lib/prisma-client";
import { CLIENT_DEPOSIT_CONFIRMATION_MS } from "@/lib/simulation/client-deposits";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder } from "@/lib/services/trading/place-order";
import { addAuthorisedTrader } from "@/lib/services/suitability/add-authorised-trader";
import { assessAuthorisedTrader } from "@/lib/services/suitability/assess-authorised-trader";
import { approvedForPerps, contextFor, signedInUser } from "@/test/service-context";

// SUIT-4 on the real order path: a corporate client's order names an assessed authorised trader, or it
// is refused before the engine. The market harness is trading.db.test.ts's quiet market.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

/** An approved client whose approved application was made as a corporation. */
async function approvedCorporateClient() {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  await approvedForPerps(prisma, actor);
  const submission = await prisma.suitabilitySubmission.create({
    data: {
      userId: actor.userId,
      version: 1,
      submittedAt: new Date(),
      assessmentDate: "2026-01-02",
      record: { draft: { category: "corporation" } },
      piPassed: true,
      knowledgePassed: true,
      quizPassed: true,
      evaluatorPassed: true,
      recordHash: crypto.randomBytes(32).toString("hex"),
    },
  });
  await prisma.onboardingCase.update({ where: { userId: actor.userId }, data: { latestSubmissionId: submission.id, draft: { category: "corporation" } } });
  return actor;
}

describe("SUIT-4: a corporate client's orders on the engine", () => {
  it("SUIT-4: an order naming no trader, an unassessed or a negatively assessed trader is refused with its code, audited, and never reaches the engine; an assessed trader's order is accepted", async () => {
    const client = await approvedCorporateClient();
    const ctx = contextFor(prisma, client);
    await openTradingAccount({ ctx });
    venue.now += CLIENT_DEPOSIT_CONFIRMATION_MS;
    await venue.host.step();
    await venue.deposits.settleDue();
    const { id: traderId } = await addAuthorisedTrader({ ctx, input: { name: "Wong Ka Yan", position: "Treasury dealer" } });
    const order = { market: "BTC-PERP", side: "buy" as const, orderType: "limit" as const, price: "59000", size: "0.01" };
    const commandsBefore = await prisma.engineCommand.count();

    await expect(placeOrder({ ctx, input: order })).rejects.toMatchObject({ code: "TRADER_REQUIRED", status: 403 });
    await expect(placeOrder({ ctx, input: { ...order, traderId } })).rejects.toMatchObject({
      code: "TRADER_NOT_ASSESSED",
      message: expect.stringMatching(/has not been assessed by compliance as having knowledge of derivatives/),
    });
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() });
    await assessAuthorisedTrader({ ctx: contextFor(prisma, officer), input: { traderId, hasKnowledge: "no", reason: "No derivative record shown at all." } });
    await expect(placeOrder({ ctx, input: { ...order, traderId } })).rejects.toMatchObject({ code: "TRADER_NOT_ASSESSED" });
    expect(await prisma.engineCommand.count()).toBe(commandsBefore);
    expect((await getTradingView({ ctx })).account!.openOrders).toEqual([]);
    const refused = await prisma.auditLog.findMany({ where: { actorId: client.userId, action: { startsWith: "trading.order_" } }, orderBy: { seq: "asc" } });
    expect(refused.map((row) => [row.action, (row.after as { code?: string }).code])).toEqual([
      ["trading.order_refused", "TRADER_REQUIRED"],
      ["trading.order_refused", "TRADER_NOT_ASSESSED"],
      ["trading.order_refused", "TRADER_NOT_ASSESSED"],
    ]);

    await assessAuthorisedTrader({
      ctx: contextFor(prisma, officer),
      input: { traderId, hasKnowledge: "yes", reason: "Futures dealer licence and five years on the desk checked." },
    });
    const accepted = await placeOrder({ ctx, input: { ...order, traderId } });
    expect(accepted).toMatchObject({ status: "accepted", restingLots: 10 });
    const placed = await prisma.auditLog.findFirstOrThrow({ where: { actorId: client.userId, action: "trading.order_place" } });
    expect(placed.after).toMatchObject({ placedBy: { traderId, traderName: "Wong Ka Yan" } });
  });
});
