import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { canonicalJson } from "@/lib/audit/chain";
import { runIncidentClock } from "@/lib/incidents/clock";
import { INCIDENT_POLICY } from "@/lib/incidents/policy";
import { INCIDENT_REPORT_SCHEMA_VERSION, type IncidentReport } from "@/lib/incidents/report/types";
import type { MessageKey } from "@/lib/i18n/message-ref";
import type { Actor } from "@/lib/services/context";
import { Invalid, ServiceError } from "@/lib/services/errors";
import { approveIncidentReport } from "@/lib/services/incidents/approve-incident-report";
import { getIncident } from "@/lib/services/incidents/get-incident";
import { getPublishedIncident } from "@/lib/services/incidents/get-published-incident";
import { listIncidents } from "@/lib/services/incidents/list-incidents";
import { listPublishedIncidents } from "@/lib/services/incidents/list-published-incidents";
import { PUBLISH_NOTICE_PAGE, publishIncidentReport } from "@/lib/services/incidents/publish-incident-report";
import { returnIncidentReport } from "@/lib/services/incidents/return-incident-report";
import { saveIncidentNarrative } from "@/lib/services/incidents/save-incident-narrative";
import { submitIncidentReport } from "@/lib/services/incidents/submit-incident-report";
import type { PublishedIncidentReport } from "@/lib/incidents/published-report";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const HOUR_MS = 3_600_000;
const OPENED_AT = new Date("2026-12-01T08:00:00.000Z");
/** Within the 24 hours, well before the first reminder. */
const WORKING = new Date(OPENED_AT.getTime() + 2 * HOUR_MS);

function minimalReport(incidentId: string): IncidentReport {
  const startedAtMs = OPENED_AT.getTime();
  return {
    schemaVersion: INCIDENT_REPORT_SCHEMA_VERSION,
    incidentId,
    market: "BTC-PERP",
    startedAtMs,
    endedAtMs: startedAtMs + 60_000,
    journal: { fromSeq: 10, toSeq: 20, fromPosition: 1000, toPosition: 2000, stateHashBefore: "a".repeat(16), stateHashAfter: "b".repeat(16) },
    configHash: "c".repeat(16),
    units: { tickSize: "0.1", lotSize: "0.001", tickLotValue: "100" },
    priceWindow: { fromMs: startedAtMs - 60_000, toMs: startedAtMs + 120_000, rowsInWindow: 1, every: 1 },
    parameters: [{ path: "liquidation.liquidationFeeRate", value: "5000000", unit: "ppb" }],
    steps: ["insurance_fund", "adl"],
    timeline: [
      {
        seq: 11,
        atMs: startedAtMs,
        account: "acct-1",
        stage: "insurance_fund",
        reason: "below maintenance",
        sizeToClose: 5,
        sizeClosed: 5,
        bankruptcyPrice: "6000000",
        markPrice: "5990000",
        amount: "-1200000",
        equityAfter: "0",
      },
    ],
    prices: [{ seq: 11, atMs: startedAtMs, mark: "5990000", index: "5991000", sources: [{ sourceId: "src-a", price: "5991000", status: "ok" }] }],
    closedByStep: [{ stage: "insurance_fund", liquidations: 1, lots: 5, notional: "29950000000", averagePrice: "5990000" }],
    backstop: { lots: 0, notional: "0", compensationPaid: "0", capacityExhausted: false, providers: [] },
    insuranceFund: {
      before: "1000000000",
      after: "998800000",
      floor: "100000000",
      lowest: "998800000",
      paidOut: "1200000",
      feesIn: "0",
      deposited: "0",
      backstopCompensation: "0",
      adlCompensation: "0",
      negativeEquityCover: "1200000",
      reachedFloor: false,
    },
    adl: {
      stages: [],
      fills: [],
      lotsNeeded: 0,
      lotsClosed: 0,
      lotsBeyondMinimum: 0,
      lossSocialized: "0",
      minimumNeeded: "0",
      beyondMinimum: "0",
      proRata: { accountsAffected: 0, rankedAccountsAffected: 0, basis: [], allocations: [] },
    },
    affected: { accountsLiquidated: 1, clientsWithPositions: 1 },
  };
}

