import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "@/test/database";
import { emptyJournalAndProjections, FIRST_HOLDER, SHORT, VICTIM, writeIncidentJournal } from "@/test/incident-journal";
import { contextFor, signedInUser } from "@/test/service-context";
import { SOURCES } from "@/lib/engine/test-helpers";
import type { Command } from "@/lib/engine/index";
import { runProjector } from "@/lib/incidents/projector";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { monthWindow } from "@/lib/services/afmm/afmm-mi-model";
import { monthlyStatementOf } from "@/lib/statements/model";
import { monthlyStatementPdf } from "@/lib/statements/pdf";
import { benchmarkMonthlyStatements, generateMonthlyStatements, previousMonth } from "./generate-monthly-statements";
import { getContractNote } from "./get-contract-note";
import { getMonthlyStatement } from "./get-monthly-statement";
import { PDFParse } from "pdf-parse";
import { formatTicks, formatUsdMicrosExact } from "@/lib/format";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(async () => {
  // Files on one worker share a schema: the engine account ids are the incident journal's, which other files use too.
  await prisma.tradingAccount.deleteMany({ where: { engineAccountId: { in: [...clients.keys()] } } });
  await prisma.$disconnect();
});

const MONTH = "2026-01";
const window = monthWindow(MONTH)!;
const PREPARED = new Date(window.toMs + 2 * 3_600_000);
const clients = new Map<number, Actor>();

const quotes = (price: number, nowMs: number): Command => ({
  type: "IndexQuotes",
  nowMs,
  market: "BTC-PERP",
  quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
});

beforeAll(async () => {
  await emptyJournalAndProjections(prisma, database.schema);
  const journal = await writeIncidentJournal(prisma, { holders: 3 });
  for (const engineAccountId of journal.clients) {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    await prisma.tradingAccount.create({ data: { userId: actor.userId, engineAccountId } });
    clients.set(engineAccountId, actor);
  }
  // Funding settles at each interval boundary (mark below index after the gap); then the journal runs past the month's end.
  const intervalMs = 8 * 3_600_000;
  const firstBoundary = Math.ceil((window.fromMs + 48 * 3_600_000) / intervalMs) * intervalMs;
  // A book quoted above the index gives a premium, so longs pay shorts at each boundary.
  const start = firstBoundary - intervalMs + 60_000;
  const book: Command[] = [
    { type: "PlaceOrder", nowMs: start, accountId: 3, orderId: 1_001, market: "BTC-PERP", side: "sell", orderType: "limit", price: 580_000, size: 5_000 },
    { type: "PlaceOrder", nowMs: start, accountId: 3, orderId: 1_002, market: "BTC-PERP", side: "buy", orderType: "limit", price: 579_000, size: 5_000 },
  ];
  const halfHours = Array.from({ length: 34 }, (_, i): Command[] => {
    const nowMs = start + (i + 1) * 30 * 60_000;
    return [quotes(575_000, nowMs), { type: "Tick", nowMs }];
  }).flat();
  await journal.run([quotes(575_000, start), ...book, ...halfHours]);
  await journal.run([quotes(575_000, window.toMs + 1_000)]);
  await runProjector(prisma);
}, 120_000);

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function statementOf(engineAccountId: number) {
  const actor = clients.get(engineAccountId)!;
  const row = await prisma.clientNotice.findUniqueOrThrow({ where: { dedupeKey: `monthly-statement:${actor.userId}:${MONTH}` } });
  return { row, statement: monthlyStatementOf(row.statement)! };
}

