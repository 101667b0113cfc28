import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { FIRST_HOLDER, SHORT, USD, VICTIM, emptyJournalAndProjections, writeIncidentJournal } from "../../test/incident-journal";
import { createPrismaClient } from "../prisma-client";
import { createUser } from "../../prisma/factories";
import { runProjector } from "../incidents/projector";
import { renderNotice } from "./render";
import { contextFor, signedInUser } from "../../test/service-context";
import { describeDevice, recogniseDevice } from "../services/auth/recognise-device";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

beforeEach(async () => {
  await emptyJournalAndProjections(prisma, database.schema);
});

async function linkClients(accountIds: number[]): Promise<Map<number, string>> {
  const users = new Map<number, string>();
  for (const engineAccountId of accountIds) {
    const user = await createUser(prisma, { email: `sec2-${engineAccountId}-${Math.random().toString(36).slice(2)}@test.example`, roles: ["CLIENT"] });
    await prisma.tradingAccount.create({ data: { userId: user.id, engineAccountId } });
    users.set(engineAccountId, user.id);
  }
  return users;
}

async function noticesOf(userId: string) {
  return prisma.clientNotice.findMany({ where: { userId }, orderBy: { dedupeKey: "asc" }, include: { deliveries: { orderBy: { channel: "asc" } } } });
}

describe("SEC-2: client notices from the engine journal (inbox and e-mail)", () => {
  it("SEC-2: a settled deposit, a withdrawal and the fills of the client's orders each produce a notice with an inbox and an e-mail delivery, once", async () => {
    const journal = await writeIncidentJournal(prisma, { holders: 1, gap: false });
    const users = await linkClients(journal.clients);
    await journal.run([{ type: "Withdraw", nowMs: 1_772_438_402_000, accountId: FIRST_HOLDER, withdrawalId: "w-1", amount: 1n * USD }]);
    await runProjector(prisma);
    const holder = await noticesOf(users.get(FIRST_HOLDER)!);
    expect(holder.map((n) => n.kind).sort()).toEqual([
      "clientSecurity.collateralDeposit",
      "clientSecurity.collateralWithdrawal",
      "clientSecurity.fillsSummary",
    ]);
    for (const notice of holder)
      expect(notice.deliveries.map((d) => [d.channel, d.status])).toEqual([
        ["email", "queued"],
        ["inbox", "delivered"],
      ]);
    const withdrawal = holder.find((n) => n.kind === "clientSecurity.collateralWithdrawal")!;
    expect(withdrawal.title).toBe("Collateral withdrawn");
    expect(withdrawal.body).toContain("USD was withdrawn from your trading account: your collateral fell by 1.00 USD");
    const fills = holder.find((n) => n.kind === "clientSecurity.fillsSummary")!;
    expect(fills.params).toMatchObject({ market: "BTC-PERP", count: 1, bought: "0.001", sold: "0.000" });
    expect(renderNotice("clientSecurity.fillsSummary", fills.params as Record<string, string | number>, "zh-HK").title).toBe("BTC-PERP：您的訂單已成交");
    // The victim and the short each filled 100 lots in one trade: one summary each, not one per fill.
    for (const account of [VICTIM, SHORT])
      expect((await noticesOf(users.get(account)!)).filter((n) => n.kind === "clientSecurity.fillsSummary")).toHaveLength(1);

    // Replaying the journal from the start (a projector restarted without its cursor) writes nothing twice.
    const before = await prisma.clientNotice.count();
    await prisma.journalCursor.deleteMany();
    await prisma.accountActivity.deleteMany();
    await prisma.clientPosition.deleteMany();
    await runProjector(prisma);
    expect(await prisma.clientNotice.count()).toBe(before);
  });
});

describe("SEC-2: sign-in from a new device", () => {
  it("SEC-2: the first sign-in from a browser tells the user (inbox and e-mail) and is audited; the same browser again tells nothing; another user of that browser is told", async () => {
    const user = await signedInUser(prisma, ["CLIENT"]);
    const ctx = contextFor(prisma, null);
    const userAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
    const first = await recogniseDevice({ ctx, input: { userId: user.userId, userAgent } });
    expect(first.isNew).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const notices = await noticesOf(user.userId);
    expect(notices.map((n) => n.kind)).toEqual(["clientSecurity.newDeviceSignIn"]);
    expect(notices[0].body).toContain(describeDevice(userAgent));
    expect(notices[0].deliveries.map((d) => d.channel)).toEqual(["email", "inbox"]);
    expect(await prisma.auditLog.count({ where: { action: "auth.new_device", entityId: user.userId } })).toBe(1);
    // Only the hash of the cookie is stored.
    const device = await prisma.knownDevice.findFirstOrThrow({ where: { userId: user.userId } });
    expect(device.tokenHash).not.toContain(first.token);

    expect(await recogniseDevice({ ctx, input: { userId: user.userId, token: first.token, userAgent } })).toEqual({ token: first.token, isNew: false });
    expect(await prisma.clientNotice.count({ where: { userId: user.userId } })).toBe(1);

    // A forged or garbled cookie counts as a new device, and a second user of the same browser is told on their first sign-in.
    expect((await recogniseDevice({ ctx, input: { userId: user.userId, token: "not-a-token" } })).isNew).toBe(true);
    const other = await signedInUser(prisma, ["CLIENT"]);
    const shared = await recogniseDevice({ ctx, input: { userId: other.userId, token: first.token } });
    expect(shared).toEqual({ token: first.token, isNew: true });
    expect(await prisma.clientNotice.count({ where: { userId: other.userId, kind: "clientSecurity.newDeviceSignIn" } })).toBe(1);
    expect(await recogniseDevice({ ctx, input: { userId: user.userId, token: first.token } })).toEqual({ token: first.token, isNew: false });
  });
});