/** An incident as the journal projector leaves it when the market has gone quiet: a draft with its computed report. */
async function insertIncident(overrides: { status?: string; openedAt?: Date } = {}): Promise<string> {
  const id = `inc-test-${randomBytes(6).toString("hex")}`;
  const openedAt = overrides.openedAt ?? OPENED_AT;
  const status = overrides.status ?? "draft";
  const report = minimalReport(id);
  await prisma.incident.create({
    data: {
      id,
      market: "BTC-PERP",
      openedSeq: BigInt(randomInt(1, 2 ** 47)),
      openedAtMs: BigInt(openedAt.getTime()),
      lastSeq: 20n,
      lastAtMs: BigInt(openedAt.getTime() + 60_000),
      closedSeq: status === "open" ? null : 21n,
      closedAtMs: status === "open" ? null : BigInt(openedAt.getTime() + 6 * 60_000),
      steps: ["insurance_fund", "adl"],
      status,
      deadlineAt: new Date(openedAt.getTime() + INCIDENT_POLICY.reportDueMs),
      draft: status === "open" ? undefined : (report as unknown as object),
      draftHash: status === "open" ? null : "d".repeat(64),
    },
  });
  return id;
}

const NARRATIVE = {
  cause: "A 9 % fall in the BTC index within two minutes left one account below maintenance margin.",
  impact: "The insurance fund paid 1.20 USD; no client position was auto-deleveraged.",
  remediation: "No change to parameters; the backstop panel is being widened.",
};

/** A client account made directly (no password hashing): the publication notice is about numbers of clients. */
async function insertClients(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let from = 0; from < ids.length; from += 5_000) {
    const part = ids.slice(from, from + 5_000);
    await prisma.user.createMany({
      data: part.map((id) => ({ id, email: `client-${id}@test.example`, name: "Client", passwordHash: "not-a-hash", family: "CLIENT" as const })),
    });
    await prisma.userRole.createMany({ data: part.map((userId) => ({ userId, role: "CLIENT" as const, family: "CLIENT" as const })) });
  }
  return ids;
}

async function snapshot(incidentId: string) {
  const [incident, audits, notices] = await Promise.all([
    prisma.incident.findUniqueOrThrow({ where: { id: incidentId } }),
    prisma.auditLog.count({ where: { entity: "Incident", entityId: incidentId } }),
    prisma.clientNotice.count({ where: { incidentId } }),
  ]);
  return { incident, audits, notices };
}

/** A refusal: the service error with the catalogue key expected, and nothing about the incident changed. */
async function expectRefused(incidentId: string, attempt: () => Promise<unknown>, key: MessageKey, code?: string): Promise<ServiceError> {
  const before = await snapshot(incidentId);
  const error = await attempt().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, key).toBeInstanceOf(ServiceError);
  const refusal = error as ServiceError;
  expect(refusal.userMessage.key).toBe(key);
  if (code) expect(refusal.code).toBe(code);
  expect(await snapshot(incidentId)).toEqual(before);
  return refusal;
}

async function auditActions(incidentId: string): Promise<string[]> {
  const rows = await prisma.auditLog.findMany({ where: { entity: "Incident", entityId: incidentId }, orderBy: { seq: "asc" }, select: { action: true } });
  return rows.map((row) => row.action);
}

let co: Actor;
let co2: Actor;
let ro: Actor;
let roStale: Actor;
let dual: Actor;

beforeAll(async () => {
  // Step-ups are checked against each call's clock; these are fresh for calls made at WORKING.
  const freshAt = new Date(WORKING.getTime() - 60_000);
  [co, co2, ro, roStale, dual] = await Promise.all([
    signedInUser(prisma, ["COMPLIANCE_OFFICER"]),
    signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: freshAt }),
    signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: freshAt }),
    signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: new Date(WORKING.getTime() - 10 * 60_000) }),
    signedInUser(prisma, ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"], { stepUpAt: freshAt }),
  ]);
});

const at = (actor: Actor, now: Date = WORKING) => contextFor(prisma, actor, () => now);

