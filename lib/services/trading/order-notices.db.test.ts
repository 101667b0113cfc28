import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { createPrismaClient } from "@/lib/prisma-client";
import { CLIENT_DEPOSIT_CONFIRMATION_MS } from "@/lib/simulation/client-deposits";
import { cancelOrder } from "@/lib/services/trading/cancel-order";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder } from "@/lib/services/trading/place-order";
import { approvedForPerps, contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

/** A signed-in client whom compliance has approved for perps (the approval path is tested in lib/services/suitability). */
async function approvedClient(options: { capMicroUsd?: bigint; acknowledgeDisclosure?: boolean } = {}) {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  await approvedForPerps(prisma, actor, options);
  return actor;
}

describe("SEC-2: order notices from the portal (inbox and e-mail)", () => {
  it("SEC-2: an order placed and an order cancelled through the portal each tell the client once, with an inbox and an e-mail delivery; a refused order tells nothing", async () => {
    const actor = await approvedClient();
    const ctx = contextFor(prisma, actor);
    await openTradingAccount({ ctx });
    // Refused by the engine (the deposit is not confirmed yet): no notice.
    const early = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.01" } });
    expect(early.status).toBe("rejected");
    expect(await prisma.clientNotice.count({ where: { userId: actor.userId, kind: { startsWith: "clientSecurity.order" } } })).toBe(0);
    venue.now += CLIENT_DEPOSIT_CONFIRMATION_MS;
    await venue.host.step();
    await venue.deposits.settleDue();

    const resting = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.01" } });
    expect(resting.status).toBe("accepted");
    await cancelOrder({ ctx, input: { orderId: resting.orderId } });
    // Cancelling again is refused by the engine: no second notice.
    await cancelOrder({ ctx, input: { orderId: resting.orderId } });
    const notices = await prisma.clientNotice.findMany({
      where: { userId: actor.userId, kind: { startsWith: "clientSecurity.order" } },
      orderBy: { createdAt: "asc" },
      include: { deliveries: { orderBy: { channel: "asc" } } },
    });
    expect(notices.map((n) => [n.kind, n.title])).toEqual([
      ["clientSecurity.orderPlaced", "BTC-PERP: order placed"],
      ["clientSecurity.orderCancelled", "BTC-PERP: order cancelled"],
    ]);
    expect(notices[0].body).toContain(`a limit order to buy 0.010 BTC at 59,000.0 USD (order ${resting.orderId}) was placed from your account`);
    expect(notices[1].body).toContain(`order ${resting.orderId} was cancelled through the portal (0.010 BTC that had not filled)`);
    for (const notice of notices)
      expect(notice.deliveries.map((d) => [d.channel, d.status])).toEqual([
        ["email", "queued"],
        ["inbox", "delivered"],
      ]);
  });
});
