import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { type Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { getReview } from "@/lib/services/afmm/get-review";
import { replaySurveillance } from "@/lib/services/afmm/replay-surveillance";
import { runSurveillanceProjection, SURVEILLANCE_CURSOR } from "@/lib/services/afmm/surveillance-projection";
import { REVIEW_POLICY, reviewDueAtMs, sampledForReview, type ReviewPolicy } from "@/lib/surveillance/review-policy";
import type { AlertSeverity } from "@/lib/surveillance/types";
import { contextFor, signedInUser } from "@/test/service-context";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

/** A client account and a second affiliate (AFMM) account, opened on the engine directly. */
const CLIENT = 2_000_001;
const SECOND_AFMM = 3;
/** Every AFMM trade drawn for review, so the test sees each one written. */
const SAMPLE_ALL: ReviewPolicy = { ...REVIEW_POLICY, samplePerMille: 1000 };

type Unstamped<C> = C extends Command ? Omit<C, "nowMs"> : never;

async function submit(command: Unstamped<Command>): Promise<void> {
  const result = await venue.host.submit({ ...command, nowMs: venue.now }, "admin");
  if (!result.accepted) throw new Error(`${command.type} refused: ${result.code} ${result.message}`);
}

async function order(accountId: number, side: "buy" | "sell", size: number): Promise<void> {
  venue.now += 1_000;
  await submit({ type: "PlaceOrder", accountId, orderId: venue.host.allocateOrderId(), market: "BTC-PERP", side, orderType: "market", size });
}

async function afmmTradeSeqs(): Promise<number[]> {
  const rows = await prisma.engineEvent.findMany({ where: { type: "Trade" }, orderBy: { seq: "asc" }, select: EVENT_COLUMNS });
  return rows
    .map(decodeEvent)
    .filter((e) => e.type === "Trade" && (e.takerAfmm || e.makerAfmm))
    .map((e) => e.seq);
}

let clientUserId: string;

beforeAll(async () => {
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${["JournalCursor", "AfmmReviewComment", "AfmmReview", "SurveillanceAlert"].map((t) => `"${database.schema}"."${t}"`).join(", ")} CASCADE`,
  );
  for (const [accountId, kind] of [
    [CLIENT, "client"],
    [SECOND_AFMM, "afmm"],
  ] as const) {
    await submit({ type: "CreateAccount", accountId, kind });
    await submit({ type: "Deposit", accountId, depositId: `d-${accountId}`, assetId: "USD", amountMinor: 10_000_000_00n });
    await submit({ type: "SettleDeposit", depositId: `d-${accountId}` });
  }
  const client = await signedInUser(prisma, ["CLIENT"]);
  clientUserId = client.userId;
  await prisma.tradingAccount.create({ data: { userId: client.userId, engineAccountId: CLIENT } });
  // A client trading against the market maker, both ways.
  for (let i = 0; i < 12; i++) await order(CLIENT, i % 2 === 0 ? "buy" : "sell", 50);
});

describe("AFMM-8: the live surveillance projection", () => {
  it("AFMM-8: writes a review item per sampled AFMM trade, with its SLA, and moves the cursor to the journal's end in bounded batches", async () => {
    const now = new Date("2026-12-06T09:00:00.000Z");
    const run = await runSurveillanceProjection(prisma, { policy: SAMPLE_ALL, batch: 7, now: () => now });
    const afmmTrades = await afmmTradeSeqs();
    expect(afmmTrades.length).toBeGreaterThanOrEqual(12);
    const head = await prisma.engineEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, select: { seq: true } });
    expect(run.cursor).toBe(Number(head.seq));
    expect((await prisma.journalCursor.findUniqueOrThrow({ where: { name: SURVEILLANCE_CURSOR } })).seq).toBe(head.seq);
    const samples = await prisma.afmmReview.findMany({ where: { kind: "sample" }, orderBy: { tradeSeq: "asc" } });
    expect(samples.map((s) => Number(s.tradeSeq))).toEqual(afmmTrades);
    for (const sample of samples) {
      expect([sample.status, sample.market]).toEqual(["open", "BTC-PERP"]);
      expect(sample.dueAt.getTime()).toBe(reviewDueAtMs(now.getTime(), "sample", null, SAMPLE_ALL));
    }
    expect(await prisma.auditLog.count({ where: { action: "afmm.review_open" } })).toBeGreaterThan(0);
  });

  it("AFMM-8: a restart (a new process, the cursor rewound) writes nothing twice: alert and sample ids are stable", async () => {
    const reviews = await prisma.afmmReview.count();
    const alerts = await prisma.surveillanceAlert.count();
    await prisma.journalCursor.update({ where: { name: SURVEILLANCE_CURSOR }, data: { seq: 0n } });
    const restarted = createPrismaClient(database.url, database.schema);
    try {
      const run = await runSurveillanceProjection(restarted, { policy: SAMPLE_ALL });
      expect(run.events).toBeGreaterThan(0);
    } finally {
      await restarted.$disconnect();
    }
    expect(await prisma.afmmReview.count()).toBe(reviews);
    expect(await prisma.surveillanceAlert.count()).toBe(alerts);
    // Caught up: another run reads nothing.
    expect((await runSurveillanceProjection(prisma, { policy: SAMPLE_ALL })).events).toBe(0);
  });

  it("AFMM-8: with the default rate, the sample is exactly the AFMM trades the hash of their seq draws (deterministic on replay)", async () => {
    for (let i = 0; i < 40; i++) await order(CLIENT, i % 2 === 0 ? "buy" : "sell", 10);
    const before = await prisma.journalCursor.findUniqueOrThrow({ where: { name: SURVEILLANCE_CURSOR } });
    await runSurveillanceProjection(prisma);
    const fresh = (await afmmTradeSeqs()).filter((seq) => seq > Number(before.seq));
    const drawn = await prisma.afmmReview.findMany({ where: { kind: "sample", tradeSeq: { gt: before.seq } }, orderBy: { tradeSeq: "asc" } });
    expect(drawn.map((d) => Number(d.tradeSeq))).toEqual(fresh.filter((seq) => sampledForReview(seq)));
  });

  it("AFMM-8: trades between two affiliate accounts raise a wash-trade alert with its evidence and a review item due by its severity; a replay of the window raises the same ids", async () => {
    const startMs = venue.now;
    await order(SECOND_AFMM, "buy", 20);
    venue.now += 60_000;
    await venue.host.step();
    const now = new Date();
    await runSurveillanceProjection(prisma, { now: () => now });
    const alerts = await prisma.surveillanceAlert.findMany({ where: { rule: "wash_trade" }, include: { review: true } });
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    const alert = alerts[0];
    expect(alert.afmmAccountIds).toEqual(expect.arrayContaining([1, SECOND_AFMM]));
    expect(alert.source).toBe("live");
    expect(alert.review).toMatchObject({ kind: "alert", status: "open", market: "BTC-PERP" });
    expect(alert.review!.dueAt.getTime()).toBe(reviewDueAtMs(now.getTime(), "alert", alert.severity as AlertSeverity));

    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const replay = await replaySurveillance({
      ctx: contextFor(prisma, officer),
      input: { from: new Date(startMs - 3_600_000).toISOString(), to: new Date(venue.now).toISOString() },
    });
    const replayed = replay.alerts.map((a) => a.alert.id);
    expect(replayed).toEqual(expect.arrayContaining(alerts.map((a) => a.id)));
    expect(replay.alerts.filter((a) => alerts.some((s) => s.id === a.alert.id)).every((a) => a.matchesLive && a.reviewId !== null)).toBe(true);
    expect(replay.liveNotReplayed).toEqual([]);
    expect(await prisma.auditLog.count({ where: { action: "afmm.surveillance_replay", actorId: officer.userId } })).toBe(1);
  });

  it("AFMM-8, AFMM-7: reading a sampled trade's review names the client behind the counterparty account and logs that read", async () => {
    const sample = await prisma.afmmReview.findFirstOrThrow({ where: { kind: "sample" }, orderBy: { tradeSeq: "asc" } });
    const officer = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"]);
    const detail = await getReview({ ctx: contextFor(prisma, officer), input: { reviewId: sample.id } });
    expect(detail.trade?.seq).toBe(Number(sample.tradeSeq));
    expect(detail.counterparties).toEqual([{ accountId: CLIENT, client: expect.objectContaining({ id: clientUserId }) }]);
    const reads = await prisma.clientDataAccess.findMany({ where: { userId: officer.userId } });
    expect(reads.map((r) => [r.resource, r.subjectUserId, r.subjectRef])).toEqual([["afmm_review", clientUserId, sample.id]]);
  });

  it("AFMM-8: a restart two hours on rebuilds the detector from the engine at the warm-up start (not the whole journal), writes nothing twice, and then goes on", async () => {
    venue.now += 2 * 3_600_000;
    await venue.host.step();
    for (let i = 0; i < 6; i++) await order(CLIENT, i % 2 === 0 ? "buy" : "sell", 10);
    await runSurveillanceProjection(prisma, { policy: SAMPLE_ALL });
    const reviews = await prisma.afmmReview.count();
    const total = await prisma.engineEvent.count();
    for (let i = 0; i < 4; i++) await order(CLIENT, i % 2 === 0 ? "buy" : "sell", 10);
    const restarted = createPrismaClient(database.url, database.schema);
    try {
      const run = await runSurveillanceProjection(restarted, { policy: SAMPLE_ALL });
      expect(run.warmedUp).toBeGreaterThan(0);
      expect(run.warmedUp).toBeLessThan(total);
      expect(run.samples).toHaveLength(4);
    } finally {
      await restarted.$disconnect();
    }
    expect(await prisma.afmmReview.count()).toBe(reviews + 4);
  });

  it("AFMM-8: a replay window longer than 24 hours or ending before it starts is refused", async () => {
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const ctx = contextFor(prisma, officer);
    await expect(replaySurveillance({ ctx, input: { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:01Z" } })).rejects.toMatchObject({ code: "INVALID" });
    await expect(replaySurveillance({ ctx, input: { from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" } })).rejects.toMatchObject({ code: "INVALID" });
    await expect(replaySurveillance({ ctx, input: { from: "yesterday", to: "2026-12-01T00:00:00Z" } })).rejects.toMatchObject({ code: "INVALID" });
    expect(await prisma.auditLog.count({ where: { action: "afmm.surveillance_replay", actorId: officer.userId } })).toBe(0);
  });
});