describe("post-event report workflow (DISC-7)", () => {
  it("DISC-7: the narrative is refused when a part is empty, blank or oversized, naming each part, and changes nothing", async () => {
    const id = await insertIncident();
    const before = await snapshot(id);

    const empty = await saveIncidentNarrative({ ctx: at(co), input: { incidentId: id, cause: "", impact: "  \n ", remediation: "" } }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(Invalid);
    expect((empty as Invalid).userMessage).toEqual({ key: "validation.incidents.causeRequired" });
    expect((empty as Invalid).fieldMessages).toEqual({
      cause: [{ key: "validation.incidents.causeRequired" }],
      impact: [{ key: "validation.incidents.impactRequired" }],
      remediation: [{ key: "validation.incidents.remediationRequired" }],
    });

    const long = "x".repeat(5_001);
    for (const field of ["cause", "impact", "remediation"] as const) {
      const oversized = await saveIncidentNarrative({ ctx: at(co), input: { incidentId: id, ...NARRATIVE, [field]: long } }).catch((e: unknown) => e);
      expect(oversized).toBeInstanceOf(Invalid);
      const tooLong = { key: `validation.incidents.${field}TooLong`, values: { max: "5,000" } };
      expect(oversized).toMatchObject({ userMessage: tooLong, fieldMessages: { [field]: [tooLong] } });
      expect(Object.keys((oversized as Invalid).fieldMessages!)).toEqual([field]);
    }
    expect(await snapshot(id)).toEqual(before);
    // Exactly at the bound, with surrounding blanks trimmed, is accepted.
    await saveIncidentNarrative({ ctx: at(co), input: { incidentId: id, ...NARRATIVE, cause: `  ${"y".repeat(5_000)}  ` } });
    expect((await prisma.incident.findUniqueOrThrow({ where: { id } })).cause).toBe("y".repeat(5_000));
  });

  it("DISC-7: only a compliance officer writes the narrative, only on a closed incident's draft", async () => {
    const open = await insertIncident({ status: "open" });
    await expectRefused(
      open,
      () => saveIncidentNarrative({ ctx: at(co), input: { incidentId: open, ...NARRATIVE } }),
      "errors.incidents.stillOpen",
      "CONFLICT",
    );
    const id = await insertIncident();
    await expectRefused(
      id,
      () => saveIncidentNarrative({ ctx: at(ro), input: { incidentId: id, ...NARRATIVE } }),
      "errors.incidents.writeNeedsComplianceOfficer",
      "FORBIDDEN",
    );
    await expect(saveIncidentNarrative({ ctx: at(co), input: { incidentId: "inc-test-none", ...NARRATIVE } })).rejects.toMatchObject({
      userMessage: { key: "errors.incidents.noSuchIncident" },
      status: 404,
    });
  });

  it("DISC-7: submit, approval refused without a fresh step-up and to a compliance officer, then approved with one; each step audited", async () => {
    const id = await insertIncident();
    await expectRefused(id, () => submitIncidentReport({ ctx: at(co), input: { incidentId: id } }), "errors.incidents.narrativeMissing");
    await saveIncidentNarrative({ ctx: at(co), input: { incidentId: id, ...NARRATIVE } });
    await expectRefused(
      id,
      () => submitIncidentReport({ ctx: at(ro), input: { incidentId: id } }),
      "errors.incidents.submitNeedsComplianceOfficer",
      "FORBIDDEN",
    );
    await expectRefused(id, () => approveIncidentReport({ ctx: at(ro), input: { incidentId: id } }), "errors.incidents.approveNotSubmitted");
    await expectRefused(id, () => publishIncidentReport({ ctx: at(co), input: { incidentId: id } }), "errors.incidents.notApproved");

    expect(await submitIncidentReport({ ctx: at(co), input: { incidentId: id } })).toEqual({ status: "submitted" });
    let row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "submitted", submittedById: co.userId, submittedAt: WORKING });

    await expectRefused(id, () => saveIncidentNarrative({ ctx: at(co2), input: { incidentId: id, ...NARRATIVE } }), "errors.incidents.narrativeLocked");
    await expectRefused(id, () => submitIncidentReport({ ctx: at(co2), input: { incidentId: id } }), "errors.incidents.submitNotDraft");
    await expectRefused(
      id,
      () => approveIncidentReport({ ctx: at(co2), input: { incidentId: id } }),
      "errors.incidents.approveNeedsResponsibleOfficer",
      "FORBIDDEN",
    );
    await expectRefused(
      id,
      () => approveIncidentReport({ ctx: at(roStale), input: { incidentId: id } }),
      "errors.incidents.approveNeedsStepUp",
      "STEP_UP_REQUIRED",
    );
    // The same officer, minutes later: the step-up that was fresh has gone stale.
    await expectRefused(
      id,
      () => approveIncidentReport({ ctx: at(ro, new Date(WORKING.getTime() + 5 * 60_000)), input: { incidentId: id } }),
      "errors.incidents.approveNeedsStepUp",
      "STEP_UP_REQUIRED",
    );
    await expectRefused(id, () => publishIncidentReport({ ctx: at(ro), input: { incidentId: id } }), "errors.incidents.notApproved");

    expect(await approveIncidentReport({ ctx: at(ro), input: { incidentId: id } })).toEqual({ status: "approved" });
    row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "approved", approvedById: ro.userId, approvedAt: WORKING, approvalStepUpAt: ro.stepUpAt });
    await expectRefused(id, () => approveIncidentReport({ ctx: at(ro), input: { incidentId: id } }), "errors.incidents.approveNotSubmitted");

    expect(await auditActions(id)).toEqual(["incident.narrative_save", "incident.submit", "incident.approve"]);
    const approval = await prisma.auditLog.findFirstOrThrow({ where: { entity: "Incident", entityId: id, action: "incident.approve" } });
    expect(approval).toMatchObject({ actorId: ro.userId, actorEmail: ro.email });
    expect(approval.after).toMatchObject({ approvedById: ro.userId, approvalStepUpAt: ro.stepUpAt!.toISOString() });
  });

  it("DISC-7: whoever submitted a report cannot also approve it, even holding both officer roles", async () => {
    const id = await insertIncident();
    await saveIncidentNarrative({ ctx: at(dual), input: { incidentId: id, ...NARRATIVE } });
    await submitIncidentReport({ ctx: at(dual), input: { incidentId: id } });
    await expectRefused(id, () => approveIncidentReport({ ctx: at(dual), input: { incidentId: id } }), "errors.incidents.ownSubmission", "FORBIDDEN");
    await approveIncidentReport({ ctx: at(ro), input: { incidentId: id } });
  });

  it("DISC-7: a Responsible Officer sends a submitted report back with a reason, and the narrative can change again", async () => {
    const id = await insertIncident();
    await saveIncidentNarrative({ ctx: at(co), input: { incidentId: id, ...NARRATIVE } });
    await expectRefused(
      id,
      () => returnIncidentReport({ ctx: at(ro), input: { incidentId: id, reason: "Say more about the remediation." } }),
      "errors.incidents.returnNotSubmitted",
    );
    await submitIncidentReport({ ctx: at(co), input: { incidentId: id } });
    await expectRefused(
      id,
      () => returnIncidentReport({ ctx: at(co2), input: { incidentId: id, reason: "Say more about the remediation." } }),
      "errors.incidents.returnNeedsResponsibleOfficer",
    );
    await expect(returnIncidentReport({ ctx: at(ro), input: { incidentId: id, reason: "short" } })).rejects.toMatchObject({
      userMessage: { key: "validation.incidents.returnReasonTooShort" },
    });
    expect(await returnIncidentReport({ ctx: at(ro), input: { incidentId: id, reason: "Say more about the remediation." } })).toEqual({ status: "draft" });
    expect(await prisma.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "draft", submittedById: null, submittedAt: null });
    await saveIncidentNarrative({ ctx: at(co2), input: { incidentId: id, ...NARRATIVE, remediation: "The backstop panel grows from 3 to 5 providers." } });
    const returned = await prisma.auditLog.findFirstOrThrow({ where: { entity: "Incident", entityId: id, action: "incident.return" } });
    expect(returned.reason).toBe("Say more about the remediation.");
    expect(await auditActions(id)).toEqual(["incident.narrative_save", "incident.submit", "incident.return", "incident.narrative_save"]);
  });
});