describe("monthly statements (DISC-9)", () => {
  it("DISC-9: is not generated before the projection has passed the month's end", async () => {
    const result = await generateMonthlyStatements({ db: prisma, month: "2026-02", now: () => PREPARED });
    expect(result.status).toBe("not_ready");
    expect(await prisma.clientNotice.count({ where: { kind: "monthlyStatement" } })).toBe(0);
  });

  it("DISC-9: bulk generation twice, and two runs in parallel, create one statement per client with its inbox delivery", async () => {
    // Every client with a trading account gets one, this file's and any another file on the worker left in the shared schema.
    const accounts = await prisma.tradingAccount.count();
    expect(accounts).toBeGreaterThanOrEqual(clients.size);
    const first = await generateMonthlyStatements({ db: prisma, month: MONTH, now: () => PREPARED, batchSize: 2 });
    expect(first).toMatchObject({ status: "done", clients: accounts, created: accounts, existing: 0 });
    const again = await generateMonthlyStatements({ db: prisma, month: MONTH, now: () => PREPARED, batchSize: 2 });
    expect(again).toMatchObject({ status: "done", created: 0, existing: accounts });
    await prisma.noticeDelivery.deleteMany({ where: { notice: { kind: "monthlyStatement" } } });
    await prisma.clientNotice.deleteMany({ where: { kind: "monthlyStatement" } });
    const parallel = await Promise.all([
      generateMonthlyStatements({ db: prisma, month: MONTH, now: () => PREPARED, batchSize: 1 }),
      generateMonthlyStatements({ db: prisma, month: MONTH, now: () => PREPARED, batchSize: 3 }),
    ]);
    expect(parallel[0].created + parallel[1].created).toBe(accounts);
    const notices = await prisma.clientNotice.findMany({
      where: { kind: "monthlyStatement" },
      select: { userId: true, deliveries: { select: { channel: true, status: true } } },
    });
    expect(notices).toHaveLength(accounts);
    expect(new Set(notices.map((n) => n.userId)).size).toBe(accounts);
    for (const actor of clients.values()) expect(notices.filter((n) => n.userId === actor.userId)).toHaveLength(1);
    for (const notice of notices) expect(notice.deliveries).toContainEqual({ channel: "inbox", status: "delivered" });
    const bench = await benchmarkMonthlyStatements(prisma, MONTH);
    expect(bench).toMatchObject({ clients: accounts, created: 0, existing: accounts });
  });

  it("DISC-9: a statement includes funding and liquidation lines and its totals reconcile to AccountActivity for the month", async () => {
    const { statement } = await statementOf(VICTIM);
    expect(statement.totals.liquidations).toBeGreaterThan(0);
    expect(statement.trades.some((t) => t.kind === "liquidation")).toBe(true);
    const short = (await statementOf(SHORT)).statement;
    expect(short.trades.some((t) => t.kind === "adl")).toBe(true);
    expect(short.funding.length).toBeGreaterThan(0);
    expect(short.collateral.some((c) => c.kind === "deposit_settled")).toBe(true);
    for (const engineAccountId of clients.keys()) {
      const { statement: s } = await statementOf(engineAccountId);
      const where = { engineAccountId, nowMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } };
      const [fees, funding, counts] = await Promise.all([
        prisma.accountActivity.aggregate({ where: { ...where, kind: { in: ["fill", "liquidation", "adl"] } }, _sum: { amount: true } }),
        prisma.accountActivity.aggregate({ where: { ...where, kind: "funding" }, _sum: { amount: true }, _count: true }),
        prisma.accountActivity.groupBy({ by: ["kind"], where, _count: true }),
      ]);
      const count = (kind: string) => counts.find((c) => c.kind === kind)?._count ?? 0;
      expect(s.totals.fees).toBe((fees._sum.amount ?? 0n).toString());
      expect(s.totals.funding).toBe((funding._sum.amount ?? 0n).toString());
      expect(s.funding).toHaveLength(funding._count);
      expect([s.totals.fills, s.totals.liquidations, s.totals.adlFills]).toEqual([count("fill"), count("liquidation"), count("adl")]);
      const position = await prisma.clientPosition.findMany({ where: { engineAccountId } });
      for (const p of s.positions) expect(p.closing).toBe(position.find((row) => row.market === p.market)?.lots ?? 0);
    }
  });

  it("DISC-9: the preparation date is present, and the PDF's text holds the figures", async () => {
    const { statement } = await statementOf(VICTIM);
    expect(statement.preparedAtMs).toBe(PREPARED.getTime());
    const text = (await pdfText(await monthlyStatementPdf(statement, "en"))).replace(/\s+/g, "");
    expect(text).toContain("Preparedon2026-01-3118:00:00UTC");
    expect(text).toContain("Liquidations");
    const liquidation = statement.trades.find((t) => t.kind === "liquidation")!;
    expect(text).toContain(formatTicks(Number(liquidation.price), "0.1"));
    expect(text).toContain(formatUsdMicrosExact(statement.totals.fees));
  });

  it("DISC-9: another client cannot download it; compliance staff can, and the read is logged", async () => {
    const { row } = await statementOf(VICTIM);
    const owner = contextFor(prisma, clients.get(VICTIM)!);
    expect((await getMonthlyStatement({ ctx: owner, input: { noticeId: row.id } })).statement.engineAccountId).toBe(VICTIM);
    const other = contextFor(prisma, clients.get(SHORT)!);
    await expect(getMonthlyStatement({ ctx: other, input: { noticeId: row.id } })).rejects.toBeInstanceOf(NotFound);
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const read = await getMonthlyStatement({ ctx: contextFor(prisma, officer), input: { noticeId: row.id }, route: "/api/portal/inbox/x/monthly-statement" });
    expect(read.userId).toBe(row.userId);
    expect(await prisma.clientDataAccess.count({ where: { userId: officer.userId, resource: "monthly_statement", subjectUserId: row.userId } })).toBe(1);
    const afmm = await signedInUser(prisma, ["AFMM_TRADER"]);
    await expect(getMonthlyStatement({ ctx: contextFor(prisma, afmm), input: { noticeId: row.id } })).rejects.toBeInstanceOf(NotFound);
  });

  it("DISC-9: a contract note is the client's own fill only", async () => {
    const { statement } = await statementOf(VICTIM);
    const fill = statement.trades[0];
    const note = await getContractNote({ ctx: contextFor(prisma, clients.get(VICTIM)!), input: { seq: fill.seq } });
    expect(note.trade).toEqual(fill);
    await expect(getContractNote({ ctx: contextFor(prisma, clients.get(FIRST_HOLDER)!), input: { seq: fill.seq } })).rejects.toBeInstanceOf(NotFound);
  });

  it("DISC-9: the job's month is the Hong Kong month before", () => {
    expect(previousMonth(Date.UTC(2026, 1, 1, 0, 0))).toBe("2026-01");
    expect(previousMonth(Date.UTC(2026, 0, 31, 15, 59))).toBe("2025-12");
  });
});
