import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { SHORT, VICTIM, emptyJournalAndProjections, writeIncidentJournal } from "../../../test/incident-journal";
import { createPrismaClient } from "@/lib/prisma-client";
import { runProjector } from "@/lib/incidents/projector";
import { renderNotice, type NoticeKind } from "@/lib/notices/render";
import type { Actor } from "@/lib/services/context";
import { getNotice } from "@/lib/services/inbox/get-notice";
import { listNotices } from "@/lib/services/inbox/list-notices";
import { markAllNoticesRead } from "@/lib/services/inbox/mark-all-notices-read";
import { listAccountActivity } from "@/lib/services/trading/list-account-activity";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const clients = new Map<number, Actor>();

// One default-management episode written to the journal as the engine host writes it, and projected by
// the real projector: what a client finds in their inbox and their history afterwards.
beforeAll(async () => {
  await emptyJournalAndProjections(prisma, database.schema);
  const journal = await writeIncidentJournal(prisma, { holders: 1 });
  for (const engineAccountId of journal.clients) {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    await prisma.tradingAccount.create({ data: { userId: actor.userId, engineAccountId } });
    clients.set(engineAccountId, actor);
  }
  await runProjector(prisma);
});

describe("inbox and history of a client after a default-management incident (DISC-6, LIQ-1, LIQ-5, REC-6)", () => {
  it("DISC-6: the deleveraged client reads the projector's notices in Traditional Chinese, each with its delivery records", async () => {
    const short = clients.get(SHORT)!;
    const ctx = contextFor(prisma, short);
    const inbox = await listNotices({ ctx, input: { locale: "zh-HK" } });
    // With the settled deposit and the summary of the ordinary fill that opened the position (SEC-2).
    expect(inbox.notices.map((n) => n.kind).sort()).toEqual([
      "adlFill",
      "adlOccurred",
      "clientSecurity.collateralDeposit",
      "clientSecurity.fillsSummary",
      "fundDepleted",
    ]);
    expect(inbox.unread).toBe(5);
    const stored = await prisma.clientNotice.findMany({ where: { userId: short.userId }, select: { id: true, kind: true, params: true } });
    for (const notice of inbox.notices) {
      const row = stored.find((s) => s.id === notice.id)!;
      expect(notice.fromCatalogue).toBe(true);
      expect(notice.title).toBe(renderNotice(row.kind as NoticeKind, row.params as Record<string, string>, "zh-HK").title);
      expect(notice.title).toMatch(/[\u4e00-\u9fff]/);
    }
    const adlFill = inbox.notices.find((n) => n.kind === "adlFill")!;
    const detail = await getNotice({ ctx, input: { noticeId: adlFill.id, locale: "en" } });
    expect(detail.title).toBe("BTC-PERP: your position was auto-deleveraged");

    expect(await markAllNoticesRead({ ctx })).toEqual({ count: 5 });
    const deliveries = await prisma.noticeDelivery.findMany({ where: { userId: short.userId, channel: "inbox" } });
    expect(deliveries).toHaveLength(5);
    expect(deliveries.every((d) => d.status === "read" && d.readAt !== null)).toBe(true);
  });

  it("LIQ-1 / LIQ-5: each client's history shows their own fill, liquidation and ADL lines as the journal recorded them", async () => {
    const victim = await listAccountActivity({ ctx: contextFor(prisma, clients.get(VICTIM)!), input: {} });
    expect(victim.rows.map((r) => [r.kind, r.side, r.lots, r.priceTicks, r.positionAfter])).toEqual([
      ["liquidation", "sell", 82, 580_300, 0],
      ["liquidation", "sell", 18, 580_300, 82],
      ["fill", "buy", 100, 600_000, 100],
    ]);
    const short = await listAccountActivity({ ctx: contextFor(prisma, clients.get(SHORT)!), input: { kind: "adl" } });
    expect(short.rows.map((r) => [r.kind, r.side, r.lots, r.positionAfter])).toEqual([["adl", "buy", 82, -18]]);
    expect(short.olderBefore).toBeNull();
  });
});