describe("the 24-hour reporting clock (DISC-7)", () => {
  const officerCount = () =>
    prisma.userRole.findMany({ where: { role: { in: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"] } }, distinct: ["userId"] }).then((r) => r.length);
  const noticesOf = (incidentId: string, kind: string) => prisma.clientNotice.findMany({ where: { incidentId, kind } });
  const parallelRuns = (now: Date, n = 8) => Promise.all(Array.from({ length: n }, () => runIncidentClock(prisma, now)));

  it("DISC-7: escalation fires once at T−6 h and once at T−2 h under parallel runs, then the deadline marks the incident overdue for good", async () => {
    const openedAt = new Date(Date.UTC(2026, 11, 2, 8, 0, 0) + randomInt(0, 3_600_000));
    const id = await insertIncident({ openedAt });
    const deadline = new Date(openedAt.getTime() + INCIDENT_POLICY.reportDueMs);
    const officers = await officerCount();
    const before = (ms: number) => new Date(deadline.getTime() - ms);

    await parallelRuns(before(6 * HOUR_MS + 1));
    expect(await prisma.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ escalatedT6At: null, escalatedT2At: null, overdueAt: null });
    expect(await noticesOf(id, "escalation")).toHaveLength(0);

    const t6 = before(6 * HOUR_MS);
    await parallelRuns(t6);
    await parallelRuns(new Date(t6.getTime() + 30_000));
    let row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ escalatedT6At: t6, escalatedT2At: null, overdueAt: null });
    let escalations = await noticesOf(id, "escalation");
    expect(escalations).toHaveLength(officers);
    expect(new Set(escalations.map((n) => n.userId)).size).toBe(officers);
    expect(escalations[0].params).toMatchObject({ hours: 6, incidentId: id, market: "BTC-PERP", status: "draft" });
    expect(escalations[0].body).toContain("a draft awaiting its cause, impact and remediation");

    const t2 = before(2 * HOUR_MS);
    await parallelRuns(t2);
    row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ escalatedT6At: t6, escalatedT2At: t2, overdueAt: null });
    escalations = await noticesOf(id, "escalation");
    expect(escalations).toHaveLength(2 * officers);
    expect(escalations.filter((n) => (n.params as { hours: number }).hours === 2)).toHaveLength(officers);

    await parallelRuns(deadline);
    row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row.overdueAt).toEqual(deadline);
    expect(await noticesOf(id, "overdue")).toHaveLength(officers);
    await parallelRuns(new Date(deadline.getTime() + HOUR_MS));
    expect(await noticesOf(id, "overdue")).toHaveLength(officers);

    // Published late: the overdue mark stays on the record.
    const late = new Date(deadline.getTime() + 2 * HOUR_MS);
    const stepUpAt = new Date(late.getTime() - 60_000);
    const roLate = { ...ro, stepUpAt };
    await saveIncidentNarrative({ ctx: at(co, late), input: { incidentId: id, ...NARRATIVE } });
    await submitIncidentReport({ ctx: at(co, late), input: { incidentId: id } });
    await approveIncidentReport({ ctx: at(roLate, late), input: { incidentId: id } });
    await publishIncidentReport({ ctx: at(co, late), input: { incidentId: id } });
    row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "published", overdueAt: deadline });
    await parallelRuns(new Date(late.getTime() + HOUR_MS));
    expect((await prisma.incident.findUniqueOrThrow({ where: { id } })).overdueAt).toEqual(deadline);

    expect(await auditActions(id)).toEqual([
      "incident.escalation",
      "incident.escalation",
      "incident.overdue",
      "incident.narrative_save",
      "incident.submit",
      "incident.approve",
      "incident.publish",
    ]);
  });

  it("DISC-7: a clock that first sees an incident late sends only the step now due, and a published report stops the clock", async () => {
    const late = await insertIncident({ openedAt: new Date(Date.UTC(2026, 11, 3, 8)) });
    const lateRow = await prisma.incident.findUniqueOrThrow({ where: { id: late } });
    const oneHourLeft = new Date(lateRow.deadlineAt.getTime() - HOUR_MS);
    await parallelRuns(oneHourLeft, 4);
    expect(await prisma.incident.findUniqueOrThrow({ where: { id: late } })).toMatchObject({
      escalatedT6At: null,
      escalatedT2At: oneHourLeft,
      overdueAt: null,
    });

    const pastDeadline = await insertIncident({ openedAt: new Date(Date.UTC(2026, 11, 3, 9)) });
    const pastRow = await prisma.incident.findUniqueOrThrow({ where: { id: pastDeadline } });
    const after = new Date(pastRow.deadlineAt.getTime() + 60_000);
    await parallelRuns(after, 4);
    expect(await prisma.incident.findUniqueOrThrow({ where: { id: pastDeadline } })).toMatchObject({
      escalatedT6At: null,
      escalatedT2At: null,
      overdueAt: after,
    });
    expect(await noticesOf(pastDeadline, "escalation")).toHaveLength(0);

    const onTime = await insertIncident({ openedAt: new Date(Date.UTC(2026, 11, 3, 10)) });
    await prisma.incident.update({ where: { id: onTime }, data: { status: "published", publishedAt: new Date(Date.UTC(2026, 11, 3, 12)) } });
    const onTimeRow = await prisma.incident.findUniqueOrThrow({ where: { id: onTime } });
    await parallelRuns(new Date(onTimeRow.deadlineAt.getTime() + HOUR_MS), 2);
    expect(await prisma.incident.findUniqueOrThrow({ where: { id: onTime } })).toMatchObject({ escalatedT6At: null, escalatedT2At: null, overdueAt: null });
    expect(await prisma.clientNotice.count({ where: { incidentId: onTime } })).toBe(0);
  });
});

