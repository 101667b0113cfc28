import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue, T0 } from "../../../test/quiet-market";
import type { Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { recordAudit } from "@/lib/services/audit";
import { contextFor } from "@/test/service-context";
import { reportPdf } from "../render";
import type { ReportPeriod, ReportResult, ReportTable } from "../types";
import { activityReport } from "./market-minutes";
import { questionnaireReport } from "./questionnaire";

// RPT-3: the questionnaire extract against client, submission and review rows written straight into the
// tables. Test files on one worker share a schema, so the clients are dated in May 2019, which no other
// file uses, and every figure is also counted straight from the rows this file wrote.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const TO = Date.parse("2019-06-01T00:00:00Z");
const PERIOD: ReportPeriod = { fromMs: Date.parse("2019-05-01T00:00:00Z"), toMs: TO };
const never = new AbortController().signal;
const build = (period: ReportPeriod = PERIOD): Promise<ReportResult> => questionnaireReport.build({ db: prisma, period, signal: never, progress: () => {} });
const tableOf = (result: ReportResult, id: string): ReportTable => result.tables.find((table) => table.id === id)!;
const cell = (table: ReportTable, first: string, key: string) => table.rows.find((row) => row[0] === first)![table.columns.findIndex((c) => c.key === key)];

async function clientUser(createdAt: string, closedAt: string | null = null): Promise<string> {
  const user = await prisma.user.create({
    data: {
      email: `q-${crypto.randomUUID()}@example.test`,
      name: "Questionnaire client",
      passwordHash: "x",
      family: "CLIENT",
      createdAt: new Date(createdAt),
      closedAt: closedAt ? new Date(closedAt) : null,
    },
  });
  return user.id;
}

let version = 0;
async function submission(userId: string, category: string, submittedAt: string, assessmentDate = submittedAt.slice(0, 10)): Promise<string> {
  const row = await prisma.suitabilitySubmission.create({
    data: {
      userId,
      version: ++version,
      submittedAt: new Date(submittedAt),
      assessmentDate,
      record: { draft: { category } },
      piPassed: true,
      knowledgePassed: true,
      quizPassed: true,
      evaluatorPassed: true,
      recordHash: crypto.randomUUID(),
    },
  });
  return row.id;
}

async function review(submissionId: string, decision: "APPROVE" | "REJECT", decidedAt: string) {
  await prisma.suitabilityReview.create({
    data: {
      submissionId,
      officerId: crypto.randomUUID(),
      officerEmail: "officer@example.test",
      decision,
      reason: "test",
      overridesEvaluator: false,
      decidedAt: new Date(decidedAt),
    },
  });
}

const expected = { individual: { clients: 0, pi: 0 }, corporate: { clients: 0, pi: 0 }, institutional: { clients: 0, pi: 0 }, unknown: { clients: 0, pi: 0 } };

beforeAll(async () => {
  // The quiet market's engine (its journal and minute rollups) with one client trade against the AFMM maker.
  const submit = async (command: Omit<Command, "nowMs">) =>
    expect(await venue.host.submit({ ...command, nowMs: 0 } as Command, "admin")).toMatchObject({ accepted: true });
  venue.now += 1_000;
  await submit({ type: "CreateAccount", accountId: 400, kind: "client" } as Omit<Command, "nowMs">);
  await submit({ type: "Deposit", accountId: 400, depositId: "q-400", assetId: "USD", amountMinor: 1_000_000_00n } as Omit<Command, "nowMs">);
  await submit({ type: "SettleDeposit", depositId: "q-400" } as Omit<Command, "nowMs">);
  await submit({
    type: "PlaceOrder",
    accountId: 400,
    orderId: venue.host.allocateOrderId(),
    market: "BTC-PERP",
    side: "buy",
    orderType: "limit",
    price: 600_010,
    size: 3,
    tif: "IOC",
  } as Omit<Command, "nowMs">);
  venue.now += 61_000;
  await venue.host.step();
  // An individual PI approved in May: counted, holding.
  const a = await clientUser("2019-05-02T00:00:00Z");
  await review(await submission(a, "individual", "2019-05-03T00:00:00Z"), "APPROVE", "2019-05-04T00:00:00Z");
  expected.individual.clients++;
  expected.individual.pi++;
  // An individual whose status (assessed 2018-05-01) ran out on 2019-05-01: counted, not holding.
  const b = await clientUser("2018-04-01T00:00:00Z");
  await review(await submission(b, "individual", "2018-05-01T00:00:00Z"), "APPROVE", "2018-05-02T00:00:00Z");
  expected.individual.clients++;
  // A corporate client that withdrew its consent before the end: counted, not holding.
  const c = await clientUser("2019-05-02T00:00:00Z");
  await review(await submission(c, "corporation", "2019-05-03T00:00:00Z"), "APPROVE", "2019-05-04T00:00:00Z");
  await prisma.$transaction((tx) =>
    recordAudit(
      tx,
      contextFor(prisma, null, () => new Date("2019-05-20T00:00:00Z")),
      { action: "onboarding.pi_withdrawn", entity: "OnboardingCase", entityId: c },
    ),
  );
  expected.corporate.clients++;
  // An institutional PI approved, then a later submission rejected: counted, not holding.
  const d = await clientUser("2019-05-02T00:00:00Z");
  await review(await submission(d, "institutional", "2019-05-03T00:00:00Z"), "APPROVE", "2019-05-04T00:00:00Z");
  await review(await submission(d, "institutional", "2019-05-10T00:00:00Z"), "REJECT", "2019-05-11T00:00:00Z");
  expected.institutional.clients++;
  // An institutional PI approved on the last millisecond of the period: holding.
  const e = await clientUser("2019-05-02T00:00:00Z");
  await review(await submission(e, "institutional", "2019-05-03T00:00:00Z"), "APPROVE", new Date(TO - 1).toISOString());
  expected.institutional.clients++;
  expected.institutional.pi++;
  // A client with no submission: unknown.
  await clientUser("2019-05-05T00:00:00Z");
  expected.unknown.clients++;
  // After the period: registered at the end, approved at the end, or closed before it: not counted.
  const late = await clientUser(new Date(TO).toISOString());
  await review(await submission(late, "individual", "2019-05-03T00:00:00Z"), "APPROVE", "2019-05-04T00:00:00Z");
  const approvedAtEnd = await clientUser("2019-05-02T00:00:00Z");
  await review(await submission(approvedAtEnd, "corporation", "2019-05-03T00:00:00Z"), "APPROVE", new Date(TO).toISOString());
  expected.corporate.clients++;
  await clientUser("2019-05-02T00:00:00Z", "2019-05-30T00:00:00Z");
  // A submission after the period end does not reclassify: approvedAtEnd stays corporate.
  await submission(approvedAtEnd, "individual", new Date(TO + 2 * 86_400_000).toISOString());
});

describe("questionnaire extract", () => {
  it("RPT-3: client counts by category and professional-investor holders at the period end equal the counts of the rows written", async () => {
    const clients = tableOf(await build(), "clients");
    // Clients created by other files (this run's wall clock) are after 2019: the table holds this file's clients only.
    for (const kind of ["individual", "corporate", "institutional", "unknown"] as const) {
      expect(cell(clients, kind, "clients"), kind).toBe(expected[kind].clients);
      expect(cell(clients, kind, "piStatusHolders"), kind).toBe(expected[kind].pi);
    }
    const all = Object.values(expected);
    expect(cell(clients, "ALL", "clients")).toBe(all.reduce((sum, k) => sum + k.clients, 0));
    expect(cell(clients, "ALL", "piStatusHolders")).toBe(all.reduce((sum, k) => sum + k.pi, 0));
    // Directly from the table: client-family users created before the end and not closed by then.
    const direct = await prisma.user.count({
      where: { family: "CLIENT", createdAt: { lt: new Date(TO) }, OR: [{ closedAt: null }, { closedAt: { gte: new Date(TO) } }] },
    });
    expect(cell(clients, "ALL", "clients")).toBe(direct);
  });

  it("RPT-3: the period boundary is respected: a day later the status approved at the end counts, the late client too", async () => {
    const clients = tableOf(await build({ fromMs: TO, toMs: TO + 86_400_000 }), "clients");
    expect(cell(clients, "corporate", "piStatusHolders")).toBe(expected.corporate.pi + 1);
    expect(cell(clients, "individual", "clients")).toBe(expected.individual.clients + 1);
    expect(cell(clients, "individual", "piStatusHolders")).toBe(expected.individual.pi + 1);
  });

  it("RPT-3: perps volume and AFMM share are the activity report's figures; complaints are those received in the period", async () => {
    const trading = { fromMs: T0 - 86_400_000, toMs: T0 + 86_400_000 };
    const ofTrading = tableOf(await build(trading), "perps-volume");
    expect(cell(ofTrading, "BTC-PERP", "volumeLots")).toBe("3");
    expect(cell(ofTrading, "BTC-PERP", "afmmVolumeLots")).toBe("3");
    expect(cell(ofTrading, "BTC-PERP", "afmmShareOfLotsPpm")).toBe("1000000");
    for (const period of [PERIOD, trading, { fromMs: T0 + 86_400_000, toMs: T0 + 2 * 86_400_000 }]) {
      const result = await build(period);
      const volume = tableOf(result, "perps-volume");
      const activity = (await activityReport.build({ db: prisma, period, signal: never, progress: () => {} })).tables[0];
      const pick = (table: ReportTable, keys: string[]) =>
        table.rows.map((row) => [row[0], ...keys.map((key) => row[table.columns.findIndex((c) => c.key === key)])]);
      const keys = ["trades", "volumeLots", "volumeNotionalMicroUsd", "afmmVolumeLots", "afmmShareOfLotsPpm"];
      expect(pick(volume, keys)).toEqual(pick(activity, keys));
      const complaints = tableOf(result, "complaints");
      const received = await prisma.complaint.count({ where: { kind: "complaint", receivedAt: { gte: new Date(period.fromMs), lt: new Date(period.toMs) } } });
      expect(complaints.rows).toEqual([[received]]);
    }
  });

  it("RPT-3: an empty period builds and renders", async () => {
    const result = await build({ fromMs: 0, toMs: 86_400_000 });
    const clients = tableOf(result, "clients");
    expect(cell(clients, "ALL", "clients")).toBe(0);
    expect(cell(clients, "ALL", "piStatusHolders")).toBe(0);
    expect(tableOf(result, "perps-volume").rows.find((row) => row[0] === "ALL")![1]).toBe(0);
    expect((await reportPdf(result, "en")).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
