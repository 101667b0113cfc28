import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { FIRST_HOLDER, GAP_AT, SHORT, VICTIM, emptyJournalAndProjections, writeIncidentJournal } from "../../test/incident-journal";
import type { Command } from "../engine/index";
import { SOURCES } from "../engine/test-helpers";
import { createPrismaClient } from "../prisma-client";
import { createUser } from "../../prisma/factories";
import { INCIDENT_POLICY } from "./policy";
import { draftClosedIncidents } from "./draft";
import { runProjector } from "./projector";
import type { PrismaClient } from "../../prisma/generated/client";
import { decodeEvent, EVENT_COLUMNS } from "../simulation/journal-codec";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

beforeEach(async () => {
  await emptyJournalAndProjections(prisma, database.schema);
});

async function linkClients(client: PrismaClient, accountIds: number[]): Promise<Map<number, string>> {
  const users = new Map<number, string>();
  for (const engineAccountId of accountIds) {
    const user = await createUser(client, { email: `client-${engineAccountId}-${Math.random().toString(36).slice(2)}@test.example`, roles: ["CLIENT"] });
    await client.tradingAccount.create({ data: { userId: user.id, engineAccountId } });
    users.set(engineAccountId, user.id);
  }
  return users;
}

async function quietAfterwards(run: (commands: import("../engine/index").Command[]) => Promise<void>) {
  const later = GAP_AT + INCIDENT_POLICY.quietMs + 1_000;
  await run([
    {
      type: "IndexQuotes",
      nowMs: later,
      market: "BTC-PERP",
      quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 575_000, timestampMs: later, recentVolumeUsd: 50_000_000 })),
    },
  ]);
}

async function projected() {
  const [incidents, notices, activity, positions, deliveries] = await Promise.all([
    prisma.incident.findMany({ orderBy: { openedSeq: "asc" } }),
    prisma.clientNotice.findMany({ orderBy: { dedupeKey: "asc" }, select: { userId: true, kind: true, dedupeKey: true, incidentId: true, params: true } }),
    prisma.accountActivity.findMany({ orderBy: [{ seq: "asc" }, { engineAccountId: "asc" }] }),
    prisma.clientPosition.findMany({ orderBy: [{ engineAccountId: "asc" }, { market: "asc" }] }),
    prisma.noticeDelivery.count(),
  ]);
  return {
    incidents: incidents.map(({ updatedAt: _u, ...rest }: { updatedAt?: unknown } & Record<string, unknown>) => rest),
    notices,
    activity,
    positions,
    deliveries,
  };
}