// Last, because every client in the schema receives each publication's notice; the clients made
// here are removed afterwards, so later files on this worker's schema do not inherit two thousand of them.
describe("publication to every client (DISC-7, REC-6)", () => {
  const made: string[] = [];
  afterAll(async () => {
    const userId = { in: made };
    await prisma.noticeDelivery.deleteMany({ where: { userId } });
    await prisma.clientNotice.deleteMany({ where: { userId } });
    const accounts = await prisma.tradingAccount.findMany({ where: { userId }, select: { engineAccountId: true } });
    await prisma.clientPosition.deleteMany({ where: { engineAccountId: { in: accounts.map((a) => a.engineAccountId) } } });
    await prisma.tradingAccount.deleteMany({ where: { userId } });
    await prisma.user.deleteMany({ where: { id: userId } });
  });

  it("DISC-7 / REC-6: of 20 parallel publishes exactly one publishes; every client, with or without a position, gets exactly one notice with its delivery records", async () => {
    const id = await insertIncident();
    // Clients with no trading account (more than one page of notices) and one holding a position in the
    // market: the report goes to all of them.
    const [withoutPositions, [holder]] = await Promise.all([insertClients(PUBLISH_NOTICE_PAGE + 50), insertClients(1)]);
    made.push(...withoutPositions, holder);
    const engineAccountId = randomInt(1_000_000, 2 ** 31 - 1);
    await prisma.tradingAccount.create({ data: { userId: holder, engineAccountId } });
    await prisma.clientPosition.create({ data: { engineAccountId, market: "BTC-PERP", lots: 3 } });

    await saveIncidentNarrative({ ctx: at(co), input: { incidentId: id, ...NARRATIVE } });
    await submitIncidentReport({ ctx: at(co), input: { incidentId: id } });
    await approveIncidentReport({ ctx: at(ro), input: { incidentId: id } });

    const publishAt = new Date(WORKING.getTime() + 60_000);
    // Four database clients stand for four server processes, five requests from each.
    const processes = [prisma, ...Array.from({ length: 3 }, () => createPrismaClient(database.url, database.schema))];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        publishIncidentReport({ ctx: contextFor(processes[i % 4], i % 2 === 0 ? co : ro, () => publishAt), input: { incidentId: id } }),
      ),
    );
    await Promise.all(processes.slice(1).map((client) => client.$disconnect()));
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    // Refused while the winner writes its notices, or after it committed.
    for (const loss of lost)
      expect(["errors.incidents.publishUnderWay", "errors.incidents.alreadyPublished"], String(loss.reason)).toContain(
        (loss.reason as ServiceError).userMessage?.key,
      );

    const clients = await prisma.userRole.findMany({ where: { role: "CLIENT" }, select: { userId: true } });
    const { clientsNotified, publishedHash } = (won[0] as PromiseFulfilledResult<{ clientsNotified: number; publishedHash: string }>).value;
    expect(clientsNotified).toBe(clients.length);

    const notices = await prisma.clientNotice.findMany({ where: { incidentId: id }, include: { deliveries: true } });
    expect(notices).toHaveLength(clients.length);
    expect(new Set(notices.map((n) => n.userId))).toEqual(new Set(clients.map((c) => c.userId)));
    for (const userId of [...withoutPositions, holder]) expect(notices.filter((n) => n.userId === userId)).toHaveLength(1);
    for (const notice of notices) {
      expect(notice).toMatchObject({ kind: "reportPublished", dedupeKey: `report:${id}:${notice.userId}`, createdAt: publishAt });
      expect(notice.params).toEqual({ market: "BTC-PERP", date: "2026-12-01", time: "2026-12-01 08:00:00 UTC" });
      expect(notice.deliveries.map((d) => d.channel).sort()).toEqual(["email", "inbox"]);
    }

    const row = await prisma.incident.findUniqueOrThrow({ where: { id } });
    const expected: PublishedIncidentReport = {
      report: minimalReport(id),
      narrative: NARRATIVE,
      approval: { byRole: "RESPONSIBLE_OFFICER", at: WORKING.toISOString() },
      publishedAt: publishAt.toISOString(),
    };
    expect(row.status).toBe("published");
    expect(row.published).toBe(canonicalJson(expected));
    expect(JSON.parse(row.published!)).toEqual(expected);
    expect(row.publishedHash).toBe(createHash("sha256").update(row.published!, "utf8").digest("hex"));
    expect(row.publishedHash).toBe(publishedHash);
    expect(row.overdueAt).toBeNull();

    await expectRefused(
      id,
      () => publishIncidentReport({ ctx: at(ro, new Date(publishAt.getTime() + 1_000)), input: { incidentId: id } }),
      "errors.incidents.alreadyPublished",
    );
    expect(await auditActions(id)).toEqual(["incident.narrative_save", "incident.submit", "incident.approve", "incident.publish"]);

    // The public record: the published text exactly, and nothing for an unpublished or unknown id.
    const published = await getPublishedIncident({ ctx: contextFor(prisma, null), input: { incidentId: id } });
    expect(published).toMatchObject({ id, market: "BTC-PERP", text: row.published, hash: row.publishedHash, document: expected });
    expect((await listPublishedIncidents({ ctx: contextFor(prisma, null) })).map((item) => item.id)).toContain(id);
    const unpublished = await insertIncident();
    for (const incidentId of [unpublished, "inc-test-none", "../etc/passwd"])
      await expect(getPublishedIncident({ ctx: contextFor(prisma, null), input: { incidentId } })).rejects.toMatchObject({ status: 404 });
    expect((await listPublishedIncidents({ ctx: contextFor(prisma, null) })).map((item) => item.id)).not.toContain(unpublished);

    const detail = await getIncident({ ctx: at(co), input: { incidentId: id } });
    expect(detail).toMatchObject({ status: "published", clientsNotified: clients.length, publishedBy: { id: expect.any(String) as string } });
    expect(detail.history.map((h) => h.action)).toEqual(["incident.narrative_save", "incident.submit", "incident.approve", "incident.publish"]);
    expect((await listIncidents({ ctx: at(co) })).find((item) => item.id === id)).toMatchObject({ status: "published" });
  });
});