describe("journal projector: incidents, client history and notices from the journal (DISC-6, DISC-7, LIQ-1, LIQ-5)", () => {
  it("opens one incident for backstop → fund → ADL → floor, tells every holder and each affected client, and closes it once the market is quiet", async () => {
    const journal = await writeIncidentJournal(prisma, { holders: 3 });
    const users = await linkClients(prisma, journal.clients);
    const officer = await createUser(prisma, {
      email: `co-${Math.random().toString(36).slice(2)}@test.example`,
      roles: ["COMPLIANCE_OFFICER"],
      totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    });

    const first = await runProjector(prisma);
    expect(first.opened).toHaveLength(1);
    const [incident] = await prisma.incident.findMany();
    expect(incident).toMatchObject({ market: "BTC-PERP", status: "open", steps: ["backstop", "insurance_fund", "adl", "fund_floor"] });
    expect(Number(incident.openedAtMs)).toBe(GAP_AT);
    expect(incident.deadlineAt.getTime()).toBe(GAP_AT + 24 * 3_600_000);

    const notices = await prisma.clientNotice.findMany({ select: { userId: true, kind: true } });
    const kindsOf = (userId: string) =>
      notices
        .filter((n) => n.userId === userId)
        .map((n) => n.kind)
        .sort();
    // The victim still held its position when ADL began, but was flat by the time the fund reached its
    // floor (the fund's last payment was the ADL compensation): told of ADL and of its own liquidation.
    // Every client is also told of its settled deposit and the ordinary fills that opened its position
    // (SEC-2: lib/notices/client-notices.db.test.ts).
    const sec2 = ["clientSecurity.collateralDeposit", "clientSecurity.fillsSummary"];
    expect(kindsOf(users.get(VICTIM)!)).toEqual(["adlOccurred", ...sec2, "liquidated"]);
    // The short was deleveraged: its own ADL fill, plus both broadcasts.
    expect(kindsOf(users.get(SHORT)!)).toEqual(["adlFill", "adlOccurred", ...sec2, "fundDepleted"]);
    // Holders of 1 lot: only the broadcasts.
    expect(kindsOf(users.get(FIRST_HOLDER)!)).toEqual(["adlOccurred", ...sec2, "fundDepleted"]);
    expect(kindsOf(officer.id)).toEqual(["incidentOpened"]);

    const victimHistory = await prisma.accountActivity.findMany({ where: { engineAccountId: VICTIM }, orderBy: { seq: "asc" } });
    expect(victimHistory.map((a) => [a.kind, a.side, a.lots, a.priceTicks, a.positionAfter])).toEqual([
      ["fill", "buy", 100, 600_000, 100],
      ["liquidation", "sell", 18, 580_300, 82],
      ["liquidation", "sell", 82, 580_300, 0],
    ]);
    const shortHistory = await prisma.accountActivity.findMany({ where: { engineAccountId: SHORT }, orderBy: { seq: "asc" } });
    expect(shortHistory.map((a) => [a.kind, a.lots, a.positionAfter])).toEqual([
      ["fill", 100, -100],
      ["adl", 82, -18],
    ]);
    expect(await prisma.clientPosition.findUnique({ where: { engineAccountId_market: { engineAccountId: VICTIM, market: "BTC-PERP" } } })).toBeNull();

    await quietAfterwards(journal.run);
    const second = await runProjector(prisma);
    expect(second.closed).toEqual([incident.id]);
    expect(await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ status: "draft", closedAtMs: BigInt(GAP_AT) });

    // The report drafts itself from the journal, and each affected client gets their statement, once.
    const [drafted, again] = await Promise.all([draftClosedIncidents(prisma), draftClosedIncidents(prisma)]);
    expect([...drafted, ...again]).toEqual([incident.id]);
    const withDraft = await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(withDraft.draftHash).toMatch(/^[0-9a-f]{64}$/);
    expect(withDraft.draft).toMatchObject({ incidentId: incident.id, market: "BTC-PERP", steps: expect.arrayContaining(["adl", "fund_floor"]) });
    const statements = await prisma.clientNotice.findMany({ where: { kind: "statementReady" }, select: { userId: true, statement: true } });
    expect(statements.map((n) => n.userId).sort()).toEqual([users.get(VICTIM)!, users.get(SHORT)!].sort());
    expect(statements.find((n) => n.userId === users.get(SHORT))!.statement).toMatchObject({
      engineAccountId: SHORT,
      positionBefore: -100,
      positionAfter: -18,
    });

    // Nothing new: running again folds nothing and writes nothing.
    const before = await projected();
    expect((await runProjector(prisma)).folded).toBe(0);
    expect(await projected()).toEqual(before);
  });

  it("DISC-6: a later ADL round in the same incident tells the clients who opened a position since, and nobody twice", async () => {
    const journal = await writeIncidentJournal(prisma, { holders: 2 });
    const LATE = 1_000_050;
    const V2 = 1_000_051;
    const users = await linkClients(prisma, [...journal.clients, LATE, V2]);
    await runProjector(prisma);
    const [incident] = await prisma.incident.findMany();
    const at = GAP_AT + 5_000;
    const funded = (accountId: number, cents: bigint): Command[] => [
      { type: "CreateAccount", nowMs: at, accountId, kind: "client" },
      { type: "Deposit", nowMs: at, accountId, depositId: `late-${accountId}`, assetId: "USD", amountMinor: cents },
      { type: "SettleDeposit", nowMs: at, depositId: `late-${accountId}` },
    ];
    await journal.run([
      ...funded(LATE, 10_000_000n),
      ...funded(V2, 20_000n),
      // LATE goes short 1 lot after the first ADL round; V2 goes long 100 lots with 200 USD.
      { type: "PlaceOrder", nowMs: at, accountId: LATE, orderId: 9_001, market: "BTC-PERP", side: "sell", orderType: "limit", price: 575_000, size: 1 },
      { type: "PlaceOrder", nowMs: at, accountId: 3, orderId: 9_002, market: "BTC-PERP", side: "buy", orderType: "limit", price: 575_000, size: 1 },
      { type: "PlaceOrder", nowMs: at, accountId: SHORT, orderId: 9_003, market: "BTC-PERP", side: "sell", orderType: "limit", price: 575_000, size: 100 },
      { type: "PlaceOrder", nowMs: at, accountId: V2, orderId: 9_004, market: "BTC-PERP", side: "buy", orderType: "limit", price: 575_000, size: 100 },
      // Ten seconds later (well inside the quiet period) the price falls through V2's bankruptcy: the fund
      // is at its floor, so V2's loss goes straight to ADL — a second round of the same incident.
      {
        type: "IndexQuotes",
        nowMs: at + 5_000,
        market: "BTC-PERP",
        quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 550_000, timestampMs: at + 5_000, recentVolumeUsd: 50_000_000 })),
      },
    ]);
    const secondRound = (await prisma.engineEvent.findMany({ where: { type: "LiqStageEntered", nowMs: BigInt(at + 5_000) }, select: EVENT_COLUMNS }))
      .map(decodeEvent)
      .filter((event) => event.type === "LiqStageEntered" && event.stage === "adl").length;
    expect(secondRound, "V2's liquidation reached ADL").toBeGreaterThan(0);
    await runProjector(prisma);
    expect(await prisma.incident.count(), "the same episode").toBe(1);
    const adlNotices = await prisma.clientNotice.findMany({ where: { kind: "adlOccurred" }, select: { userId: true, incidentId: true } });
    expect(adlNotices.filter((n) => n.userId === users.get(LATE))).toEqual([{ userId: users.get(LATE), incidentId: incident.id }]);
    // Those told in the first round are not told again.
    expect(adlNotices.filter((n) => n.userId === users.get(FIRST_HOLDER))).toHaveLength(1);
    expect(adlNotices.filter((n) => n.userId === users.get(SHORT))).toHaveLength(1);
  });

  it("the same incidents, history and notices whatever the batch size, under parallel projectors, and after a batch that failed mid-way", async () => {
    const journal = await writeIncidentJournal(prisma, { holders: 5 });
    await linkClients(prisma, journal.clients);
    await quietAfterwards(journal.run);
    await runProjector(prisma);
    const reference = await projected();
    expect(reference.incidents).toHaveLength(1);
    expect(reference.notices.length).toBeGreaterThan(10);

    // Small batches (several transactions, one command's events never split).
    await prisma.$executeRawUnsafe(
      `TRUNCATE ${["JournalCursor", "AccountActivity", "ClientPosition", "NoticeDelivery", "ClientNotice", "Incident"].map((t) => `"${database.schema}"."${t}"`).join(", ")} CASCADE`,
    );
    await runProjector(prisma, { batch: 3 });
    expect(await projected()).toEqual(reference);

    // A batch that dies after writing part of its work (the clock throws after its history, positions and
    // incidents were written, before its notices) leaves nothing of it; the batches before it stay.
    await prisma.$executeRawUnsafe(
      `TRUNCATE ${["JournalCursor", "AccountActivity", "ClientPosition", "NoticeDelivery", "ClientNotice", "Incident"].map((t) => `"${database.schema}"."${t}"`).join(", ")} CASCADE`,
    );
    let calls = 0;
    await expect(
      runProjector(prisma, {
        batch: 8,
        now: () => {
          calls++;
          if (calls === 3) throw new Error("killed mid-batch");
          return new Date();
        },
      }),
    ).rejects.toThrow("killed mid-batch");
    // Eight parallel projectors then finish the job: the cursor's row lock lets one fold each batch.
    await Promise.all(Array.from({ length: 8 }, () => runProjector(prisma, { batch: 8 })));
    expect(await projected()).toEqual(reference);
  });
});
